// Every error the runtime sends must reach the application as the SDK exception class Lex would raise, and a
// failing Lambda must only fail its own turn: the server keeps serving every other session.
import { request as httpRequest } from "node:http";
import {
  DependencyFailedException,
  GetSessionCommand,
  type LexRuntimeV2Client,
  PutSessionCommand,
  RecognizeTextCommand,
  RecognizeUtteranceCommand,
  ResourceNotFoundException,
  ValidationException,
} from "@aws-sdk/client-lex-runtime-v2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handler as realHandler } from "../../lambda/handler.js";
import { BOT, encode, errorOf, sessionId, startTestRuntime, TEXT, type TestRuntime } from "./support.js";

const HANDLER_TIMEOUT_MS = 300;
const ok = (content = "ok") => ({
  sessionState: { dialogAction: { type: "ElicitIntent" }, sessionAttributes: {} },
  messages: [{ contentType: "PlainText", content }],
});

/** Responses Lex would reject, by name; the session id picks one. */
const GARBAGE: Record<string, unknown> = {
  null: null,
  string: "hello",
  noSessionState: { messages: [{ contentType: "PlainText", content: "hi" }] },
  noDialogAction: { sessionState: { sessionAttributes: {} } },
  badType: { sessionState: { dialogAction: { type: "Hangup" } } },
  elicitIntentWithoutMessages: { sessionState: { dialogAction: { type: "ElicitIntent" } } },
  confirmWithoutMessages: {
    sessionState: { dialogAction: { type: "ConfirmIntent" }, intent: { name: "Yes" } },
  },
  elicitSlotWithoutSlot: {
    sessionState: { dialogAction: { type: "ElicitSlot" }, intent: { name: "Yes", state: "InProgress" } },
    messages: [{ contentType: "PlainText", content: "which?" }],
  },
  closeWithoutIntent: { sessionState: { dialogAction: { type: "Close" } } },
  emptyMessage: { ...ok(), messages: [{ contentType: "PlainText", content: "" }] },
  longMessage: ok("x".repeat(1025)),
  numberAttribute: {
    ...ok(),
    sessionState: { dialogAction: { type: "ElicitIntent" }, sessionAttributes: { n: 1 } },
  },
  bigAttributes: {
    ...ok(),
    sessionState: {
      dialogAction: { type: "ElicitIntent" },
      sessionAttributes: { big: "a".repeat(13 * 1024) },
    },
  },
  over25k: {
    ...ok(),
    messages: Array.from({ length: 30 }, () => ({ contentType: "PlainText", content: "y".repeat(1000) })),
  },
  unknownIntent: {
    sessionState: { dialogAction: { type: "Close" }, intent: { name: "NoSuchIntent", state: "Fulfilled" } },
  },
};

/** One runtime for the file; the session id says how the Lambda behaves. */
async function routingHandler(event: unknown): Promise<unknown> {
  const id = (event as { sessionId: string }).sessionId;
  if (id.startsWith("throw")) throw new Error("boom");
  if (id.startsWith("reject")) return Promise.reject(new TypeError("bad"));
  if (id.startsWith("hang")) return new Promise(() => {});
  if (id.startsWith("slow")) return new Promise((resolve) => setTimeout(() => resolve(ok("slow")), 150));
  if (id.startsWith("garbage-")) return GARBAGE[id.split("-")[1] ?? ""];
  return realHandler(event);
}

let rt: TestRuntime;
let client: LexRuntimeV2Client;
beforeAll(async () => {
  rt = await startTestRuntime({ handler: routingHandler, handlerTimeoutMs: HANDLER_TIMEOUT_MS });
  client = rt.client;
});
afterAll(() => rt.close());

const text = (id: string, t = "my backup is stuck", target: Partial<Record<keyof typeof BOT, string>> = {}) =>
  client.send(new RecognizeTextCommand({ ...BOT, ...target, sessionId: id, text: t }));

