// A turn's metrics and its log line leave in one write and one line (one system call and one log event on the
// turn's path): the log line carries the EMF directives, which CloudWatch reads from any log event with _aws.
import { expect, it } from "vitest";
import { handler } from "../../lambda/handler.js";
import { setTelemetrySink } from "../../lambda/telemetry/sink.js";
import { lexEvent } from "../support/lex-events.js";

it("writes a turn's metrics and log line at once, as one JSON line", async () => {
  const writes: string[] = [];
  const previous = setTelemetrySink((chunk) => writes.push(chunk));
  try {
    await handler(
      lexEvent({ channel: "phone", intent: "StorageFull", transcript: "my icloud storage is full" }),
    );
  } finally {
    setTelemetrySink(previous);
  }
  expect(writes).toHaveLength(1);
  const lines = (writes[0] ?? "").split("\n");
  expect(lines).toHaveLength(1);
  const doc = JSON.parse(lines[0] ?? "{}") as {
    _aws: { CloudWatchMetrics: Array<{ Metrics: Array<{ Name: string }> }> };
  };
  // The turn's log line, and the channel's counts, the topic started and the step reached in it.
  expect(doc).toMatchObject({
    level: "INFO",
    message: "turn",
    topic: "StorageFull",
    Turns: 1,
    TopicStarted: 1,
  });
  expect(doc._aws.CloudWatchMetrics.flatMap((d) => d.Metrics.map((m) => m.Name))).toEqual([
    "Turns",
    "TurnLatency",
    "Conversations",
    "TopicStarted",
    "StepReached",
  ]);
});
