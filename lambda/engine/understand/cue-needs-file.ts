// The contents of cue-needs.json for the reader as it is: every cue's pattern key and what it needs (null: nothing
// known, always run). Imports the reader so that every cue is made. Used by scripts/cue-needs.ts and its test; not
// imported by the Lambda.
import { allCues, patternKey } from "./cue.js";
import { patternNeeds } from "./pattern-needs.js";
import "./read-turn.js";

export function cueNeedsFile(): string {
  const sources = new Map<string, string>();
  for (const { pattern } of allCues) {
    const key = patternKey(pattern);
    const other = sources.get(key);
    // Two patterns with one key would share needs: a wrong reading. Change either pattern (a word order) if so.
    if (other !== undefined && other !== pattern.source)
      throw new Error(`cues /${other}/ and /${pattern.source}/ have the same key ${key}`);
    sources.set(key, pattern.source);
  }
  const entries = allCues
    .map((c) => [patternKey(c.pattern), patternNeeds(c.pattern) ?? null] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${JSON.stringify(Object.fromEntries(entries))}\n`;
}
