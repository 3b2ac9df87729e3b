// The routing test set (tests/routing/phrasings.yaml): callers' first words for each topic, kept apart from the
// training utterances. Scored the same way for any NLU that names an intent for some words: the local classifier
// (npm run nlu:report) or a Lex bot over the wire (npm run test:lex -- --routing), so the two can be compared on
// identical phrases.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { z } from "zod";
import { TOPIC_INTENTS } from "../lambda/content/intents.js";
import type { BotModel } from "../lambda/content/load.js";
import { confidenceThresholdOf, FALLBACK } from "./bot.js";
import { IntentClassifier, interpret } from "./classifier.js";
import { type Misclassified, summarise } from "./nlu-eval.js";

export const ROUTING_FILE = fileURLToPath(new URL("../tests/routing/phrasings.yaml", import.meta.url));
/** Fewer than this per topic can't say much about a topic's routing. */
export const MIN_PHRASES_PER_TOPIC = 8;

const RoutingSetSchema = z
  .record(z.enum(TOPIC_INTENTS), z.array(z.string().trim().min(1)).min(MIN_PHRASES_PER_TOPIC))
  .refine((set) => TOPIC_INTENTS.every((t) => set[t] !== undefined), "needs phrases for every topic");

export type RoutingSet = Array<{ intent: string; words: string }>;

export function loadRoutingSet(file = ROUTING_FILE): RoutingSet {
  const result = RoutingSetSchema.safeParse(parse(readFileSync(file, "utf8")));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join(".") || "(file)"}: ${issue?.message}`);
  }
  return Object.entries(result.data).flatMap(([intent, list]) =>
    (list ?? []).map((words) => ({ intent, words })),
  );
}

/** What some NLU made of some words: the intent it picked (FallbackIntent when unsure) and its confidence. */
export type Route = (words: string) => Promise<{ intent: string; score?: number }>;

export interface RoutingReport extends ReturnType<typeof summarise> {
  source: string;
}

export async function scoreRouting(set: RoutingSet, route: Route, source: string): Promise<RoutingReport> {
  const predictions: Misclassified[] = [];
  for (const { intent, words } of set) {
    const got = await route(words);
    predictions.push({
      utterance: words,
      expected: intent,
      predicted: got.intent,
      ...(got.score !== undefined ? { score: got.score } : {}),
    });
  }
  const kinds = Object.fromEntries(TOPIC_INTENTS.map((t) => [t, "topic"]));
  return { source, ...summarise(predictions, kinds, { folds: 0, seed: 0, threshold: 0, meanTrainingMs: 0 }) };
}

/** The local runtime's classifier, trained on all the training utterances, with Lex's fallback threshold. */
export async function localRoute(model: BotModel): Promise<Route> {
  const classifier = await IntentClassifier.fromModel(model);
  const threshold = confidenceThresholdOf(model);
  return async (words) => {
    const top = interpret(await classifier.rank(words), threshold)[0];
    return { intent: top?.intent ?? FALLBACK, ...(top?.score !== undefined ? { score: top.score } : {}) };
  };
}

/** The report as lines: accuracy, per-topic recall, then every confusion. */
export function formatRouting(r: RoutingReport): string {
  const width = Math.max(...r.perIntent.map((s) => s.intent.length), 6) + 2;
  return [
    `Routing test set (${r.examples} first turns, apart from the training phrases), routed by ${r.source}:`,
    `accuracy ${r.accuracy.toFixed(3)}   macro F1 ${r.macroF1.toFixed(3)}`,
    "",
    `${"topic".padEnd(width)}${"precision".padStart(9)}${"recall".padStart(9)}${"n".padStart(5)}`,
    ...r.perIntent.map(
      (s) =>
        `${s.intent.padEnd(width)}${s.precision.toFixed(2).padStart(9)}${s.recall.toFixed(2).padStart(9)}${String(s.support).padStart(5)}`,
    ),
    "",
    "Confused (expected -> routed to):",
    ...(r.confusions.length === 0
      ? ["  none"]
      : r.confusions.map((c) => `  ${String(c.count).padStart(3)}  ${c.expected} -> ${c.predicted}`)),
    ...r.misclassified.map((m) => `       "${m.utterance}" (${m.expected} -> ${m.predicted})`),
  ].join("\n");
}
