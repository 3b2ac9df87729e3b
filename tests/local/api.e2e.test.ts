// The session operations and RecognizeUtterance's encoded headers, read back through the official SDK the way
// an application does (the SDK passes the gzip+base64 headers through untouched; the caller decodes them).
import {
  DeleteSessionCommand,
  GetSessionCommand,
  type Interpretation,
  type Message,
  PutSessionCommand,
  RecognizeTextCommand,
  RecognizeUtteranceCommand,
  ResourceNotFoundException,
  type SessionState,
} from "@aws-sdk/client-lex-runtime-v2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../lambda/content/load.js";
import {
  BOT,
  decode,
  encode,
  errorOf,
  lexClient,
  sessionId,
  startTestRuntime,
  TEXT,
  type TestRuntime,
} from "./support.js";

const content = loadContent();
let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt.close());

async function utter(id: string, body: string, attributes?: Record<string, string>, state?: SessionState) {
  const r = await rt.client.send(
    new RecognizeUtteranceCommand({
      ...BOT,
      sessionId: id,
      requestContentType: TEXT,
      responseContentType: TEXT,
      ...(attributes ? { requestAttributes: encode(attributes) } : {}),
      ...(state ? { sessionState: encode(state) } : {}),
      inputStream: body,
    }),
  );
  const audio = await r.audioStream?.transformToByteArray();
  return {
    r,
    audio,
    messages: decode<Message[]>(r.messages) ?? [],
    interpretations: decode<Interpretation[]>(r.interpretations) ?? [],
    state: decode<SessionState>(r.sessionState),
    transcript: decode<string>(r.inputTranscript),
  };
}

describe("RecognizeUtterance with text input", () => {
  it("answers in gzip+base64 headers: messages, interpretations, session state, transcript", async () => {
    const id = sessionId("utt");
    const u = await utter(id, "my icloud storage is full");
    expect(u.r.sessionId).toBe(id);
    expect(u.r.inputMode).toBe("Text");
    expect(u.r.contentType).toBe(TEXT);
    expect(u.audio?.length ?? 0).toBe(0);
    expect(u.transcript).toBe("my icloud storage is full");
    expect(u.messages[0]).toMatchObject({ contentType: "PlainText" });
    expect(u.messages.map((m) => m.content).join(" ")).toContain(content.topics.StorageFull.steps[0]?.say);
    expect(u.interpretations[0]).toMatchObject({
      intent: { name: "StorageFull" },
      nluConfidence: { score: expect.any(Number) },
      interpretationSource: "Lex",
    });
    expect(u.interpretations.length).toBeLessThanOrEqual(5);
    expect(u.state?.sessionAttributes).toMatchObject({ topic: "StorageFull", step: "1" });
    expect(u.state?.dialogAction?.type).toBe("ElicitIntent");
    // The caller's request attributes are not echoed back.
    expect(u.r.requestAttributes).toBeUndefined();
  });

  it("takes the session state from its encoded header", async () => {
    const id = sessionId("utt-state");
    const u = await utter(id, "hello", undefined, { sessionAttributes: { contactId: "abc-123" } });
    expect(u.state?.sessionAttributes?.contactId).toBe("abc-123");
  });

  it("reads the input mode from x-local:input-mode, or from the phone channel", async () => {
    const speech = await utter(sessionId("mode"), "help", { "x-local:input-mode": "Speech" });
    expect(speech.r.inputMode).toBe("Speech");
    expect(speech.messages[0]?.contentType).toBe("SSML");
    const phoneWords = await utter(sessionId("mode"), "help", { "x-amz-lex:channels:platform": "Connect" });
    expect(phoneWords.r.inputMode).toBe("Speech");
    const keys = await utter(sessionId("mode"), "*12*4#", { "x-amz-lex:channels:platform": "Connect" });
    expect(keys.r.inputMode).toBe("DTMF");
    // '*' clears what was keyed, '#' ends the input.
    expect(keys.transcript).toBe("4");
    const typedDigits = await utter(sessionId("mode"), "4");
    expect(typedDigits.r.inputMode).toBe("Text");
  });

  it("turns an empty body into a silent turn (empty transcript)", async () => {
    const u = await utter(sessionId("quiet"), "", { "x-local:input-mode": "Speech" });
    expect(u.transcript).toBe("");
    expect(u.interpretations[0]?.intent?.name).toBe("FallbackIntent");
    expect(u.messages.length).toBeGreaterThan(0);
  });
});

