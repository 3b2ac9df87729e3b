// The engine on its own: every navigation command, confirmation turns, escalation rules and the state codec.
import { describe, expect, it } from "vitest";
import { loadContent, speechContent } from "../../lambda/content/load.js";
import { converse } from "../../lambda/engine/engine.js";
import { pathTo } from "../../lambda/engine/path.js";
import { decodeState, encodeState, initialState, type State } from "../../lambda/engine/state.js";
import type { Capabilities, Input, Output } from "../../lambda/engine/types.js";

const content = speechContent(loadContent());
const phone: Capabilities = { canTransfer: true, supportPhone: "1 800 275 2273" };
const speaker: Capabilities = { canTransfer: false, supportPhone: "1 800 275 2273" };
const sh = content.shared;
const storage = content.topics.StorageFull;
const diagnosis = content.topics.TroubleshootBackup;

/** Plays inputs in order; returns every output and the final state. */
function play(inputs: Input[], caps = phone, from?: State) {
  let state = from;
  const outputs: Output[] = [];
  for (const input of inputs) {
    const r = converse(content, caps, state, input);
    state = r.state;
    outputs.push(r.output);
  }
  return { outputs, state: state as State, last: outputs[outputs.length - 1] as Output };
}
const said = (o: Output) => o.say.join(" ");
const topic = (t: keyof typeof content.topics): Input => ({ type: "topic", topic: t });

describe("starting", () => {
  it("greets a new caller and asks what is wrong", () => {
    const { last, state } = play([{ type: "launch" }]);
    expect(last.say).toEqual([sh.greeting, sh.askTopic]);
    expect(last.expect).toBe("topic");
    expect(state.phase).toBe("topic");
  });

  it("goes straight into a topic named in the first words, with the step count", () => {
    const { last, state } = play([topic("RestartIPhone")]);
    const restart = content.topics.RestartIPhone;
    expect(last.say.slice(0, 5)).toEqual([
      restart.intro,
      sh.replies.callBack,
      `This takes ${restart.steps.length} short steps.`,
      "Step 1.",
      restart.steps[0]?.say,
    ]);
    expect(last.say.at(-1)).toBe(sh.askNext);
    expect(state).toMatchObject({ phase: "step", topic: "RestartIPhone", step: 0 });
    expect(last.signals).toContainEqual({ kind: "topicStarted", topic: "RestartIPhone" });
  });
});

describe("a step that restarts the iPhone", () => {
  it("tells a caller who may be on that iPhone how to come back; a smart speaker is not told", () => {
    const onPhone = play([topic("RestartIPhone")]);
    expect(onPhone.last.say).toContain(sh.replies.callBack);
    const onSpeaker = play([topic("RestartIPhone")], { ...speaker, callerOnDevice: false });
    expect(onSpeaker.last.say).not.toContain(sh.replies.callBack);
    const step = content.topics.TroubleshootBackup.steps.findIndex((s) => s.id === "restart");
    const at: State = { ...initialState(), phase: "step", topic: "TroubleshootBackup", step };
    expect(play([{ type: "repeat" }], phone, at).last.say).toContain(sh.replies.callBack);
    expect(play([{ type: "repeat" }], { ...speaker, callerOnDevice: false }, at).last.say).not.toContain(
      sh.replies.callBack,
    );
  });
});

