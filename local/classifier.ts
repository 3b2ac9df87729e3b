// Intent recognition for the local bot: NLP.js trained at start-up on the bot's sample utterances (built-ins
// included: the model carries phrases for them precisely so the local classifier knows them). Lex's own model is
// not available offline; this one is small, deterministic and trains in well under a second.
import { createRequire } from "node:module";
import type { BotModel } from "../lambda/content/load.js";
import { respelled } from "../lambda/engine/understand/answer-words.js";
import { FALLBACK } from "./bot.js";
import { LexicalIndex } from "./lexical-index.js";
import { Speller } from "./spelling.js";

// NLP.js ships CommonJS without type declarations; only the few members used here are typed.
interface NlpJs {
  container: { use(plugin: unknown): void };
  addLanguage(locale: string): void;
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<unknown>;
  process(
    locale: string,
    utterance: string,
  ): Promise<{ classifications?: Array<{ intent: string; score: number }> }>;
}
const require = createRequire(import.meta.url);
const { Nlp } = require("@nlpjs/nlp") as { Nlp: new (settings: object) => NlpJs };
const { LangEn } = require("@nlpjs/lang-en-min") as { LangEn: unknown };

export interface TrainingExample {
  utterance: string;
  intent: string;
}

/** NLP.js neural network settings worth tuning (its defaults: 20,000 iterations, learningRate 0.6, alpha 0.07). */
export interface NeuralSettings {
  iterations?: number;
  learningRate?: number;
  alpha?: number;
  momentum?: number;
  errorThresh?: number;
  useNoneFeature?: boolean;
}

export interface Ranked {
  intent: string;
  score: number;
}

/** What Lex reports for a turn: the winner first, then alternatives; FallbackIntent carries no score. */
export interface Interpretation {
  intent: string;
  score?: number;
}

/** Lex returns the top interpretation plus up to four alternatives. */
export const MAX_INTERPRETATIONS = 5;
/** NLP.js's default is 20,000 epochs; it converges on this corpus long before, so the cap only bounds the worst case. */
const TRAINING_ITERATIONS = 2000;

// Curly apostrophes from phone keyboards and dictation would otherwise be unknown tokens.
/** Curly apostrophes straightened, and "wont", "thx" as the training phrases spell them (the reader does too). */
const clean = (text: string) => respelled(text.replace(/[\u2018\u2019\u02BC]/g, "'")).trim();

/**
 * How much the lexical second opinion counts against NLP.js's network (0: network only). Chosen on the
 * cross-validation in npm run nlu:report and the in-context conversations, see the README.
 */
export const DEFAULT_LEXICAL_WEIGHT = 0.3;
const fromEnv = Number(process.env.LOCAL_NLU_LEXICAL_WEIGHT);
export const LEXICAL_WEIGHT =
  process.env.LOCAL_NLU_LEXICAL_WEIGHT !== undefined && fromEnv >= 0 && fromEnv <= 1
    ? fromEnv
    : DEFAULT_LEXICAL_WEIGHT;

/** Words that say nothing about an intent: a sentence made of them and unknown words is no evidence of one. */
const FUNCTION_WORDS = new Set(
  `a an the i my me it it's is are was be to of in on at and or but so um uh hmm oh okay ok yeah well just like you
  your this that there here now then do does did have has had can could would will what how please thanks thank
  really`.split(/\s+/),
);
/** At least this share of meaningful words known: the words are about the bot's world. */
const MOSTLY_KNOWN = 0.6;
const tokens = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9' ]/g, " ")
    .split(/\s+/)
    .filter((w) => w.length > 0 && !FUNCTION_WORDS.has(w));

export class IntentClassifier {
  private constructor(
    private readonly nlp: NlpJs,
    private readonly lexical: LexicalIndex,
    private readonly lexicalWeight: number,
    /** Every word of the training phrases. */
    private readonly vocabulary: Set<string>,
    /** Typing slips from those words, read as them. */
    private readonly speller: Speller,
  ) {}

