// Recognises a caller starting to say something secret or personal, so the line can stop them, and so it is
// never repeated back or written to a log. A problem described with the same words ("my password is wrong",
// "my apple id is locked", "the code isn't coming") is not a secret: the words after "is" tell them apart.
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+|\b(at|@)\s+[a-z0-9-]+\s+(dot|\.)\s+(com|net|org|me|edu|co)\b/i;
const SECRET_LEAD =
  /\b(password|passcode|pass code|code|pin|apple id|apple account|email address|email)(?:\s+(?:for|on|of|to)\s+(?:[a-z']+\s+){0,3}?[a-z']+)?\s+(is|was|it's|would be|is like|should be)\b/i;
/**
 * A word of letters and digits together ("sunshine2024", "tiger99"): what passwords look like, not words people
 * say. Model names, sizes and times are not: "iphone15", "50gb", "5g", "2nd", "10am", "1990s".
 */
const MIXED = /\b(?=[a-z]*\d)(?=\d*[a-z])[a-z\d]{5,}\b/gi;
const NOT_SECRET =
  /^(iphone|ipad|ios|ipados|macos|watchos|airpods|mac|series)\d+|^\d+(gb|g|tb|mb|gig|gigs|st|nd|rd|th|am|pm|s|mbps|min|mins|hrs?|x)$/i;
const DIGIT = /\d/;
const hasSecretWord = (text: string) =>
  DIGIT.test(text) && [...text.matchAll(MIXED)].some((m) => !NOT_SECRET.test(m[0]));
/** Six or more digits in a row (spaces or dashes between): a code, a card or a phone number. */
const LONG_NUMBER = /\d(?:[\s-]?\d){5,}/;

/**
 * Words that, right after "my password is", describe a problem rather than start the secret itself. A secret is
 * one made-up word or a string of characters; these are the ways callers say what is wrong with it.
 */
const PROBLEM_AFTER_LEAD =
  /^(not|no longer|wrong|incorrect|invalid|locked|disabled|blocked|expired|forgotten|lost|rejected|different|the wrong|the same|too|still|being|never|always|definitely|right|correct|fine|okay|ok|working|broken|stuck|changed|new|old|saved|on|in|what|showing|saying|coming|asking|needed|required|unknown|unrecognized|unrecognised|recognized|recognised|verified|unverified|missing|empty|gone|messed|mixed|a problem|the problem|an issue|the issue|my|also|definitely|probably|maybe|i think|just|and|but|so|because|isn't|wasn't|doesn't)\b/i;

/** "No idea what the password is", "I forgot what my code was": talking about a secret, not saying it. */
const ABOUT_NOT_SAYING =
  /\b(what|which|where|whatever|idea|know|remember|forgot|forget|sure|find|tell you)\b[\w' ]{0,30}$/i;

function secretLead(transcript: string): RegExpExecArray | undefined {
  // Most turns have no lead at all: one test of the compiled pattern before a global copy is made and walked.
  if (!SECRET_LEAD.test(transcript)) return undefined;
  for (const match of transcript.matchAll(new RegExp(SECRET_LEAD.source, "gi"))) {
    const at = match.index ?? 0;
    const after = transcript
      .slice(at + match[0].length)
      .replace(/^[\s,.;:!?-]+/, "")
      .trim();
    const before = transcript.slice(Math.max(0, at - 40), at);
    if (
      ABOUT_NOT_SAYING.test(before) &&
      (after === "" ||
        /^[,.;!?]|^(my|and|but|so|i|it|he|she|they)\b/i.test(transcript.slice(at + match[0].length).trim()))
    )
      continue;
    if (!PROBLEM_AFTER_LEAD.test(after)) return match as RegExpExecArray;
  }
  return undefined;
}

/** Digits said as words, `n` or more in a row ("one two three four five six"): how a code or number is read out. */
const spelledDigits = (n: number) =>
  new RegExp(String.raw`\b(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\b[\s,-]*){${n},}`, "i");
const SPELLED_LONG = spelledDigits(6);
const SPELLED_SHORT = spelledDigits(4);
/** Four or more digits in a row: a PIN or part of a password, right after the line talked about one. */
const SHORT_NUMBER = /\d(?:[\s-]?\d){3,}/;

/**
 * Whether the words start to say something personal. `secretAsked`: the step being answered talked about a
 * password or code ("do you know your password?"), so a run of four digits or digit words ("I think it's my dog's
 * name and one two three four five") is one too.
 */
export function looksPersonal(transcript: string, { secretAsked = false } = {}): boolean {
  return (
    EMAIL.test(transcript) ||
    LONG_NUMBER.test(transcript) ||
    SPELLED_LONG.test(transcript) ||
    hasSecretWord(transcript) ||
    secretLead(transcript) !== undefined ||
    (secretAsked && (SHORT_NUMBER.test(transcript) || SPELLED_SHORT.test(transcript)))
  );
}

/** What may be logged of a transcript when debugging: emails and long numbers masked, nothing after a secret. */
export function redact(transcript: string): string {
  const lead = secretLead(transcript);
  const kept = lead ? `${transcript.slice(0, lead.index + lead[0].length)} [redacted]` : transcript;
  return kept
    .replace(MIXED, (w) => (NOT_SECRET.test(w) ? w : "[secret]"))
    .replace(new RegExp(EMAIL.source, "gi"), "[email]")
    .replace(new RegExp(LONG_NUMBER.source, "g"), "[number]");
}

const SECRET_PROMPT = /\b(password|passcode|pass code|verification code|security code)\b/i;

/** Whether the step the caller was answering talked about a password or code: their next words may be one. */
export function promptAboutSecret(texts: Array<string | undefined>): boolean {
  return texts.some((t) => t !== undefined && SECRET_PROMPT.test(t));
}
