// A question's own answer words in what the caller said: the longest phrase found (said as written, or with a
// few words let in), read with the words around it ("not green" is the opposite of "green"), with synonyms and
// contractions counted as the same ("loads of room" is "lots of space", "there's one" is "there is one").
import type { AnswerWords } from "../../content/types.js";

export type Polarity = "yes" | "no" | "maybe";

/** Words that turn a following answer phrase into its opposite ("it's not green"). */
const NEGATORS = new Set([
  "not",
  "isn't",
  "wasn't",
  "aren't",
  "doesn't",
  "don't",
  "didn't",
  "hasn't",
  "haven't",
  "won't",
  "can't",
  "couldn't",
  "never",
  "hardly",
  "barely",
  "nowhere",
  // "Nothing about storage": no mention of it.
  "nothing",
  "without",
  "cannot",
  // Typed without the apostrophe.
  "dont",
  "isnt",
  "doesnt",
  "didnt",
  "cant",
  "wont",
  "couldnt",
  "wouldnt",
  "hasnt",
  "havent",
  "wasnt",
  "arent",
]);
const NEGATION_WINDOW = 8;

interface PhraseMatch {
  answer: Polarity;
  start: number;
  /** Tokens the match spans, words let in between included. */
  length: number;
  /** Words of the phrase. */
  words: number;
}

const isNegator = (w: string) => NEGATORS.has(w) || w.endsWith("n't") || w === "no" || w === "not";
/**
 * Whether a statement in the (normalised) text is negated: "isn't syncing", "never turns on"; a "no" answers, and
 * "nothing" is no negation of a statement ("nothing else").
 */
export const saysNegation = (text: string) =>
  text.split(" ").some((w) => w !== "no" && w !== "nothing" && isNegator(w));

/**
 * Words a caller may put inside a phrase ("forgot my Apple ID password" for "forgot my password"). A negation
 * inside it says the opposite, as one before it does: "it's not working" for "it's working", "I can't remember
 * it" for "I remember it".
 */
const MAX_INSERTED = 2;

/** The span of phrase `p` starting at token `i` (its words in order, a few let in between, in one clause), and how many negations were let in. */
function matchFrom(
  tokens: string[],
  i: number,
  p: string[],
): { span: number; negations: number } | undefined {
  if (tokens[i] !== p[0]) return undefined;
  let at = i;
  let negations = 0;
  for (const word of p.slice(1)) {
    let next = at + 1;
    while (
      next < tokens.length &&
      tokens[next] !== word &&
      next - at - 1 < MAX_INSERTED &&
      tokens[next] !== "," &&
      tokens[next] !== "no"
    )
      next++;
    if (tokens[next] !== word) return undefined;
    for (let k = at + 1; k < next; k++) if (isNegator(tokens[k] ?? "")) negations++;
    at = next;
  }
  return { span: at - i + 1, negations };
}

