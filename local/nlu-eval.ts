// Cross-validation of the local classifier on the bot's own sample utterances: each utterance is classified by a
// model that never saw it, which shows which intents overlap and which phrases a content change would fix.
import type { BotModel } from "../lambda/content/load.js";
import { confidenceThresholdOf, FALLBACK } from "./bot.js";
import {
  IntentClassifier,
  interpret,
  type NeuralSettings,
  type TrainingExample,
  trainingExamples,
} from "./classifier.js";
import { seededRandom } from "./random.js";

export interface IntentScore {
  intent: string;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Misclassified {
  utterance: string;
  expected: string;
  predicted: string;
  score?: number;
}

export interface NluReport {
  folds: number;
  seed: number;
  threshold: number;
  examples: number;
  accuracy: number;
  macroF1: number;
  /** Macro F1 per kind of intent: topics (many utterances) behave very differently from one-word navigation. */
  macroF1ByKind: Record<string, number>;
  /** Trained and tested on the same utterances: below 1 means two intents share a phrase outright. */
  trainingSetAccuracy: number;
  perIntent: Array<IntentScore & { kind: string }>;
  confusions: Array<{ expected: string; predicted: string; count: number }>;
  misclassified: Misclassified[];
  meanTrainingMs: number;
}

/** Stratified folds: every intent's utterances are spread evenly, so small intents appear in every fold. */
export function stratifiedFolds(examples: TrainingExample[], k: number, seed: number): TrainingExample[][] {
  const next = seededRandom(seed);
  const folds: TrainingExample[][] = Array.from({ length: k }, () => []);
  const byIntent = new Map<string, TrainingExample[]>();
  for (const e of examples) byIntent.set(e.intent, [...(byIntent.get(e.intent) ?? []), e]);
  let offset = 0;
  for (const list of byIntent.values()) {
    const shuffled = list
      .map((e) => ({ e, r: next() }))
      .sort((a, b) => a.r - b.r)
      .map((x) => x.e);
    // Rotating the starting fold keeps fold sizes even when intents have fewer utterances than folds.
    for (const [i, e] of shuffled.entries()) folds[(i + offset) % k]?.push(e);
    offset += shuffled.length;
  }
  return folds;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export async function crossValidate(
  model: BotModel,
  k = 5,
  seed = 7,
  tuning: { threshold?: number; nlu?: NeuralSettings } = {},
): Promise<NluReport> {
  const threshold = tuning.threshold ?? confidenceThresholdOf(model);
  const examples = trainingExamples(model);
  const folds = stratifiedFolds(examples, k, seed);
  const predictions: Array<Misclassified> = [];
  let trainingMs = 0;
  for (let i = 0; i < k; i++) {
    const train = folds.flatMap((fold, j) => (j === i ? [] : fold));
    const started = performance.now();
    const classifier = await IntentClassifier.train(train, tuning.nlu);
    trainingMs += performance.now() - started;
    for (const e of folds[i] ?? []) {
      const top = interpret(await classifier.rank(e.utterance), threshold)[0];
      predictions.push({
        utterance: e.utterance,
        expected: e.intent,
        predicted: top?.intent ?? FALLBACK,
        ...(top?.score !== undefined ? { score: top.score } : {}),
      });
    }
  }
  const all = await IntentClassifier.train(examples, tuning.nlu);
  let right = 0;
  for (const e of examples)
    if (interpret(await all.rank(e.utterance), threshold)[0]?.intent === e.intent) right++;
  const kinds = Object.fromEntries(model.intents.map((i) => [i.name, i.kind]));
  return {
    ...summarise(predictions, kinds, {
      folds: k,
      seed,
      threshold,
      meanTrainingMs: Math.round(trainingMs / k),
    }),
    trainingSetAccuracy: round(right / Math.max(1, examples.length)),
  };
}

const macro = (scores: IntentScore[]) =>
  round(scores.reduce((sum, s) => sum + s.f1, 0) / Math.max(1, scores.length));

export function summarise(
  predictions: Misclassified[],
  kinds: Record<string, string>,
  meta: { folds: number; seed: number; threshold: number; meanTrainingMs: number },
): Omit<NluReport, "trainingSetAccuracy"> {
  const intents = [...new Set(predictions.map((p) => p.expected))].sort();
  const perIntent = intents.map((intent): IntentScore & { kind: string } => {
    const tp = predictions.filter((p) => p.expected === intent && p.predicted === intent).length;
    const predicted = predictions.filter((p) => p.predicted === intent).length;
    const support = predictions.filter((p) => p.expected === intent).length;
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    const kind = kinds[intent] ?? "unknown";
    return { intent, kind, support, precision, recall, f1 };
  });
  const wrong = predictions.filter((p) => p.predicted !== p.expected);
  const pairs = new Map<string, { expected: string; predicted: string; count: number }>();
  for (const p of wrong) {
    const key = `${p.expected}>${p.predicted}`;
    const pair = pairs.get(key) ?? { expected: p.expected, predicted: p.predicted, count: 0 };
    pair.count++;
    pairs.set(key, pair);
  }
  const rounded = (list: typeof perIntent) =>
    list.map((x) => ({ ...x, precision: round(x.precision), recall: round(x.recall), f1: round(x.f1) }));
  return {
    ...meta,
    examples: predictions.length,
    accuracy: round((predictions.length - wrong.length) / Math.max(1, predictions.length)),
    macroF1: macro(perIntent),
    macroF1ByKind: Object.fromEntries(
      [...new Set(perIntent.map((s) => s.kind))].map((kind) => [
        kind,
        macro(perIntent.filter((s) => s.kind === kind)),
      ]),
    ),
    perIntent: rounded(perIntent),
    confusions: [...pairs.values()].sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected)),
    misclassified: wrong.sort((a, b) => a.expected.localeCompare(b.expected)),
  };
}

