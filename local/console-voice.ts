// The console's voice: replies the runtime spoke (audio/pcm) written as WAV files into a folder and played where
// the machine has a sound device (aplay), and a recording (:say FILE.wav) sent as the caller's turn.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { readWav, wav } from "./speech/audio.js";

export interface ReplyFiles {
  dir: string;
  /** Writes one reply, plays it if it can; returns the file and its length in seconds. */
  add(pcm: Uint8Array): Promise<{ file: string; seconds: number; played: boolean }>;
}

const play = (file: string): Promise<boolean> =>
  new Promise((done) => {
    const child = spawn("aplay", ["-q", file], { stdio: "ignore" });
    child.on("error", () => done(false));
    child.on("close", (code) => done(code === 0));
  });

export function replyFiles(dir: string): ReplyFiles {
  mkdirSync(dir, { recursive: true });
  let n = 0;
  let canPlay = true;
  return {
    dir,
    async add(pcm) {
      const file = join(dir, `reply-${String(++n).padStart(3, "0")}.wav`);
      writeFileSync(file, wav(Buffer.from(pcm), 16000));
      // No sound device (a server, CI): the files are the output; stop trying after the first failure.
      const played = canPlay && (await play(file));
      if (!played) canPlay = false;
      return { file, seconds: pcm.length / 32000, played };
    },
  };
}

/** A recording to send as the caller's turn: 16-bit mono WAV at 16 kHz or 8 kHz, as Lex takes PCM. */
export function readRecording(path: string): { audio: Buffer; contentType: string } {
  const { pcm, sampleRate } = readWav(readFileSync(resolve(path)));
  if (sampleRate === 16000) return { audio: pcm, contentType: "audio/l16; rate=16000; channels=1" };
  if (sampleRate === 8000)
    return {
      audio: pcm,
      contentType: "audio/lpcm; sample-rate=8000; sample-size-bits=16; channel-count=1; is-big-endian=false",
    };
  throw new Error(`the recording is ${sampleRate} Hz: record 16-bit mono at 16000 or 8000 Hz`);
}
