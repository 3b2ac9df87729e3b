// Whole calls through the official SDK client against the local runtime and the real Lambda: a troubleshooting
// conversation to its end, navigation, keypad, silence, many callers at once, and HTTP/1.1 clients.
import {
  GetSessionCommand,
  type LexRuntimeV2Client,
  type Message,
  RecognizeTextCommand,
  RecognizeUtteranceCommand,
} from "@aws-sdk/client-lex-runtime-v2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOPIC_INTENTS } from "../../lambda/content/intents.js";
import { loadContent, speechContent } from "../../lambda/content/load.js";
import {
  BOT,
  decode,
  encode,
  lexClient,
  sessionId,
  startTestRuntime,
  TEXT,
  type TestRuntime,
} from "./support.js";

const source = loadContent();
/** RecognizeText is typed chat: the words of a chat. */
const content = speechContent(source, "text");
const storage = content.topics.StorageFull;
const stepSay = (i: number) => storage.steps[i]?.say ?? "";

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt.close());

async function say(client: LexRuntimeV2Client, id: string, text: string) {
  const r = await client.send(new RecognizeTextCommand({ ...BOT, sessionId: id, text }));
  const said = (r.messages ?? []).map((m) => m.content ?? "").join(" ");
  return { r, said, attributes: r.sessionState?.sessionAttributes ?? {} };
}

/** A phone-line utterance (Amazon Connect): words are speech, keys are DTMF. */
async function onPhone(client: LexRuntimeV2Client, id: string, body: string) {
  const r = await client.send(
    new RecognizeUtteranceCommand({
      ...BOT,
      sessionId: id,
      requestContentType: TEXT,
      responseContentType: TEXT,
      requestAttributes: encode({ "x-amz-lex:channels:platform": "Connect" }),
      inputStream: body,
    }),
  );
  await r.audioStream?.transformToByteArray();
  const messages = decode<Message[]>(r.messages) ?? [];
  return {
    r,
    messages,
    said: messages.map((m) => m.content ?? "").join(" "),
    state: decode<{ sessionAttributes?: Record<string, string>; dialogAction?: { type: string } }>(
      r.sessionState,
    ),
  };
}

describe("a whole troubleshooting call (storage full)", () => {
  it("walks the steps, confirms the risky one, points to support when nothing fixed it, then says goodbye", async () => {
    const id = sessionId("storage");
    const hello = await say(rt.client, id, "hello");
    expect(hello.said).toContain(content.shared.greeting);
    expect(hello.r.interpretations?.[0]?.intent?.name).toBe("FallbackIntent");

    const start = await say(rt.client, id, "my icloud storage is full");
    expect(start.r.interpretations?.[0]?.intent?.name).toBe("StorageFull");
    expect(start.r.interpretations?.[0]?.nluConfidence?.score).toBeGreaterThanOrEqual(0.4);
    expect(start.said).toContain(stepSay(0));
    expect(start.attributes).toMatchObject({ topic: "StorageFull", step: "1" });
    expect(start.r.sessionState?.dialogAction?.type).toBe("ElicitIntent");

    expect((await say(rt.client, id, "yes")).said).toContain(stepSay(1));
    const risky = await say(rt.client, id, "next");
    expect(risky.said).toContain(storage.steps[2]?.confirm ?? "");
    expect(risky.said).not.toContain(stepSay(2));
    expect((await say(rt.client, id, "yes")).said).toContain(stepSay(2));
    expect((await say(rt.client, id, "no")).said).toContain(stepSay(3));
    expect((await say(rt.client, id, "no")).said).toContain(stepSay(4));
    expect((await say(rt.client, id, "no")).said).toContain(stepSay(5));

    // Typed chat has no agent to transfer to: the caller hears Apple Support's options and is asked what else.
    const notFixed = await say(rt.client, id, "no it didn't work");
    expect(notFixed.said).toContain(content.shared.replies.notFixedSupport);
    expect(notFixed.r.sessionState?.dialogAction?.type).toBe("ElicitIntent");

    const end = await say(rt.client, id, "no");
    expect(end.said).toContain(content.shared.replies.goodbye);
    expect(end.r.sessionState?.dialogAction?.type).toBe("Close");
    expect(end.r.sessionState?.intent?.state).toBe("Fulfilled");
    expect(end.attributes.nextAction).toBe("HANGUP");
  });

  it("ends with a goodbye when the fix works", async () => {
    const id = sessionId("fixed");
    await say(rt.client, id, "my icloud storage is full");
    await say(rt.client, id, "yes");
    await say(rt.client, id, "next");
    await say(rt.client, id, "yes");
    const fixed = await say(rt.client, id, "yes it worked");
    expect(fixed.said).toContain(content.shared.replies.resolved);
    const bye = await say(rt.client, id, "no");
    expect(bye.r.sessionState?.dialogAction?.type).toBe("Close");
    expect(bye.attributes.nextAction).toBe("HANGUP");
  });
});