describe("PutSession, GetSession, DeleteSession", () => {
  it("round-trip a session", async () => {
    const id = sessionId("put");
    const put = await rt.client.send(
      new PutSessionCommand({
        ...BOT,
        sessionId: id,
        sessionState: {
          dialogAction: { type: "ElicitIntent" },
          intent: { name: "StorageFull", state: "InProgress" },
          sessionAttributes: { contactId: "c-42" },
        },
        messages: [{ contentType: "PlainText", content: "Welcome back." }],
        requestAttributes: { "x-amz-lex:channels:platform": "Connect" },
      }),
    );
    await put.audioStream?.transformToByteArray();
    expect(put.sessionId).toBe(id);
    expect(decode<Message[]>(put.messages)).toEqual([{ contentType: "PlainText", content: "Welcome back." }]);
    expect(decode<SessionState>(put.sessionState)?.sessionAttributes).toEqual({ contactId: "c-42" });
    expect(decode(put.requestAttributes)).toEqual({ "x-amz-lex:channels:platform": "Connect" });

    const got = await rt.client.send(new GetSessionCommand({ ...BOT, sessionId: id }));
    expect(got.sessionId).toBe(id);
    expect(got.messages).toEqual([{ contentType: "PlainText", content: "Welcome back." }]);
    expect(got.sessionState?.intent).toMatchObject({ name: "StorageFull", state: "InProgress" });
    expect(got.sessionState?.sessionAttributes).toEqual({ contactId: "c-42" });

    // The next turn carries the attributes put there into the Lambda, which keeps foreign ones.
    const next = await rt.client.send(
      new RecognizeTextCommand({ ...BOT, sessionId: id, text: "my backup is stuck" }),
    );
    expect(next.sessionState?.sessionAttributes).toMatchObject({ contactId: "c-42", topic: "BackupStuck" });
    const after = await rt.client.send(new GetSessionCommand({ ...BOT, sessionId: id }));
    expect(after.interpretations?.[0]?.intent?.name).toBe("BackupStuck");
    expect(after.messages?.length).toBeGreaterThan(0);

    const deleted = await rt.client.send(new DeleteSessionCommand({ ...BOT, sessionId: id }));
    expect(deleted).toMatchObject({ ...BOT, sessionId: id });
    expect(await errorOf(rt.client.send(new GetSessionCommand({ ...BOT, sessionId: id })))).toBeInstanceOf(
      ResourceNotFoundException,
    );
    expect(await errorOf(rt.client.send(new DeleteSessionCommand({ ...BOT, sessionId: id })))).toBeInstanceOf(
      ResourceNotFoundException,
    );

    // A new turn after the delete starts a fresh conversation.
    const fresh = await rt.client.send(new RecognizeTextCommand({ ...BOT, sessionId: id, text: "hello" }));
    expect(fresh.sessionState?.sessionAttributes?.contactId).toBeUndefined();
  });

  it("greets a new caller through PutSession with Delegate (how the console opens a call)", async () => {
    const id = sessionId("greet");
    const put = await rt.client.send(
      new PutSessionCommand({
        ...BOT,
        sessionId: id,
        sessionState: { dialogAction: { type: "Delegate" }, intent: { name: "FallbackIntent" } },
        requestAttributes: { "x-local:input-mode": "Speech" },
      }),
    );
    await put.audioStream?.transformToByteArray();
    const messages = decode<Message[]>(put.messages) ?? [];
    expect(messages[0]?.contentType).toBe("SSML");
    expect(messages[0]?.content).toContain("<speak>");
    expect(decode<SessionState>(put.sessionState)?.dialogAction?.type).toBe("ElicitIntent");
  });

  it("work the same over HTTP/1.1", async () => {
    const client = lexClient(rt.server.url, { http1: true });
    try {
      const id = sessionId("h1-put");
      const put = await client.send(
        new PutSessionCommand({ ...BOT, sessionId: id, sessionState: { sessionAttributes: { a: "b" } } }),
      );
      await put.audioStream?.transformToByteArray();
      expect(
        (await client.send(new GetSessionCommand({ ...BOT, sessionId: id }))).sessionState?.sessionAttributes,
      ).toEqual({
        a: "b",
      });
      expect((await client.send(new DeleteSessionCommand({ ...BOT, sessionId: id }))).sessionId).toBe(id);
    } finally {
      client.destroy();
    }
  });
});
