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

function document(name: string, value: number, unit: Unit, dims: Dimensions, now: number): string {
  return JSON.stringify({
    _aws: {
      Timestamp: now,
      CloudWatchMetrics: [
        { Namespace: NAMESPACE, Dimensions: [Object.keys(dims)], Metrics: [{ Name: name, Unit: unit }] },
      ],
    },
    ...dims,
    [name]: value,
  });
}

/** The EMF documents for one turn. Pure, so tests read exactly what CloudWatch would. */
export function turnMetrics(facts: TurnFacts, now = Date.now()): string[] {
  const base = { Service: SERVICE, Channel: facts.channel };
  const lines = [
    document("Turns", 1, "Count", base, now),
    document("TurnLatency", Math.round(facts.latencyMs * 1000) / 1000, "Milliseconds", base, now),
  ];
  if (facts.conversationStarted) lines.push(document("Conversations", 1, "Count", base, now));
  for (const s of facts.signals) {
    switch (s.kind) {
      case "topicStarted":
        lines.push(document("TopicStarted", 1, "Count", { ...base, Topic: s.topic }, now));
        break;
      case "stepReached":
        lines.push(
          document("StepReached", 1, "Count", { ...base, Topic: s.topic, Step: String(s.step + 1) }, now),
        );
        break;
      case "resolved":
        lines.push(document("Resolved", 1, "Count", base, now));
        lines.push(
          document("Resolved", 1, "Count", { ...base, Topic: s.topic, Step: String(s.step + 1) }, now),
        );
        break;
      case "escalated": {
        const where = { Topic: s.topic ?? "None", Step: s.step === undefined ? "None" : String(s.step + 1) };
        lines.push(document("Escalated", 1, "Count", base, now));
        lines.push(document("Escalated", 1, "Count", { ...base, ...where, Reason: s.reason }, now));
        break;
      }
      case "abandoned":
        lines.push(
          document("Abandoned", 1, "Count", { ...base, Topic: s.topic, Step: String(s.step + 1) }, now),
        );
        break;
      case "noMatch":
        lines.push(document("NoMatch", 1, "Count", base, now));
        break;
      case "noInput":
        lines.push(document("NoInput", 1, "Count", base, now));
        break;
      case "stateLost":
        lines.push(document("StateLost", 1, "Count", base, now));
        break;
    }
  }
  return lines;
}

export function publish(lines: string[]): void {
  for (const line of lines) writeLine(line);
}

/** A problem with the progress store, counted so an alarm or dashboard can show it. */
export const storeProblemMetric = (operation: string, now = Date.now()) =>
  document("StoreUnavailable", 1, "Count", { Service: SERVICE, Operation: operation }, now);
