// Typing slips for the local classifier: "my icloud stroage is full", "it keeps sending notifcations". A word that
// is neither the bot's nor English (the word-list package's 274,000 words: "barking" is not "backing") and is one
// or two letters away from one of the bot's words (NLP.js's own spell checker, edit distance over the training
// words, the commoner word on a tie) is read as that word. Lex's model is trained on
// far more text and shrugs such slips off; without this, one typo in an opening message sent a caller to the
// wrong answer. Only for the NLU: the transcript the Lambda reads stays as typed.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import wordListPath from "word-list";

interface SpellCheckJs {
  checkToken(token: string, distance: number): string;
}
const require = createRequire(import.meta.url);
const { SpellCheck } = require("@nlpjs/similarity") as {
  SpellCheck: new (settings: { features: Record<string, number>; minLength: number }) => SpellCheckJs;
};

/** Shorter words are left alone: "kid" is not "kids", "stage" is not "state". */
const MIN_LENGTH = 5;
/** From this length two slips are allowed ("stroage", a swap, is two edits from "storage"). */
const TWO_SLIPS_FROM = 7;

export class Speller {
  private readonly check: SpellCheckJs;

  constructor(
    private readonly counts: ReadonlyMap<string, number>,
    /** Whether a word is English as it is: never corrected. */
    private readonly isEnglish: (word: string) => boolean = isEnglishWord,
  ) {
    this.check = new SpellCheck({ features: Object.fromEntries(counts), minLength: MIN_LENGTH });
  }

  /** The words of the training phrases, counted. */
  static of(phrases: readonly string[]): Speller {
    const counts = new Map<string, number>();
    for (const phrase of phrases)
      for (const word of phrase.toLowerCase().match(/[a-z']+/g) ?? [])
        counts.set(word, (counts.get(word) ?? 0) + 1);
    return new Speller(counts);
  }

  /** The text with each unknown word of letters that is a slip from a known one replaced by it. */
  correct(text: string): string {
    return text.replace(/[A-Za-z']+/g, (word) => {
      const lower = word.toLowerCase();
      if (lower.length < MIN_LENGTH || this.counts.has(lower) || lower.includes("'") || this.isEnglish(lower))
        return word;
      const fixed = this.check.checkToken(lower, lower.length >= TWO_SLIPS_FROM ? 2 : 1);
      return fixed && fixed !== lower ? fixed : word;
    });
  }
}

let english: string | undefined;
/**
 * Whether the English word list has the word. The list is read once and searched as text (a millisecond or two
 * for the few unknown words of a turn): a set of its 274,000 words would add 200 ms to the runtime's start.
 */
function isEnglishWord(word: string): boolean {
  const known = looked.get(word);
  if (known !== undefined) return known;
  english ??= `\n${readFileSync(wordListPath, "utf8")}\n`;
  const found = english.includes(`\n${word}\n`);
  if (looked.size >= MAX_LOOKED) looked.clear();
  looked.set(word, found);
  return found;
}
/** Words looked up already (a busy runtime hears the same ones again and again), up to a bound. */
const looked = new Map<string, boolean>();
const MAX_LOOKED = 10_000;
