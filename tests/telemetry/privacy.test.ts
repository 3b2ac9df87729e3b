// What the Lambdas write to CloudWatch: facts about the conversation, never the caller's words unless a debug
// setting is on, and even then no email, no phone number, nothing said after a password or code prompt, and
// never the caller's number from the contact flow.
import { afterEach, describe, expect, it } from "vitest";
import { STATE_ATTRIBUTE } from "../../lambda/channels/lex/response.js";
import { content } from "../../lambda/content/index.js";
import { promptAboutSecret } from "../../lambda/engine/privacy.js";
import { handler } from "../../lambda/handler.js";
import { setLogLevel } from "../../lambda/telemetry/log.js";
import { lexEvent } from "../support/lex-events.js";
import { captureTelemetry } from "../support/quiet-telemetry.js";

const PII = [
  ["my email is jane.doe@example.com and it failed", /jane\.doe|example\.com/],
  ["call me back on 415 555 0199", /555 0199|4155550199/],
  ["my apple id is jane at gmail dot com", /jane|gmail/],
  ["my password is Hunter2!", /Hunter2/],
  ["the verification code was 482913", /482913/],
] as const;

afterEach(() => setLogLevel());

async function logsOf(transcript: string, attrs: Record<string, string> = {}, intent = "FallbackIntent") {
  const capture = captureTelemetry();
  try {
    await handler(lexEvent({ channel: "phone", intent, transcript, sessionAttributes: attrs }));
    return capture.lines;
  } finally {
    capture.restore();
  }
}

describe("turn logs", () => {
  it("carry session, topic, step, intent, outcome and latency as one JSON line", async () => {
    const lines = await logsOf("my icloud storage is full", {}, "StorageFull");
    const turn = lines.map((l) => JSON.parse(l)).find((l) => l.message === "turn");
    expect(turn).toMatchObject({
      level: "INFO",
      service: "icloud-backup-voice-line",
      sessionId: "test-session-0001",
      channel: "phone",
      intent: "StorageFull",
      topic: "StorageFull",
      step: 1,
      outcome: "continue",
      signals: ["topicStarted", "stepReached"],
    });
    expect(turn.latencyMs).toBeGreaterThanOrEqual(0);
    expect(turn).not.toHaveProperty("transcript");
  });

  it.each(PII)("never hold the transcript at the default level: %s", async (words, secret) => {
    const lines = await logsOf(words);
    expect(lines.join("\n")).not.toMatch(secret);
    expect(lines.join("\n")).not.toContain(words);
  });

  it.each(PII)("with LOG_LEVEL=DEBUG hold it redacted: %s", async (words, secret) => {
    setLogLevel("DEBUG");
    const lines = await logsOf(words);
    const turn = lines.map((l) => JSON.parse(l)).find((l) => l.message === "turn");
    expect(turn.transcript).toBeDefined();
    expect(lines.join("\n")).not.toMatch(secret);
  });

  it("with DEBUG still withhold everything said right after a step about a password or code", async () => {
    setLogLevel("DEBUG");
    const topic = content.topics.AccountNotRecognized;
    const index = topic.steps.findIndex((s) => promptAboutSecret([s.say, s.ask, s.confirm]));
    expect(index).toBeGreaterThanOrEqual(0);
    const state = JSON.stringify({ v: 1, p: "step", s: index, h: [], m: 0, t: "AccountNotRecognized" });
    const lines = await logsOf("it is tulip tree forty two", { [STATE_ATTRIBUTE]: state });
    const turn = lines.map((l) => JSON.parse(l)).find((l) => l.message === "turn");
    expect(turn.transcript).toMatch(/redacted/);
    expect(lines.join("\n")).not.toContain("tulip");
  });

  it("never contain the caller's number from the contact flow, at any level", async () => {
    setLogLevel("DEBUG");
    const lines = await logsOf("hello", { customerNumber: "+14155550123" });
    expect(lines.join("\n")).not.toMatch(/4155550123|555.?0123/);
  });
});
