// Audio as Lex's RecognizeUtterance takes it and gives it back: the PCM content types it accepts (16-bit signed,
// little-endian, mono; 16 kHz or 8 kHz), their parameters, and the WAV wrapping the speech tools read and write.
import { validationError } from "../lex-error.js";

export interface PcmFormat {
  sampleRate: 8000 | 16000;
}

/** Lex's own parameter names and their spellings, lower-cased: "rate" and "sample-rate" mean the same. */
const PARAMS = /;\s*([a-z-]+)\s*=\s*([^;\s]+)/g;

/**
 * The PCM format a Content-Type names, as Lex accepts them: audio/l16 (rate=16000, channels=1),
 * audio/x-l16 (sample-rate=16000, channel-count=1), audio/lpcm (sample-rate 8000 or 16000, sample-size-bits=16,
 * channel-count=1, is-big-endian=false). Anything else is Lex's ValidationException, with what it accepts.
 */
export function pcmFormat(contentType: string): PcmFormat {
  const type = contentType.trim().toLowerCase();
  const base = type.split(";")[0]?.trim() ?? "";
  const params = Object.fromEntries([...type.matchAll(PARAMS)].map((m) => [m[1], m[2]]));
  const rate = Number(params.rate ?? params["sample-rate"]);
  const channels = Number(params.channels ?? params["channel-count"] ?? 1);
  const unsupported = () =>
    validationError(
      `Unsupported audio content type "${contentType}": send 16-bit mono PCM as ` +
        "audio/l16; rate=16000; channels=1, audio/x-l16; sample-rate=16000; channel-count=1, or " +
        "audio/lpcm; sample-rate=8000; sample-size-bits=16; channel-count=1; is-big-endian=false",
    );
  if (channels !== 1) throw unsupported();
  if (base === "audio/l16" || base === "audio/x-l16") {
    if (rate !== 16000) throw unsupported();
    return { sampleRate: 16000 };
  }
  if (base === "audio/lpcm") {
    const bits = Number(params["sample-size-bits"] ?? 16);
    if (bits !== 16 || params["is-big-endian"] === "true" || (rate !== 8000 && rate !== 16000))
      throw unsupported();
    return { sampleRate: rate };
  }
  throw unsupported();
}

/** The response audio types the local runtime can produce: raw 16 kHz PCM (Lex's audio/pcm) or a WAV file. */
export type AudioOut = "pcm" | "wav";

export function audioOut(responseContentType: string): AudioOut | undefined {
  const type = responseContentType.trim().toLowerCase().split(";")[0]?.trim();
  if (type === "audio/pcm") return "pcm";
  if (type === "audio/wav" || type === "audio/x-wav") return "wav";
  return undefined;
}

/** A 16-bit mono little-endian PCM body: an even number of bytes, at most a minute at 16 kHz. */
export function checkPcm(body: Buffer, format: PcmFormat): void {
  if (body.length % 2 !== 0)
    throw validationError("The audio is not 16-bit PCM: its length is an odd number of bytes");
  if (body.length > format.sampleRate * 2 * 60) throw validationError("The audio is longer than a minute");
}

/** Linear interpolation to 16 kHz, the rate the acoustic model was trained on (telephone audio stays band-limited). */
export function to16k(pcm: Buffer, from: number): Buffer {
  if (from === 16000) return pcm;
  const samples = pcm.length / 2;
  const ratio = from / 16000;
  const outSamples = Math.floor(samples / ratio);
  const out = Buffer.alloc(outSamples * 2);
  for (let i = 0; i < outSamples; i++) {
    const x = i * ratio;
    const j = Math.floor(x);
    const a = pcm.readInt16LE(Math.min(j, samples - 1) * 2);
    const b = pcm.readInt16LE(Math.min(j + 1, samples - 1) * 2);
    out.writeInt16LE(Math.round(a + (b - a) * (x - j)), i * 2);
  }
  return out;
}

/** A canonical 44-byte RIFF/WAVE header around 16-bit mono PCM. */
export function wav(pcm: Buffer, sampleRate: number): Buffer {
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

/** The PCM samples of a 16-bit mono WAV file and their rate; anything else is an error naming what it is. */
export function readWav(file: Buffer): { pcm: Buffer; sampleRate: number } {
  if (file.toString("ascii", 0, 4) !== "RIFF" || file.toString("ascii", 8, 12) !== "WAVE")
    throw new Error("not a WAV file");
  let at = 12;
  let sampleRate = 0;
  while (at + 8 <= file.length) {
    const id = file.toString("ascii", at, at + 4);
    const size = file.readUInt32LE(at + 4);
    if (id === "fmt ") {
      const channels = file.readUInt16LE(at + 10);
      const bits = file.readUInt16LE(at + 22);
      if (file.readUInt16LE(at + 8) !== 1 || channels !== 1 || bits !== 16)
        throw new Error("the WAV file is not 16-bit mono PCM");
      sampleRate = file.readUInt32LE(at + 12);
    }
    if (id === "data")
      return { pcm: file.subarray(at + 8, Math.min(file.length, at + 8 + size)), sampleRate };
    at += 8 + size + (size % 2);
  }
  throw new Error("the WAV file has no audio data");
}

/** Root-mean-square level of 16-bit PCM, 0 to 1: how loud it is, to tell speech from silence. */
export function level(pcm: Buffer): number {
  const n = pcm.length / 2;
  if (n === 0) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = pcm.readInt16LE(i * 2) / 32768;
    sum += v * v;
  }
  return Math.sqrt(sum / n);
}
