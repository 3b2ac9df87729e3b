// Lex's dialog semantics as the local runtime applies them, observed from a scripted Lambda: the event it gets,
// confirmation answers, intent switching, slots, Delegate to fulfilment, attributes, contexts and session expiry.
import { GetSessionCommand, PutSessionCommand, RecognizeTextCommand } from "@aws-sdk/client-lex-runtime-v2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotModel } from "../../lambda/content/load.js";
import { BOT, errorOf, sessionId, startTestRuntime, type TestRuntime } from "./support.js";

// biome-ignore lint/suspicious/noExplicitAny: events are inspected field by field, as the Lambda would
type Event = any;
type Script = (event: Event) => unknown;

const events = new Map<string, Event[]>();
const scripts = new Map<string, Script>();
const elicit = (content = "What else?", extra: Record<string, unknown> = {}) => ({
  sessionState: { dialogAction: { type: "ElicitIntent" }, ...extra },
  messages: [{ contentType: "PlainText", content }],
});

function scriptedHandler(event: Event): unknown {
  const id = event.sessionId as string;
  events.set(id, [...(events.get(id) ?? []), event]);
  return (scripts.get(id) ?? (() => elicit()))(event);
}
const lastEvent = (id: string) => events.get(id)?.at(-1);

let clock = Date.now();
let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ handler: scriptedHandler, now: () => clock, idleSessionTtlSeconds: 900 });
});
afterAll(() => rt.close());

const say = (id: string, text: string, extra: Record<string, unknown> = {}) =>
  rt.client.send(new RecognizeTextCommand({ ...BOT, sessionId: id, text, ...extra }));

describe("the Lambda event", () => {
  it("has the shape Lex sends (messageVersion 1.0)", async () => {
    const id = sessionId("event");
    await say(id, "my icloud storage is full");
    const e = lastEvent(id);
    expect(e).toMatchObject({
      messageVersion: "1.0",
      invocationSource: "DialogCodeHook",
      inputMode: "Text",
      responseContentType: "text/plain; charset=utf-8",
      sessionId: id,
      inputTranscript: "my icloud storage is full",
      bot: {
        id: "LOCALBOTID",
        name: expect.any(String),
        localeId: "en_US",
        version: "DRAFT",
        aliasId: "TSTALIASID",
        aliasName: "TestBotAlias",
      },
      sessionState: {
        sessionAttributes: {},
        intent: { name: "StorageFull", slots: {}, state: "InProgress", confirmationState: "None" },
        originatingRequestId: expect.any(String),
      },
    });
    expect(e.interpretations[0]).toMatchObject({
      intent: { name: "StorageFull" },
      interpretationSource: "Lex",
    });
    // In the Lambda event confidence is a bare number (the runtime API wraps it in {score}).
    expect(typeof e.interpretations[0].nluConfidence).toBe("number");
    expect(e.interpretations.length).toBeLessThanOrEqual(5);
    expect(e.requestAttributes).toBeUndefined();
    expect(e.transcriptions).toBeUndefined();
  });

  it("inserts FallbackIntent, without a score, when nothing reaches the threshold", async () => {
    const id = sessionId("fallback");
    const r = await say(id, "zebra pancakes");
    expect(r.interpretations?.[0]?.intent?.name).toBe("FallbackIntent");
    expect(r.interpretations?.[0]?.nluConfidence).toBeUndefined();
    expect(lastEvent(id).sessionState.intent.name).toBe("FallbackIntent");
  });

  it("passes request attributes for one turn only and never stores them", async () => {
    const id = sessionId("reqattr");
    await say(id, "hello", {
      requestAttributes: { "x-amz-lex:channels:platform": "Connect", "x-local:input-mode": "x" },
    });
    expect(lastEvent(id).requestAttributes).toEqual({ "x-amz-lex:channels:platform": "Connect" });
    await say(id, "hello");
    expect(lastEvent(id).requestAttributes).toBeUndefined();
    const stored = await rt.client.send(new GetSessionCommand({ ...BOT, sessionId: id }));
    expect(JSON.stringify(stored)).not.toContain("Connect");
  });
});

describe("session attributes", () => {
  it("are replaced by what the Lambda returns, kept when it omits them, cleared by {}", async () => {
    const id = sessionId("attrs");
    scripts.set(id, () => elicit("a", { sessionAttributes: { a: "1", b: "2" } }));
    expect((await say(id, "hello")).sessionState?.sessionAttributes).toEqual({ a: "1", b: "2" });
    scripts.set(id, () => elicit("b", { sessionAttributes: { b: "3" } }));
    expect((await say(id, "hello")).sessionState?.sessionAttributes).toEqual({ b: "3" });
    scripts.set(id, () => elicit("c"));
    expect((await say(id, "hello")).sessionState?.sessionAttributes).toEqual({ b: "3" });
    expect(lastEvent(id).sessionState.sessionAttributes).toEqual({ b: "3" });
    scripts.set(id, () => elicit("d", { sessionAttributes: {} }));
    expect((await say(id, "hello")).sessionState?.sessionAttributes).toEqual({});
  });

  it("can be set by the client's sessionState on a turn", async () => {
    const id = sessionId("client-attrs");
    await say(id, "hello", { sessionState: { sessionAttributes: { from: "client" } } });
    expect(lastEvent(id).sessionState.sessionAttributes).toEqual({ from: "client" });
  });
});