describe("confirmation turns", () => {
  it("never reads step N+1 before step N is confirmed", () => {
    const r = play([
      topic("RestartIPhone"),
      { type: "noMatch" },
      { type: "repeat" },
      { type: "whichStep" },
      { type: "help" },
    ]);
    for (const o of r.outputs) expect(said(o)).not.toContain(content.topics.RestartIPhone.steps[1]?.say);
    expect(r.state.step).toBe(0);
    const next = play([{ type: "next" }], phone, r.state);
    expect(said(next.last)).toContain(content.topics.RestartIPhone.steps[1]?.say);
  });

  it("asks whether the backup works after a fix: yes resolves, no moves on", () => {
    const atFix = play([topic("TroubleshootBackup"), { type: "no" }]);
    expect(atFix.state.step).toBe(2);
    expect(atFix.last.expect).toBe("yesNo");
    // Checking Wi-Fi starts no backup: the question says to try one first. A step that taps Back Up Now asks plainly.
    expect(atFix.last.say.at(-1)).toBe(sh.askFixedTry);
    const settings = diagnosis.steps.findIndex((s) => s.id === "backup-settings");
    const tried = play([{ type: "no" }], phone, { ...atFix.state, step: settings - 1 });
    expect(tried.last.say.at(-1)).toBe(sh.askFixed);
    const yes = play([{ type: "yes" }], phone, atFix.state);
    expect(yes.last.say).toEqual([sh.replies.resolved, sh.askAnythingElse]);
    expect(yes.last.signals).toContainEqual({ kind: "resolved", topic: "TroubleshootBackup", step: 2 });
    const no = play([{ type: "no" }], phone, atFix.state);
    expect(no.state.step).toBe(3);
    expect(said(no.last)).toContain(diagnosis.steps[3]?.say);
  });

  it("follows a question's branches", () => {
    expect(play([topic("TroubleshootBackup"), { type: "yes" }]).state.step).toBe(1);
    expect(play([topic("TroubleshootBackup"), { type: "no" }]).state.step).toBe(2);
  });

  it("announces a hard-to-undo step and reads it only after a yes; no skips it", () => {
    const reset = diagnosis.steps.findIndex((s) => s.id === "reset-network");
    const before: State = { ...initialState(), phase: "step", topic: "TroubleshootBackup", step: reset - 1 };
    const warned = play([{ type: "no" }], phone, before);
    expect(warned.state).toMatchObject({ phase: "confirm", step: reset });
    // Numbered on the caller's path: reached from the step before it, the shortest way there.
    const heardAs = pathTo(diagnosis, reset).length + 1;
    expect(warned.last.say).toEqual([`Step ${heardAs}.`, diagnosis.steps[reset]?.confirm, sh.askConfirm]);
    expect(said(warned.last)).not.toContain(diagnosis.steps[reset]?.say);
    const yes = play([{ type: "yes" }], phone, warned.state);
    expect(said(yes.last)).toContain(diagnosis.steps[reset]?.say);
    const no = play([{ type: "no" }], phone, warned.state);
    expect(no.last.say[0]).toBe(sh.replies.confirmDeclined);
    expect(no.state.step).toBe(reset + 1);
  });

  it("answers 'not sure' with a way to find out, then asks again", () => {
    const atFix = play([topic("TroubleshootBackup"), { type: "no" }]).state;
    const unsure = play([{ type: "maybe" }], phone, atFix);
    expect(unsure.last.say).toEqual([sh.replies.unsureFixed, sh.askFixed]);
    expect(unsure.state.step).toBe(atFix.step);
    const q = play([topic("TroubleshootBackup"), { type: "maybe" }]);
    expect(q.last.say[0]).toBe(diagnosis.steps[0]?.unsure);
  });

  it("ends a topic that did not fix it with a hand-off on the phone and Apple Support elsewhere", () => {
    const last = diagnosis.steps.length - 1;
    const atLast: State = { ...initialState(), phase: "step", topic: "TroubleshootBackup", step: last };
    const onPhone = play([{ type: "no" }], phone, atLast);
    expect(onPhone.last).toMatchObject({
      end: "handoff",
      handoff: { reason: "notFixed", topic: "TroubleshootBackup", step: last },
    });
    const elsewhere = play([{ type: "no" }], speaker, atLast);
    expect(elsewhere.last.end).toBeUndefined();
    expect(said(elsewhere.last)).toContain("support.apple.com");
    expect(said(elsewhere.last)).toContain("1 800 275 2273");
    expect(elsewhere.last.expect).toBe("anythingElse");
  });

  it("wraps up an information topic instead of handing off", () => {
    const prevent = content.topics.PreventProblems;
    const atLast: State = {
      ...initialState(),
      phase: "step",
      topic: "PreventProblems",
      step: prevent.steps.length - 1,
    };
    const r = play([{ type: "next" }], phone, atLast);
    expect(r.last.say).toEqual([sh.replies.wrapUp, sh.askAnythingElse]);
    expect(r.last.end).toBeUndefined();
  });
});

