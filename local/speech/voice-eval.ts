// The voice report's measures: word error rate of a transcript against the words said, a telephone channel (8 kHz,
// mu-law companded, as a call carries it), and the scores of one run (word error rate, intent accuracy beside the
// same words typed, recognition time per second of audio).
import { wordsOf } from "./language-model.js";

/** Word-level edit distance over the reference's length: substitutions, deletions and insertions. */
export function wordErrors(reference: string, heard: string): { errors: number; words: number } {
  const ref = wordsOf(reference);
  const hyp = wordsOf(heard);
  const row = Array.from({ length: hyp.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ref.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= hyp.length; j++) {
      const above = row[j] as number;
      const cost = ref[i - 1] === hyp[j - 1] ? 0 : 1;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return { errors: row[hyp.length] as number, words: ref.length };
}

/** G.711 mu-law: what a phone network does to each sample, encoded then decoded. */
function muLaw(sample: number): number {
  const BIAS = 0x84;
  const sign = sample < 0 ? 0x80 : 0;
  let magnitude = Math.min(Math.abs(sample), 32635) + BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  const byte = ~(sign | (exponent << 4) | mantissa) & 0xff;
  // Decode.
  const b = ~byte & 0xff;
  magnitude = ((((b & 0x0f) << 3) + BIAS) << ((b & 0x70) >> 4)) - BIAS;
  return b & 0x80 ? -magnitude : magnitude;
}

/**
 * 16 kHz speech as a phone call carries it: averaged down to 8 kHz (a crude low-pass) and mu-law companded. Lex
 * takes the result as audio/lpcm at 8000 Hz.
 */
export function telephone(pcm16k: Buffer): Buffer {
  const samples = Math.floor(pcm16k.length / 4);
  const out = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    const avg = (pcm16k.readInt16LE(i * 4) + pcm16k.readInt16LE(i * 4 + 2)) / 2;
    out.writeInt16LE(Math.max(-32768, Math.min(32767, muLaw(Math.round(avg)))), i * 2);
  }
  return out;
}

export interface VoiceCase {
  words: string;
  intent: string;
  heard: string;
  heardIntent: string;
  typedIntent: string;
  audioSeconds: number;
  recognitionMs: number;
}

export interface VoiceScores {
  phrases: number;
  wordErrorRate: number;
  intentAccuracy: number;
  typedIntentAccuracy: number;
  /** Recognition time over audio time: under 1 is faster than real time. */
  realTimeFactor: number;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

export function score(cases: VoiceCase[]): VoiceScores {
  const totals = cases.reduce(
    (t, c) => {
      const e = wordErrors(c.words, c.heard);
      return {
        errors: t.errors + e.errors,
        words: t.words + e.words,
        spoken: t.spoken + (c.heardIntent === c.intent ? 1 : 0),
        typed: t.typed + (c.typedIntent === c.intent ? 1 : 0),
        audio: t.audio + c.audioSeconds,
        ms: t.ms + c.recognitionMs,
      };
    },
    { errors: 0, words: 0, spoken: 0, typed: 0, audio: 0, ms: 0 },
  );
  const n = Math.max(1, cases.length);
  return {
    phrases: cases.length,
    wordErrorRate: round3(totals.errors / Math.max(1, totals.words)),
    intentAccuracy: round3(totals.spoken / n),
    typedIntentAccuracy: round3(totals.typed / n),
    realTimeFactor: round3(totals.ms / 1000 / Math.max(1e-9, totals.audio)),
  };
}