describe("navigation", () => {
  it("repeats the current step and goes back to the one before", async () => {
    const id = sessionId("nav");
    await say(rt.client, id, "my icloud storage is full");
    await say(rt.client, id, "yes");
    const again = await say(rt.client, id, "say that again");
    expect(again.r.interpretations?.[0]?.intent?.name).toBe("RepeatIntent");
    expect(again.said).toContain(stepSay(1));
    const back = await say(rt.client, id, "go back");
    expect(back.r.interpretations?.[0]?.intent?.name).toBe("Back");
    expect(back.said).toContain(stepSay(0));
    expect(back.attributes.step).toBe("1");
  });
});

describe("the phone line", () => {
  it("takes keypad digits as DTMF and lets the Lambda map them (1 yes, 9 repeat, 0 agent)", async () => {
    const id = sessionId("dtmf");
    const start = await onPhone(rt.client, id, "my icloud storage is full");
    expect(start.r.inputMode).toBe("Speech");
    expect(start.messages[0]?.contentType).toBe("SSML");
    expect(start.said).toContain(content.shared.keypad.yesNo);

    const one = await onPhone(rt.client, id, "1");
    expect(one.r.inputMode).toBe("DTMF");
    expect(decode(one.r.inputTranscript)).toBe("1");
    expect(one.state?.sessionAttributes?.step).toBe("2");

    const nine = await onPhone(rt.client, id, "9");
    expect(nine.state?.sessionAttributes?.step).toBe("2");

    const zero = await onPhone(rt.client, id, "0#");
    expect(decode(zero.r.inputTranscript)).toBe("0");
    expect(zero.state?.dialogAction?.type).toBe("Close");
    expect(zero.state?.sessionAttributes?.nextAction).toBe("TRANSFER_TO_AGENT");
  });

  it("treats an empty utterance as silence: the Lambda gets an empty transcript and reprompts", async () => {
    const id = sessionId("silence");
    await onPhone(rt.client, id, "my icloud storage is full");
    const quiet = await onPhone(rt.client, id, "");
    expect(decode(quiet.r.inputTranscript)).toBe("");
    expect(quiet.said.length).toBeGreaterThan(0);
    const state = JSON.parse(quiet.state?.sessionAttributes?.conversationState ?? "{}");
    expect(state.m).toBe(1);
  });
});

describe("many callers at once", () => {
  it("keeps 50 parallel sessions apart", async () => {
    const topics = TOPIC_INTENTS.filter((t) => t !== "ContactSupport");
    const calls = Array.from({ length: 50 }, (_, i) => {
      const topic = topics[i % topics.length] as (typeof topics)[number];
      return { id: sessionId(`par${i}`), topic, utterance: source.topics[topic].utterances[0] ?? "" };
    });
    const results = await Promise.all(
      calls.map(async (c) => {
        const first = await say(rt.client, c.id, c.utterance);
        const second = await say(rt.client, c.id, "repeat");
        const stored = await rt.client.send(new GetSessionCommand({ ...BOT, sessionId: c.id }));
        return { c, first, second, stored };
      }),
    );
    const topicOf = (attributes: Record<string, string> | undefined) =>
      JSON.parse(attributes?.conversationState ?? "{}").t as string | undefined;
    for (const { c, first, second, stored } of results) {
      expect(first.r.interpretations?.[0]?.intent?.name).toBe(c.topic);
      // Each call is on its own topic, turn after turn, and the stored session is that call's.
      expect(topicOf(first.attributes)).toBe(c.topic);
      expect(topicOf(second.attributes)).toBe(c.topic);
      expect(second.said.length).toBeGreaterThan(0);
      expect(topicOf(stored.sessionState?.sessionAttributes)).toBe(c.topic);
      expect(stored.sessionId).toBe(c.id);
    }
  });
});

describe("HTTP/1.1 clients", () => {
  it("serves the SDK with NodeHttpHandler on the same port", async () => {
    const client = lexClient(rt.server.url, { http1: true });
    try {
      const id = sessionId("h1");
      const start = await say(client, id, "my icloud storage is full");
      expect(start.said).toContain(stepSay(0));
      // The same session continues over HTTP/2.
      expect((await say(rt.client, id, "yes")).said).toContain(stepSay(1));
      const utterance = await onPhone(client, id, "1");
      expect(utterance.r.inputMode).toBe("DTMF");
    } finally {
      client.destroy();
    }
  });
});
