// The state fields the in-context reading added: round-trip, and tampered values rejected.
import { describe, expect, it } from "vitest";
import { content } from "../../lambda/content/index.js";
import { decodeState, encodeState, type State } from "../../lambda/engine/state.js";

const base: State = { v: 1, phase: "step", topic: "StorageFull", step: 1, hist: [0], miss: 0 };

describe("state fields for asides", () => {
  it.each<Partial<State>>([
    { ask: "switch", pending: "BackupStuck" },
    { ask: "delete" },
    { said: "support" },
    { said: "resolved" },
    { said: "AskBackupDuration" },
    { phase: "resume", saved: 2, savedConfirmed: true, pending: "UpdateIOS" },
    { said: "unsure" },
    { from: "BackupError" },
    { left: { topic: "AccountNotRecognized", step: 7 } },
    { left: { topic: "TroubleshootBackup", step: 3, hist: [0, 1, 2] } },
    { phase: "anythingElse", left: { topic: "BackupStuck", step: 0 } },
  ])("round-trips %j", (extra) => {
    const state = { ...base, ...extra } as State;
    const decoded = decodeState(encodeState(state), content);
    expect(decoded).toEqual({ ok: true, state });
  });

  it("keeps the offer to go back to a topic left mid-way after the other topic ended (no topic under way)", () => {
    const state: State = {
      v: 1,
      phase: "anythingElse",
      step: 0,
      hist: [],
      miss: 0,
      ask: "switch",
      pending: "BackupStuck",
      left: { topic: "BackupStuck", step: 1 },
    };
    expect(decodeState(encodeState(state), content)).toEqual({ ok: true, state });
    const midTopicWithout = JSON.stringify({ v: 1, p: "step", s: 0, h: [], m: 0, a: "s", n: "BackupStuck" });
    expect(decodeState(midTopicWithout, content).ok).toBe(false);
  });

  it.each([
    ["an unknown pending question", { a: "x" }],
    ["a switch with no topic to go to", { a: "s" }],
    ["an unknown pending topic", { a: "s", n: "Nope" }],
    ["something to repeat that doesn't exist", { e: "AskNothing" }],
    ["a confirmed flag without a saved step", { q: 1 }],
    ["an inherited name as what to repeat", { e: "constructor" }],
    ["a topic led from that doesn't exist", { f: "Nope" }],
    ["a topic led from with an inherited name", { f: "toString" }],
    ["a topic left that doesn't exist", { l: ["Nope", 0] }],
    ["a topic left with an inherited name", { l: ["constructor", 0] }],
    ["a topic left at a step it doesn't have", { l: ["RestartIPhone", 40] }],
    ["a topic left at no step", { l: ["RestartIPhone"] }],
    ["a topic left at a fractional step", { l: ["RestartIPhone", 1.5] }],
    ["a topic left as an object", { l: { topic: "RestartIPhone", step: 1 } }],
    ["a topic left with a way through steps it doesn't have", { l: ["RestartIPhone", 1, [0, 40]] }],
    ["a topic left with a way that isn't a list", { l: ["RestartIPhone", 1, "0"] }],
    ["a topic left with more than a way after it", { l: ["RestartIPhone", 1, [0], 2] }],
  ])("rejects %s", (_name, extra) => {
    const raw = JSON.stringify({ v: 1, p: "step", t: "StorageFull", s: 1, h: [0], m: 0, ...extra });
    expect(decodeState(raw, content).ok).toBe(false);
  });
});
