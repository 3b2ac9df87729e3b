// Moving through a topic's steps: starting a topic, reading a step (confirmed first when it is hard to undo),
// following a branch, and the ways a topic ends (fixed, finished, handed on).
import { isTopicIntent, type TopicId } from "../content/intents.js";
import { pathTo, stepsAfter } from "./path.js";
import {
  initialState,
  keptLeft,
  keptPlace,
  MAX_HISTORY,
  type Place,
  SAID_RESOLVED,
  type State,
} from "./state.js";
import { fill, type Turn } from "./turn.js";

export function startTopic(t: Turn, topic: TopicId, opts: { restart?: boolean } = {}) {
  const s = t.state;
  if (!opts.restart && s.topic === topic && t.inTopic) {
    return void t.add(t.shared.replies.sameTopic, ...t.body());
  }
  // Back to a topic left mid-way for this one: where the caller left it, not its step 1.
  if (!opts.restart && s.left?.topic === topic) return returnTo(t, s.left);
  const spoken = t.content.topics[topic];
  t.state = { ...initialState(), phase: "step", topic, ...leaving(t, topic) };
  t.signal({ kind: "topicStarted", topic });
  if (!opts.restart) t.add(spoken.intro, ...t.callBackNote(spoken.restartsPhone));
  t.add(t.stepCount(spoken));
  readStep(t, 0, { push: false });
}

/**
 * The place to keep when `topic` starts: the step of another topic the caller is leaving mid-way, else the place
 * kept before.
 */
function leaving(t: Turn, topic: TopicId): Pick<State, "left"> {
  const s = t.state;
  if (t.inTopic && s.topic && s.topic !== topic)
    return { left: { topic: s.topic, step: s.step, ...(s.hist.length > 0 ? { hist: s.hist } : {}) } };
  return keptLeft(s);
}

/**
 * A topic over without the backup working, with another left mid-way for it: "Shall we go back to ...?" instead
 * of "anything else?", as the switch promised.
 */
export function offerReturn(t: Turn) {
  const s = t.state;
  if (s.phase !== "anythingElse" || !s.left || s.left.topic === s.topic || t.end) return;
  t.state = { ...s, ask: "switch", pending: s.left.topic };
}

/** "Can we go back to the storage thing?": the step of the topic left mid-way, read again. */
export function returnTo(t: Turn, place: Place) {
  const title = t.content.topics[place.topic].title;
  const { left } = leaving(t, place.topic);
  t.state = { ...initialState(), phase: "step", topic: place.topic, hist: place.hist ?? [] };
  if (left && left.topic !== place.topic) t.state.left = left;
  t.add(fill(t.shared.replies.backToTopic, { topic: title }));
  readStep(t, place.step, { push: false });
}

/** A question ("how do I check iCloud Backup is on?"): the short, complete answer, then the offer of steps. */
export function answerQuestion(t: Turn, topic: TopicId) {
  t.add(t.content.topics[topic].answer);
  t.state = { ...initialState(), phase: "offer", topic };
}

/** Step 8 of the article, or a caller asking for a person. */
export function contactSupport(t: Turn) {
  const topic = t.content.topics.ContactSupport;
  if (!t.caps.canTransfer) t.add(topic.intro, ...topic.steps.map((s) => s.say));
  t.handOff("requested");
}

/**
 * A returning caller takes up the saved step. `done`: they say they did it while away ("I'm back, I restarted
 * it"), so its question, or the step after one to carry out, not its instructions again.
 */
export function pickUp(t: Turn, { done = false }: { done?: boolean } = {}) {
  const s = t.state;
  const index = s.saved ?? s.step;
  t.state = { ...s, phase: "step", saved: undefined, savedConfirmed: undefined, pending: undefined };
  const step = t.topic?.steps[index];
  if (t.topic && step && done && (!step.confirm || s.savedConfirmed)) {
    const hist = s.hist.length === 0 && index > 0 ? pathTo(t.topic, index) : s.hist;
    t.state = { ...t.state, step: index, hist };
    return doneAhead(t);
  }
  // Back after a step that restarts the iPhone (the call or session ended with it): the step was done, so its
  // question, not its instructions again, which would restart the phone and drop the call a second time.
  if (t.topic && step?.restartsPhone && (!step.confirm || s.savedConfirmed)) {
    const hist = s.hist.length === 0 && index > 0 ? pathTo(t.topic, index) : s.hist;
    t.state = { ...t.state, step: index, hist };
    return void t.add(fill(t.shared.replies.resumeAfterRestart, { n: t.stepNumber }));
  }
  t.add(t.shared.replies.resume);
  readStep(t, index, { push: false, confirmed: s.savedConfirmed === true });
}

export function resolved(t: Turn) {
  const s = t.state;
  if (s.topic) t.signal({ kind: "resolved", topic: s.topic, step: s.step });
  t.add(t.shared.replies.resolved);
  // The place is kept beside "anything else?", so "wait, I meant no" can take the yes back.
  t.state = { ...initialState(), phase: "anythingElse", said: SAID_RESOLVED, ...keptPlace(s) };
}

