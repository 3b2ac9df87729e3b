// The console by voice, as `npm start -- --voice` runs it: replies asked for as audio and written as WAV files
// (played where there is a sound device), and :say FILE.wav sending a recording as the caller's turn, recognised
// by the runtime, with :why showing the transcript and its confidence. Needs the speech packages (README).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConsole } from "../../local/console-session.js";
import { readWav, wav } from "../../local/speech/audio.js";
import { speakAsCaller } from "../../local/speech/synthesizer.js";
import { missingSpeech, speechTools } from "../../local/speech/tools.js";
import { BOT, sessionId, startTestRuntime, type TestRuntime } from "./support.js";

const missing = missingSpeech() ?? (speechTools().festival ? undefined : "festival not installed");

describe.skipIf(missing !== undefined && !process.env.CI)("the console by voice", () => {
  let rt: TestRuntime;
  let dir: string;
  beforeAll(async () => {
    rt = await startTestRuntime();
    await rt.server.runtime.speech.prepare();
    dir = mkdtempSync(join(tmpdir(), "console-voice-"));
  }, 60_000);
  afterAll(async () => {
    await rt.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("sends a recording as the caller's turn, shows what was heard, and writes each reply as a WAV file", async () => {
    const recording = join(dir, "caller.wav");
    writeFileSync(recording, wav(await speakAsCaller("my icloud storage is full"), 16000));
    const replies = join(dir, "replies");
    const input = new PassThrough();
    const output = new PassThrough();
    let out = "";
    output.on("data", (c) => {
      out += c;
    });
    input.end(`:say ${recording}\n:why\n:say ${join(dir, "nope.wav")}\n:quit\n`);
    await runConsole({
      input,
      output,
      client: rt.client,
      bot: BOT,
      newSessionId: () => sessionId("console-voice"),
      voiceDir: replies,
      lastRecognition: () => rt.server.runtime.speech.last,
    });
    expect(out).toMatch(/\[heard: "my icloud storage is full", confidence \d\.\d\d\]\n\[reply spoken: /);
    expect(out).toMatch(
      /heard: +"my icloud storage is full" \(Speech, recognised with confidence \d\.\d\d\)/,
    );
    expect(out).toContain("Is your iCloud storage full, or nearly full?");
    expect(out).toMatch(/\[reply spoken: .*reply-00\d\.wav, \d+\.\d s/);
    // A file that isn't there is an error on screen, and the console goes on.
    expect(out).toMatch(/\[error\] Error: ENOENT/);
    expect(out).toContain("[bye]");
    const files = readdirSync(replies);
    expect(files.length).toBeGreaterThanOrEqual(1);
    const { pcm, sampleRate } = readWav(readFileSync(join(replies, files[0] as string)));
    expect(sampleRate).toBe(16000);
    expect(pcm.length).toBeGreaterThan(16000);
    expect(existsSync(recording)).toBe(true);
  }, 60_000);
});
