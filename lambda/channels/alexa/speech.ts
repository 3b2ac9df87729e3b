// The engine's sentences as one Alexa SSML document, within Alexa's limit on output speech. The markup itself
// (sentences, pauses, escaping) is the shared renderer's, so both channels sound the same.
import { PAUSE_MS, toSsml } from "../../speech/render.js";

/** Alexa rejects output speech, and a reprompt, over 8,000 characters (tags included). */
export const MAX_SPEECH_CHARS = 8000;

const OPEN = "<speak>";
const CLOSE = "</speak>";
const PAUSE = `<break time="${PAUSE_MS}ms"/>`;

/** toSsml packs sentences into several <speak> documents to fit Lex's 1,024-character messages; Alexa takes one. */
function oneDocument(parts: string[]): string {
  const inner = toSsml(parts).map((doc) => doc.slice(OPEN.length, -CLOSE.length));
  return `${OPEN}${inner.join(PAUSE)}${CLOSE}`;
}

export function toAlexaSsml(parts: string[], max = MAX_SPEECH_CHARS): string {
  // Over the limit, the earliest sentences go first: the end of a turn (the step, the question) must be heard.
  for (let from = 0; from < parts.length; from++) {
    const ssml = oneDocument(parts.slice(from));
    if (ssml.length <= max) return ssml;
  }
  // Even the last sentence alone is too long (content caps a sentence at 1,000 characters, so only under a
  // tighter limit): shorten its text until it fits rather than send what Alexa would refuse.
  let text = parts.at(-1) ?? "";
  while (text.length > 0 && oneDocument([text]).length > max)
    text = text.slice(0, Math.floor(text.length * 0.8));
  return oneDocument([text]);
}
