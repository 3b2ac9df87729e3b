// A turn's metrics and its log line leave in one write (one system call on the turn's path), and still read as
// separate lines, each a JSON document, as Lambda passes them on to CloudWatch Logs.
import { expect, it } from "vitest";
import { handler } from "../../lambda/handler.js";
import { setTelemetrySink } from "../../lambda/telemetry/sink.js";
import { lexEvent } from "../support/lex-events.js";

it("writes a turn's metrics and log line at once, one JSON document per line", async () => {
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
  // The channel's counts, the topic started, the step reached, and the turn's log line.
  expect(lines.length).toBeGreaterThanOrEqual(4);
  const docs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(docs.filter((d) => d._aws !== undefined).length).toBe(lines.length - 1);
  expect(docs.at(-1)).toMatchObject({ level: "INFO", message: "turn", topic: "StorageFull" });
});
