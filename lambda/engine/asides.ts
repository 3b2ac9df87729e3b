// What a caller says beside the steps, and the questions the line asks about the conversation itself: a side
// question answered before going back to the step, a topic change asked about before leaving, "delete my data"
// confirmed before anything is deleted, and a returning caller who names a new problem asked which to do.
import type { TopicId } from "../content/intents.js";
import { initialState, SAID_RESOLVED, SAID_SAME_PROBLEM, SAID_SUPPORT } from "./state.js";
import { goTo, pickUp, startTopic } from "./steps.js";
import { fill, type Turn } from "./turn.js";
import type { Input } from "./types.js";

/** The answer a side question has here: for this step, else for this topic, else its own. */
export function sideAnswer(t: Turn, intent: string): string | undefined {
  const question = Object.hasOwn(t.content.questions, intent) ? t.content.questions[intent] : undefined;
  if (!question) return undefined;
  const topic = t.state.topic;
  const stepId = t.inTopic ? t.step?.id : undefined;
  const places = question.where ?? [];
  const placed =
    places.find((p) => p.topic === topic && p.step !== undefined && p.step === stepId) ??
    places.find((p) => p.topic === topic && p.step === undefined);
  return fill(placed?.answer ?? question.answer, {
    phone: t.caps.supportPhone,
    person: t.caps.canTransfer ? t.shared.replies.helpAgent : t.shared.replies.personElsewhere,
  });
}

/** A side question: the short answer (or an honest "I don't have that"), then the question that was open. */
export function answerSideQuestion(t: Turn, intent: string | undefined, whyStep = false) {
  const answer = intent ? sideAnswer(t, intent) : undefined;
  if (answer && intent) {
    t.add(answer);
    t.state = { ...t.state, said: intent };
  } else if (whyStep && t.inTopic && t.step) {
    // "Why are we checking storage?": what the steps are for, and which one this is.
    t.add(fill(t.shared.replies.whyStep, { title: t.step.title }));
  } else if (t.state.phase === "confirm" && t.step?.confirm) {
    // A question at a confirmation ("which ones should I delete?") is about the step it announces: its warning
    // says what it does and what to keep, so that is the answer, before the question again.
    t.add(t.step.confirm);
  } else t.add(t.shared.replies.unknownQuestion);
  if (t.state.phase === "start") t.state = { ...t.state, phase: "topic" };
}

/** What "repeat" brings back that isn't a step: Apple Support's options, a side question's answer. */
export function repeatSaid(t: Turn): boolean {
  const said = t.state.said;
  if (said === SAID_SUPPORT) {
    t.add(fill(t.shared.replies.supportOptions, { phone: t.caps.supportPhone }));
    return true;
  }
  if (said === SAID_RESOLVED) {
    t.add(t.shared.replies.resolved);
    return true;
  }
  const answer = said ? sideAnswer(t, said) : undefined;
  if (answer) t.add(answer);
  return answer !== undefined;
}

/** Words of another topic mid-topic, without asking to change: ask before leaving the steps under way. */
export function offerSwitch(t: Turn, topic: TopicId) {
  t.state = { ...t.state, ask: "switch", pending: topic };
}

/** The caller named the problem of the topic under way again: it's not fixed yet. */
export function sameProblem(t: Turn) {
  const step = t.step;
  if (t.state.phase === "step" && step?.then === "fixed") return goTo(t, "next");
  if (t.state.phase === "step" && (step?.then === "next" || step?.then === "info")) {
    // Once reassured; said again, the caller wants to move on.
    if (t.state.said === SAID_SAME_PROBLEM) return goTo(t, "next");
    t.add(t.shared.replies.stillSameProblem);
    t.state = { ...t.state, said: SAID_SAME_PROBLEM };
    return;
  }
  t.add(t.shared.replies.sameTopic);
}

/** "Delete my data" needs a yes first. */
export function askDelete(t: Turn) {
  t.state = { ...t.state, ask: "delete" };
}

/**
 * Settles a question about the conversation itself (leave this topic? delete my data?). Returns true when the
 * input answered it; anything else drops the question and is handled as usual.
 */
export function settleAsk(t: Turn, input: Input): boolean {
  const s = t.state;
  const ask = s.ask;
  if (!ask) return false;
  // "What, sorry?": the question about the conversation, asked again (it ends the turn, as it did last time).
  if (input.type === "repeat") return true;
  t.state = { ...s, ask: undefined, pending: undefined };
  if (ask === "switch" && s.pending) {
    const to = s.pending;
    // After a topic ended, "okay, carry on" to going back is a yes too.
    const goesOn = s.phase === "anythingElse" && (input.type === "next" || input.type === "resume");
    if (input.type === "yes" || goesOn || (input.type === "topic" && input.topic === to)) {
      startTopic(t, to);
      return true;
    }
    if (input.type === "no" || input.type === "cancel") {
      // Not back to the topic left earlier: anything else, then (the place stays, to ask for later).
      if (s.phase !== "anythingElse")
        t.add(fill(t.shared.replies.stayInTopic, { current: t.topic?.title ?? "" }));
      return true;
    }
    return false;
  }
  if (ask === "delete") {
    if (input.type === "yes" || input.type === "deleteMyData") {
      t.forget = true;
      // The saved place is gone: don't offer it again in the same breath.
      if (s.phase === "resume") t.state = { ...initialState(), phase: "topic" };
      t.add(t.shared.replies.deletedData);
      return true;
    }
    if (input.type === "no" || input.type === "cancel") {
      t.add(t.shared.replies.keptData);
      return true;
    }
  }
  return false;
}

/** A returning caller names a problem: the same one is the welcome-back offer; another asks which to do. */
export function offerResumeOrNew(t: Turn, topic: TopicId) {
  if (t.state.topic !== topic) t.state = { ...t.state, pending: topic };
}

/** The answer to the welcome-back offer. */
export function answerResume(t: Turn, answer: "yes" | "no" | "maybe") {
  const s = t.state;
  if (answer === "yes") return pickUp(t);
  if (answer === "maybe") return void t.add(t.shared.menu);
  if (s.pending) return startTopic(t, s.pending);
  t.state = { ...initialState(), phase: "topic" };
}
