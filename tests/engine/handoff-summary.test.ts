// The hand-off summary on its own: how long the caller spent, a long path kept within what an agent reads at a
// glance, the per-step outcomes carried (and checked) in the state, and the same summary on a channel with no
// agents, where it goes only into the log of the hand-off turn.
import { describe, expect, it } from "vitest";
import { handler as alexaHandler } from "../../lambda/alexa.js";
import { contentFor } from "../../lambda/content/index.js";
import { converse } from "../../lambda/engine/engine.js";
import { decodeState, encodeState, type State } from "../../lambda/engine/state.js";
import { handoffSummary, MAX_SUMMARY_CHARS } from "../../lambda/engine/summary.js";
import type { Capabilities, Input, Output } from "../../lambda/engine/types.js";
import { setTelemetrySink } from "../../lambda/telemetry/sink.js";
import { Echo } from "../alexa/support/echo.js";

const content = contentFor("phone");
const phone: Capabilities = { canTransfer: true, supportPhone: "1-800-275-2273" };
const START = Date.UTC(2026, 10, 30, 9, 0, 0);

function play(inputs: Array<[Input, number]>, caps = phone) {
  let state: State | undefined;
  let last: Output | undefined;
  for (const [input, at] of inputs) {
    const r = converse(content, caps, state, input, { now: at });
    state = r.state;
    last = r.output;
  }
  return { state: state as State, last: last as Output };
}

describe("the hand-off summary", () => {
  it("says how long the caller spent with the line, from the first turn's time", () => {
    const { last } = play([
      [{ type: "topic", topic: "RestartIPhone" }, START],
      [{ type: "next" }, START + 2 * 60_000],
      [{ type: "agent" }, START + 7 * 60_000 + 10_000],
    ]);
    expect(last.handoff?.summary.seconds).toBe(430);
    expect(last.handoff?.summary.text).toContain("7 min with the line.");
    const quick = play([
      [{ type: "topic", topic: "RestartIPhone" }, START],
      [{ type: "agent" }, START + 20_000],
    ]);
    expect(quick.last.summary?.text).toContain("Under a minute with the line.");
  });

  it("keeps a long way through a topic within what an agent reads at a glance, every list cut evenly", () => {
    // Storage full, then every fix fails, each hard-to-undo one confirmed, up to the last one.
    const answers: Input["type"][] = ["yes", "yes", "no", "no", "no", "no", "no", "yes", "no", "yes"];
    const inputs: Array<[Input, number]> = [
      [{ type: "topic", topic: "TroubleshootBackup" }, START],
      ...answers.map((type): [Input, number] => [{ type } as Input, START]),
      [{ type: "agent" }, START + 60_000],
    ];
    const { state, last } = play(inputs);
    const text = last.summary?.text ?? "";
    expect(text.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
    expect(text).toContain("Found: iCloud storage full.");
    expect(text).toContain("Tried: freeing up iCloud storage, checking your Wi-Fi connection");
    expect(text).toContain("Asked for a person.");
    // With titles twice as long, the longest list gives way first, and each says how many it left out.
    const wordy = {
      ...content,
      topics: {
        ...content.topics,
        TroubleshootBackup: {
          ...content.topics.TroubleshootBackup,
          steps: content.topics.TroubleshootBackup.steps.map((s) => ({
            ...s,
            title: `${s.title}, ${s.title}`,
          })),
        },
      },
    };
    const cut = handoffSummary(wordy, state, "requested", { atStep: true });
    expect(cut.text.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
    expect(cut.text).toMatch(/Tried: .* and \d+ more\./);
    expect(cut.text).toContain("Found: iCloud storage full.");
    expect(cut.text).toContain("Asked for a person.");
  });

  it("carries the outcomes and the start in the state, and rejects tampered ones", () => {
    const { state } = play([
      [{ type: "topic", topic: "StorageFull" }, START],
      [{ type: "no" }, START],
    ]);
    expect(state).toMatchObject({ outcomes: "n", began: START / 1000 });
    expect(decodeState(encodeState(state), content)).toEqual({ ok: true, state });
    const tampered = (patch: Record<string, unknown>) =>
      decodeState(JSON.stringify({ ...JSON.parse(encodeState(state)), ...patch }), content);
    expect(tampered({ d: "nnnnnnnnnnnn" })).toMatchObject({ ok: false, reason: "bad outcomes" });
    expect(tampered({ d: "n<script>" })).toMatchObject({ ok: false, reason: "bad outcomes" });
    expect(tampered({ b: -5 })).toMatchObject({ ok: false, reason: "bad start time" });
    expect(tampered({ b: "yesterday" })).toMatchObject({ ok: false, reason: "bad start time" });
  });

  it("on a speaker, with nobody to take the call, is logged on the hand-off turn, not spoken", async () => {
    const lines: string[] = [];
    const previous = setTelemetrySink((chunk) => lines.push(...chunk.split("\n")));
    try {
      const echo = new Echo(alexaHandler);
      await echo.open();
      await echo.say("StorageFull");
      await echo.say("AMAZON.NoIntent");
      const r = await echo.say("ContactSupport");
      expect(JSON.stringify(r)).not.toContain("Found:");
    } finally {
      setTelemetrySink(previous);
    }
    const handoff = lines
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as { handoff?: { reason: string; summary: string; stepsDone: string[] } })
      .find((entry) => entry.handoff);
    expect(handoff?.handoff).toMatchObject({ reason: "requested", stepsDone: ["check-storage"] });
    expect(handoff?.handoff?.summary).toContain("Found: iCloud storage not full.");
  });
});
