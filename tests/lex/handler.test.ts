// The Lex V2 fulfilment Lambda with realistic events: every intent in every input mode gets a response Lex
// accepts; voice gets valid SSML, text gets plain text; the phone gets keys and the hand-off contract.
import { describe, expect, it } from "vitest";
import { STATE_ATTRIBUTE } from "../../lambda/channels/lex/response.js";
import { NAV_INTENTS, TOPIC_INTENTS } from "../../lambda/content/intents.js";
import { handler } from "../../lambda/handler.js";
import { type Channel, lexEvent } from "../support/lex-events.js";
import { assertValidLexResponse, spokenText } from "../support/lex-response-schema.js";

const ALL_INTENTS = [...TOPIC_INTENTS, ...NAV_INTENTS, "FallbackIntent"];
const CHANNELS: Channel[] = ["text", "voice", "phone"];

async function turn(
  channel: Channel,
  intent: string,
  transcript: string,
  attrs: Record<string, string> = {},
  dtmf = false,
) {
  const response = assertValidLexResponse(
    await handler(lexEvent({ channel, intent, transcript, sessionAttributes: attrs, dtmf })),
  );
  return { response, said: spokenText(response), attrs: response.sessionState.sessionAttributes ?? {} };
}

describe("every intent, every input mode", () => {
  for (const channel of CHANNELS) {
    it.each(ALL_INTENTS)(`${channel}: %s gets a valid response, fresh and mid-topic`, async (intent) => {
      const fresh = await turn(channel, intent, "some words");
      const contentType = channel === "text" ? "PlainText" : "SSML";
      for (const m of fresh.response.messages ?? []) expect(m.contentType).toBe(contentType);
      const mid = await turn("phone", "StorageFull", "my icloud storage is full");
      const next = await turn(channel, intent, "some words", mid.attrs);
      expect(next.response.messages?.length).toBeGreaterThan(0);
    });
  }

  it.each(["1", "2", "0", "9", "5", "12#", "*", ""])("DTMF %j gets a valid response", async (keys) => {
    const start = await turn("phone", "BackupStuck", "my backup is stuck");
    const r = await turn("phone", "FallbackIntent", keys, start.attrs, true);
    expect(r.response.messages?.length).toBeGreaterThan(0);
  });
});

describe("the phone line", () => {
  it("offers keys on the phone only", async () => {
    expect((await turn("phone", "StorageFull", "my icloud storage is full")).said).toContain(
      "Say yes or press 1. Say no or press 2.",
    );
    expect((await turn("voice", "StorageFull", "my icloud storage is full")).said).not.toContain("press");
    expect((await turn("text", "StorageFull", "my icloud storage is full")).said).not.toContain("press");
  });

  it("maps keys: 1 yes, 2 no, 9 repeat, 0 agent", async () => {
    const start = await turn("phone", "TroubleshootBackup", "my backup isn't working");
    const one = await turn("phone", "FallbackIntent", "1", start.attrs, true);
    expect(one.attrs.step).toBe("2");
    const two = await turn("phone", "FallbackIntent", "2", start.attrs, true);
    expect(two.attrs.step).toBe("3");
    const nine = await turn("phone", "FallbackIntent", "9", start.attrs, true);
    expect(nine.said).toContain("Open Settings, tap your name at the top, then tap iCloud");
    const zero = await turn("phone", "FallbackIntent", "0", start.attrs, true);
    expect(zero.response.sessionState.dialogAction.type).toBe("Close");
    expect(zero.attrs).toMatchObject({
      nextAction: "TRANSFER_TO_AGENT",
      topic: "TroubleshootBackup",
      step: "1",
    });
  });

  it("hands off with Close, Fulfilled and what the agent needs to see", async () => {
    const start = await turn("phone", "BackupError", "my backup shows an error");
    const r = await turn("phone", "ContactSupport", "agent", start.attrs);
    expect(r.response.sessionState).toMatchObject({
      dialogAction: { type: "Close" },
      intent: { name: "ContactSupport", state: "Fulfilled" },
      sessionAttributes: { nextAction: "TRANSFER_TO_AGENT", topic: "BackupError", step: "1" },
    });
    expect(r.said).toContain("connect you to a support agent");
  });

  it("ends a finished call with HANGUP", async () => {
    const r = await turn("phone", "StopIntent", "goodbye");
    expect(r.response.sessionState.dialogAction.type).toBe("Close");
    expect(r.attrs.nextAction).toBe("HANGUP");
  });

  it("keeps the contact flow's session attributes", async () => {
    const flow = { "x-amz-lex:audio:start-timeout-ms:*:*": "4000", "x-amz-lex:allow-interrupt:*:*": "true" };
    const r = await turn("phone", "UpdateIOS", "update my iphone", flow);
    expect(r.attrs).toMatchObject(flow);
  });
});