describe("ConfirmIntent", () => {
  const confirm = (event: Event) => ({
    sessionState: {
      dialogAction: { type: "ConfirmIntent" },
      intent: { ...event.sessionState.intent, state: "InProgress" },
    },
    messages: [{ contentType: "PlainText", content: "Shall I delete the backup?" }],
  });

  it.each([
    ["yes", "Confirmed"],
    ["yeah go ahead", "Confirmed"],
    ["no", "Denied"],
    ["nope", "Denied"],
  ])("turns %s into confirmationState %s on the next turn", async (answer, state) => {
    const id = sessionId("confirm");
    scripts.set(id, confirm);
    const asked = await say(id, "my icloud storage is full");
    expect(asked.sessionState?.dialogAction?.type).toBe("ConfirmIntent");
    scripts.set(id, () => elicit());
    await say(id, answer);
    expect(lastEvent(id).sessionState.intent).toMatchObject({
      name: "StorageFull",
      confirmationState: state,
    });
  });

  it("gives confirmationState None and a retry in proposedNextState for an answer that is neither", async () => {
    const id = sessionId("confirm-unclear");
    scripts.set(id, confirm);
    await say(id, "my icloud storage is full");
    await say(id, "purple elephants");
    const first = lastEvent(id);
    expect(first.sessionState.intent).toMatchObject({ name: "StorageFull", confirmationState: "None" });
    expect(first.proposedNextState).toMatchObject({
      dialogAction: { type: "ConfirmIntent" },
      prompt: { attempt: "Retry1" },
    });
    await say(id, "purple elephants");
    expect(lastEvent(id).proposedNextState.prompt.attempt).toBe("Retry2");
  });

  it("switches intent when the caller asks for something else, unless x-amz-lex:intent-switch is DISABLE", async () => {
    const id = sessionId("switch");
    scripts.set(id, confirm);
    await say(id, "my icloud storage is full");
    await say(id, "my backup is stuck", { requestAttributes: { "x-amz-lex:intent-switch": "DISABLE" } });
    expect(lastEvent(id).sessionState.intent).toMatchObject({
      name: "StorageFull",
      confirmationState: "None",
    });
    await say(id, "my backup is stuck");
    expect(lastEvent(id).sessionState.intent).toMatchObject({
      name: "BackupStuck",
      confirmationState: "None",
    });
  });
});

describe("ElicitSlot, Delegate and Close", () => {
  it("fills the elicited slot with what the caller says", async () => {
    const id = sessionId("slot");
    scripts.set(id, (e) => ({
      sessionState: {
        dialogAction: { type: "ElicitSlot", slotToElicit: "device" },
        intent: e.sessionState.intent,
      },
      messages: [{ contentType: "PlainText", content: "Which device?" }],
    }));
    const asked = await say(id, "my backup is stuck");
    expect(asked.sessionState?.dialogAction).toMatchObject({ type: "ElicitSlot", slotToElicit: "device" });
    await say(id, "the kitchen one");
    expect(lastEvent(id).sessionState.intent).toMatchObject({
      name: "BackupStuck",
      slots: {
        device: {
          shape: "Scalar",
          value: { originalValue: "the kitchen one", interpretedValue: "the kitchen one" },
        },
      },
    });
    // An utterance that is clearly another intent switches to it instead (intent switching is on by default).
    await say(id, "my icloud storage is full");
    expect(lastEvent(id).sessionState.intent).toMatchObject({ name: "StorageFull", slots: {} });
  });

  it("runs the fulfilment code hook after a Delegate, and returns both hooks' messages", async () => {
    const id = sessionId("delegate");
    scripts.set(id, (e) =>
      e.invocationSource === "DialogCodeHook"
        ? {
            sessionState: { dialogAction: { type: "Delegate" } },
            messages: [{ contentType: "PlainText", content: "One moment." }],
          }
        : {
            sessionState: {
              dialogAction: { type: "Close" },
              intent: { name: e.sessionState.intent.name, state: "Fulfilled" },
            },
            messages: [{ contentType: "PlainText", content: "Done." }],
          },
    );
    const r = await say(id, "my backup is stuck");
    const sources = events.get(id)?.map((e) => e.invocationSource);
    expect(sources).toEqual(["DialogCodeHook", "FulfillmentCodeHook"]);
    expect(lastEvent(id).sessionState.intent.state).toBe("ReadyForFulfillment");
    expect(r.messages?.map((m) => m.content)).toEqual(["One moment.", "Done."]);
    expect(r.sessionState?.dialogAction?.type).toBe("Close");
    expect(r.sessionState?.intent).toMatchObject({ name: "BackupStuck", state: "Fulfilled" });
  });

  it("starts a new intent on the turn after Close, and returns the Lambda's request attributes", async () => {
    const id = sessionId("close");
    scripts.set(id, (e) => ({
      sessionState: {
        dialogAction: { type: "Close" },
        intent: { name: e.sessionState.intent.name, state: "Failed" },
      },
      messages: [{ contentType: "PlainText", content: "Bye." }],
      requestAttributes: { handoff: "queue-1" },
    }));
    const closed = await say(id, "goodbye");
    expect(closed.sessionState?.intent).toMatchObject({ name: "StopIntent", state: "Failed" });
    expect(closed.requestAttributes).toEqual({ handoff: "queue-1" });
    scripts.set(id, () => elicit());
    await say(id, "my backup is stuck");
    expect(lastEvent(id).sessionState.intent).toMatchObject({ name: "BackupStuck", state: "InProgress" });
  });
});

