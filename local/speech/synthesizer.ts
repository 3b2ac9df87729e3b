// Speech synthesis for the local runtime: the bot's SSML rendered to 16 kHz PCM with a Debian voice, as Lex
// renders it with Polly. Breaks become pauses, say-as telephone digits are read one by one, other markup is
// dropped. espeak-ng is the bot's voice (it reads SSML itself); festival's HTS voice is the caller's in tests and
// the voice report, so recognition is never tested on the bot's own voice.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { unescapeXml } from "../ssml-text.js";
import { readWav, to16k } from "./audio.js";

const run = promisify(execFile);

/** Polly's say-as telephone: digits one by one, groups apart. */
function telephone(ssml: string): string {
  return ssml.replace(/<say-as interpret-as="telephone">([^<]*)<\/say-as>/g, (_, n: string) =>
    n.replace(/\d/g, (d) => `${d} `).replace(/-/g, ", "),
  );
}

/** espeak-ng's own SSML: <speak> and <break> as they are; other tags it may not know are dropped. */
function forEspeak(ssml: string): string {
  const body = telephone(ssml.trim().startsWith("<speak") ? ssml : `<speak>${ssml}</speak>`);
  return body.replace(/<(?!\/?speak\b|break\b)[^>]+>/g, "");
}

/** The bot's voice: SSML to 16 kHz 16-bit mono PCM. */
export async function speakAsBot(ssml: string): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), "voice-line-tts-"));
  try {
    const file = join(dir, "reply.wav");
    await run("espeak-ng", ["-m", "-v", "en-us", "-s", "165", "-w", file, forEspeak(ssml)], {
      timeout: 30_000,
    });
    const { pcm, sampleRate } = readWav(readFileSync(file));
    return to16k(pcm, sampleRate);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A caller's voice (festival, the US female HTS voice): plain words to PCM at the given rate. */
export async function speakAsCaller(words: string, sampleRate: 8000 | 16000 = 16000): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), "voice-line-caller-"));
  try {
    const file = join(dir, "caller.wav");
    const text = unescapeXml(words.replace(/<[^>]+>/g, " "));
    await new Promise<void>((resolve, reject) => {
      const child = execFile(
        "text2wave",
        ["-eval", "(voice_cmu_us_slt_arctic_hts)", "-F", String(sampleRate), "-o", file, "-otype", "wav"],
        { timeout: 60_000 },
        (err) => (err ? reject(err) : resolve()),
      );
      child.stdin?.end(text);
    });
    const { pcm, sampleRate: rate } = readWav(readFileSync(file));
    if (rate !== sampleRate) throw new Error(`festival wrote ${rate} Hz, not ${sampleRate}`);
    return pcm;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