describe("ValidationException", () => {
  it.each([
    ["empty text", "s-valid-1", ""],
    ["text over 1,024 characters", "s-valid-2", "a".repeat(1025)],
    ["a one-character session id", "s", "hello"],
    ["a session id over 100 characters", "s".repeat(101), "hello"],
    ["a session id with a space", "has space", "hello"],
    ["a session id with a slash", "a/b", "hello"],
  ])("for %s", async (_, id, t) => {
    const err = await errorOf(text(id, t));
    expect(err).toBeInstanceOf(ValidationException);
    expect(err.$metadata?.httpStatusCode).toBe(400);
  });

  it("accepts exactly 1,024 characters and the widest session id alphabet", async () => {
    const r = await text("ab.C_9:-x", "a ".repeat(512));
    expect(r.sessionId).toBe("ab.C_9:-x");
  });

  it("for a malformed JSON body and for wrongly typed fields", async () => {
    const post = (body: string) =>
      new Promise<{ status: number; type: string | undefined; body: string }>((resolve, reject) => {
        const req = httpRequest(
          `${rt.server.url}/bots/LOCALBOTID/botAliases/TSTALIASID/botLocales/en_US/sessions/raw-1/text`,
          { method: "POST", headers: { "content-type": "application/json" } },
          (res) => {
            let data = "";
            res.on("data", (c) => {
              data += c;
            });
            res.on("end", () =>
              resolve({
                status: res.statusCode ?? 0,
                type: res.headers["x-amzn-errortype"] as string,
                body: data,
              }),
            );
          },
        );
        req.on("error", reject);
        req.end(body);
      });
    for (const body of ["{not json", '{"text": 42}', '{"text":"hi","requestAttributes":{"a":1}}', "[]"]) {
      const r = await post(body);
      expect(r.status).toBe(400);
      expect(r.type).toBe("ValidationException");
      expect(JSON.parse(r.body).message).toEqual(expect.any(String));
    }
  });

  it("for audio in a format Lex doesn't take, naming the ones it does", async () => {
    const err = await errorOf(
      client.send(
        new RecognizeUtteranceCommand({
          ...BOT,
          sessionId: sessionId("audio"),
          requestContentType: "audio/ogg",
          inputStream: Buffer.alloc(320),
        }),
      ),
    );
    expect(err).toBeInstanceOf(ValidationException);
    expect(err.message).toContain("audio/l16; rate=16000; channels=1");
  });

  it("for RecognizeUtterance headers that are not gzip+base64 JSON", async () => {
    const err = await errorOf(
      client.send(
        new RecognizeUtteranceCommand({
          ...BOT,
          sessionId: sessionId("hdr"),
          requestContentType: TEXT,
          sessionState: Buffer.from('{"sessionAttributes":{}}').toString("base64"),
          inputStream: "hello",
        }),
      ),
    );
    expect(err).toBeInstanceOf(ValidationException);
    expect(err.message).toMatch(/x-amz-lex-session-state/);
  });

  it("for a sessionState naming an intent the bot does not have", async () => {
    const err = await errorOf(
      client.send(
        new RecognizeTextCommand({
          ...BOT,
          sessionId: sessionId("intent"),
          text: "hi",
          sessionState: { intent: { name: "OrderPizza" } },
        }),
      ),
    );
    expect(err).toBeInstanceOf(ValidationException);
  });
});