describe("navigation at any step", () => {
  const inStorage = () => play([topic("StorageFull"), { type: "yes" }]).state;

  it("repeat says the step again; back returns to the one before; at the first step says so", () => {
    const s = inStorage();
    expect(said(play([{ type: "repeat" }], phone, s).last)).toContain(storage.steps[1]?.say);
    const back = play([{ type: "back" }], phone, s);
    expect(back.state.step).toBe(0);
    expect(said(back.last)).toContain(storage.steps[0]?.say);
    const again = play([{ type: "back" }], phone, back.state);
    expect(again.last.say[0]).toBe(sh.replies.backAtFirst);
  });

  it("start over restarts the topic; skip moves on; which step tells where they are", () => {
    const s = inStorage();
    const over = play([{ type: "startOver" }], phone, s);
    expect(over.last.say[0]).toBe(sh.replies.startOver);
    expect(over.state).toMatchObject({ step: 0, hist: [] });
    expect(play([{ type: "skip" }], phone, s).state).toMatchObject({ phase: "confirm", step: 2 });
    expect(play([{ type: "whichStep" }], phone, s).last.say[0]).toBe(
      `You're on step 2 of ${storage.steps.length} of ${storage.title}: ${storage.steps[1]?.title}.`,
    );
  });

  it("wait holds the place; silence while waiting does not count as a failure; continue picks up", () => {
    const s = inStorage();
    const paused = play(
      [{ type: "pause" }, { type: "noInput" }, { type: "noInput" }, { type: "noInput" }],
      phone,
      s,
    );
    expect(paused.outputs[0]?.say).toEqual([sh.replies.pause]);
    expect(paused.last.say).toEqual([sh.replies.pauseReprompt]);
    expect(paused.last.end).toBeUndefined();
    const resumed = play([{ type: "resume" }], phone, paused.state);
    expect(resumed.last.say[0]).toBe(sh.replies.resume);
    expect(said(resumed.last)).toContain(storage.steps[1]?.say);
  });

  it("help explains the commands and asks the same question again", () => {
    const r = play([{ type: "help" }], phone, inStorage());
    expect(r.last.say).toEqual([sh.replies.help, sh.replies.helpAgent, sh.askNext]);
    expect(play([{ type: "help" }], speaker, inStorage()).last.say).toEqual([sh.replies.help, sh.askNext]);
  });

  it("stop ends at once with a goodbye; mid-topic, where the caller may be on the iPhone, with where to pick up", () => {
    const r = play([{ type: "stop" }], phone, inStorage());
    const placeKept = sh.replies.leftMidTopic.replace("{n}", "2");
    expect(r.last).toMatchObject({ end: "goodbye", say: [placeKept, sh.replies.goodbye] });
    expect(r.last.signals).toContainEqual({ kind: "abandoned", topic: "StorageFull", step: 1 });
    const onSpeaker = play([{ type: "stop" }], { ...speaker, callerOnDevice: false }, inStorage());
    expect(onSpeaker.last).toMatchObject({ end: "goodbye", say: [sh.replies.goodbye] });
  });

  it("agent hands off with where the caller was; a topic named mid-flow switches topic", () => {
    expect(play([{ type: "agent" }], phone, inStorage()).last.handoff).toMatchObject({
      reason: "requested",
      topic: "StorageFull",
      step: 1,
    });
    const sw = play([topic("BackupStuck")], phone, inStorage());
    expect(sw.state).toMatchObject({ topic: "BackupStuck", step: 0 });
    expect(sw.last.say[0]).toBe(content.topics.BackupStuck.intro);
  });

  it("refuses personal data without repeating it, and asks the question again", () => {
    const r = play([{ type: "personalData" }], phone, inStorage());
    expect(r.last.say).toEqual([sh.replies.noPersonalData, sh.askNextBrief]);
  });
});

