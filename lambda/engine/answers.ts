// What an answer does at the question open: yes, no, not sure or next read against the phase and the step (a
// branch, a fix, a confirmation, the offer of steps), an answer in words said back, and an earlier answer taken
// back ("no wait, I meant yes").

import { answerResume } from "./asides.js";
import { failure } from "./failure.js";
import { initialState, SAID_RESOLVED, SAID_UNDERSTOOD, SAID_UNSURE } from "./state.js";
import { goTo, readStep, resolved, startTopic } from "./steps.js";
import { fill, type Turn } from "./turn.js";

/**
 * "Not sure" after the line already said how to find out: the question isn't one this caller can answer now, so
 * it is left (noted as skipped) the way a skipped step goes, instead of the same help a third time.
 */
function unsureAgain(t: Turn, target: string) {
  t.note("s").add(t.shared.replies.unsureAgain);
  return goTo(t, target);
}

/** After `unsure` help: the caller may still not know, and is not asked a third time. */
function explainUnsure(t: Turn, text: string) {
  t.add(text);
  t.state = { ...t.state, said: SAID_UNSURE };
}

/**
 * "Next" (or "okay, go on") at a question: understood, but no answer. Back at a question the caller had answered
 * ("go back", then "okay, next"), that answer stands and the steps go on from it; a question never answered gets
 * how to tell (a "not sure" after it moves on), and that is no miss.
 */
function nextAtQuestion(t: Turn, unsureBefore: boolean) {
  const { step } = t;
  if (!step) return;
  const earlier = t.state.outcomes?.[t.state.step];
  if (earlier === "y" || earlier === "n") {
    const a = earlier === "y" ? "yes" : "no";
    t.add(fill(t.shared.replies.keptAnswer, { answer: a }));
    return goTo(t, step[a] ?? "next");
  }
  if (unsureBefore) return unsureAgain(t, step.no ?? "next");
  if (step.unsure) return explainUnsure(t, step.unsure);
  t.add(t.shared.reprompts.yesNo.options);
}

/** yes / no / maybe / next, read against what the current phase asked. */
export function answer(
  t: Turn,
  a: "yes" | "no" | "maybe" | "next",
  unsureBefore = false,
  inWords = false,
  done = false,
) {
  const sh = t.shared;
  const s = t.state;
  const step = t.step;
  switch (s.phase) {
    case "offer":
      if (a === "maybe") return void t.add(sh.menu);
      if (a === "no") {
        t.state = { ...initialState(), phase: "anythingElse" };
        return;
      }
      return s.topic ? startTopic(t, s.topic, { restart: true }) : undefined;
    case "resume":
      return answerResume(t, a === "next" ? "yes" : a);
    case "anythingElse":
      if (a === "no") return void t.goodbye();
      if (a === "yes") t.state = { ...initialState(), phase: "topic" };
      else t.add(sh.menu);
      return;
    case "confirm":
      if (a === "yes") return readStep(t, s.step, { push: false, confirmed: true });
      if (a === "no" || (a === "maybe" && unsureBefore)) {
        t.note("x").add(step?.declinedNote ?? sh.replies.confirmDeclined);
        return goTo(t, t.step?.declined ?? "next", { declined: true });
      }
      if (a === "maybe") {
        t.add(...t.body());
        t.state = { ...t.state, said: SAID_UNSURE };
        return;
      }
      return failure(t, "noMatch");
    case "step":
      if (!step) return;
      if (step.then === "fixed") {
        if (a === "yes") return resolved(t.note("y"));
        // "It says estimating": too soon to tell, which is normal; what it shows when it's moving. Said again
        // after a hint too: it's how the backup is, not a caller who can't tell.
        if (a === "maybe" && inWords) return explainUnsure(t, step.understood?.maybe ?? sh.replies.tooSoon);
        // "I typed my password in again": the step done, not a caller who can't tell: how to check (the question
        // alone once they heard it), never "we don't need to know for sure" and the next fix.
        if (a === "maybe" && done)
          return explainUnsure(t, unsureBefore ? "" : (step.unsure ?? sh.replies.unsureFixed));
        if (a === "maybe" && unsureBefore) return unsureAgain(t, "next");
        if (a === "maybe") return explainUnsure(t, step.unsure ?? sh.replies.unsureFixed);
        return goTo(t.note("n"), "next");
      }
      if (step.then === "question") {
        if (a === "yes" || a === "no") {
          // Read from the caller's own words ("4.2 of 5 gigabytes"): what was understood, before the step it
          // leads to, and remembered, so "no, it's nearly full" next can put it right.
          const understood = inWords ? step.understood?.[a] : undefined;
          if (understood) t.add(understood);
          goTo(t.note(a === "yes" ? "y" : "n"), (a === "yes" ? step.yes : step.no) ?? "next");
          if (understood && t.inTopic) t.state = { ...t.state, said: SAID_UNDERSTOOD[a] };
          return;
        }
        if (a === "maybe" && unsureBefore) return unsureAgain(t, step.no ?? "next");
        if (a === "maybe") return explainUnsure(t, step.unsure ?? sh.replies.unsureFixed);
        return nextAtQuestion(t, unsureBefore);
      }
      if (a === "yes" || a === "next") return goTo(t.note("c"), "next");
      // "No", "not yet" or "not sure" at a step to carry out: reassurance and a way forward, not the same words.
      t.add(sh.replies.notYet);
      t.asked = true;
      return;
    default:
      // No topic yet: whatever the answer, tell them what they can ask for.
      t.state = { ...s, phase: "topic" };
      if (a !== "yes") t.add(sh.replies.noTopicYet);
      t.add(sh.menu);
  }
}

