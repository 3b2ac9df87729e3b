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

/** A value counted or measured under one set of dimensions. */
interface Metric {
  name: string;
  unit: Unit;
  value: number;
  /** Dimension names and values, in order. */
  dims: ReadonlyArray<readonly [string, string]>;
  /** The dimension names joined with ",": which directive it belongs to. */
  sig: string;
}

/** One EMF document being put together: root values (dimensions and metrics) and its directives. */
interface Doc {
  keys: string[];
  values: Array<string | number>;
  directives: Array<{ sig: string; metrics: Metric[] }>;
}

/** Whether `m` can go into `d`: a root key holds one value, so every value it sets must agree. */
function agrees(d: Doc, m: Metric): boolean {
  const at = d.keys.indexOf(m.name);
  if (at >= 0 && d.values[at] !== m.value) return false;
  for (const [k, v] of m.dims) {
    const i = d.keys.indexOf(k);
    if (i >= 0 && d.values[i] !== v) return false;
  }
  return true;
}

function set(d: Doc, key: string, value: string | number): void {
  if (!d.keys.includes(key)) {
    d.keys.push(key);
    d.values.push(value);
  }
}

/** A metric goes into the first document whose values it agrees with. */
function place(docs: Doc[], m: Metric): void {
  let doc: Doc | undefined;
  for (const d of docs)
    if (agrees(d, m)) {
      doc = d;
      break;
    }
  if (!doc) {
    doc = { keys: [], values: [], directives: [] };
    docs.push(doc);
  }
  for (const [k, v] of m.dims) set(doc, k, v);
  set(doc, m.name, m.value);
  for (const directive of doc.directives)
    if (directive.sig === m.sig) {
      if (!directive.metrics.some((x) => x.name === m.name)) directive.metrics.push(m);
      return;
    }
  doc.directives.push({ sig: m.sig, metrics: [m] });
}

/** The JSON of the fixed parts, written once: a metric's name and unit, a dimension set's names. */
const metricJson = new Map<string, string>();
const dimsJson = new Map<string, string>();
const NAMESPACE_JSON = JSON.stringify(NAMESPACE);

function directiveJson(sig: string, metrics: Metric[]): string {
  let dims = dimsJson.get(sig);
  if (dims === undefined) {
    dims = JSON.stringify(sig.split(","));
    dimsJson.set(sig, dims);
  }
  let out = `{"Namespace":${NAMESPACE_JSON},"Dimensions":[${dims}],"Metrics":[`;
  for (let i = 0; i < metrics.length; i++) {
    const m = metrics[i] as Metric;
    let json = metricJson.get(m.name);
    if (json === undefined) {
      json = JSON.stringify({ Name: m.name, Unit: m.unit });
      metricJson.set(m.name, json);
    }
    out += i === 0 ? json : `,${json}`;
  }
  return `${out}]}`;
}

/** The document as one JSON line, with `fields` (a JSON object's members, without braces) first when given. */
function serialise(doc: Doc, now: number, fields?: string): string {
  let out = `{${fields ? `${fields},` : ""}"_aws":{"Timestamp":${now},"CloudWatchMetrics":[`;
  for (const [i, d] of doc.directives.entries())
    out += i === 0 ? directiveJson(d.sig, d.metrics) : `,${directiveJson(d.sig, d.metrics)}`;
  out += "]}";
  // Keys are the line's own metric and dimension names; values may come from configuration, so are escaped.
  for (let i = 0; i < doc.keys.length; i++) {
    const k = doc.keys[i];
    const v = doc.values[i];
    out += `,"${k}":${typeof v === "number" ? v : JSON.stringify(v)}`;
  }
  return `${out}}`;
}

/** EMF documents for some metrics: as few as their values allow, `fields` (a log line's) in the first. */
function documents(metrics: Metric[], now: number, fields?: string): string[] {
  const docs: Doc[] = [];
  for (const m of metrics) place(docs, m);
  return docs.map((d, i) => serialise(d, now, i === 0 ? fields : undefined));
}

/** The dimension sets the line publishes under. */
const BY_CHANNEL = "Service,Channel";
const BY_TOPIC = "Service,Channel,Topic";
const BY_STEP = "Service,Channel,Topic,Step";
const BY_REASON = "Service,Channel,Topic,Step,Reason";

type Pairs = ReadonlyArray<readonly [string, string]>;
const counted = (name: string, sig: string, dims: Pairs): Metric => ({
  name,
  unit: "Count",
  value: 1,
  dims,
  sig,
});

/**
 * The EMF documents for one turn: usually one line carrying every metric (CloudWatch reads each directive in it),
 * more only when the turn's signals disagree on a dimension (a topic left and another started). `fields`, the
 * members of the turn's log line, go into the first, so a turn is one log event. Pure, so tests read exactly what
 * CloudWatch would.
 */
export function turnMetrics(facts: TurnFacts, now = Date.now(), fields?: string): string[] {
  const service = ["Service", SERVICE] as const;
  const channel = ["Channel", facts.channel] as const;
  const base: Pairs = [service, channel];
  // Per channel: everything counted without a topic.
  const latency = Math.round(facts.latencyMs * 1000) / 1000;
  const metrics: Metric[] = [
    counted("Turns", BY_CHANNEL, base),
    { name: "TurnLatency", unit: "Milliseconds", value: latency, dims: base, sig: BY_CHANNEL },
  ];
  if (facts.conversationStarted) metrics.push(counted("Conversations", BY_CHANNEL, base));
  /** Topic and step (1-based, as a caller hears it) as dimensions. */
  const at = (topic: string, step: number): Pairs => [
    service,
    channel,
    ["Topic", topic],
    ["Step", String(step + 1)],
  ];
  for (const s of facts.signals) {
    switch (s.kind) {
      case "topicStarted":
        metrics.push(counted("TopicStarted", BY_TOPIC, [service, channel, ["Topic", s.topic]]));
        break;
      case "stepReached":
        metrics.push(counted("StepReached", BY_STEP, at(s.topic, s.step)));
        break;
      case "resolved":
        metrics.push(
          counted("Resolved", BY_CHANNEL, base),
          counted("Resolved", BY_STEP, at(s.topic, s.step)),
        );
        break;
      case "escalated": {
        const where: Pairs = [
          service,
          channel,
          ["Topic", s.topic ?? "None"],
          ["Step", s.step === undefined ? "None" : String(s.step + 1)],
          ["Reason", s.reason],
        ];
        metrics.push(counted("Escalated", BY_CHANNEL, base), counted("Escalated", BY_REASON, where));
        break;
      }
      case "abandoned":
        metrics.push(counted("Abandoned", BY_STEP, at(s.topic, s.step)));
        break;
      case "noMatch":
        metrics.push(counted("NoMatch", BY_CHANNEL, base));
        break;
      case "noInput":
        metrics.push(counted("NoInput", BY_CHANNEL, base));
        break;
      case "stateLost":
        metrics.push(counted("StateLost", BY_CHANNEL, base));
        break;
    }
  }
  return documents(metrics, now, fields);
}

export function publish(lines: string[]): void {
  for (const line of lines) writeLine(line);
}

/** A problem with the progress store, counted so an alarm or dashboard can show it. */
export const storeProblemMetric = (operation: string, now = Date.now()) =>
  documents(
    [
      counted("StoreUnavailable", "Service,Operation", [
        ["Service", SERVICE],
        ["Operation", operation],
      ]),
    ],
    now,
  )[0] ?? "";
