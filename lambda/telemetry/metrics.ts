// Metrics in CloudWatch Embedded Metric Format (EMF): JSON lines on stdout that CloudWatch turns into metrics,
// with no API call on the turn. The same format Powertools Metrics writes, emitted directly (see the README:
// Powertools Logger and Metrics cost more cold start than the whole budget).
import type { Signal } from "../engine/types.js";
import { SERVICE } from "./log.js";
import { writeLine } from "./sink.js";

export const NAMESPACE = process.env.METRICS_NAMESPACE ?? "ICloudBackupVoiceLine";

export interface TurnFacts {
  channel: string;
  signals: Signal[];
  latencyMs: number;
  /** The first turn of a conversation (no state yet): the denominator of containment. */
  conversationStarted: boolean;
}

type Unit = "Count" | "Milliseconds";
type Dimensions = Record<string, string>;

/** One EMF document: metrics that share a dimension set go together, one line each. */
function document(metrics: Record<string, [number, Unit]>, dims: Dimensions, now: number): string {
  const values = Object.fromEntries(Object.entries(metrics).map(([name, [value]]) => [name, value]));
  return JSON.stringify({
    _aws: {
      Timestamp: now,
      CloudWatchMetrics: [
        {
          Namespace: NAMESPACE,
          Dimensions: [Object.keys(dims)],
          Metrics: Object.entries(metrics).map(([Name, [, Unit]]) => ({ Name, Unit })),
        },
      ],
    },
    ...dims,
    ...values,
  });
}

const count = (name: string, dims: Dimensions, now: number) => document({ [name]: [1, "Count"] }, dims, now);

/** The EMF documents for one turn. Pure, so tests read exactly what CloudWatch would. */
export function turnMetrics(facts: TurnFacts, now = Date.now()): string[] {
  const base = { Service: SERVICE, Channel: facts.channel };
  // Per channel: one document for everything counted without a topic.
  const perChannel: Record<string, [number, Unit]> = {
    Turns: [1, "Count"],
    TurnLatency: [Math.round(facts.latencyMs * 1000) / 1000, "Milliseconds"],
  };
  if (facts.conversationStarted) perChannel.Conversations = [1, "Count"];
  const lines: string[] = [];
  /** Topic and step (1-based, as a caller hears it) as dimensions. */
  const at = (topic: string, step: number) => ({ ...base, Topic: topic, Step: String(step + 1) });
  for (const s of facts.signals) {
    switch (s.kind) {
      case "topicStarted":
        lines.push(count("TopicStarted", { ...base, Topic: s.topic }, now));
        break;
      case "stepReached":
        lines.push(count("StepReached", at(s.topic, s.step), now));
        break;
      case "resolved":
        perChannel.Resolved = [1, "Count"];
        lines.push(count("Resolved", at(s.topic, s.step), now));
        break;
      case "escalated": {
        const where = { Topic: s.topic ?? "None", Step: s.step === undefined ? "None" : String(s.step + 1) };
        perChannel.Escalated = [1, "Count"];
        lines.push(count("Escalated", { ...base, ...where, Reason: s.reason }, now));
        break;
      }
      case "abandoned":
        lines.push(count("Abandoned", at(s.topic, s.step), now));
        break;
      case "noMatch":
        perChannel.NoMatch = [1, "Count"];
        break;
      case "noInput":
        perChannel.NoInput = [1, "Count"];
        break;
      case "stateLost":
        perChannel.StateLost = [1, "Count"];
        break;
    }
  }
  return [document(perChannel, base, now), ...lines];
}

export function publish(lines: string[]): void {
  for (const line of lines) writeLine(line);
}

/** A problem with the progress store, counted so an alarm or dashboard can show it. */
export const storeProblemMetric = (operation: string, now = Date.now()) =>
  count("StoreUnavailable", { Service: SERVICE, Operation: operation }, now);