describe("no-match and no-input", () => {
  it("phone: short reprompt, then offers a person; yes transfers", () => {
    const r = play([topic("RestartIPhone"), { type: "noMatch" }, { type: "noInput" }, { type: "yes" }]);
    // A reprompt asks its question again.
    expect(r.outputs[1]?.say).toEqual([sh.reprompts.next.noMatch[0], sh.askNext]);
    expect(r.outputs[2]?.say).toEqual([sh.escalate.agent]);
    expect(r.outputs[2]?.expect).toBe("yesNo");
    expect(r.last).toMatchObject({ end: "handoff", handoff: { reason: "noMatch" } });
  });

  it("phone: declining the person gives the options; a failure at the offer transfers", () => {
    const declined = play([topic("RestartIPhone"), { type: "noMatch" }, { type: "noMatch" }, { type: "no" }]);
    expect(declined.last.say).toEqual([sh.replies.keepTrying, sh.askNext]);
    expect(declined.last.hint).toBe(true);
    expect(declined.state.miss).toBe(0);
    const failed = play([
      topic("RestartIPhone"),
      { type: "noMatch" },
      { type: "noMatch" },
      { type: "noMatch" },
    ]);
    expect(failed.last.end).toBe("handoff");
  });

  it("elsewhere: short reprompt, then other ways to get help with the options, then a polite end", () => {
    const r = play(
      [topic("RestartIPhone"), { type: "noInput" }, { type: "noInput" }, { type: "noMatch" }],
      speaker,
    );
    expect(r.outputs[1]?.say).toEqual([sh.reprompts.next.noInput[0], sh.askNext]);
    // The second time: other words, the question, and then how to answer it.
    expect(r.outputs[2]?.say).toEqual([
      sh.reprompts.next.noInput[1],
      sh.escalate.noAgent,
      sh.askNext,
      sh.reprompts.next.options,
    ]);
    expect(r.last.end).toBe("goodbye");
    expect(said(r.last)).toContain("support.apple.com");
  });

  it("a recognised answer resets the count", () => {
    const r = play([topic("RestartIPhone"), { type: "noMatch" }, { type: "repeat" }, { type: "noMatch" }]);
    expect(r.last.say).toEqual([sh.reprompts.next.noMatch[0], sh.askNext]);
  });

  it("every kind of question has its own reprompt", () => {
    for (const [intent, t] of Object.entries(content.topics)) {
      t.steps.forEach((step, i) => {
        const at: State = {
          ...initialState(),
          phase: step.confirm ? "confirm" : "step",
          topic: intent as State["topic"],
          step: i,
        };
        const r = play([{ type: "noMatch" }], phone, at);
        const question = r.last.say.at(-1) ?? "";
        // The apology, then the step's own question; the silence reprompt asks it too.
        expect(r.last.say, `${intent} step ${i}`).toEqual([
          sh.reprompts[r.last.expect === "next" ? "next" : "yesNo"].noMatch[0],
          question,
        ]);
        expect(question).toMatch(/\?$|say next|let me know/i);
        expect(r.last.reprompt.at(-1)).toBe(question);
      });
    }
  });
});

describe("one-shot questions", () => {
  it("answers a question in short, then offers the steps; yes starts them, no asks what else", () => {
    const asked = play([{ type: "topic", topic: "CheckBackupSettings", question: true }]);
    expect(asked.last.say).toEqual([content.topics.CheckBackupSettings.answer, sh.askWalkThrough]);
    expect(asked.last.expect).toBe("yesNo");
    const yes = play([{ type: "yes" }], phone, asked.state);
    expect(yes.state).toMatchObject({ phase: "step", topic: "CheckBackupSettings", step: 0 });
    expect(yes.last.signals).toContainEqual({ kind: "topicStarted", topic: "CheckBackupSettings" });
    const no = play([{ type: "no" }], phone, asked.state);
    expect(no.last.say).toEqual([sh.askAnythingElse]);
  });

  it("a question naming another topic mid-topic switches straight to its steps", () => {
    const r = play([topic("RestartIPhone"), { type: "topic", topic: "UpdateIOS", question: true }]);
    expect(r.state).toMatchObject({ phase: "step", topic: "UpdateIOS" });
  });
});

