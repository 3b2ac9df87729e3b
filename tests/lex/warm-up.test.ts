// The warm-up at init (lambda/warm-up.ts): a whole conversation through a handler's path, twice, touching
// nothing outside the engine, and never able to stop the Lambda from loading.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { writeNothing } from "../../lambda/telemetry/sink.js";
import { WARM_UP_CONVERSATION, WARM_UP_EFFECTS, warmUp } from "../../lambda/warm-up.js";
import { importWithStore, startDynalite, TABLE } from "../support/dynalite.js";
import { captureTelemetry } from "../support/quiet-telemetry.js";

describe("the warm-up", () => {
  it("plays every turn of its conversation twice, carrying the state from turn to turn", async () => {
    const seen: Array<[string, number | undefined]> = [];
    await warmUp<number>(async (turn, carried) => {
      seen.push([turn.words, carried]);
      return (carried ?? 0) + 1;
    });
    expect(seen).toHaveLength(WARM_UP_CONVERSATION.length * 2);
    // Each round is a new conversation: it starts with no state, then each turn gets the one before's.
    expect(seen[0]?.[1]).toBeUndefined();
    expect(seen[1]?.[1]).toBe(1);
    expect(seen[WARM_UP_CONVERSATION.length]?.[1]).toBeUndefined();
  });

  it("gives its turns no progress store and a sink that keeps nothing", () => {
    expect(WARM_UP_EFFECTS.tracker).toBeUndefined();
    const telemetry = captureTelemetry();
    WARM_UP_EFFECTS.sink("a line that must go nowhere");
    telemetry.restore();
    expect(telemetry.lines).toEqual([]);
  });

  it("sends nothing down the real write path: stdout gets zero bytes, not even a newline", () => {
    const sink = fileURLToPath(new URL("../../lambda/telemetry/sink.ts", import.meta.url));
    const out = execFileSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "-e",
        `import(${JSON.stringify(sink)}).then((m) => { m.writeNothing("a line"); m.writeLine("x"); })`,
      ],
      { encoding: "utf8" },
    );
    expect(out).toBe("x\n");
    expect(WARM_UP_EFFECTS.sink).toBe(writeNothing);
  });

  it("never throws: a failing turn ends it with one warning, and the Lambda loads as it would cold", async () => {
    const telemetry = captureTelemetry();
    let calls = 0;
    const ms = await warmUp(async () => {
      calls++;
      throw new Error("content the engine can't read");
    });
    telemetry.restore();
    expect(calls).toBe(1);
    expect(ms).toBeGreaterThanOrEqual(0);
    const warnings = telemetry.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(warnings).toEqual([
      expect.objectContaining({
        level: "WARN",
        message: "warm-up failed",
        error: expect.stringContaining("can't read"),
      }),
    ]);
  });

  it("leaves the progress store untouched when the Lambdas load with one configured", async () => {
    const dynamo = await startDynalite();
    try {
      const telemetry = captureTelemetry();
      await importWithStore(dynamo.endpoint, () => import("../../lambda/handler.js"));
      await importWithStore(dynamo.endpoint, () => import("../../lambda/alexa.js"));
      telemetry.restore();
      const client = new DynamoDBClient({
        endpoint: dynamo.endpoint,
        region: "us-east-1",
        credentials: { accessKeyId: "test", secretAccessKey: "test" },
      });
      const scan = await client.send(new ScanCommand({ TableName: TABLE }));
      client.destroy();
      expect(scan.Items).toEqual([]);
      expect(telemetry.lines).toEqual([]);
    } finally {
      await dynamo.close();
    }
  }, 30_000);
});
