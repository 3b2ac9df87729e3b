// Reads one caller turn against what the line just asked. The NLU (Lex, Alexa, the local classifier) says which
// intents the words resemble; this decides what they mean here: an answer to the open question (in its own words,
// hedged, or plain), a step command, a side question, or a problem of another topic, which only leaves the topic
// under way when the caller clearly asks to. Pure and channel-neutral: words and intents in, an engine Input out.
import { FALLBACK_INTENT, isTopicIntent, navCommand, type TopicId } from "../../content/intents.js";
import type { AnswerWords, SpeechContent } from "../../content/types.js";
import { looksPersonal } from "../privacy.js";
import type { State } from "../state.js";
import type { Input, Recognised } from "../types.js";
import { normaliseWords, readAnswer, readProgress, saysItIsDone } from "./answer-words.js";
import {
  afterStall,
  cameBack,
  correctionIn,
  isLeaving,
  saysCommand,
  stillWorking,
  wantsPerson,
} from "./cues.js";

export interface Interpretation {
  /** A bot intent name (Lex's names: topics, navigation, side questions, FallbackIntent). */
  intent: string;
  /** NLU confidence, 0 to 1, when the channel gives one. */
  confidence?: number;
}

export interface Heard {
  /** What the caller said, as transcribed; empty when the channel sends only an intent (Alexa). */
  text: string;
  /** The NLU's interpretations, best first (Lex sends up to five; FallbackIntent first when unsure). */
  interpretations: Interpretation[];
}

/** An alternative interpretation this close to its best is worth reading in context. */
const ALTERNATIVE_MIN_CONFIDENCE = 0.15;
/** An NLU this sure that the words name another problem outweighs a loose yes or no in them. */
const SURE_OF_TOPIC = 0.6;
/** A side question the NLU is this sure of outweighs a loose answer in the same words. */
const SURE_OF_SIDE_QUESTION = 0.7;
/** Mid-topic, a question is only taken as being about another problem when the NLU is this sure. */
const SURE_OF_TOPIC_QUESTION = 0.7;

/** What the line is waiting for, from the state alone. */
type Waiting = "answer" | "confirm" | "done" | "topic" | "anythingElse";

function waitingFor(content: SpeechContent, s: State | undefined): { waiting: Waiting; words?: AnswerWords } {
  if (!s || s.phase === "start" || s.phase === "topic" || s.phase === "ended") return { waiting: "topic" };
  if (s.ask === "delete") return { waiting: "confirm" };
  if (s.ask || s.offered || s.phase === "offer" || s.phase === "resume") return { waiting: "answer" };
  if (s.phase === "anythingElse") return { waiting: "anythingElse" };
  if (s.phase === "confirm") return { waiting: "confirm" };
  const step = s.topic ? content.topics[s.topic].steps[s.step] : undefined;
  if (step?.then === "fixed")
    return { waiting: "answer", words: merge(content.shared.fixedAnswers, step.answers) };
  if (step?.then === "question")
    return { waiting: "answer", ...(step.answers ? { words: step.answers } : {}) };
  return { waiting: "done" };
}

/** The yes/no question asked just before this step, if the caller got here by answering it. */
function earlierQuestion(content: SpeechContent, s: State | undefined): { words?: AnswerWords } | undefined {
  const previous = s?.hist.at(-1);
  const step =
    s?.topic !== undefined && previous !== undefined ? content.topics[s.topic].steps[previous] : undefined;
  if (step?.then === "fixed") return { words: merge(content.shared.fixedAnswers, step.answers) };
  if (step?.then === "question") return step.answers ? { words: step.answers } : {};
  return undefined;
}

const merge = (a: AnswerWords, b: AnswerWords | undefined): AnswerWords =>
  b ? { yes: [...b.yes, ...a.yes], no: [...b.no, ...a.no] } : a;

/** Asked as a question: "how long does it take", "will I lose my photos", "is that an app". */
const QUESTION =
  /^(how|what|what's|whats|why|where|where's|when|which|who|is|are|was|were|do|does|did|can|could|will|would|should|shall|am|have|has|if|so what|and what|but what|but how|but will|and will|wait what|sorry what)\b/;
const QUESTION_INSIDE =
  /\b(but|and|so|though|also)\s+(will|does|do|is|what|how|why|can|would)\b.*\b(i|my|it|this|that)\b/;
