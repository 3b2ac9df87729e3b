// The contents of cue-needs.json for the reader as it is: every cue's pattern source and what it needs (null:
// nothing known, always run). Imports the reader so that every cue is made. Used by scripts/cue-needs.ts and its
// test; not imported by the Lambda.
import { allCues } from "./cue.js";
import { patternNeeds } from "./pattern-needs.js";
import "./read-turn.js";

export function cueNeedsFile(): string {
  const entries = allCues
    .map((c) => [c.pattern.source, patternNeeds(c.pattern) ?? null] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${JSON.stringify(Object.fromEntries(entries), null, 2)}\n`;
}
