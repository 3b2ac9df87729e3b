// Load and faults at CI size (the full size is `npm run load`): many callers at once, each checking it hears
// its own topic, while the handler throws, hangs or answers garbage on a share of turns. Those turns get Lex's
// DependencyFailedException; every other turn, and every other session, is unaffected; the server stays up.
import { RecognizeTextCommand } from "@aws-sdk/client-lex-runtime-v2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faultyHandler } from "../../bench/faults.js";
import { runLoad } from "../../bench/load-driver.js";
import { loadBotModel } from "../../local/bot.js";
import type { CodeHook } from "../../local/lambda-contract.js";
import { BOT, startTestRuntime, type TestRuntime } from "./support.js";

const model = loadBotModel();
let clean: TestRuntime;

beforeAll(async () => {
  clean = await startTestRuntime();
});
afterAll(() => clean.close());

describe("load", () => {
  it("50 callers, 2,000 turns of mixed conversations: no errors, no state crossing between sessions", async () => {
    const result = await runLoad({ url: clean.server.url, model, concurrency: 50, turns: 2_000, seed: 5 });
    expect(result.errors).toEqual({});
    expect(result.crossings).toBe(0);
    expect(result.turns).toBeGreaterThanOrEqual(2_000);
    expect(result.conversations).toBeGreaterThan(50);
  }, 60_000);
});

describe("faults", () => {
  it("turns whose handler throws, hangs or answers garbage fail alone, as Lex fails them", async () => {
    const real = (await import("../../lambda/handler.js")).handler as CodeHook;
    const faulty = faultyHandler(real, { throwEvery: 17, hangEvery: 23, garbageEvery: 29 }, 400);
    const runtime = await startTestRuntime({ handler: faulty.hook, handlerTimeoutMs: 150 });
    try {
      const result = await runLoad({ url: runtime.server.url, model, concurrency: 20, turns: 600, seed: 6 });
      expect(Object.keys(result.errors)).toEqual(["DependencyFailedException"]);
      expect(result.errors.DependencyFailedException).toBe(faulty.injected());
      expect(faulty.injected()).toBeGreaterThan(40);
      expect(result.crossings).toBe(0);
      // And the server still answers, through the official client, as if nothing happened.
      const ok = await runtime.client.send(
        new RecognizeTextCommand({ ...BOT, sessionId: "after-faults", text: "my icloud storage is full" }),
      );
      expect(ok.messages?.length).toBeGreaterThan(0);
    } finally {
      await runtime.close();
    }
  }, 60_000);
});
