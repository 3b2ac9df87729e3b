// The DynamoDB progress store against a real DynamoDB API (dynalite), and what happens when the store hangs.
import { DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initialState, type State } from "../../lambda/engine/state.js";
import { DynamoProgressStore } from "../../lambda/store/dynamo.js";
import {
  PROGRESS_TTL_SECONDS,
  parseProgress,
  progressKey,
  STORE_TIMEOUT_MS,
} from "../../lambda/store/progress.js";
import { ProgressTracker, progressChange, type StoreProblem } from "../../lambda/store/tracker.js";
import { type LocalDynamo, startBlackHole, startDynalite, TABLE } from "../support/dynalite.js";

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(() => dynamo.close());

describe("DynamoProgressStore on dynalite", () => {
  it("saves, loads and removes progress under a hashed key, with a TTL a week out", async () => {
    const store = new DynamoProgressStore({ tableName: TABLE, endpoint: dynamo.endpoint });
    const key = await progressKey("phone", "+15551234567", "a-deployment-secret-long-enough");
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toContain("5551234567");
    const at = Date.now();
    await store.save(key, { topic: "BackupStuck", step: 3, at, channel: "phone" });
    expect(await store.load(key)).toEqual({ topic: "BackupStuck", step: 3, at, channel: "phone" });
    const { DynamoDBClient, GetItemCommand } = await import("@aws-sdk/client-dynamodb");
    const raw = await new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "l", secretAccessKey: "l" },
    }).send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: key } } }));
    expect(Number(raw.Item?.expiresAt?.N)).toBe(Math.floor(at / 1000) + PROGRESS_TTL_SECONDS);
    await store.remove(key);
    expect(await store.load(key)).toBeUndefined();
  });

  it("ignores items that expired but were not yet swept, and items that are not ours", () => {
    const old = Date.now() - (PROGRESS_TTL_SECONDS + 60) * 1000;
    expect(parseProgress({ topic: "BackupStuck", step: 1, at: old, channel: "phone" })).toBeUndefined();
    expect(parseProgress({ topic: "Nope", step: 1, at: Date.now(), channel: "phone" })).toBeUndefined();
    expect(
      parseProgress({ topic: "BackupStuck", step: -1, at: Date.now(), channel: "phone" }),
    ).toBeUndefined();
    expect(parseProgress(null)).toBeUndefined();
    const now = Date.now();
    for (const hist of [[0, -1], [0, 1.5], "0,1", [0, "1"], Array.from({ length: 11 }, (_, i) => i)])
      expect(
        parseProgress({ topic: "BackupStuck", step: 3, at: now, channel: "phone", hist }),
        String(hist),
      ).toBeUndefined();
    expect(
      parseProgress({ topic: "BackupStuck", step: 3, at: now, channel: "phone", hist: [0, 1, 2] }),
    ).toEqual({
      topic: "BackupStuck",
      step: 3,
      at: now,
      channel: "phone",
      hist: [0, 1, 2],
    });
  });

  it("gives up on a store that hangs within the voice budget", async () => {
    const hole = await startBlackHole();
    try {
      const store = new DynamoProgressStore({ tableName: TABLE, endpoint: hole.endpoint });
      await store.load("warm-up").catch(() => undefined); // first call also loads the SDK
      const started = performance.now();
      await expect(store.load("k")).rejects.toThrow(/longer than 300 ms/);
      expect(performance.now() - started).toBeLessThan(STORE_TIMEOUT_MS + 200);
    } finally {
      await hole.close();
    }
  });
});

describe("the store made ready at init", () => {
  it("on dynalite, prepare loads the client and opens a connection, and writes nothing", async () => {
    const store = new DynamoProgressStore({ tableName: TABLE, endpoint: dynamo.endpoint });
    await expect(store.prepare()).resolves.toBeUndefined();
    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    });
    const { Count } = await client.send(new ScanCommand({ TableName: TABLE, Select: "COUNT" }));
    client.destroy();
    expect(Count).toBe(0);
  });

  it("on a store that hangs, prepare gives up within the store's budget and throws nothing", async () => {
    const hole = await startBlackHole();
    try {
      const store = new DynamoProgressStore({ tableName: TABLE, endpoint: hole.endpoint });
      await store.prepare(); // the SDK loaded once, so what follows is the store's own budget
      const started = performance.now();
      await expect(store.prepare()).resolves.toBeUndefined();
      expect(performance.now() - started).toBeLessThan(STORE_TIMEOUT_MS + 200);
    } finally {
      await hole.close();
    }
  });

  it("a tracker's prepare fetches the secret and readies the store, and a failure there marks nothing down", async () => {
    let secretCalls = 0;
    let prepared = 0;
    const problems: StoreProblem[] = [];
    const broken = {
      load: async () => undefined,
      save: async () => {},
      remove: async () => {},
      prepare: async () => {
        prepared++;
        throw new Error("no route to the table");
      },
    };
    const tracker = new ProgressTracker(
      broken,
      async () => {
        secretCalls++;
        if (secretCalls === 1) throw new Error("secret not reachable yet");
        return "a-deployment-secret-long-enough";
      },
      (p) => problems.push(p),
    );
    await expect(tracker.prepare()).resolves.toBeUndefined();
    expect([prepared, secretCalls]).toEqual([1, 1]);
    expect(problems).toEqual([]);
    // The first turn tries again, as if nothing had happened at init.
    expect(await tracker.key("phone", "+15551234567")).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("what a turn changes in the saved progress", () => {
  const at = (step: number, phase: State["phase"] = "step"): State => ({
    ...initialState(),
    phase,
    topic: "UpdateIOS",
    step,
  });
  const quiet = { say: [], reprompt: [], expect: "next" as const, signals: [] };

  it("saves when the caller reaches a new step, not when they stay", () => {
    expect(progressChange(at(0), at(1), quiet, "phone", 5)).toEqual({
      action: "save",
      progress: { topic: "UpdateIOS", step: 1, at: 5, channel: "phone" },
    });
    expect(progressChange(at(1), at(1), quiet, "phone")).toBeUndefined();
  });

  it("removes it when the problem is fixed, handed off, or the caller asks", () => {
    const resolved = {
      ...quiet,
      signals: [{ kind: "resolved" as const, topic: "UpdateIOS" as const, step: 1 }],
    };
    expect(progressChange(at(1), { ...initialState(), phase: "anythingElse" }, resolved, "phone")).toEqual({
      action: "remove",
    });
    expect(progressChange(at(1), at(1, "ended"), { ...quiet, end: "handoff" as const }, "phone")).toEqual({
      action: "remove",
    });
    expect(progressChange(at(1), at(1), { ...quiet, forget: true }, "phone")).toEqual({ action: "remove" });
  });
});
