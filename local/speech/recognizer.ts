// Speech recognition for the local runtime: pocketsphinx with the US English acoustic model and a language model
// and dictionary built at start-up from the bot's own phrases (language-model.ts, pronunciations.ts), so it is
// biased to what callers say to this bot, as Lex is. Each utterance is one pocketsphinx_continuous run on a WAV
// file; the transcript comes back with a confidence (the mean posterior of its words).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Content } from "../../lambda/content/load.js";
import { wav } from "./audio.js";
import { generalUnigrams } from "./general-english.js";
import {
  botSentences,
  buildLanguageModel,
  EVERYDAY_WORDS,
  GENERAL_WORDS,
  mostCommon,
  wordsOf,
} from "./language-model.js";
import { inDictionary, pronunciations } from "./pronunciations.js";
import { ACOUSTIC_MODEL } from "./tools.js";

const run = promisify(execFile);

export interface Heard {
  /** What was recognised, lower case; empty when no speech was found. */
  transcript: string;
  /** The mean posterior probability of the recognised words, 0 to 1. */
  confidence?: number;
  /** How long recognition took, in milliseconds. */
  ms: number;
}

/** Posterior lines of `-time yes`: word, start, end, probability. */
const WORD_LINE = /^(\S+) [\d.]+ [\d.]+ ([\d.]+)$/;
const NOT_WORDS = /^(<s>|<\/s>|<sil>|\[\w+\]|\+\w+\+)$/;

export class Recognizer {
  private constructor(
    private readonly dir: string,
    /** Words of the bot's phrases nobody could pronounce: left out of the model. */
    readonly unknownWords: string[],
    readonly vocabularySize: number,
  ) {}

  /** Builds the bot's language model and dictionary into a temporary folder (removed by close()). */
  static create(
    content: Content,
    intents: ReadonlyArray<{ name: string; utterances: string[] }>,
  ): Recognizer {
    const sentences = botSentences(content, intents);
    const general = generalUnigrams();
    // The most common words of English beside the bot's (or a list of everyday ones, without that table).
    const common = general ? mostCommon(general, GENERAL_WORDS, inDictionary) : EVERYDAY_WORDS;
    const words = [...new Set([...sentences.flatMap(wordsOf), ...common])].sort();
    const { lines, unknown } = pronunciations(words);
    const pronounced = new Set(lines.map((l) => l.split(" ")[0]?.replace(/\(\d+\)$/, "")));
    const lm = buildLanguageModel(
      sentences,
      (w) => pronounced.has(w) || (inDictionary(w) && !unknown.includes(w)),
      common,
      general,
    );
    const dir = mkdtempSync(join(tmpdir(), "voice-line-asr-"));
    writeFileSync(join(dir, "bot.arpa"), lm.arpa);
    writeFileSync(join(dir, "bot.dict"), `${lines.join("\n")}\n`);
    return new Recognizer(dir, unknown, lm.vocabulary.length);
  }

  /** Recognises 16 kHz 16-bit mono PCM. */
  async transcribe(pcm16k: Buffer): Promise<Heard> {
    const started = performance.now();
    const file = join(this.dir, `utterance-${process.pid}-${Math.random().toString(36).slice(2)}.wav`);
    writeFileSync(file, wav(pcm16k, 16000));
    try {
      const { stdout } = await run(
        "pocketsphinx_continuous",
        [
          ...["-infile", file, "-hmm", ACOUSTIC_MODEL],
          ...["-lm", join(this.dir, "bot.arpa"), "-dict", join(this.dir, "bot.dict")],
          ...["-logfn", "/dev/null", "-time", "yes"],
        ],
        { timeout: 30_000, maxBuffer: 1024 * 1024 },
      );
      const words: string[] = [];
      const posteriors: number[] = [];
      for (const line of stdout.split("\n")) {
        const m = WORD_LINE.exec(line.trim());
        if (!m?.[1] || NOT_WORDS.test(m[1])) continue;
        words.push(m[1].replace(/\(\d+\)$/, "").toLowerCase());
        posteriors.push(Number(m[2]));
      }
      const confidence =
        posteriors.length > 0
          ? Math.round((posteriors.reduce((a, b) => a + b, 0) / posteriors.length) * 100) / 100
          : undefined;
      return {
        transcript: words.join(" "),
        ...(confidence !== undefined ? { confidence } : {}),
        ms: performance.now() - started,
      };
    } finally {
      rmSync(file, { force: true });
    }
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
