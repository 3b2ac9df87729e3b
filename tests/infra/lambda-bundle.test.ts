// The Lambdas as they are deployed: bundled as the CDK app bundles them (minified ESM, no require() shim, AWS SDK
// left out), loaded in a fresh Node process with nothing but Lambda's own environment, then asked a caller's
// first turn. The bundle warms itself up at init (lambda/warm-up.ts): that must leave no log or metric line behind
// and no trace in the answer, and the first turn must still write its own.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { bundle } from "../../bench/bundle.js";
import { intentRequest } from "../alexa/support/requests.js";
import { lexEvent } from "../support/lex-events.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "lambda-bundle-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Loads the bundle, answers one event, prints the answer on a marked line after whatever the handler wrote. */
function answerOnce(
  modulePath: string,
  event: unknown,
): { answer: Record<string, unknown>; lines: string[] } {
  const probe = `const { handler } = await import(${JSON.stringify(modulePath)});
const answer = await handler(${JSON.stringify(event)});
process.stdout.write("ANSWER=" + JSON.stringify(answer) + "\\n");`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", probe], {
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", AWS_REGION: "us-east-1" },
    encoding: "utf8",
    timeout: 20_000,
  });
  const lines = out.trim().split("\n");
  const marked = lines.find((l) => l.startsWith("ANSWER="));
  if (!marked) throw new Error(`no answer: ${out.slice(-500)}`);
  return { answer: JSON.parse(marked.slice(7)), lines: lines.filter((l) => l !== marked) };
}

const lexFirstTurn = lexEvent({
  channel: "phone",
  intent: "StorageFull",
  transcript: "my icloud storage is full",
  sessionId: "bundle-test",
});

describe("the deployed bundles", () => {
  it("the Lex handler answers a first turn, writing only that turn's log line and metrics", async () => {
    const size = await bundle(`${root}lambda/handler.ts`, `${work}/lex.mjs`);
    expect(size.containsAwsSdk).toBe(false);
    const { answer, lines } = answerOnce(`${work}/lex.mjs`, lexFirstTurn);
    const messages = answer.messages as Array<{ content: string }>;
    expect(messages.map((m) => m.content).join(" ")).toMatch(/storage/i);
    const attributes = (answer.sessionState as { sessionAttributes: Record<string, string> })
      .sessionAttributes;
    expect(attributes.topic).toBe("StorageFull");
    // One turn, one log line: the warm-up's nine turns wrote nothing.
    const logs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const turns = logs.filter((l) => l.message === "turn");
    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({ sessionId: "bundle-test", topic: "StorageFull", step: 1 });
    expect(logs.filter((l) => l.level === "WARN" || l.level === "ERROR")).toEqual([]);
    expect(logs.some((l) => "_aws" in l)).toBe(true);
  }, 30_000);

  it("the Alexa handler answers a one-shot question the same way", async () => {
    await bundle(`${root}lambda/alexa.ts`, `${work}/alexa.mjs`);
    const { answer, lines } = answerOnce(
      `${work}/alexa.mjs`,
      intentRequest("StorageFull", { isNew: true, attributes: {} }),
    );
    const speech = (answer.response as { outputSpeech: { ssml: string } }).outputSpeech.ssml;
    expect(speech).toMatch(/storage/i);
    const logs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logs.filter((l) => l.message === "turn")).toHaveLength(1);
    expect(logs.filter((l) => l.level === "WARN" || l.level === "ERROR")).toEqual([]);
  }, 30_000);
});