/** "No wait, I meant yes": the question before this step is answered again, the other way. */
export function correct(t: Turn, a: "yes" | "no", said: string | undefined) {
  const s = t.state;
  const fixedHere = s.topic !== undefined && s.outcomes?.[s.step] === "y";
  if (s.phase === "anythingElse" && (said === SAID_RESOLVED || fixedHere) && s.topic) {
    // The yes that ended the topic, taken back: the same question, answered the other way.
    t.state = { ...s, phase: "step" };
    t.add(fill(t.shared.replies.corrected, { answer: a }));
    return answer(t, a);
  }
  // "Oh no wait, I meant no, don't do that" after going ahead: the go-ahead taken back, not the question before.
  if (t.inTopic && s.phase === "step" && t.step?.confirm !== undefined) {
    t.state = { ...s, phase: "confirm" };
    t.add(fill(t.shared.replies.corrected, { answer: a }));
    return answer(t, a);
  }
  const previous = s.hist.at(-1);
  const before = previous === undefined ? undefined : t.topic?.steps[previous];
  // "Actually yes, let's do the signing out one" at the agent offer that followed turning the last fix down: the
  // go-ahead it asked for, given now.
  const endedAt = s.topic !== undefined ? t.content.topics[s.topic].steps[s.step] : undefined;
  if (s.phase === "anythingElse" && s.outcomes?.[s.step] === "x" && endedAt?.confirm && a === "yes") {
    t.state = { ...s, phase: "confirm" };
    return answer(t, a);
  }
  // "Oh wait, I meant yes, delete the old one" after turning a step down: the go-ahead it asked for, given now.
  if (t.inTopic && previous !== undefined && s.outcomes?.[previous] === "x" && before?.confirm) {
    t.state = { ...s, phase: "confirm", step: previous, hist: s.hist.slice(0, -1) };
    t.add(fill(t.shared.replies.corrected, { answer: a }));
    return answer(t, a);
  }
  if (t.inTopic && previous !== undefined && (before?.then === "question" || before?.then === "fixed")) {
    t.state = { ...s, phase: "step", step: previous, hist: s.hist.slice(0, -1) };
    t.add(fill(t.shared.replies.corrected, { answer: a }));
  }
  answer(t, a);
}
