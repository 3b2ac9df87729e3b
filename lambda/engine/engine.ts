// The conversation engine: (state, caller input) -> (new state, what to say). Pure and channel-neutral; the
// channel adapters (Lex, Alexa) translate their events into an Input and the Output back into their responses.
import type { SpeechContent } from "../content/types.js";
import { answer, correct } from "./answers.js";
import {
  answerSideQuestion,
  askDelete,
  offerResumeOrNew,
  offerSwitch,
  repeatSaid,
  sameProblem,
  settleAsk,
} from "./asides.js";
import { failure, offerAgent } from "./failure.js";
import { initialState, keptLeft, SAID_RESOLVED, SAID_UNSURE, type State } from "./state.js";
import {
  answerQuestion,
  contactSupport,
  doneAhead,
  doneThrough,
  goTo,
  offerReturn,
  pickUp,
  readStep,
  readStepNumbered,
  resolved,
  returnTo,
  startTopic,
} from "./steps.js";
import { soFar } from "./summary.js";
import { Turn, type TurnResult } from "./turn.js";
import type { Capabilities, Input, Progress, Recognised } from "./types.js";

export type { TurnResult };

/** Runs one turn. `prev` undefined means a new conversation (or a state that failed validation). */
export function converse(
  content: SpeechContent,
  caps: Capabilities,
  prev: State | undefined,
  input: Input,
  opts: {
    stateLost?: boolean;
    /** Where this caller got to last time (from the progress store); offered when a new conversation opens. */
    saved?: Progress;
    /** The time of the turn (epoch milliseconds): how long a caller handed on has spent with the line. */
    now?: number;
  } = {},
): TurnResult {
  const start = prev && prev.phase !== "ended" ? { ...prev, hist: [...prev.hist] } : initialState();
  const t = new Turn(content, caps, start, opts.now);
  if (opts.stateLost) {
    t.signal({ kind: "stateLost" }).add(content.shared.replies.lostPlace);
    t.state = { ...initialState(), phase: "topic" };
  }
  const saved = opts.saved && placeExists(content, opts.saved) ? opts.saved : undefined;
  if (input.type === "launch") launch(t, input.resume ?? saved);
  else if (saved && t.state.phase === "start" && offersResume(input) && !asksAboutTopic(input)) {
    launch(t, saved);
    // "Pick up" as the very first words: no need to ask first.
    if (input.type === "resume") pickUp(t);
    // A problem named by a returning caller: pick up the saved place, or start the new one? Never overwritten
    // without asking.
    else if (input.type === "topic") offerResumeOrNew(t, input.topic);
  } else if (input.type === "noMatch" || input.type === "noInput") {
    // After losing the state, the apology and the opening question are the whole answer: not a failure.
    if (!opts.stateLost) failure(t, input.type);
  } else respond(t, input);
  return t.result();
}

/** A returning caller who asks for a person, says goodbye or asks to delete their data gets that, not the offer. */
const offersResume = (input: Input) =>
  input.type !== "agent" &&
  input.type !== "stop" &&
  input.type !== "cancel" &&
  input.type !== "deleteMyData" &&
  !(input.type === "topic" && input.topic === "ContactSupport");

const placeExists = (content: SpeechContent, p: Progress) => {
  const topic = content.topics[p.topic];
  return topic !== undefined && p.step >= 0 && p.step < topic.steps.length;
};

/** The way to a saved step, when every step of it is still in the topic (content can change between calls). */
const savedWay = (content: SpeechContent, p: Progress): number[] =>
  p.hist?.every((i) => i >= 0 && i < content.topics[p.topic].steps.length) ? p.hist : [];

/** A question ("how do I ...") is answered even for a returning caller: that changes nothing saved. */
const asksAboutTopic = (input: Input) => input.type === "topic" && input.question === true;

/** Opens a conversation: the welcome-back offer when there is valid saved progress, else the greeting. */
function launch(t: Turn, resume?: Progress) {
  if (resume && placeExists(t.content, resume)) {
    const { topic: name, step } = resume;
    t.state = {
      ...initialState(),
      phase: "resume",
      topic: name,
      step,
      hist: savedWay(t.content, resume),
      saved: step,
      ...(resume.confirmed ? { savedConfirmed: true } : {}),
    };
    return;
  }
  t.add(t.shared.greeting);
  t.state = { ...initialState(), phase: "topic" };
}

