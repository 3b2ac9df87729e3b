// A cue: a regular expression the reader looks for in what the caller said, run only when the words it cannot match
// without are there. The reader has some hundred and thirty of them and most turns could match a few dozen: V8
// compiles an expression the first time it runs (about 0.1 ms each) and again, to machine code, the second time,
// which cost a cold Lambda's first turns 10 to 20 ms. A cue whose needed words are missing from the text is
// answered with a few `includes`, compiles nothing and runs nothing.
//
// The needed words come from cue-needs.json (written by `npm run cues` from pattern-needs.ts, checked by a test);
// a pattern missing from it works out its own on first use, so a stale file costs time, never a wrong reading.
import needsByPattern from "./cue-needs.json" with { type: "json" };
import { patternNeeds } from "./pattern-needs.js";

const KNOWN: Readonly<Record<string, readonly string[] | null>> = needsByPattern;

export class Cue {
  /** Literal strings one of which every match contains (null: none known, always run); undefined until known. */
  private needs: readonly string[] | null | undefined;

  constructor(readonly pattern: RegExp) {
    this.needs = KNOWN[pattern.source];
  }

  /** Whether the text could match: false is certain, true means run the pattern. */
  private couldMatch(text: string): boolean {
    if (this.needs === undefined) this.needs = patternNeeds(this.pattern) ?? null;
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
