// Speech in and out through the official SDK, as a voice application sends it: a caller's voice (festival's US
// English HTS voice, never the bot's) as 16 kHz PCM in RecognizeUtterance, recognised against the bot's own
// language model, then the same NLU and Lambda as text; the reply as 16 kHz PCM. Wrong audio gets Lex's errors;
// silence is Lex's no-input. Needs the speech packages (README): CI installs them and always runs this.
import { RecognizeUtteranceCommand, ValidationException } from "@aws-sdk/client-lex-runtime-v2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { speakAsCaller } from "../../local/speech/synthesizer.js";
import { missingSpeech, SPEECH_PACKAGES, speechTools } from "../../local/speech/tools.js";
import { BOT, decode, encode, errorOf, sessionId, startTestRuntime, type TestRuntime } from "./support.js";

const L16 = "audio/l16; rate=16000; channels=1";
const LPCM8K = "audio/lpcm; sample-rate=8000; sample-size-bits=16; channel-count=1; is-big-endian=false";
const missing =
  missingSpeech() ?? (speechTools().festival ? undefined : `festival not installed: ${SPEECH_PACKAGES}`);

describe("the speech packages", () => {
  it("are installed wherever CI runs", () => {
    // Locally, without them, the voice tests below say they were skipped and why; in CI they must run.
    if (process.env.CI) expect(missing).toBeUndefined();
    else if (missing) console.warn(`Voice tests skipped: ${missing}`);
  });
});

describe.skipIf(missing !== undefined && !process.env.CI)("RecognizeUtterance with audio", () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime();
    await rt.server.runtime.speech.prepare();
  }, 60_000);
  afterAll(() => rt.close());

  async function say(
    id: string,
    audio: Uint8Array,
    o: { type?: string; reply?: string; phone?: boolean } = {},
  ) {
    const r = await rt.client.send(
      new RecognizeUtteranceCommand({
        ...BOT,
        sessionId: id,
        requestContentType: o.type ?? L16,
        responseContentType: o.reply ?? "text/plain; charset=utf-8",
        ...(o.phone ? { requestAttributes: encode({ "x-amz-lex:channels:platform": "Connect" }) } : {}),
        inputStream: audio,
      }),
    );
    const reply = Buffer.from((await r.audioStream?.transformToByteArray()) ?? []);
    const state = decode<{ sessionAttributes?: Record<string, string> }>(r.sessionState);
    const messages = decode<Array<{ content?: string }>>(r.messages) ?? [];
    return {
      heard: decode<string>(r.inputTranscript) ?? "",
      mode: r.inputMode,
      said: messages.map((m) => m.content ?? "").join(" "),
      attributes: state?.sessionAttributes ?? {},
      reply,
    };
  }

  it("walks a topic by voice: the problem, a yes to its question, and next, each recognised", async () => {
    const id = sessionId("voice");
    const first = await say(id, await speakAsCaller("my icloud storage is full"));
    expect(first.heard).toBe("my icloud storage is full");
    expect(first.mode).toBe("Speech");
    expect(first.attributes).toMatchObject({ topic: "StorageFull", step: "1" });
    const yes = await say(id, await speakAsCaller("yes"));
    expect(yes.heard).toBe("yes");
    expect(yes.attributes.step).toBe("2");
    const next = await say(id, await speakAsCaller("next"));
    expect(next.heard).toBe("next");
    expect(next.said).toContain("Do you want to go ahead?");
  }, 60_000);

  it("hears a one-word command as the command a call is full of: back, not backup", async () => {
    const id = sessionId("back");
    await say(id, await speakAsCaller("my backup isn't working"));
    await say(id, await speakAsCaller("no"));
    const back = await say(id, await speakAsCaller("back"));
    expect(back.heard).toBe("back");
    expect(back.attributes.step).toBe("1");
    const repeat = await say(id, await speakAsCaller("repeat"));
    expect(repeat.heard).toBe("repeat");
    expect(repeat.attributes.step).toBe("1");
  }, 60_000);

  it("hears a step number by voice, and the step is said again without moving", async () => {
    const id = sessionId("step-number");
    await say(id, await speakAsCaller("my backup isn't working"));
    await say(id, await speakAsCaller("no"));
    const recap = await say(id, await speakAsCaller("what was step one again"));
    expect(recap.heard).toBe("what was step one again");
    expect(recap.said).toContain("Step 1 was this:");
    expect(recap.attributes.step).toBe("3");
  }, 60_000);

  it("speaks the reply as 16 kHz PCM of a plausible length when asked for audio/pcm", async () => {
    const r = await say(sessionId("out"), await speakAsCaller("my backup is stuck"), { reply: "audio/pcm" });
    expect(r.attributes.topic).toBe("BackupStuck");
    const seconds = r.reply.length / 32000;
    // The opening and step 1 are about 60 words: between 10 s and a minute and a half spoken.
    expect(seconds).toBeGreaterThan(10);
    expect(seconds).toBeLessThan(90);
    expect(r.reply.length % 2).toBe(0);
    // Not silence: the samples swing.
    const peak = Math.max(...Array.from({ length: 2000 }, (_, i) => Math.abs(r.reply.readInt16LE(i * 200))));
    expect(peak).toBeGreaterThan(1000);
  }, 60_000);

  it("takes telephone-rate audio (8 kHz) and answers as on the phone line", async () => {
    const r = await say(sessionId("tel"), await speakAsCaller("my backup is stuck", 8000), {
      type: LPCM8K,
      phone: true,
    });
    expect(r.mode).toBe("Speech");
    expect(typeof r.heard).toBe("string");
    expect(r.said.length).toBeGreaterThan(0);
  }, 60_000);

  it("hears silence as nothing said, as Lex's no-input", async () => {
    const id = sessionId("quiet");
    await say(id, await speakAsCaller("my icloud storage is full"));
    const quiet = await say(id, new Uint8Array(32000));
    expect(quiet.heard).toBe("");
    expect(quiet.said).toMatch(/still there|didn't catch|hear you/i);
    expect(quiet.attributes.step).toBe("1");
  }, 60_000);

  it("refuses audio Lex would refuse: odd bytes, another format, another rate, and an audio reply it can't make", async () => {
    const send = (type: string, body: Uint8Array, reply?: string) =>
      errorOf(say(sessionId("bad"), body, { type, ...(reply ? { reply } : {}) }));
    const odd = await send(L16, new Uint8Array(33));
    expect(odd).toBeInstanceOf(ValidationException);
    expect(odd.message).toMatch(/16-bit PCM/);
    for (const type of [
      "audio/ogg",
      "audio/l16; rate=44100; channels=1",
      "audio/l16; rate=16000; channels=2",
    ]) {
      const e = await send(type, new Uint8Array(320));
      expect(e, type).toBeInstanceOf(ValidationException);
      expect(e.message).toContain("audio/l16; rate=16000; channels=1");
    }
    const mp3 = await send(L16, new Uint8Array(320), "audio/mpeg");
    expect(mp3).toBeInstanceOf(ValidationException);
    expect(mp3.message).toContain("audio/pcm");
  }, 60_000);
});