/** Any recognised answer: the failure count starts again, a pause or an open offer of a person is settled. */
function respond(t: Turn, input: Exclude<Input, { type: "launch" | "noMatch" | "noInput" }>) {
  const s = t.state;
  const wasPaused = s.paused === true;
  if (s.offered) {
    t.state = { ...s, offered: undefined, miss: 0 };
    // Offered after misses, or because the caller wondered about a person: the reason the agent sees.
    if (input.type === "yes" || input.type === "agent")
      return void t.handOff(s.miss > 0 ? "noMatch" : s.phase === "anythingElse" ? "notFixed" : "requested");
    // No person after the last fix was turned down: Apple Support's options, for later, then "anything else?".
    if (input.type === "no" && s.phase === "anythingElse")
      return void t.handOff("notFixed", { transfer: false });
    if (input.type === "no") {
      // Back to the question the misses were about, with how to answer it.
      t.add(t.shared.replies.keepTrying);
      t.coach = true;
      return;
    }
  }
  t.state = { ...t.state, miss: 0, paused: undefined, offered: undefined };
  const said = t.state.said;
  t.state = { ...t.state, said: undefined };
  if (settleAsk(t, input)) return;
  // "There's only this iPhone in the list" at "do you want to go ahead?" with deleting old backups: the step
  // can't be done, so it is turned down and the way on (another way to make room) follows.
  const declines =
    input.type === "sideQuestion" && input.intent && t.content.questions[input.intent]?.declinesConfirmation;
  if (declines && t.state.phase === "confirm") return answer(t, "no");
  if (input.type === "sideQuestion") return answerSideQuestion(t, input.intent, input.whyStep);
  if (input.type === "correction") return correct(t, input.answer, said);
  if (input.type === "wondersAboutPerson") return offerAgent(t);
  if (input.type === "noPerson") return void t.add(t.shared.replies.keepTrying);
  if (input.type === "stepNumber") return t.inTopic ? readStepNumbered(t, input.n, input.go) : noStepHere(t);
  if (input.type === "stepNamed" && input.done && t.inTopic) return doneThrough(t, input.step);
  if (input.type === "stepNamed") return t.inTopic ? readStep(t, input.step, { push: true }) : noStepHere(t);
  if (input.type === "topic") {
    if (input.topic === "ContactSupport") return contactSupport(t);
    if (t.state.phase === "resume") return startTopic(t, input.topic);
    if (input.question && !t.inTopic) return answerQuestion(t, input.topic);
    if (t.inTopic && input.topic === t.state.topic) {
      // Asked about ("how do I restart it?"): where we are in it. Said ("it's still full"): it isn't fixed yet.
      if (input.question) return void t.add(t.shared.replies.sameTopic, ...t.body());
      t.state = { ...t.state, ...(said ? { said } : {}) };
      return sameProblem(t);
    }
    // Back to the problem left for this one needs no asking: the caller has heard both.
    if (t.inTopic && input.tentative && input.topic !== t.state.left?.topic)
      return offerSwitch(t, input.topic);
    return startTopic(t, input.topic);
  }
  if (t.state.phase === "start" && input.type === "returning") {
    // "I got cut off", with no saved place to offer (a caller with one got the offer already).
    t.state = { ...t.state, phase: "topic" };
    return void t.add(t.shared.replies.noSavedPlace);
  }
  if (t.state.phase === "start" && !OPENING_COMMANDS.has(input.type)) {
    // A first turn that names no problem ("yes", "hello", a key): greet, then ask what is wrong.
    t.state = { ...t.state, phase: "topic" };
    return void t.add(t.shared.greeting);
  }
  // After "wait", a yes or next means "I'm ready", not an answer to the question that was left open.
  const answered = "answered" in input && input.answered === true;
  const ready = wasPaused && !answered && (input.type === "yes" || input.type === "next");
  const inWords = "inWords" in input && input.inWords === true;
  const fixed = "fixed" in input && input.fixed === true;
  const done = "done" in input && input.done === true;
  command(t, ready ? "resume" : input.type, { wasPaused, said, inWords, fixed, done });
}

/** Commands that make sense as the very first words of a call. */
const OPENING_COMMANDS = new Set<Recognised>([
  "agent",
  "stop",
  "cancel",
  "help",
  "personalData",
  "deleteMyData",
]);

/** What to say to a step command (back, skip, which step) when no topic is running. */
function noStepHere(t: Turn) {
  if (t.state.phase === "start" || t.state.phase === "topic") t.add(t.shared.replies.noTopicYet);
}

