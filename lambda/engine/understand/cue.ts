// A cue: a regular expression the reader looks for in what the caller said, run only when the words it cannot match
// without are there. The reader has some hundred and forty of them and most turns could match a few dozen: V8
// compiles an expression the first time it runs (about 0.1 ms each) and again, to machine code, the second time,
// which cost a cold Lambda's first turns 10 to 20 ms. A cue whose needed words are missing from the text is
// answered with a few `includes`, compiles nothing and runs nothing.
//
// The needed words come from cue-needs.json, keyed by a hash of the pattern (written by `npm run cues` from
// pattern-needs.ts, which stays out of the Lambda; a test keeps the file current). A pattern missing from it is
// always run: a stale file costs time, never a wrong reading.
import needsByHash from "./cue-needs.json" with { type: "json" };

const KNOWN: Readonly<Record<string, readonly string[] | null>> = needsByHash;

/** FNV-1a, 32 bits, of a pattern's source, as eight hex digits: the key of its needs in cue-needs.json. */
export function patternKey(pattern: RegExp): string {
  let hash = 0x811c9dc5;
  const source = pattern.source;
  for (let i = 0; i < source.length; i++) {
    hash ^= source.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${pattern.flags}${(hash >>> 0).toString(16).padStart(8, "0")}`;
}

export class Cue {
  /** Literal strings one of which every match contains (null: none known, always run); undefined until known. */
  private needs: readonly string[] | null | undefined;

  constructor(readonly pattern: RegExp) {}

  /** Whether the text could match: false is certain, true means run the pattern. */
  private couldMatch(text: string): boolean {
    if (this.needs === undefined) this.needs = KNOWN[patternKey(this.pattern)] ?? null;
    if (this.needs === null) return true;
    for (const need of this.needs) if (text.includes(need)) return true;
    return false;
  }

  test(text: string): boolean {
    return this.couldMatch(text) && this.pattern.test(text);
  }

  exec(text: string): RegExpExecArray | null {
    return this.couldMatch(text) ? this.pattern.exec(text) : null;
  }
}

/** Every cue made, for scripts/cue-needs.ts and its test. */
export const allCues: Cue[] = [];

/** A cue for `pattern` (not global or sticky: a cue keeps no position between texts). */
export function cue(pattern: RegExp): Cue {
  if (pattern.global || pattern.sticky)
    throw new Error(`a cue keeps no position: /${pattern.source}/${pattern.flags}`);
  const made = new Cue(pattern);
  allCues.push(made);
  return made;
}

/** Whether any of the cues is in the text. */
export const anyCue = (cues: readonly Cue[], text: string): boolean => cues.some((c) => c.test(text));