describe("active contexts", () => {
  it("live for their number of turns", async () => {
    const id = sessionId("ctx");
    const context = {
      name: "troubleshooting",
      timeToLive: { timeToLiveInSeconds: 600, turnsToLive: 2 },
      contextAttributes: { t: "1" },
    };
    scripts.set(id, () => elicit("a", { activeContexts: [context] }));
    await say(id, "hello");
    scripts.set(id, () => elicit("b"));
    await say(id, "hello");
    expect(lastEvent(id).sessionState.activeContexts).toEqual([context]);
    await say(id, "hello");
    expect(lastEvent(id).sessionState.activeContexts).toEqual([context]);
    await say(id, "hello");
    expect(lastEvent(id).sessionState.activeContexts).toEqual([]);
  });
});

describe("idle sessions", () => {
  it("expire after the idle TTL and start fresh", async () => {
    const id = sessionId("ttl");
    scripts.set(id, () => elicit("a", { sessionAttributes: { remembered: "yes" } }));
    await say(id, "hello");
    clock += 899_000;
    scripts.set(id, () => elicit("b"));
    await say(id, "hello");
    expect(lastEvent(id).sessionState.sessionAttributes).toEqual({ remembered: "yes" });
    clock += 900_000;
    await expect(rt.client.send(new GetSessionCommand({ ...BOT, sessionId: id }))).rejects.toThrow(
      /not found/,
    );
    await say(id, "hello");
    expect(lastEvent(id).sessionState.sessionAttributes).toEqual({});
  });
});

describe("the session cap", () => {
  it("evicts the least recently used session when full", async () => {
    const tiny: BotModel = {
      locale: "en-US",
      nluConfidenceThreshold: 0.4,
      intents: [
        { name: "Yes", kind: "navigation", utterances: ["yes", "yeah"] },
        { name: "No", kind: "navigation", utterances: ["no", "nope"] },
        { name: "FallbackIntent", kind: "fallback", utterances: [] },
      ],
    };
    const small = await startTestRuntime({ handler: () => elicit(), model: tiny, maxSessions: 3 });
    try {
      const send = (id: string) =>
        small.client.send(new RecognizeTextCommand({ ...BOT, sessionId: id, text: "yes" }));
      const get = (id: string) => small.client.send(new GetSessionCommand({ ...BOT, sessionId: id }));
      for (const id of ["one", "two", "three"]) await send(id);
      await send("one"); // "two" is now the least recently used
      await send("four");
      expect(small.server.runtime.sessionCount).toBe(3);
      expect((await errorOf(get("two"))).name).toBe("ResourceNotFoundException");
      for (const id of ["one", "three", "four"]) expect((await get(id)).sessionId).toBe(id);
    } finally {
      await small.close();
    }
  });
});

describe("PutSession with Delegate", () => {
  it("runs the code hook for the given intent with no input", async () => {
    const id = sessionId("put-delegate");
    scripts.set(id, () => elicit("Welcome!"));
    const r = await rt.client.send(
      new PutSessionCommand({
        ...BOT,
        sessionId: id,
        sessionState: { dialogAction: { type: "Delegate" }, intent: { name: "FallbackIntent" } },
      }),
    );
    await r.audioStream?.transformToByteArray();
    expect(lastEvent(id)).toMatchObject({
      inputTranscript: "",
      interpretations: [],
      invocationSource: "DialogCodeHook",
    });
  });
});
