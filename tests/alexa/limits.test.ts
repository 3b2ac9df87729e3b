// Alexa refuses output speech over 8,000 characters and a response over 24 KB, and answers the listener with its
// own error. The response builder keeps every answer inside both, dropping the earliest sentences first so the
// step and the question are still heard.
import { describe, expect, it } from "vitest";
import { endSession, MAX_RESPONSE_BYTES, speak } from "../../lambda/channels/alexa/response.js";
import { MAX_SPEECH_CHARS, toAlexaSsml } from "../../lambda/channels/alexa/speech.js";
import { initialState } from "../../lambda/engine/state.js";
import type { Output } from "../../lambda/engine/types.js";
import { assertValidAlexaResponse, reprompted, said } from "./support/response-schema.js";

const output = (say: string[], reprompt: string[] = ["Say next."]): Output => ({
  say,
  reprompt,
  expect: "next",
  signals: [],
});
const sentence = (i: number, length = 900) => `Sentence ${i}. ${"word ".repeat(length / 5)}`.slice(0, length);

describe("Alexa's limits", () => {
  it("keep a normal turn whole", () => {
    const r = assertValidAlexaResponse(speak(output(["One.", "Two.", "Say next."]), initialState()));
    expect(said(r)).toBe("One. Two. Say next.");
  });

  it("drop the earliest sentences of an oversized turn, never the question at the end", () => {
    const say = [...Array.from({ length: 20 }, (_, i) => sentence(i)), "Is your backup working now?"];
    const r = assertValidAlexaResponse(speak(output(say), initialState()));
    const ssml = r.response.outputSpeech?.ssml ?? "";
    expect(ssml.length).toBeLessThanOrEqual(MAX_SPEECH_CHARS);
    expect(said(r).endsWith("Is your backup working now?")).toBe(true);
    expect(said(r)).not.toContain("Sentence 0.");
    expect(said(r)).toContain("Sentence 19.");
  });

  it("bound the reprompt too", () => {
    const long = Array.from({ length: 20 }, (_, i) => sentence(i));
    const r = assertValidAlexaResponse(speak(output(["Hi."], long), initialState()));
    expect(r.response.reprompt?.outputSpeech.ssml.length).toBeLessThanOrEqual(MAX_SPEECH_CHARS);
    expect(reprompted(r)).toContain("Sentence 19.");
  });

  it("keep a response of many-byte characters under 24 KB", () => {
    const wide = Array.from({ length: 20 }, (_, i) => `${i} ${"€".repeat(800)}`);
    const r = assertValidAlexaResponse(speak(output(wide, wide), initialState()));
    expect(Buffer.byteLength(JSON.stringify(r))).toBeLessThanOrEqual(MAX_RESPONSE_BYTES);
    expect(said(r)).toContain("19 €");
  });

  it("shorten a single sentence that can't fit even alone, rather than send what Alexa refuses", () => {
    const ssml = toAlexaSsml(["x".repeat(500)], 200);
    expect(ssml.length).toBeLessThanOrEqual(200);
    expect(ssml).toMatch(/^<speak><s>x+<\/s><\/speak>$/);
  });

  it("escape what would break the SSML document", () => {
    const r = assertValidAlexaResponse(endSession(['</speak><speak>&amp; "x" <break time="10s"/>']));
    expect(r.response.outputSpeech?.ssml).not.toContain('<break time="10s"/>');
    expect(said(r)).toContain('</speak><speak>&amp; "x"');
  });
});
