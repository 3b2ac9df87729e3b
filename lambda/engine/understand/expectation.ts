// What the line is waiting for, read from the state alone: an answer to a yes/no question (with its own answer
// words), a confirmation, a step to be done, a problem to be named, or "anything else?".
import type { AnswerWords, SpeechContent } from "../../content/types.js";
import { SAID_RESOLVED, type State } from "../state.js";

/** What the line is waiting for, from the state alone. */
export type Waiting = "answer" | "confirm" | "done" | "topic" | "anythingElse";

export function waitingFor(
  content: SpeechContent,
  s: State | undefined,
): { waiting: Waiting; words?: AnswerWords } {
  if (!s || s.phase === "start" || s.phase === "topic" || s.phase === "ended") return { waiting: "topic" };
  if (s.ask === "delete") return { waiting: "confirm", words: content.shared.confirmAnswers };
  if (s.ask || s.offered || s.phase === "offer" || s.phase === "resume") return { waiting: "answer" };
  if (s.phase === "anythingElse") return { waiting: "anythingElse" };
  if (s.phase === "confirm") return { waiting: "confirm", words: content.shared.confirmAnswers };
  const step = s.topic ? content.topics[s.topic].steps[s.step] : undefined;
  if (step?.then === "fixed")
    return { waiting: "answer", words: merge(content.shared.fixedAnswers, step.answers) };
  if (step?.then === "question")
    return { waiting: "answer", ...(step.answers ? { words: step.answers } : {}) };
  return { waiting: "done" };
}

/**
 * The yes/no question answered last: this step's "do you want to go ahead?" when the caller went ahead with it,
 * otherwise the question asked just before this step, if the caller got here by answering it.
 */
export function earlierQuestion(
  content: SpeechContent,
  s: State | undefined,
): { words?: AnswerWords } | undefined {
  if (s?.phase === "step" && s.topic !== undefined && content.topics[s.topic].steps[s.step]?.confirm)
    return {};
  const previous = s?.hist.at(-1);
  const step =
    s?.topic !== undefined && previous !== undefined ? content.topics[s.topic].steps[previous] : undefined;
  if (step?.then === "fixed") return { words: merge(content.shared.fixedAnswers, step.answers) };
  if (step?.then === "question") return step.answers ? { words: step.answers } : {};
  return undefined;
}

/**
 * The answer the caller gave to earlierQuestion, as the step they are on shows it: the step its yes led to, or the
 * step its no did (a fixed step's question was answered no, since the steps went on).
 */
export function earlierAnswer(content: SpeechContent, s: State | undefined): "yes" | "no" | undefined {
  const previous = s?.hist.at(-1);
  if (s?.phase !== "step" || s.topic === undefined || previous === undefined) return undefined;
  const steps = content.topics[s.topic].steps;
  const asked = steps[previous];
  const here = steps[s.step]?.id;
  if (asked?.then === "fixed") return "no";
  if (asked?.then !== "question" || here === undefined) return undefined;
  if (asked.yes === here && asked.no !== here) return "yes";
  if (asked.no === here && asked.yes !== here) return "no";
  return undefined;
}

/**
 * Right after "Great, I'm glad your backup is working": the question whose yes ended the topic, so "wait, I
 * meant no" or "no, it's still failing" can take that yes back.
 */
export function justResolved(
  content: SpeechContent,
  s: State | undefined,
): { words?: AnswerWords } | undefined {
  if (s?.phase !== "anythingElse" || s.said !== SAID_RESOLVED || s.topic === undefined) return undefined;
  const step = content.topics[s.topic].steps[s.step];
  if (step?.then === "fixed") return { words: merge(content.shared.fixedAnswers, step.answers) };
  if (step?.then === "question") return step.answers ? { words: step.answers } : {};
  return undefined;
}

/** A fixed step's own answer words with the shared ones, made once per step (and kept, so readers can cache). */
const merged = new WeakMap<AnswerWords, WeakMap<AnswerWords, AnswerWords>>();
function merge(shared: AnswerWords, own: AnswerWords | undefined): AnswerWords {
  if (!own) return shared;
  let byOwn = merged.get(shared);
  if (!byOwn) {
    byOwn = new WeakMap();
    merged.set(shared, byOwn);
  }
  let words = byOwn.get(own);
  if (!words) {
    const elsewhere = [...(own.elsewhere ?? []), ...(shared.elsewhere ?? [])];
    const maybe = [...(own.maybe ?? []), ...(shared.maybe ?? [])];
    words = {
      yes: [...own.yes, ...shared.yes],
      no: [...own.no, ...shared.no],
      ...(maybe.length > 0 ? { maybe } : {}),
      ...(elsewhere.length > 0 ? { elsewhere } : {}),
      ...(own.ratio ? { ratio: own.ratio } : {}),
      ...(own.progress || shared.progress ? { progress: true as const } : {}),
    };
    byOwn.set(own, words);
  }
  return words;
}

/** The step's own question is the one open: no question about the conversation (switch? a person?) over it. */
const stepAsks = (s: State | undefined): s is State =>
  s?.phase === "step" && s.topic !== undefined && !s.ask && !s.offered;

export const atFixedStep = (content: SpeechContent, s: State | undefined) =>
  stepAsks(s) && s.topic !== undefined && content.topics[s.topic].steps[s.step]?.then === "fixed";

export const atQuestionStep = (content: SpeechContent, s: State | undefined) =>
  stepAsks(s) && s.topic !== undefined && content.topics[s.topic].steps[s.step]?.then === "question";
