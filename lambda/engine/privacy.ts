// Recognises a caller starting to say something secret or personal, so the line can stop them, and so it is
// never repeated back or written to a log.
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+|\b(at|@)\s+[a-z0-9-]+\s+(dot|\.)\s+(com|net|org|me|edu|co)\b/i;
const SECRET_LEAD = /\b(password|passcode|pass code|code|pin|apple id)\s+(is|was|it's|would be)\b/i;
/** Six or more digits in a row (spaces or dashes between): a code, a card or a phone number. */
const LONG_NUMBER = /\d(?:[\s-]?\d){5,}/;

export function looksPersonal(transcript: string): boolean {
  return EMAIL.test(transcript) || SECRET_LEAD.test(transcript) || LONG_NUMBER.test(transcript);
}

/** What may be logged of a transcript when debugging: emails and long numbers masked, nothing after a secret. */
export function redact(transcript: string): string {
  const lead = SECRET_LEAD.exec(transcript);
  const kept = lead ? `${transcript.slice(0, lead.index + lead[0].length)} [redacted]` : transcript;
  return kept
    .replace(new RegExp(EMAIL.source, "gi"), "[email]")
    .replace(new RegExp(LONG_NUMBER.source, "g"), "[number]");
}

const SECRET_PROMPT = /\b(password|passcode|pass code|verification code|security code)\b/i;

/** Whether the step the caller was answering talked about a password or code: their next words may be one. */
export function promptAboutSecret(texts: Array<string | undefined>): boolean {
  return texts.some((t) => t !== undefined && SECRET_PROMPT.test(t));
}
