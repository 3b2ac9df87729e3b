// How often each word is said in general US English: the unigram table of the language model that comes with
// pocketsphinx-en-us (en-us.lm.bin, 72,547 words, CMU's trie binary format). The bot's language model mixes these
// in, so everyday words around the bot's phrases ("hello", "because", "telling") are heard at their real weight
// instead of as a flat list. Only the unigrams are read: the bigrams are bit-packed and quantised, and the
// packaged sphinx_lm_convert can't write them out (it stops on an assertion).
//
// The layout read here (sphinxbase 5prealpha, ngram_model_trie.c and lm_trie.c): the text "Trie Language Model",
// the order (1 byte), one 32-bit count per order, the quantisation type (32 bits, 1 = 16-bit tables), the tables
// (65,536 floats for each probability and back-off table: two per middle order, one for the highest), then the
// unigrams (count + 1 records of float probability, float back-off, 32-bit index), the higher orders, and at the
// end the words, in id order, NUL-terminated, after their total length. Probabilities are logarithms base 1.0001.
// Anything that doesn't match this layout gives no table (the caller goes on without it), never a guess.
import { existsSync, readFileSync } from "node:fs";
import { MODEL_DIR } from "./tools.js";

export const GENERAL_LM = `${MODEL_DIR}/en-us.lm.bin`;

const MAGIC = "Trie Language Model";
const QUANT_16 = 1;
const TABLE_BYTES = 65536 * 4;
const UNIGRAM_BYTES = 12;
const LOG10_OF_BASE = Math.log10(1.0001);

/** Word to its probability (0 to 1) in general English, or undefined when the file is missing or not as expected. */
export function generalUnigrams(path = GENERAL_LM): Map<string, number> | undefined {
  if (!existsSync(path)) return undefined;
  return readUnigrams(readFileSync(path));
}

export function readUnigrams(file: Buffer): Map<string, number> | undefined {
  if (file.length < 64 || file.toString("latin1", 0, MAGIC.length) !== MAGIC) return undefined;
  let at = MAGIC.length;
  const order = file.readUInt8(at);
  at += 1;
  if (order < 2 || order > 5) return undefined;
  const counts: number[] = [];
  for (let i = 0; i < order; i++, at += 4) counts.push(file.readUInt32LE(at));
  const words = counts[0] ?? 0;
  if (file.readUInt32LE(at) !== QUANT_16 || words < 1) return undefined;
  at += 4 + TABLE_BYTES * (2 * (order - 2) + 1);
  const unigramsAt = at;
  if (unigramsAt + (words + 1) * UNIGRAM_BYTES > file.length) return undefined;

  // The words: the last `words` NUL-terminated strings of the file, their total length just before them.
  let start = file.length;
  for (let seen = 0; seen < words; seen++) {
    const nul = file.lastIndexOf(0, start - 2);
    if (nul < 0) return undefined;
    start = nul + 1;
  }
  if (start < 4 || file.readUInt32LE(start - 4) !== file.length - start) return undefined;
  const vocabulary = file.toString("latin1", start, file.length - 1).split("\0");
  if (vocabulary.length !== words) return undefined;

  const out = new Map<string, number>();
  vocabulary.forEach((word, id) => {
    const logBase = file.readFloatLE(unigramsAt + id * UNIGRAM_BYTES);
    const p = 10 ** (logBase * LOG10_OF_BASE);
    if (Number.isFinite(p) && p > 0 && p <= 1 && !word.startsWith("<")) out.set(word, p);
  });
  return out.size > words / 2 ? out : undefined;
}
