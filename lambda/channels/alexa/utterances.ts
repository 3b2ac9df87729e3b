// Alexa's rules for sample utterances, which are stricter than Lex's: numbers spelled out (no digits), only
// letters, spaces, apostrophes and periods (for spoken abbreviations like "a. m."), at most 200 characters.
// The shared content is written for both channels, so each phrase is transformed where its spoken form is
// plain ("iphone 15" is "iphone fifteen", "wi-fi" is "wi fi", "?" and "," go) and rejected where it isn't
// ("5gb": "five gigabytes" or "five g. b."?). Build-time only.

import { ONES, TENS } from "../../engine/understand/number-words.js";

export const MAX_UTTERANCE_CHARS = 200;
/** What Alexa accepts in a sample utterance without slots. */
const ALLOWED = /^[a-z' .]+$/;

export type Transformed = { ok: true; text: string } | { ok: false; reason: string };

/** 0 to 999 in words ("fifteen", "two hundred five"); larger numbers are read too many ways to guess. */
export function spellNumber(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 0 || n > 999) return undefined;
  if (n < 20) return ONES[n];
  if (n < 100) return [TENS[Math.floor(n / 10)], n % 10 ? ONES[n % 10] : ""].filter(Boolean).join(" ");
  const rest = n % 100;
  return [`${ONES[Math.floor(n / 100)]} hundred`, rest ? spellNumber(rest) : ""].filter(Boolean).join(" ");
}

/** The problems Alexa would report for a sample utterance, or none. */
export function utteranceProblems(sample: string): string[] {
  const problems: string[] = [];
  // A slot is named in braces: "it's {words}". The rest follows the rules of any sample.
  const text = sample.replace(/\{[A-Za-z]\w*\}/g, "slot");
  if (text.trim().length === 0) problems.push("is empty");
  if (text.length > MAX_UTTERANCE_CHARS) problems.push(`is over ${MAX_UTTERANCE_CHARS} characters`);
  if (/\d/.test(text)) problems.push("has digits (numbers must be spelled out)");
  if (!ALLOWED.test(text)) problems.push("may only use letters, spaces, apostrophes and periods");
  if (text !== text.trim() || /\s{2,}/.test(text)) problems.push("has extra spaces");
  return problems;
}

/** A content phrase as an Alexa sample utterance, or why it can't be one. */
export function toAlexaUtterance(phrase: string): Transformed {
  const words = phrase
    .toLowerCase()
    // Lex allows "?", "," and "!" for readability; they are not spoken.
    .replace(/[?,!]/g, " ")
    // A hyphen joins words that are spoken separately: "wi-fi", "pop-up", "third-party".
    .replace(/-/g, " ")
    // A full stop after a word is the end of a sentence; after a single letter it marks a spoken abbreviation.
    .replace(/\b([a-z]{2,})\.(?=\s|$)/g, "$1")
    .split(/\s+/)
    .filter(Boolean);
  const spelled: string[] = [];
  for (const word of words) {
    if (/^\d+$/.test(word)) {
      const spoken = spellNumber(Number(word));
      if (!spoken) return { ok: false, reason: `the number ${word} can be said more than one way` };
      spelled.push(spoken);
    } else if (/\d/.test(word)) {
      return {
        ok: false,
        reason: `'${word}' mixes digits with other characters, so how it is said is a guess`,
      };
    } else spelled.push(word);
  }
  const text = spelled.join(" ");
  const problems = utteranceProblems(text);
  return problems.length === 0 ? { ok: true, text } : { ok: false, reason: problems.join("; ") };
}