/** The report as a terminal table: per-intent scores, then the confusions worth fixing. */
export function formatReport(r: NluReport, maxRows = 15): string {
  const pad = (s: string | number, n: number) => String(s).padEnd(n);
  const num = (n: number) => n.toFixed(2).padStart(9);
  const width = Math.max(...r.perIntent.map((s) => s.intent.length), 6) + 2;
  const lines = [
    `NLU cross-validation: ${r.folds}-fold, ${r.examples} utterances, threshold ${r.threshold}, seed ${r.seed}`,
    "",
    `${pad("intent", width)}${pad("kind", 12)}${"precision".padStart(9)}${"recall".padStart(9)}${"f1".padStart(9)}${"n".padStart(6)}`,
    ...r.perIntent.map(
      (s) =>
        `${pad(s.intent, width)}${pad(s.kind, 12)}${num(s.precision)}${num(s.recall)}${num(s.f1)}${String(s.support).padStart(6)}`,
    ),
    "",
    `macro F1 ${r.macroF1.toFixed(3)} (${Object.entries(r.macroF1ByKind)
      .map(([kind, f1]) => `${kind} ${f1.toFixed(3)}`)
      .join(", ")})   accuracy ${r.accuracy.toFixed(3)}`,
    `accuracy on the training set ${r.trainingSetAccuracy.toFixed(3)}   mean training ${r.meanTrainingMs} ms`,
    "",
    "Most confused (expected -> predicted):",
    ...r.confusions
      .slice(0, maxRows)
      .map((c) => `  ${String(c.count).padStart(3)}  ${c.expected} -> ${c.predicted}`),
    "",
    "Misclassified:",
    ...r.misclassified
      .slice(0, maxRows * 4)
      .map(
        (m) =>
          `  ${pad(m.expected, width)}-> ${pad(m.predicted, width)}${m.score === undefined ? "     " : m.score.toFixed(2)}  "${m.utterance}"`,
      ),
  ];
  if (r.misclassified.length > maxRows * 4)
    lines.push(`  ... ${r.misclassified.length - maxRows * 4} more in the JSON report`);
  return lines.join("\n");
}