/** "There's one" and "there is one" are the same answer. */
const expand = (text: string) =>
  text
    // "Its going", typed without the apostrophe: "it's", before what an answer says of it.
    .replace(
      /\bits (?=(going|working|done|fixed|backing|stuck|still|not|on|off|full|green|grey|gray|finished|moving|uploading|running|fine|ok|okay)\b)/g,
      "it is ",
    )
    .replace(/\b(there|it|that|what|here)'s\b/g, "$1 is")
    .replace(/\bi'm\b/g, "i am")
    .replace(/\bi've\b/g, "i have")
    .replace(/\b(is|was|are|were)n't\b/g, "$1 not");

/** Words that mean the same in an answer: "loads of room" is "lots of space", "grayish" is "gray". */
const SAME: Record<string, string> = {
  loads: "lots",
  tons: "lots",
  heaps: "lots",
  plenty: "lots",
  lot: "lots",
  room: "space",
  storage: "space",
  grey: "gray",
  greyish: "gray",
  grayish: "gray",
  greenish: "green",
  whitish: "white",
  "it's": "its",
  "it’s": "its",
  okay: "ok",
  // "About 25 min left" ("min" is respelled "minute") is "minutes left".
  minute: "minutes",
  min: "minutes",
  mins: "minutes",
  hour: "hours",
  hr: "hours",
  hrs: "hours",
};
/** "Whitish", "white-ish", "grey-ish": the colour itself. */
const ISH = /^([a-z]{3,})-?ish$/;
const canonical = (word: string) => {
  const same = SAME[word];
  if (same) return same;
  const base = word.endsWith("ish") ? ISH.exec(word)?.[1] : undefined;
  return base ? (SAME[base] ?? SAME[`${base}ish`] ?? base) : word;
};

/** A question's answer phrases as the words they are compared in, worked out once per question. */
const phraseWordsOf = new WeakMap<AnswerWords, Record<Polarity, string[][]>>();
function phraseWords(words: AnswerWords): Record<Polarity, string[][]> {
  let known = phraseWordsOf.get(words);
  if (!known) {
    const split = (phrases: readonly string[]) =>
      phrases.map((phrase) => expand(phrase).split(" ").map(canonical));
    known = { yes: split(words.yes), no: split(words.no), maybe: split(words.maybe ?? []) };
    phraseWordsOf.set(words, known);
  }
  return known;
}

/** How near a word of `elsewhere` must be to an answer phrase to make it about something else. */
const ELSEWHERE_WINDOW = 2;

/** The longest answer phrase in the words (a phrase inside a longer one loses), and whether it is negated. */
export function matchAnswerWords(
  text: string,
  words: AnswerWords | undefined,
): { answer: Polarity; rest: string; gapped: boolean } | undefined {
  if (!words) return undefined;
  const tokens = expand(text).split(" ").map(canonical);
  const elsewhere = new Set(words.elsewhere ?? []);
  /** A match next to a word that puts it about something else ("full bars"); the phrase's own words don't count. */
  const aboutElse = (start: number, span: number) =>
    elsewhere.size > 0 &&
    [
      ...tokens.slice(Math.max(0, start - ELSEWHERE_WINDOW), start),
      ...tokens.slice(start + span, start + span + ELSEWHERE_WINDOW),
    ].some((w) => elsewhere.has(w));
  let best: (PhraseMatch & { negations: number }) | undefined;
  const phrases = phraseWords(words);
  for (const answer of ["yes", "no", "maybe"] as const) {
    for (const p of phrases[answer]) {
      for (let i = 0; i < tokens.length; i++) {
        const match = matchFrom(tokens, i, p);
        if (match === undefined || aboutElse(i, match.span)) continue;
        const span = match.span;
        // A phrase said as written beats one with words let in; then the longer phrase, then the tighter match.
        const exact = span === p.length;
        const bestExact = best !== undefined && best.length === best.words;
        // Too soon to tell only when no yes or no is said as written ("stuck on estimating time remaining").
        if (answer === "maybe" && bestExact) continue;
        const better =
          !best ||
          (exact && !bestExact) ||
          (exact === bestExact && (p.length > best.words || (p.length === best.words && span < best.length)));
        if (better) best = { answer, start: i, length: span, words: p.length, negations: match.negations };
      }
    }
  }
  if (!best) return undefined;
  let negated = best.negations % 2 === 1;
  for (let i = best.start - 1; i >= Math.max(0, best.start - NEGATION_WINDOW); i--) {
    const w = tokens[i] ?? "";
    if (w === "," || w === "but" || w === "and") break;
    // "No" right before a yes phrase negates a thing ("no update available"), not a clause ("no, I've forgotten
    // it"), and never a no phrase ("no, still says storage full").
    const clause = /^(i|it|its|it's|that|there|we|my|you|he|she|they|this)$/.test(tokens[best.start] ?? "");
    if (
      (isNegator(w) && w !== "no") ||
      (w === "no" && i === best.start - 1 && !clause && best.answer === "yes")
    )
      negated = !negated;
  }
  // A negated maybe phrase ("it's not estimating any more") says nothing either way.
  if (negated && best.answer === "maybe") return undefined;
  const answer = negated ? (best.answer === "yes" ? "no" : "yes") : best.answer;
  // The rest of the phrase's own clause: doubt said there is about this answer ("I'm not sure it finished"), not
  // doubt in another clause ("grey, maybe my storage is full, I don't know").
  let from = best.start;
  while (from > 0 && tokens[from - 1] !== ",") from--;
  let to = best.start + best.length;
  while (to < tokens.length && tokens[to] !== ",") to++;
  const rest = [...tokens.slice(from, best.start), ...tokens.slice(best.start + best.length, to)].join(" ");
  return { answer, rest, gapped: best.length > best.words };
}