describe("returning callers", () => {
  it("offers to pick up at the saved step, or start over", () => {
    const r = play([{ type: "launch", resume: { topic: "BackupStuck", step: 3 } }]);
    expect(r.last.say[0]).toContain("Welcome back. Last time we got to step 4 of");
    expect(r.last.expect).toBe("resume");
    const saved = converse(
      content,
      phone,
      undefined,
      { type: "noMatch" },
      { saved: { topic: "BackupStuck", step: 3 } },
    );
    expect(saved.output.say).toEqual(r.last.say);
    const direct = converse(
      content,
      phone,
      undefined,
      { type: "resume" },
      { saved: { topic: "BackupStuck", step: 3 } },
    );
    expect(direct.state).toMatchObject({ phase: "step", step: 3 });
    const named = converse(content, phone, undefined, topic("UpdateIOS"), {
      saved: { topic: "BackupStuck", step: 3 },
    });
    // A new problem from a returning caller never overwrites the saved place without asking.
    expect(named.state).toMatchObject({ phase: "resume", topic: "BackupStuck", pending: "UpdateIOS" });
    expect(named.output.say.join(" ")).toContain("Do you want to pick up there?");
    expect(play([{ type: "no" }], phone, named.state).state).toMatchObject({ topic: "UpdateIOS", step: 0 });
    expect(play([{ type: "yes" }], phone, named.state).state).toMatchObject({
      topic: "BackupStuck",
      step: 3,
    });
    const picked = play([{ type: "resume" }], phone, r.state);
    expect(picked.state).toMatchObject({ phase: "step", topic: "BackupStuck", step: 3 });
    const over = play([{ type: "startOver" }], phone, r.state);
    expect(over.state.step).toBe(0);
  });

  it("picked up at a step that restarts the iPhone, asks its question instead of restarting it again", () => {
    const steps = content.topics.TroubleshootBackup.steps;
    const restart = steps.findIndex((s) => s.id === "restart");
    const back = converse(
      content,
      phone,
      undefined,
      { type: "resume" },
      { saved: { topic: "TroubleshootBackup", step: restart } },
    );
    const words = back.output.say.join(" ");
    expect(words).toContain("your iPhone has restarted");
    expect(words).toContain(sh.askFixed);
    expect(words).not.toContain(steps[restart]?.say as string);
    expect(back.state).toMatchObject({ phase: "step", topic: "TroubleshootBackup", step: restart });
    // Still failing: on to the step after it.
    const on = play([{ type: "no" }], phone, back.state);
    expect(on.state.step).toBeGreaterThan(restart);
    // A step with nothing to do with restarting is read again as before.
    const wifi = converse(
      content,
      phone,
      undefined,
      { type: "resume" },
      { saved: { topic: "TroubleshootBackup", step: 2 } },
    );
    expect(wifi.output.say.join(" ")).toContain(steps[2]?.say as string);
  });
});

describe("state codec", () => {
  it("round-trips and stays small", () => {
    const s = play([topic("TroubleshootBackup"), { type: "no" }, { type: "no" }, { type: "no" }]).state;
    const encoded = encodeState(s);
    expect(encoded.length).toBeLessThan(120);
    expect(decodeState(encoded, content)).toEqual({ ok: true, state: s });
  });

  it.each([
    ["garbage", "not json"],
    ["wrong version", '{"v":2,"p":"step","s":0,"h":[],"m":0,"t":"StorageFull"}'],
    ["unknown topic", '{"v":1,"p":"step","s":0,"h":[],"m":0,"t":"Nope"}'],
    ["step out of range", '{"v":1,"p":"step","s":99,"h":[],"m":0,"t":"StorageFull"}'],
    ["bad history", '{"v":1,"p":"step","s":0,"h":[1,"x"],"m":0,"t":"StorageFull"}'],
    ["step phase without topic", '{"v":1,"p":"step","s":0,"h":[],"m":0}'],
    ["oversized", `{"v":1,"p":"topic","s":0,"h":[],"m":0,"x":"${"a".repeat(1000)}"}`],
    ["array", "[1,2]"],
  ])("rejects %s", (_, raw) => {
    expect(decodeState(raw, content).ok).toBe(false);
  });

  it("a lost state restarts politely and still honours what the caller said", () => {
    const r = converse(content, phone, undefined, topic("UpdateIOS"), { stateLost: true });
    expect(r.output.say[0]).toBe(sh.replies.lostPlace);
    expect(r.output.say[1]).toBe(content.topics.UpdateIOS.intro);
  });
});
