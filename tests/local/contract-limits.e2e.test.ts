// Two Lex rules a review found missing locally: a session can't be deleted under a turn in flight, and an event
// over Lex's 12 KB Lambda-input quota fails the turn instead of reaching the handler.
import {
  DeleteSessionCommand,
  PutSessionCommand,
  RecognizeTextCommand,
} from "@aws-sdk/client-lex-runtime-v2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CodeHook } from "../../local/lambda-contract.js";
import { BOT, decode, errorOf, sessionId, startTestRuntime, type TestRuntime } from "./support.js";

/** A handler that answers after 300 ms, keeping whatever session attributes it was given. */
const slow: CodeHook = async (event) => {
  await new Promise((resolve) => setTimeout(resolve, 300));
  const attrs = (event as { sessionState?: { sessionAttributes?: Record<string, string> } }).sessionState
    ?.sessionAttributes;
  return {
    sessionState: { sessionAttributes: attrs ?? {}, dialogAction: { type: "ElicitIntent" } },
    messages: [{ contentType: "PlainText", content: "Go on." }],
  };
};

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ handler: slow });
});
afterAll(() => rt.close());

describe("Lex rules on sessions and the Lambda input", () => {
  it("refuses DeleteSession while a turn of that session is in flight (ConflictException)", async () => {
    const id = sessionId("busy");
    await rt.client.send(new RecognizeTextCommand({ ...BOT, sessionId: id, text: "hello" }));
    const turn = rt.client.send(new RecognizeTextCommand({ ...BOT, sessionId: id, text: "next" }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const err = await errorOf(rt.client.send(new DeleteSessionCommand({ ...BOT, sessionId: id })));
    expect(err.name).toBe("ConflictException");
    await turn;
    await rt.client.send(new DeleteSessionCommand({ ...BOT, sessionId: id }));
  });

  it("fails a turn whose Lambda event would be over 12 KB, as Lex does (DependencyFailedException)", async () => {
    const big = { note: "x".repeat(13 * 1024) };
    const err = await errorOf(
      rt.client.send(
        new RecognizeTextCommand({
          ...BOT,
          sessionId: sessionId("big"),
          text: "hello",
          sessionState: { sessionAttributes: big },
        }),
      ),
    );
    expect(err.name).toBe("DependencyFailedException");
    expect(err.message).toMatch(/12288-byte limit/);
  });

  it("echoes PutSession's request attributes without the runtime's own x-local: ones", async () => {
    const r = await rt.client.send(
      new PutSessionCommand({
        ...BOT,
        sessionId: sessionId("put"),
        sessionState: { dialogAction: { type: "ElicitIntent" } },
        requestAttributes: { "x-local:input-mode": "Speech", mine: "kept" },
      }),
    );
    await r.audioStream?.transformToByteArray();
    expect(decode(r.requestAttributes)).toEqual({ mine: "kept" });
  });
});