describe("input that cannot be trusted", () => {
  it.each([
    ["null", null],
    ["a number", 42],
    ["an empty object", {}],
    ["no session state", { inputTranscript: "hi", inputMode: "Speech" }],
    [
      "wrong types",
      {
        sessionState: { intent: { name: 7 }, sessionAttributes: { a: 1, [STATE_ATTRIBUTE]: [] } },
        inputTranscript: {},
      },
    ],
    ["an unknown intent", lexEvent({ channel: "voice", intent: "DropTables", transcript: "x" })],
    [
      "an intent named like an Object property",
      lexEvent({ channel: "voice", intent: "constructor", transcript: "x" }),
    ],
  ])("answers %s with a valid spoken recovery", async (_, event) => {
    const r = assertValidLexResponse(await handler(event));
    expect(r.sessionState.dialogAction.type).toBe("ElicitIntent");
    expect(spokenText(r)).toContain("What's going on with your iCloud backup?");
  });

  it("never answers a tampered state with silence (found by the fuzz test, shrunk)", async () => {
    // A resume offer and an open offer of a person at once: no path builds it, a client can send it.
    const state = '{"v":1,"p":"resume","s":0,"h":[],"m":0,"t":"TroubleshootBackup","o":1,"r":0}';
    const r = await turn("text", "TroubleshootBackup", "", { [STATE_ATTRIBUTE]: state });
    expect(r.response.messages?.length).toBeGreaterThan(0);
    expect(r.said).toContain("Welcome back");
  });

  it("restarts politely when the state was tampered with", async () => {
    const r = await turn("voice", "Next", "next", {
      [STATE_ATTRIBUTE]: '{"v":1,"p":"step","s":42,"h":[],"m":0,"t":"StorageFull"}',
    });
    expect(r.said).toContain("I lost track of where we were");
    expect(JSON.parse(r.attrs[STATE_ATTRIBUTE] ?? "").s).toBe(0);
  });

  it("escapes what would break SSML and never reads markup aloud", async () => {
    const r = await turn("voice", "FallbackIntent", `</speak><speak>&amp; "x" <break time="10s"/>`);
    expect(r.said).not.toContain("break");
  });

  it("never repeats a password, code or email back", async () => {
    for (const words of [
      "my password is hunter2",
      "the code is 482913",
      "my apple id is jane at gmail dot com",
    ]) {
      const r = await turn("voice", "AccountNotRecognized", words);
      expect(r.said).toContain("Please don't tell me passwords");
      expect(r.said).not.toMatch(/hunter2|482913|jane|gmail/);
    }
  });
});

describe("the response checks themselves", () => {
  it("reject SSML that is malformed, unwrapped or uses unsupported tags", async () => {
    const { assertValidSsml } = await import("../support/lex-response-schema.js");
    expect(() => assertValidSsml('<speak><s>fine</s><break time="350ms"/></speak>')).not.toThrow();
    expect(() => assertValidSsml("<speak><s>open</speak>")).toThrow(/well-formed/);
    expect(() => assertValidSsml("<s>bare</s>")).toThrow(/wrapped/);
    expect(() => assertValidSsml("<speak><emphasis>no</emphasis></speak>")).toThrow(/emphasis/);
  });

  it("reject an ElicitIntent without messages", () => {
    expect(() =>
      assertValidLexResponse({ sessionState: { dialogAction: { type: "ElicitIntent" } } }),
    ).toThrow(/requires messages/);
  });
});