  /**
   * The share of the words that carry meaning which the bot was trained on. NLP.js drops words it never saw, so
   * "kids, dinner is ready" would be classified on "ready" alone and come out sure of ResumeIntent; scaled by
   * this, words mostly from outside the bot's world fall under the threshold to FallbackIntent, as Lex's do.
   */
  private known(text: string): number {
    const words = tokens(text);
    if (words.length === 0) return 1;
    return words.filter((w) => this.vocabulary.has(w)).length / words.length;
  }

  /** `tuning` overrides settings of NLP.js's neural network (experiments); the defaults are the ones measured. */
  static async train(
    examples: TrainingExample[],
    tuning: NeuralSettings & { lexicalWeight?: number } = {},
  ): Promise<IntentClassifier> {
    const { useNoneFeature = true, lexicalWeight = LEXICAL_WEIGHT, ...neural } = tuning;
    const nlp = new Nlp({
      languages: ["en"],
      autoLoad: false,
      autoSave: false,
      calculateSentiment: false,
      forceNER: false,
      // Classifier settings go per locale and domain; a flat `nlu: {iterations}` is silently ignored.
      nlu: {
        en: {
          default: {
            className: "NeuralNlu",
            log: false,
            useNoneFeature,
            iterations: TRAINING_ITERATIONS,
            ...neural,
          },
        },
      },
    });
    nlp.container.use(LangEn);
    for (const { utterance, intent } of examples) nlp.addDocument("en", clean(utterance), intent);
    await nlp.train();
    const vocabulary = new Set(examples.flatMap((e) => tokens(clean(e.utterance))));
    const speller = Speller.of(examples.map((e) => clean(e.utterance)));
    return new IntentClassifier(nlp, new LexicalIndex(examples), lexicalWeight, vocabulary, speller);
  }

  static fromModel(model: BotModel): Promise<IntentClassifier> {
    return IntentClassifier.train(trainingExamples(model));
  }

  /** Every trained intent that scored above zero, best first. Unknown words give an empty list. */
  async rank(text: string): Promise<Ranked[]> {
    const input = this.speller.correct(clean(text));
    if (input.length === 0) return [];
    const result = await this.nlp.process("en", input);
    const network = new Map(
      (result.classifications ?? [])
        .filter((c) => c.intent !== "None")
        .map((c) => [c.intent, c.score] as const),
    );
    const w = this.lexicalWeight;
    const lexical = w > 0 ? this.lexical.similarity(input) : new Map<string, number>();
    const intents = new Set([...network.keys(), ...lexical.keys()]);
    // Mostly known words are the bot's world, phrased freshly: left as they are. Mostly unknown words are not.
    const share = this.known(input);
    const known = share >= MOSTLY_KNOWN ? 1 : share;
    return [...intents]
      .map((intent) => ({
        intent,
        score: known * ((1 - w) * (network.get(intent) ?? 0) + w * (lexical.get(intent) ?? 0)),
      }))
      .filter((c) => c.score > 0)
      .sort((a, b) => b.score - a.score);
  }
}

export function trainingExamples(model: BotModel): TrainingExample[] {
  return model.intents.flatMap((intent) =>
    intent.utterances.map((utterance) => ({ utterance, intent: intent.name })),
  );
}

/** Lex reports confidence with two decimals. */
const round = (score: number) => Math.round(score * 100) / 100;

/**
 * Turns a ranking into Lex's interpretations: FallbackIntent wins when the best score is under the threshold,
 * and alternatives that round to zero are left out as Lex leaves them out.
 */
export function interpret(ranked: Ranked[], threshold: number): Interpretation[] {
  const scored = ranked.map((r) => ({ intent: r.intent, score: round(r.score) })).filter((r) => r.score > 0);
  const top = scored[0];
  if (!top || top.score < threshold) {
    return [{ intent: FALLBACK }, ...scored.slice(0, MAX_INTERPRETATIONS - 1)];
  }
  return scored.slice(0, MAX_INTERPRETATIONS);
}
