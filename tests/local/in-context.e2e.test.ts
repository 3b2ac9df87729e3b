// The in-context conversations (tests/conversations/*.yaml with nlu: classifier) end to end: through the official
// SDK client, the local runtime's HTTP API, its classifier and dialog rules, and the real Lambda handler.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConversations } from "../../local/conversation-files.js";
import { playOverWire } from "../../local/wire-player.js";
import { BOT, sessionId, startTestRuntime, type TestRuntime } from "./support.js";

const dir = fileURLToPath(new URL("../conversations/", import.meta.url));
const inContext = loadConversations(dir).filter((c) => c.nlu === "classifier");

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt.close());

describe("in-context conversations through the local runtime and the SDK", () => {
  it("has in-context conversations to play, with at least 150 caller turns", () => {
    const turns = inContext.flatMap((c) =>
      c.turns.filter((t) => t.caller !== undefined && t.kind !== undefined),
    );
    expect(turns.length).toBeGreaterThanOrEqual(150);
  });

  for (const conv of inContext) {
    it(`${conv.file}: ${conv.name} (${conv.channel})`, async () => {
      const played = await playOverWire({ client: rt.client, ...BOT }, conv, sessionId("ctx"));
      const failed = played
        .map((p, i) => ({ ...p, i }))
        .filter((p) => p.problems.length > 0)
        .map(
          (p) =>
            `turn ${p.i + 1} "${p.turn.caller ?? p.turn.press}": ${p.problems.join("; ")}\n  the line said: "${p.said}"`,
        );
      expect(failed).toEqual([]);
    });
  }
});