describe("ResourceNotFoundException", () => {
  it.each([
    ["bot", { botId: "OTHERBOTID" }],
    ["alias", { botAliasId: "PRODALIAS1" }],
    ["locale", { localeId: "fr_FR" }],
  ])("for an unknown %s", async (_, target) => {
    const err = await errorOf(text(sessionId("nf"), "hello", target));
    expect(err).toBeInstanceOf(ResourceNotFoundException);
    expect(err.$metadata?.httpStatusCode).toBe(404);
  });

  it("for GetSession of a session that does not exist", async () => {
    const err = await errorOf(client.send(new GetSessionCommand({ ...BOT, sessionId: sessionId("none") })));
    expect(err).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe("DependencyFailedException", () => {
  it.each(["throw", "reject"])("when the Lambda fails (%s)", async (kind) => {
    const err = await errorOf(text(sessionId(kind)));
    expect(err).toBeInstanceOf(DependencyFailedException);
    expect(err.$metadata?.httpStatusCode).toBe(424);
    expect(err.message).toMatch(/Received error response from Lambda/);
  });

  it("when the Lambda does not answer within the timeout", async () => {
    const started = Date.now();
    const err = await errorOf(text(sessionId("hang")));
    expect(err).toBeInstanceOf(DependencyFailedException);
    expect(Date.now() - started).toBeGreaterThanOrEqual(HANDLER_TIMEOUT_MS - 20);
    expect(Date.now() - started).toBeLessThan(HANDLER_TIMEOUT_MS + 2000);
  });

  it.each(Object.keys(GARBAGE))("when the Lambda returns a response Lex would reject: %s", async (name) => {
    const err = await errorOf(text(sessionId(`garbage-${name}`)));
    expect(err).toBeInstanceOf(DependencyFailedException);
    expect(err.message).toMatch(/Invalid Lambda Response/);
  });

  it("also from PutSession with Delegate, which runs the code hook", async () => {
    const err = await errorOf(
      client.send(
        new PutSessionCommand({
          ...BOT,
          sessionId: sessionId("throw"),
          sessionState: { dialogAction: { type: "Delegate" }, intent: { name: "FallbackIntent" } },
        }),
      ),
    );
    expect(err).toBeInstanceOf(DependencyFailedException);
  });

  it("leaves the session as it was before the failed turn", async () => {
    const id = sessionId("throw-later");
    // The routing handler throws for ids starting with "throw": this one starts with "throw" too, so seed it
    // through PutSession without Delegate (no code hook), then fail a turn and check nothing moved.
    await client.send(
      new PutSessionCommand({
        ...BOT,
        sessionId: id,
        sessionState: { dialogAction: { type: "ElicitIntent" }, sessionAttributes: { keep: "me" } },
      }),
    );
    expect(await errorOf(text(id))).toBeInstanceOf(DependencyFailedException);
    const stored = await client.send(new GetSessionCommand({ ...BOT, sessionId: id }));
    expect(stored.sessionState?.sessionAttributes).toEqual({ keep: "me" });
  });
});

describe("the server after failures", () => {
  it("keeps serving other sessions while one Lambda throws, hangs or returns garbage", async () => {
    const healthy = Array.from({ length: 10 }, () => sessionId("healthy"));
    const [failures, answers] = await Promise.all([
      Promise.allSettled([
        text(sessionId("throw")),
        text(sessionId("hang")),
        text(sessionId("garbage-null")),
      ]),
      Promise.all(healthy.map((id) => text(id, "my icloud storage is full"))),
    ]);
    expect(failures.every((f) => f.status === "rejected")).toBe(true);
    for (const a of answers) expect(a.sessionState?.sessionAttributes?.topic).toBe("StorageFull");
    // And the same connection still works afterwards.
    const again = await text(healthy[0] ?? "", "next");
    expect(again.sessionState?.sessionAttributes?.topic).toBe("StorageFull");
  });

  it("answers a second request on a session that is still busy with ConflictException", async () => {
    const id = sessionId("slow");
    const [first, second] = await Promise.allSettled([
      text(id),
      new Promise((r) => setTimeout(r, 30)).then(() => text(id)),
    ]);
    expect(first.status).toBe("fulfilled");
    expect(second.status).toBe("rejected");
    expect((second as PromiseRejectedResult).reason.name).toBe("ConflictException");
  });

  it("sends encoded attributes only when they are valid, and still answers afterwards", async () => {
    const r = await client.send(
      new RecognizeUtteranceCommand({
        ...BOT,
        sessionId: sessionId("after"),
        requestContentType: TEXT,
        requestAttributes: encode({ "x-local:input-mode": "Speech" }),
        inputStream: "help",
      }),
    );
    await r.audioStream?.transformToByteArray();
    expect(r.inputMode).toBe("Speech");
  });
});