function command(
  t: Turn,
  cmd: Recognised,
  was: { wasPaused: boolean; said: string | undefined; inWords?: boolean; fixed?: boolean; done?: boolean },
) {
  const sh = t.shared;
  const s = t.state;
  switch (cmd) {
    case "agent":
      return void t.handOff("requested");
    case "stop":
      // "It's backing up now, thanks, bye": fixed, then goodbye (not "we got to step 4, call back").
      if (was.fixed && s.phase === "step" && t.step?.then === "fixed") resolved(t.note("y"));
      return void t.goodbye();
    case "cancel": {
      // "Never mind" drops what is under way and keeps the call; with nothing under way it ends the call.
      const { topic, step } = s;
      if (!topic || !(t.inTopic || s.phase === "offer" || s.phase === "resume")) return void t.goodbye();
      if (t.inTopic) t.signal({ kind: "abandoned", topic, step });
      t.add(sh.replies.cancelled);
      t.state = { ...initialState(), phase: "anythingElse", ...keptLeft(s) };
      return offerReturn(t);
    }
    case "help":
      // What helps here: how to answer a yes-or-no question, how to move through steps, or how to start.
      t.coach = true;
      t.add(
        !t.inTopic
          ? sh.replies.helpNoTopic
          : t.expect() === "yesNo"
            ? sh.replies.helpAnswer
            : sh.replies.help,
      );
      if (t.caps.canTransfer) t.add(sh.replies.helpAgent);
      if (!t.inTopic) t.add(sh.menu);
      return;
    case "repeat":
      // Said again in full: with how to answer it.
      t.coach = true;
      t.state = { ...t.state, ...(was.said ? { said: was.said } : {}) };
      if (repeatSaid(t)) return;
      return void t.add(...t.body());
    case "startOver":
      if (s.phase === "resume" && s.pending) return startTopic(t, s.pending);
      if (s.topic && (t.inTopic || s.phase === "resume")) {
        t.add(sh.replies.startOver);
        return startTopic(t, s.topic, { restart: true });
      }
      t.state = { ...initialState(), phase: "topic" };
      return void t.add(sh.greeting);
    case "pause":
      t.state = { ...s, paused: true };
      return void t.add(sh.replies.pause);
    case "returning":
      // Mid-topic, "I'll call again?" is about calling back: how that works, then the question again.
      if (t.inTopic && t.caps.callerOnDevice !== false) return void t.add(sh.replies.callBack);
      if (t.inTopic || s.phase === "resume") return command(t, "resume", was);
      return void t.add(sh.replies.noSavedPlace);
    case "resume":
      if (was.wasPaused && s.phase === "resume") return pickUp(t);
      if (was.wasPaused) return void t.add(sh.replies.resume, ...t.body());
      if (s.phase === "resume") return pickUp(t, { done: was.done });
      if (t.expect() === "next") return goTo(t, "next");
      // "Just carry on" at a question or a fix: a next, which keeps an earlier answer or says how to tell (a fix's
      // next is the next fix).
      if (s.phase === "step" && (t.step?.then === "question" || t.step?.then === "fixed"))
        return answer(t, "next", was.said === SAID_UNSURE);
      return void t.add(...t.body());
    case "whichStep": {
      // Where we are, then what was done on the way ("what have we done so far?"); after a topic ended, what was
      // done in it.
      const done = soFar(t.content, t.state);
      if (!t.inTopic || !t.step) return done.length > 0 ? void t.add(...done) : noStepHere(t);
      return void t.add(t.whereWeAre(), ...done);
    }
    case "back": {
      // "Wait, go back" after a topic ended ("glad it's working", Apple Support's options): the step it ended at,
      // and its question.
      if (s.phase === "anythingElse" && s.topic !== undefined) {
        t.state = { ...s, phase: "step" };
        return readStep(t, s.step, { push: false });
      }
      if (!t.inTopic) return noStepHere(t);
      const hist = [...s.hist];
      const previous = hist.pop();
      if (previous === undefined) {
        // No history (the caller picked up a saved step): the step before is the one above it.
        if (s.step > 0) return readStep(t, s.step - 1, { push: false });
        // The first step of a topic the caller moved to mid-way: back is where they were before it.
        if (s.left) return returnTo(t, s.left);
        t.add(sh.replies.backAtFirst);
        return readStep(t, s.step, { push: false });
      }
      t.state = { ...s, hist };
      return readStep(t, previous, { push: false });
    }
    case "skip": {
      if (!t.inTopic) return noStepHere(t);
      t.note("s").add(sh.replies.skipped);
      // Skipping a diagnostic question means "that's not it": take its "no" branch.
      const step = t.step;
      return goTo(t, t.state.phase === "step" && step?.then === "question" ? (step.no ?? "next") : "next");
    }
    case "personalData":
      return void t.add(sh.replies.noPersonalData);
    case "deleteMyData":
      return askDelete(t);
    case "yes":
      // "The backup is working" said at a step to carry out: fixed, whatever the step was.
      if (was.fixed && s.phase === "step" && t.step?.then !== "question")
        return resolved(t.note(t.step?.then === "fixed" ? "y" : "c"));
      // "It's backing up now" at a confirmation: fixed, and the step it asked about is not done.
      if (was.fixed && s.phase === "confirm") return resolved(t.note("s"));
      // "The backup finished fine last night" when offered the saved place, or at "anything else?": glad, and
      // the saved place, no longer needed, goes.
      if (was.fixed && (s.phase === "resume" || s.phase === "anythingElse")) {
        t.add(sh.replies.resolved);
        t.state = { ...initialState(), phase: "anythingElse", said: SAID_RESOLVED };
        return;
      }
      // "Okay, I deleted the old iPad one" at its confirmation: done already, so its question, not its instructions.
      if (was.done && s.phase === "confirm") return doneAhead(t);
      return answer(t, cmd, was.said === SAID_UNSURE, was.inWords);
    case "no":
    case "maybe":
    case "next":
      return answer(t, cmd, was.said === SAID_UNSURE, was.inWords, was.done);
  }
}
