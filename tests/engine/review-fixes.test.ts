// Behaviours a code review found wrong, each kept as a test: the welcome-back offer, waiting, and going back.
import { describe, expect, it } from "vitest";
import { loadContent, speechContent } from "../../lambda/content/load.js";
import { converse } from "../../lambda/engine/engine.js";
import { initialState, type State } from "../../lambda/engine/state.js";
import type { Capabilities, Input } from "../../lambda/engine/types.js";
import { progressChange } from "../../lambda/store/tracker.js";

const content = speechContent(loadContent());
const sh = content.shared;
const caps: Capabilities = { canTransfer: false, supportPhone: "1 800 275 2273" };
const offer: State = { ...initialState(), phase: "resume", topic: "BackupStuck", step: 3, saved: 3 };
const turn = (state: State, input: Input) => converse(content, caps, state, input);

describe("the welcome-back offer", () => {
  it("'delete my data' there does not read the deleted place back", () => {
    const asked = turn(offer, { type: "deleteMyData" });
    expect(asked.output.forget).toBeUndefined();
    expect(asked.output.say.at(-1)).toBe(sh.replies.confirmDelete);
    const r = turn(asked.state, { type: "yes" });
    expect(r.output.forget).toBe(true);
    expect(r.output.say.join(" ")).not.toContain("Welcome back");
    expect(r.output.say.at(-1)).toBe(sh.askTopic);
    expect(r.state.phase).toBe("topic");
  });

  it("is asked again once after a failure, then dropped for the opening question", () => {
    const once = turn(offer, { type: "noInput" });
    expect(once.output.say.join(" ")).toContain("Welcome back");
    const twice = turn(once.state, { type: "noMatch" });
    expect(twice.output.say).toEqual([sh.askTopic]);
    expect(twice.state.phase).toBe("topic");
  });

  it("'wait' then 'continue' picks up the saved step", () => {
    const waiting = turn(offer, { type: "pause" });
    const back = turn(waiting.state, { type: "resume" });
    expect(back.state).toMatchObject({ phase: "step", topic: "BackupStuck", step: 3 });
  });

  it("keeps the saved place while it is being offered, and drops it when declined", () => {
    const quiet = turn(offer, { type: "noMatch" });
    expect(progressChange(offer, quiet.state, quiet.output, "phone")).toBeUndefined();
    const declined = turn(offer, { type: "no" });
    expect(progressChange(offer, declined.state, declined.output, "phone")).toEqual({ action: "remove" });
  });
});

describe("waiting at a question", () => {
  it("'yes' after 'wait' means ready, not 'my backup works'", () => {
    const atFix: State = { ...initialState(), phase: "step", topic: "TroubleshootBackup", step: 2 };
    const waiting = turn(atFix, { type: "pause" });
    const ready = turn(waiting.state, { type: "yes" });
    expect(ready.output.signals).not.toContainEqual(expect.objectContaining({ kind: "resolved" }));
    expect(ready.output.say[0]).toBe(sh.replies.resume);
    expect(ready.state).toMatchObject({ phase: "step", step: 2 });
  });
});

describe("going back after picking up a saved step", () => {
  it("reads the step before, not 'that's the first step'", () => {
    const picked = turn(offer, { type: "resume" }).state;
    const back = turn(picked, { type: "back" });
    expect(back.state.step).toBe(2);
    expect(back.output.say).not.toContain(sh.replies.backAtFirst);
  });
});

describe("saved progress follows the topic", () => {
  const inTopic: State = { ...initialState(), phase: "step", topic: "PreventProblems", step: 2 };

  it("is removed when an information topic is finished, or the caller is read Apple Support's options", () => {
    const finished = turn(inTopic, { type: "next" });
    expect(finished.state.phase).toBe("anythingElse");
    expect(progressChange(inTopic, finished.state, finished.output, "alexa")).toEqual({ action: "remove" });
    const options = turn(inTopic, { type: "agent" });
    expect(progressChange(inTopic, options.state, options.output, "alexa")).toEqual({ action: "remove" });
  });

  it("is kept when the call ends in the middle of the topic", () => {
    const bye = turn(inTopic, { type: "stop" });
    expect(progressChange(inTopic, bye.state, bye.output, "phone")).toBeUndefined();
  });
});