const isQuestion = (text: string) => QUESTION.test(text) || QUESTION_INSIDE.test(text);

/** "It's plugged in now", "I'm on Wi-Fi": a report of the step done. */
const DONE_REPORT =
  /\b(it's|its|it is|i'm|i am|phone is|iphone is) (now )?(plugged in|charging|connected|on wifi|on wi-fi|on the wifi|restarted|updated|on)( now)?\b|\b(did that|done that|done it|did it)\b/;

const atFixedStep = (content: SpeechContent, s: State | undefined) =>
  s?.phase === "step" && s.topic !== undefined && content.topics[s.topic].steps[s.step]?.then === "fixed";

/** The backup still failing, said after the line thought it was fixed. */
const STILL_FAILING =
  /\b(still|again)\b.*\b(fail|fails|failed|failing|error|stuck|not working|doesn't work|didn't work|won't)\b|\b(fail|fails|failed|failing|not working|doesn't work|didn't work) (again|still)\b|\bstill nothing\b|\bnothing yet\b/;

/** "Go back", "back up a step", "can we go back": the back command, said first. */
const GO_BACK =
  /^(?:(?:okay|ok|sorry|wait|hang on|um|so)\s*,?\s+)?(go back|back up a step|take me back|can we go back|could we go back|previous step|the step before)\b/;

/** A deliberate change of subject: "actually, ...", "what about ...", "I also have ...". */
const SWITCH =
  /\b(actually|instead|different|another|other problem|other issue|switch|rather|what about|how about|forget (that|this|it)|new problem|also|as well|one more thing|change (the )?(topic|subject)|move on to|let's (do|try|look at|check|talk about)|can we (do|try|look at|check|talk about)|i want to (do|check|fix|talk about|look at|ask about)|i'd like to|i would like to|help me with|can you help (me )?with)\b/;

/** Words a request for Apple Support or a person has; without them, a guess of ContactSupport is not followed. */
export const ASKS_FOR_SUPPORT =
  /\b(agent|person|human|someone|somebody|representative|operator|support|advisor|apple|applecare|talk|speak|call|real|help|contact|service|customer|technician|transfer|connect|through)\b/;

/** Commands that still mean themselves inside a question ("can you repeat that?", "can I talk to someone?"). */
const SAFE_IN_QUESTION = new Set<Recognised>([
  "repeat",
  "help",
  "whichStep",
  "agent",
  "back",
  "skip",
  "startOver",
  "pause",
  "resume",
  "maybe",
]);

const isSideQuestion = (content: SpeechContent, intent: string) => Object.hasOwn(content.questions, intent);

/** Below this, an interpretation after a misguessed command is not worth following either. */
const PLAUSIBLE = 0.25;

/**
 * The interpretations with every command the words don't ask for taken out ("I think my Apple ID got locked" is
 * not Next, "looks like it was back in January" not Back): the next one the NLU found plausible leads instead,
 * or FallbackIntent. An NLU unsure of everything (FallbackIntent first) stays unsure.
 */
function supported(heard: Heard, text: string): Heard {
  if (!text) return heard;
  const kept: Interpretation[] = [];
  let dropped = false;
  for (const i of heard.interpretations) {
    const command = navCommand(i.intent);
    if (command && !saysCommand(command, text)) {
      dropped = true;
      continue;
    }
    kept.push(i);
  }
  if (!dropped) return heard;
  const lead = kept[0];
  if (!lead || lead.intent === FALLBACK_INTENT || (lead.confidence ?? 0) < PLAUSIBLE)
    return {
      ...heard,
      interpretations: [
        { intent: FALLBACK_INTENT },
        ...kept.filter((i) => i !== lead || lead.intent !== FALLBACK_INTENT),
      ],
    };
  return { ...heard, interpretations: kept };
}

export function readTurn(content: SpeechContent, state: State | undefined, given: Heard): Input {
  const raw = given.text.trim();
  if (raw.length > 0 && looksPersonal(raw)) return { type: "personalData" };
  const heard = supported(given, normaliseWords(raw));
  const top = heard.interpretations[0]?.intent ?? FALLBACK_INTENT;
  const topConfidence = heard.interpretations[0]?.confidence ?? 0;
  const text = normaliseWords(raw);
  const s = state;
  const inTopic = s?.phase === "step" || s?.phase === "confirm";
  const { waiting, words } = waitingFor(content, s);

  // The channel sent no words (Alexa): the intent is all there is.
  if (text.length === 0) {
    if (raw.length === 0 && heard.interpretations.length === 0) return { type: "noInput" };
    return byIntent(content, s, top, "", inTopic);
  }

  // "Hang on, does that mean my Wi-Fi is broken?": a question after a stall is a question.
  const stalled = afterStall(text);
  const asked = isQuestion(text) || (stalled !== undefined && stalled.length > 0 && isQuestion(stalled));
  const answering = waiting === "answer" || waiting === "confirm" || waiting === "anythingElse";
  // 1. Cues that decide the turn whatever the NLU guessed: leaving, correcting an answer, needing a moment.
  if (!asked && isLeaving(text)) return { type: "stop" };
  // A person asked for in so many words, wherever the conversation is.
  if (wantsPerson(text) && !/^(no|not|don't)\b/.test(text)) return { type: "topic", topic: "ContactSupport" };
  // "Go back a bit, what was I meant to sign out of": back, whatever else the words name.
  if (inTopic && GO_BACK.test(text)) return { type: "back" };
  // At a confirmation, "I'd rather not ..." is the answer, whatever it goes on to ask for.
  const declined = waiting === "confirm" ? readAnswer(text, words) : undefined;
  if (declined?.answer === "no" && declined.strength === "clear") return { type: "no", answered: true };
  // "Actually, I'd like to switch to the backup being stuck": a change asked for beats answer words in it.
  if (inTopic && isTopicIntent(top) && top !== s?.topic && top !== "ContactSupport" && SWITCH.test(text))
    return { type: "topic", topic: top };
  const correction = correctionIn(text);
  if (correction && (waiting === "answer" || waiting === "confirm" || waiting === "done")) {
    // "I meant yes" changes an earlier answer; so does "sorry, yes" at a step that asked nothing.
    const pastTense = correction.earlier || (waiting === "done" && /\bsorry\b/.test(text));
    const before = pastTense && inTopic ? earlierQuestion(content, s) : undefined;
    const answer = correction.tails
      .map((t) => readAnswer(t, before ? before.words : words))
      .find((r) => r !== undefined && r.answer !== "maybe" && r.strength !== "loose")?.answer;
    if (answer && answer !== "maybe") {
      if (before) return { type: "correction", answer };
      return { type: answer, answered: true };
    }
  }
  // A question the NLU files under a side question ("where's my name? I don't see it") is that question, not a
  // "not sure", unless it opens with the answer.
  if (asked && isSideQuestion(content, top) && !/^(yes|yeah|yep|no|nope)\b/.test(text))
    return { type: "sideQuestion", intent: top };
  const reply = answering ? readAnswer(text, words) : undefined;
  // A question is not answered by its own words ("what counts as nearly full?"), unless it opens with the answer.
  if (reply?.strength === "words" && !(asked && !/^(yes|yeah|yep|no|nope)\b/.test(text)))
    return answerInContext(reply.answer, reply.strength, waiting, top, s, text, inTopic, heard);
  if (stalled !== undefined) {
    // "Hang on, does that delete my pictures?": the question is what matters; "hang on, it's still going": a moment.
    if (stalled && isQuestion(stalled)) return readQuestion(content, s, heard, stalled, inTopic);
    const then = stalled && answering ? readAnswer(stalled, words) : undefined;
    if (then && then.strength !== "loose" && then.strength !== "hedge")
      return answerInContext(then.answer, then.strength, waiting, top, s, stalled, inTopic, heard);
    if (waiting === "done" && stalled && saysItIsDone(stalled)) return { type: "next", answered: true };
    return { type: "pause" };
  }
  if (stillWorking(text)) return waiting === "done" ? { type: "no", answered: true } : { type: "pause" };
  // "Sure, okay, it's plugged in now" at "is your backup working now?": the step is done; whether it worked is
  // still the question. How to check, then the question again.
  const ownCommand = navCommand(top);
  const commanded =
    ownCommand !== undefined &&
    !["yes", "no", "next", "maybe"].includes(ownCommand) &&
    saysCommand(ownCommand, text);
  const reported = !commanded && (saysItIsDone(text) || cameBack(text) || DONE_REPORT.test(text));
  if (waiting === "answer" && atFixedStep(content, s) && (!reply || reply.strength === "loose") && reported)
    return { type: "maybe", answered: true };
  // A side question the NLU is sure of ("where's my name? I don't see it") beats a loose "not sure" or "no".
  const sureSide = isSideQuestion(content, top) && topConfidence >= SURE_OF_SIDE_QUESTION;
  if (sureSide && reply && reply.strength !== "clear") return { type: "sideQuestion", intent: top };

  // 2. An answer to the question that is open, as people say yes and no.
  if (reply) {
    const aboutAnotherTopic = isTopicIntent(top) && top !== s?.topic && topConfidence >= SURE_OF_TOPIC;
    const leads =
      (reply.strength !== "hedge" || !asked) && !(reply.strength === "loose" && aboutAnotherTopic);
    if (leads && !(asked && reply.answer !== "maybe" && !/^(yes|yeah|no|nope|yep)\b/.test(text)))
      return answerInContext(reply.answer, reply.strength, waiting, top, s, text, inTopic, heard);
  }
  if (waiting === "done" && !asked && (cameBack(text) || saysItIsDone(text)))
    return { type: "next", answered: true };
  if (waiting === "done" && !asked) {
    const progress = readProgress(text);
    // A side question the NLU is sure of ("I can't find Manage Storage") is not a "not sure".
    if (progress === "maybe" && isSideQuestion(content, top)) return { type: "sideQuestion", intent: top };
    const command = navCommand(top);
    // "Hang on" and "wait" are the pause command; "go back", "skip" theirs: the NLU's command wins over a bare word.
    const specific =
      command && command !== "yes" && command !== "no" && command !== "next" && command !== "maybe";
    if (progress && !(specific && saysCommand(command, text))) return { type: progress };
  }

  // 3. A question on the side: answered, then back to the step.
  if (asked) return readQuestion(content, s, heard, text, inTopic);

  // At "anything else?", the words weren't a yes (that was read above): an NLU guess of Yes is news, not a yes.
  if (waiting === "anythingElse" && navCommand(top) === "yes") return { type: "noMatch" };
  // 4. A command, a side question said as a statement ("I can't find settings"), or another problem.
  return byIntent(content, s, top, text, inTopic, heard);
}

/** The first topic the NLU found plausible, when the words are more than a bare yes. */
function topicAmong(heard: Heard): TopicId | undefined {
  const hit = heard.interpretations.find(
    (i, n) => isTopicIntent(i.intent) && (n === 0 || (i.confidence ?? 0) >= PLAUSIBLE),
  );
  return hit && isTopicIntent(hit.intent) ? hit.intent : undefined;
}

function answerInContext(
  answer: "yes" | "no" | "maybe",
  strength: string,
  waiting: Waiting,
  top: string,
  s: State | undefined,
  text: string,
  inTopic: boolean,
  heard: Heard,
): Input {
  // "Anything else?" "No, it still says the last backup failed": not a goodbye, the problem isn't fixed.
  if (waiting === "anythingElse" && answer === "no" && STILL_FAILING.test(text))
    return { type: "topic", topic: topicAmong(heard) ?? "TroubleshootBackup" };
  if (waiting === "anythingElse" && answer === "yes") {
    // "Yes, my storage is nearly full too": the problem named, wherever the NLU ranked it.
    const named = isTopicIntent(top) ? top : topicAmong(heard);
    if (named) return topicInContext(s, named, text, inTopic);
  }
  // "Anything else?" "I think it worked now": news, not a yes to another problem.
  if (waiting === "anythingElse" && answer === "yes" && (strength === "hedge" || strength === "loose"))
    return { type: "noMatch" };
  // Only a clear yes goes ahead with something that can't be undone.
  if (waiting === "confirm" && answer === "yes" && strength === "hedge") return { type: "maybe" };
  return answeredBy(answer, text);
}

/** A bare "okay" or "yes" after a pause means "I'm ready"; words that say more answer the question itself. */
const READY_ONLY =
  /^(yes|yeah|yep|yup|ok|okay|sure|ready|i'm ready|alright|all right|go on|go ahead|continue|i'm back|right|yes go ahead|okay go ahead|ok go ahead|yes please|next|done)$/;
const answeredBy = (type: "yes" | "no" | "maybe" | "next", text: string): Input =>
  READY_ONLY.test(text) ? { type } : { type, answered: true };

/** Words asking something: a side question the content answers, a command asked politely, or another topic. */
function readQuestion(
  content: SpeechContent,
  s: State | undefined,
  heard: Heard,
  text: string,
  inTopic: boolean,
): Input {
  const top = heard.interpretations[0]?.intent ?? FALLBACK_INTENT;
  if (isSideQuestion(content, top)) return { type: "sideQuestion", intent: top };
  const command = navCommand(top);
  if (command && SAFE_IN_QUESTION.has(command)) return { type: command };
  // "Can we look at my Wi-Fi instead?": asked as a question, meant as a change.
  if (isTopicIntent(top) && inTopic && SWITCH.test(text)) return { type: "topic", topic: top };
  // Not in a topic, a question about a problem is the one-shot question it always was.
  if (isTopicIntent(top) && (!inTopic || top === "ContactSupport"))
    return { type: "topic", topic: top, ...(inTopic ? {} : { question: true }) };
  const side = sideQuestionOf(content, s, heard);
  if (side) return { type: "sideQuestion", intent: side };
  // A question about another problem mid-topic: offer to go there; about this one: where we are in it.
  const confidence = heard.interpretations[0]?.confidence ?? 0;
  if (isTopicIntent(top) && top !== s?.topic && confidence >= SURE_OF_TOPIC_QUESTION)
    return { type: "topic", topic: top, tentative: true };
  if (isTopicIntent(top) && top === s?.topic) return { type: "topic", topic: top, question: true };
  // Nothing the line knows: an honest "I don't have that", then the question that was open.
  return s && s.phase !== "start" && s.phase !== "topic" ? { type: "sideQuestion" } : fallback(text);
}

/** The best side question among the interpretations, preferring one with an answer for where the caller is. */
function sideQuestionOf(content: SpeechContent, s: State | undefined, heard: Heard): string | undefined {
  const candidates = heard.interpretations.filter(
    (i, n) =>
      isSideQuestion(content, i.intent) && (n === 0 || (i.confidence ?? 0) >= ALTERNATIVE_MIN_CONFIDENCE),
  );
  const placed = candidates.find((c) =>
    (content.questions[c.intent]?.where ?? []).some((p) => p.topic === s?.topic),
  );
  const first = candidates[0];
  // A placed answer wins over the best only when both are in the running.
  if (placed && first && placed !== first && (first.confidence ?? 1) - (placed.confidence ?? 0) > 0.3)
    return first.intent;
  return (placed ?? first)?.intent;
}

const fallback = (_text: string): Input => ({ type: "noMatch" });

/** The NLU's best intent, read in context. */
function byIntent(
  content: SpeechContent,
  s: State | undefined,
  top: string,
  text: string,
  inTopic: boolean,
  heard?: Heard,
): Input {
  if (isSideQuestion(content, top)) return { type: "sideQuestion", intent: top };
  if (isTopicIntent(top) && !(top === "ContactSupport" && text && !ASKS_FOR_SUPPORT.test(text)))
    return topicInContext(s, top, text, inTopic);
  const command = navCommand(top);
  if (command && (!text || saysCommand(command, text))) return { type: command };
  // Fallback: a side question or a problem the NLU was less sure of is still worth asking about.
  const side = heard
    ? sideQuestionOf(content, s, { ...heard, interpretations: heard.interpretations.slice(1) })
    : undefined;
  if (side && s && s.phase !== "start") return { type: "sideQuestion", intent: side };
  return { type: "noMatch" };
}

/** A problem named: a new topic when none is under way or the caller asks to change; otherwise asked about. */
/** "It still says ...", "same again": the caller reports on the problem under way, whatever words it has. */
const CONTINUING = /\b(still|again|same|anymore|any more)\b/;

function topicInContext(s: State | undefined, topic: TopicId, text: string, inTopic: boolean): Input {
  if (inTopic && s?.topic && topic !== "ContactSupport" && CONTINUING.test(text) && !SWITCH.test(text))
    return { type: "topic", topic: s.topic };
  // The topic under way named again: said as a statement, it's still not fixed; with no words, just where we are.
  if (inTopic && topic === s?.topic) return { type: "topic", topic, ...(text ? {} : { question: true }) };
  if (!inTopic || topic === "ContactSupport") return { type: "topic", topic };
  if (text.length > 0 && SWITCH.test(text)) return { type: "topic", topic };
  return { type: "topic", topic, tentative: true };
}
