// What a regular expression cannot match without: a short list of literal strings, one of which is in every text
// it matches (a prefilter, as RE2 and Hyperscan compute one). "\b(didn't|doesn't) (work|help)\b" needs "didn't" or
// "doesn't": a text with neither is not a match, found with a few `includes` instead of running (and, the first
// time, compiling) the expression. Used by cue.ts; computed ahead of time by scripts/cue-needs.ts.
//
// Sound by construction, never clever: anything this reader does not follow (a flag, an escape it doesn't know,
// a back-reference) gives no needs at all, and the expression is always run.

/** Needs shorter than this are too common to be worth checking ("a", ","). */
const MIN_NEED = 2;

/** Alternatives of literal strings, one of which a match contains; undefined: nothing known. */
type Needs = string[] | undefined;

interface Atom {
  /** A literal character. */
  char?: string;
  /** A group's needs. */
  group?: Needs;
  /** Zero-width (\b, ^, $, a lookaround): does not break a run of literal characters. */
  zeroWidth?: boolean;
}

class Unsupported extends Error {}

/** A string's selectivity as a need: longer strings, and fewer of them, rule out more texts. */
function score(needs: Needs): number {
  if (!needs || needs.length === 0) return Number.NEGATIVE_INFINITY;
  return Math.min(...needs.map((n) => n.length)) * 4 - needs.length / 4;
}

/** Drops needs that contain another need: a text with "goodbye" has "bye" anyway. */
function minimal(needs: string[]): string[] {
  const unique = [...new Set(needs)].sort((a, b) => a.length - b.length);
  return unique.filter((n, i) => !unique.slice(0, i).some((shorter) => n.includes(shorter)));
}

class Reader {
  private at = 0;
  constructor(private readonly source: string) {}

  read(): Needs {
    const needs = this.alternation();
    if (this.at !== this.source.length) throw new Unsupported("unbalanced");
    return needs;
  }

  private alternation(): Needs {
    const branches = [this.sequence()];
    while (this.source[this.at] === "|") {
      this.at++;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0];
    const all: string[] = [];
    for (const branch of branches) {
      if (!branch) return undefined;
      all.push(...branch);
    }
    return all;
  }

  /** The best of a sequence's mandatory parts: a run of literal characters, or a group that must match. */
  private sequence(): Needs {
    const candidates: string[][] = [];
    let run = "";
    const endRun = () => {
      if (run) candidates.push([run]);
      run = "";
    };
    const s = this.source;
    while (this.at < s.length && s[this.at] !== "|" && s[this.at] !== ")") {
      const atom = this.atom();
      const { min, max } = this.quantifier();
      if (atom.zeroWidth) continue;
      if (atom.char !== undefined && min >= 1) {
        run += atom.char;
        if (max !== 1) endRun();
        continue;
      }
      endRun();
      if (atom.group && min >= 1) candidates.push(atom.group);
    }
    endRun();
    let best: Needs;
    for (const candidate of candidates) if (score(candidate) > score(best)) best = candidate;
    return best;
  }

  private atom(): Atom {
    const s = this.source;
    const c = s[this.at] ?? "";
    this.at++;
    if (c === "(") return this.group();
    if (c === "[") {
      if (s[this.at] === "^") this.at++;
      if (s[this.at] === "]") this.at++;
      while (this.at < s.length && s[this.at] !== "]") this.at += s[this.at] === "\\" ? 2 : 1;
      if (s[this.at] !== "]") throw new Unsupported("class");
      this.at++;
      return {};
    }
    if (c === "\\") {
      const e = s[this.at] ?? "";
      this.at++;
      if (e === "b" || e === "B") return { zeroWidth: true };
      if ("dDwWsS".includes(e)) return {};
      // Escaped punctuation is itself; anything else (\n, \u, \k, back-references) is not followed.
      if (/^[\\/.^$|?*+()[\]{}\-,'!:=<>]$/.test(e)) return { char: e };
      throw new Unsupported(`escape \\${e}`);
    }
    if (c === "^" || c === "$") return { zeroWidth: true };
    if (c === ".") return {};
    if ("?*+{}]".includes(c)) throw new Unsupported(`stray ${c}`);
    return { char: c };
  }

  private group(): Atom {
    const s = this.source;
    let lookaround = false;
    if (s[this.at] === "?") {
      const kind = s.slice(this.at, this.at + 3);
      if (kind.startsWith("?:")) this.at += 2;
      else if (kind.startsWith("?=") || kind.startsWith("?!")) {
        this.at += 2;
        lookaround = true;
      } else if (kind === "?<=" || kind === "?<!") {
        this.at += 3;
        lookaround = true;
      } else if (kind.startsWith("?<")) this.at = s.indexOf(">", this.at) + 1;
      else throw new Unsupported("group");
    }
    const inner = this.alternation();
    if (s[this.at] !== ")") throw new Unsupported("unclosed group");
    this.at++;
    return lookaround ? { zeroWidth: true } : { group: inner };
  }

  private quantifier(): { min: number; max: number } {
    const s = this.source;
    const q = s[this.at];
    let min = 1;
    let max = 1;
    if (q === "?") min = 0;
    else if (q === "*") {
      min = 0;
      max = Number.POSITIVE_INFINITY;
    } else if (q === "+") max = Number.POSITIVE_INFINITY;
    else if (q === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.at));
      if (!m) throw new Unsupported("brace");
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Number.POSITIVE_INFINITY;
      this.at += m[0].length - 1;
    } else return { min, max };
    this.at++;
    if (s[this.at] === "?") this.at++;
    return { min, max };
  }
}

/**
 * The literal strings one of which every match of `pattern` contains, fewest and longest found; undefined when
 * nothing useful is known (the pattern is then always run). Case-insensitive and Unicode-set patterns are not
 * followed.
 */
export function patternNeeds(pattern: RegExp): string[] | undefined {
  if (/[iv]/.test(pattern.flags)) return undefined;
  try {
    const needs = new Reader(pattern.source).read();
    if (!needs || needs.some((n) => n.length < MIN_NEED)) return undefined;
    return minimal(needs);
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}
