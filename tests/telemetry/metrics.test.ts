// Metrics in CloudWatch Embedded Metric Format: every line the handler writes that carries _aws must be a valid
// EMF document, and a conversation must produce the counts the dashboard and alarms are built on.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { handler } from "../../lambda/handler.js";
import { NAMESPACE, turnMetrics } from "../../lambda/telemetry/metrics.js";
import { lexEvent } from "../support/lex-events.js";
import { captureTelemetry } from "../support/quiet-telemetry.js";

/** The EMF specification's structure (Embedded Metric Format, "Specification: Root node" and "MetricDirective"). */
const Emf = z
  .object({
    _aws: z.object({
      Timestamp: z.number().int().positive(),
      CloudWatchMetrics: z
        .array(
          z.object({
            Namespace: z.string().min(1).max(255),
            Dimensions: z.array(z.array(z.string()).max(30)),
            Metrics: z
              .array(z.object({ Name: z.string().min(1), Unit: z.enum(["Count", "Milliseconds"]) }))
              .max(100),
          }),
        )
        .min(1),
    }),
  })
  .passthrough()
  .superRefine((doc, ctx) => {
    for (const directive of doc._aws.CloudWatchMetrics) {
      for (const key of directive.Dimensions.flat()) {
        if (typeof (doc as Record<string, unknown>)[key] !== "string")
          ctx.addIssue({ code: "custom", message: `dimension ${key} missing` });
      }
      for (const m of directive.Metrics) {
        if (typeof (doc as Record<string, unknown>)[m.Name] !== "number")
          ctx.addIssue({ code: "custom", message: `value of ${m.Name} missing` });
      }
    }
  });

type Doc = z.infer<typeof Emf> & Record<string, unknown>;

async function conversation(turns: Array<[string, string]>, channel: "phone" | "voice" = "phone") {
  const capture = captureTelemetry();
  let attrs: Record<string, string> = {};
  try {
    for (const [intent, words] of turns) {
      const r = await handler(lexEvent({ channel, intent, transcript: words, sessionAttributes: attrs }));
      attrs = r.sessionState.sessionAttributes ?? {};
    }
  } finally {
    capture.restore();
  }
  const docs = capture.lines.map((l) => JSON.parse(l)).filter((d) => "_aws" in d) as Doc[];
  for (const d of docs) Emf.parse(d);
  /** The metric's total under exactly the dimensions Service, Channel and `where`'s, as CloudWatch adds it up. */
  const count = (name: string, where: Record<string, string> = {}) => {
    const wanted = ["Service", "Channel", ...Object.keys(where)].sort().join(",");
    let sum = 0;
    for (const d of docs) {
      if (!Object.entries(where).every(([k, v]) => d[k] === v)) continue;
      for (const directive of d._aws.CloudWatchMetrics)
        for (const dims of directive.Dimensions)
          if ([...dims].sort().join(",") === wanted && directive.Metrics.some((m) => m.Name === name))
            sum += Number(d[name]);
    }
    return sum;
  };
  return { docs, count };
}

describe("EMF metrics", () => {
  it("count conversations, topics, steps and a resolution by topic and step", async () => {
    const { count } = await conversation([
      ["TroubleshootBackup", "my backup isn't working"],
      ["No", "no"],
      ["Yes", "yes"],
    ]);
    expect(count("Conversations")).toBe(1);
    expect(count("Turns")).toBe(3);
    expect(count("TopicStarted", { Topic: "TroubleshootBackup" })).toBe(1);
    expect(count("StepReached", { Topic: "TroubleshootBackup", Step: "3" })).toBe(1);
    expect(count("Resolved")).toBe(1);
    expect(count("Resolved", { Topic: "TroubleshootBackup", Step: "3" })).toBe(1);
  });

  it("count an escalation by topic, step and reason, and no-match and no-input turns", async () => {
    const { count } = await conversation([
      ["UpdateIOS", "update my iphone"],
      ["FallbackIntent", "purple"],
      ["FallbackIntent", ""],
      ["Yes", "yes"],
    ]);
    expect(count("NoMatch")).toBe(1);
    expect(count("NoInput")).toBe(1);
    expect(count("Escalated")).toBe(1);
    expect(count("Escalated", { Topic: "UpdateIOS", Step: "1", Reason: "noMatch" })).toBe(1);
  });

  it("count a caller who gives up mid-topic as abandoned where they stopped", async () => {
    const { count } = await conversation(
      [
        ["RestartIPhone", "restart my iphone"],
        ["Next", "next"],
        ["StopIntent", "goodbye"],
      ],
      "voice",
    );
    expect(count("Abandoned", { Topic: "RestartIPhone", Step: "2" })).toBe(1);
  });

  it("put a turn's metrics in one document, and in two when its signals name two topics", () => {
    const started = { kind: "topicStarted", topic: "StorageFull" } as const;
    const reached = { kind: "stepReached", topic: "StorageFull", step: 0 } as const;
    const one = turnMetrics({
      channel: "phone",
      signals: [started, reached],
      latencyMs: 1,
      conversationStarted: true,
    });
    expect(one).toHaveLength(1);
    const doc = Emf.parse(JSON.parse(one[0] ?? "{}")) as Doc;
    expect(doc._aws.CloudWatchMetrics.map((d) => d.Dimensions[0])).toEqual([
      ["Service", "Channel"],
      ["Service", "Channel", "Topic"],
      ["Service", "Channel", "Topic", "Step"],
    ]);
    expect(doc).toMatchObject({
      Topic: "StorageFull",
      Step: "1",
      TopicStarted: 1,
      StepReached: 1,
      Conversations: 1,
    });

    const left = { kind: "abandoned", topic: "UpdateIOS", step: 2 } as const;
    const two = turnMetrics({
      channel: "phone",
      signals: [left, started, reached],
      latencyMs: 1,
      conversationStarted: false,
    });
    expect(two).toHaveLength(2);
    const [first, second] = two.map((l) => Emf.parse(JSON.parse(l)) as Doc);
    expect(first).toMatchObject({ Topic: "UpdateIOS", Step: "3", Abandoned: 1, Turns: 1 });
    expect(second).toMatchObject({ Topic: "StorageFull", Step: "1", TopicStarted: 1, StepReached: 1 });
    expect(second?.Turns).toBeUndefined();
  });

  it("measure turn latency in milliseconds under the line's namespace, with the turn count", () => {
    const docs = turnMetrics(
      { channel: "text", signals: [], latencyMs: 0.25, conversationStarted: false },
      1,
    );
    expect(docs).toHaveLength(1);
    expect(JSON.parse(docs[0] ?? "{}")).toMatchObject({
      _aws: {
        CloudWatchMetrics: [
          {
            Namespace: NAMESPACE,
            Dimensions: [["Service", "Channel"]],
            Metrics: [
              { Name: "Turns", Unit: "Count" },
              { Name: "TurnLatency", Unit: "Milliseconds" },
            ],
          },
        ],
      },
      Channel: "text",
      Turns: 1,
      TurnLatency: 0.25,
    });
  });
});