/**
 * Follows a branch target: a step id, another topic, or next / finish / wrapUp / resolved / support. `declined`:
 * the caller turned down the step being left, so if the steps end here nothing failed that a person must see now.
 */
export function goTo(t: Turn, to: string, opts: { declined?: boolean } = {}) {
  const topic = t.topic;
  const s = t.state;
  if (!topic) return;
  // A step may lead somewhere other than the one after it ("an outage: wrap up").
  const target = to === "next" ? (t.step?.leadsTo ?? "next") : to;
  if (target === "resolved") return resolved(t);
  if (target === "support") return notFixed(t, opts.declined);
  // Another topic: what this one found leads there ("the alert says storage is full": the storage topic).
  if (isTopicIntent(target)) {
    startTopic(t, target);
    t.state = { ...t.state, from: s.topic };
    return;
  }
  const index = target === "next" ? s.step + 1 : topic.steps.findIndex((step) => step.id === target);
  if (target === "finish" || target === "wrapUp" || index < 0 || index >= topic.steps.length) {
    if (topic.finish === "support" && target !== "wrapUp") return notFixed(t, opts.declined);
    t.add(t.shared.replies.wrapUp);
    t.state = { ...initialState(), phase: "anythingElse", ...keptLeft(s) };
    return offerReturn(t);
  }
  readStep(t, index, { push: true });
}

/**
 * The steps ran out with the backup still failing: a person (phone) or Apple Support's options. After the caller
 * turned down the last fix ("not now, my son has the password"), a person is offered, not put through unasked:
 * a yes puts them through, a no reads Apple Support's options.
 */
function notFixed(t: Turn, declined = false) {
  t.add(t.shared.replies.notFixedSupport);
  if (!declined || !t.caps.canTransfer) return void offerReturn(t.handOff("notFixed"));
  const s = t.state;
  t.state = {
    ...initialState(),
    phase: "anythingElse",
    offered: true,
    ...keptPlace(s),
  };
  t.asked = true;
  t.add(t.shared.replies.offerAgentAtEnd);
}

/**
 * "Okay, I deleted the old iPad backup" at a step's confirmation: the caller went ahead on their own. Its
 * instructions would tell them to do it again: its question instead, or the next step after one to carry out.
 */
export function doneAhead(t: Turn) {
  const then = t.step?.then;
  t.note("c").add(t.shared.replies.doneAhead);
  t.state = { ...t.state, phase: "step" };
  if (then === "fixed" || then === "question") return void t.stepTakenAsRead();
  goTo(t, "next");
}

/** The step under way and the one after it (`index`) both done already: that one's question, not its warning. */
export function doneThrough(t: Turn, index: number) {
  const s = t.state;
  t.note("c");
  t.state = { ...t.state, phase: "confirm", step: index, hist: [...s.hist, s.step].slice(-MAX_HISTORY) };
  if (s.topic) t.signal({ kind: "stepReached", topic: s.topic, step: index });
  doneAhead(t);
}

/** Reads step `index`; a hard-to-undo step is announced and confirmed first. */
export function readStep(t: Turn, index: number, opts: { push: boolean; confirmed?: boolean }) {
  const s = t.state;
  const topic = t.topic;
  const step = topic?.steps[index];
  if (!s.topic || !step) return;
  // A step reached without a history (picked up from last time, or "back" from one) gets the shortest way to it,
  // so its number and "back" follow a path the caller could have taken.
  const hist = opts.push
    ? [...s.hist, s.step].slice(-MAX_HISTORY)
    : s.hist.length === 0 && index > 0
      ? pathTo(topic, index)
      : s.hist;
  const phase = step.confirm && !opts.confirmed ? "confirm" : "step";
  t.state = { ...s, phase, step: index, hist };
  if (!opts.confirmed) t.signal({ kind: "stepReached", topic: s.topic, step: index });
  t.add(...t.body());
  // Information with nothing after it ("it's on Apple's side: try again later"): no "ready for the next one?",
  // the topic ends here, the way its last step leads.
  if (phase === "step" && step.then === "info" && stepsAfter(topic, index).max === 0)
    goTo(t.note("c"), "next");
}

/**
 * "Go back to step two": the step this caller heard as step `n`, read again, and the way on from there. "What was
 * step one again?" (`go` false): what it said, then the question open now, where the caller still is. The way
 * here is the caller's own (their history), or for a picked-up step the shortest one, as its number is. A number
 * not reached yet gets where we are, and the step under way again.
 */
export function readStepNumbered(t: Turn, n: number, go = true) {
  const s = t.state;
  const topic = t.topic;
  if (!topic) return;
  const shortest = pathTo(topic, s.step);
  const way = s.hist.length < shortest.length ? shortest : s.hist;
  if (n < 1 || n > way.length) {
    if (n > way.length + 1) t.add(t.whereWeAre());
    return readStep(t, s.step, { push: false });
  }
  const target = topic.steps[way[n - 1] as number];
  if (!go && target) return void t.add(fill(t.shared.replies.stepWas, { n }), target.say);
  t.state = { ...s, hist: way.slice(0, n - 1) };
  readStep(t, way[n - 1] as number, { push: false });
}
