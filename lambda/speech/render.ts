// Turns the engine's channel-neutral sentences into what a channel speaks or shows. Voice gets SSML with only
// tags that Amazon Polly neural voices and Alexa support (speak, s, break, say-as telephone) and every piece of
// text escaped; text channels get plain sentences, no markup. Content writes phone numbers and web addresses as
// written: chat shows them so ("support.apple.com", "1-800-275-2273"), voice reads them out ("support dot apple
// dot com", the number as a phone number, in its groups).

/** Pause between the sentences of a turn: within the 350–400 ms that voice guidelines give for list items. */
export const PAUSE_MS = 350;
/** Lex rejects a message over 1,024 characters; leave room. */
export const MAX_MESSAGE_CHARS = 1000;

// Text nodes only need &, < and > escaped; quotes stay readable (they matter only inside attributes).
const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
/** The Char production of XML 1.0: anything else (control characters, lone surrogates) breaks the document. */
const isXmlChar = (cp: number) =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff);

/** Anything outside XML 1.0's Char production (checked before the slower per-character filter runs). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export const escapeXml = (text: string) =>
  (NOT_XML_CHAR.test(text)
    ? Array.from(text)
        .filter((ch) => isXmlChar(ch.codePointAt(0) ?? 0))
        .join("")
    : text
  ).replace(/[&<>]/g, (c) => XML_ESCAPES[c] ?? c);

/** A web address as written: "support.apple.com". */
const WEB_ADDRESS = /\b(?:[a-z0-9-]+\.)+(?:com|org|net|edu|gov)\b/gi;
/** A phone number as written: at least 7 digits, in groups ("1-800-275-2273", "+44 20 7946 0000"). */
const PHONE_NUMBER = /(?<![\w.-])\+?\d[\d ().-]{5,}\d(?![\w-]|\.\w)/g;
const digitCount = (s: string) => s.replace(/\D/g, "").length;

/** Escaped text, with web addresses spelled for the ear and phone numbers marked to be read as one. */
export function speakable(text: string): string {
  return escapeXml(text)
    .replace(WEB_ADDRESS, (address) => address.split(".").join(" dot "))
    .replace(PHONE_NUMBER, (number) =>
      digitCount(number) >= 7 ? `<say-as interpret-as="telephone">${number.trim()}</say-as>` : number,
    );
}

/**
 * A sentence as SSML. The line says the same few hundred sentences over and over (the content's, with a step
 * number or a phone number filled in), so each is rendered once; the cache is emptied if it ever fills.
 */
const rendered = new Map<string, string>();
const RENDERED_MAX = 4096;
function sentence(text: string): string {
  let ssml = rendered.get(text);
  if (ssml === undefined) {
    ssml = `<s>${speakable(text)}</s>`;
    if (rendered.size >= RENDERED_MAX) rendered.clear();
    rendered.set(text, ssml);
  }
  return ssml;
}
const pause = `<break time="${PAUSE_MS}ms"/>`;

/** Packs sentences into as few messages as fit the size limit; a sentence is never split. */
function pack(parts: string[], open: string, close: string, join: string): string[] {
  const messages: string[] = [];
  let current = "";
  let inCurrent = 0;
  for (const part of parts) {
    if (inCurrent === 0) current = part;
    else if (open.length + current.length + join.length + part.length + close.length > MAX_MESSAGE_CHARS) {
      messages.push(open + current + close);
      current = part;
      inCurrent = 0;
    } else current += join + part;
    inCurrent++;
  }
  if (inCurrent > 0) messages.push(open + current + close);
  return messages;
}

export function toSsml(parts: string[]): string[] {
  return pack(parts.map(sentence), "<speak>", "</speak>", pause);
}

export function toPlainText(parts: string[]): string[] {
  return pack(parts, "", "", " ");
}
