// The NLU's intents read in context, once the words were not an answer to the open question: a side question, a
// command whose words are there, a question asked politely, or a problem, which only leaves the topic under way
// when the caller asks to change.
import { FALLBACK_INTENT, isTopicIntent, navCommand, type TopicId } from "../../content/intents.js";
import type { SpeechContent } from "../../content/types.js";
import type { State } from "../state.js";
import type { Input, Recognised } from "../types.js";
import { cue } from "./cue.js";
import { personRequest, saysCommand, wantsPerson } from "./cues.js";
import { ALTERNATIVE_MIN_CONFIDENCE, type Heard, isSideQuestion, PLAUSIBLE } from "./heard.js";

/** Mid-topic, a question is only taken as being about another problem when the NLU is this sure. */
const SURE_OF_TOPIC_QUESTION = 0.7;

/** A deliberate change of subject: "actually, ...", "what about ...", "I also have ...". */
export const SWITCH = cue(
  /\b(actually|instead|different (?:problem|issue|thing|topic|question)|something different|another|other problem|other issue|switch (to|over|topics|subject)|can we switch|(?:i'd|i would) rather (?!not)|what about|how about|forget (that|this|it|the)|can i (just )?(do|try) (it|this|that) (on|with|from|using)|new problem|also|as well|one more thing|change (the )?(topic|subject)|move on to|let's (do|try|look at|check|talk about)|can we (do|try|look at|check|talk about)|i want (to )?(do|check|fix|talk about|look at|ask about|sort|deal with|work on|go to|get to)|i'd like to|i would like to|help me with|can you help (me )?with|never mind (the|that|this|about)|forget about|i need (help with|to get|to fix|to sort))\b/,
);

/** Words a request for Apple Support or a person has; without them, a guess of ContactSupport is not followed. */
export const ASKS_FOR_SUPPORT = cue(
  /\b(agent|person|human|someone|somebody|representative|operator|support|advisor|apple|applecare|talk|speak|call|real|help|contact|service|customer|technician|transfer|connect|through)\b/,
);

/** Asking for Apple Support's details rather than for a person: "number for Apple Support?". */
const ASKS_FOR_DETAILS = cue(/\b(number|phone number|website|site|address|details|email|hours|open)\b/);

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
  // "Can you delete what you saved about me?": asked as a question, meant as the request (confirmed first).
  "deleteMyData",
]);

/** The first topic the NLU found plausible, when the words are more than a bare yes. */
export function topicAmong(heard: Heard): TopicId | undefined {
  const hit = heard.interpretations.find(
    (i, n) => isTopicIntent(i.intent) && (n === 0 || (i.confidence ?? 0) >= PLAUSIBLE),
  );
  return hit && isTopicIntent(hit.intent) ? hit.intent : undefined;
}

/** Words asking something: a side question the content answers, a command asked politely, or another topic. */
export function readQuestion(
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
  // Over an intent the NLU picked ("how do I restart my iPhone" during the restart, "okay it's off, now what?" as
  // Yes), a side question only counts when it is in the running, not a distant alternative.
  // With nothing the NLU was sure of, an alternative must at least be plausible: a weak guess answers another
  // question than the one asked ("wait, what does the bar mean?" is not about account recovery).
  // At a confirmation of a step that can't be undone, no guess: a question the NLU didn't put first is about the
  // step ("which one do I delete?"), and its warning is the answer.
  const side =
    s?.phase === "confirm"
      ? undefined
      : top === FALLBACK_INTENT
        ? sideQuestionOf(content, s, heard, 1, PLAUSIBLE)
        : sideQuestionOf(content, s, heard, IN_THE_RUNNING);
  if (side) return { type: "sideQuestion", intent: side };
  // A question about another problem mid-topic: offer to go there; about this one: where we are in it.
  const confidence = heard.interpretations[0]?.confidence ?? 0;
  if (isTopicIntent(top) && top !== s?.topic && confidence >= SURE_OF_TOPIC_QUESTION)
    return { type: "topic", topic: top, tentative: true };
  if (isTopicIntent(top) && top === s?.topic) return { type: "topic", topic: top, question: true };
  // Nothing the line knows: an honest "I don't have that", then the question that was open.
  return s && s.phase !== "start" && s.phase !== "topic" ? { type: "sideQuestion" } : { type: "noMatch" };
}

/** How far below the best an alternative may be and still be in the running. */
const IN_THE_RUNNING = 0.3;

/**
 * The best side question among the interpretations, preferring one with an answer for where the caller is.
 * Alternatives count from `floor`, and at most `within` below the best interpretation.
 */
/**
 * The NLU's alternatives to its best guess, read as if it had fallen back: each must reach the floor of an
 * alternative to count ("the purple one" is no question about routers at 0.11).
 */
const alternativesOf = (heard: Heard): Heard => ({
  ...heard,
  interpretations: [{ intent: FALLBACK_INTENT }, ...heard.interpretations.slice(1)],
});

function sideQuestionOf(
  content: SpeechContent,
  s: State | undefined,
  heard: Heard,
  within = 1,
  floor = ALTERNATIVE_MIN_CONFIDENCE,
): string | undefined {
  const best = heard.interpretations[0]?.confidence ?? 1;
  const candidates = heard.interpretations.filter(
    (i, n) =>
      isSideQuestion(content, i.intent) &&
      (n === 0 || ((i.confidence ?? 0) >= floor && best - (i.confidence ?? 0) <= within)),
  );
  const placed = candidates.find((c) =>
    (content.questions[c.intent]?.where ?? []).some((p) => p.topic === s?.topic),
  );
  const first = candidates[0];
  // A placed answer wins over the best only when both are in the running.
  if (
    placed &&
    first &&
    placed !== first &&
    (first.confidence ?? 1) - (placed.confidence ?? 0) > IN_THE_RUNNING
  )
    return first.intent;
  return (placed ?? first)?.intent;
}

/** A person turned down, or asked for and taken back: no request, whatever the NLU made of it. */
const NOT_ASKED = new Set(["declined", "withdrawn"]);

/** The NLU's best intent, read in context. */
export function byIntent(
  content: SpeechContent,
  s: State | undefined,
  top: string,
  text: string,
  inTopic: boolean,
  heard?: Heard,
): Input {
  if (isSideQuestion(content, top)) return { type: "sideQuestion", intent: top };
  // "Number for Apple Support?": asking about support, not for a person, when a side question answers it.
  if (top === "ContactSupport" && heard && ASKS_FOR_DETAILS.test(text) && !wantsPerson(text)) {
    const side = sideQuestionOf(content, s, alternativesOf(heard));
    if (side) return { type: "sideQuestion", intent: side };
  }
  // "I don't need a person, just tell me what to do" is no request for one, whatever the NLU made of it.
  const notSupport =
    top === "ContactSupport" &&
    text.length > 0 &&
    (!ASKS_FOR_SUPPORT.test(text) || NOT_ASKED.has(personRequest(text) ?? ""));
  if (isTopicIntent(top) && !notSupport) return topicInContext(s, top, text, inTopic);
  const command = navCommand(top);
  // "I got cut off earlier, it was about my storage being full": the problem named is the way back in (with a
  // saved place, whether to pick it up is asked).
  const named = command === "returning" && heard && !inTopic ? topicAmong(heard) : undefined;
  if (named) return { type: "topic", topic: named };
  if (command && (!text || saysCommand(command, text))) return { type: command };
  // Fallback: a side question or a problem the NLU was less sure of is still worth asking about.
  const side = heard ? sideQuestionOf(content, s, alternativesOf(heard)) : undefined;
  if (side && s && s.phase !== "start") return { type: "sideQuestion", intent: side };
  return { type: "noMatch" };
}

/** A problem named: a new topic when none is under way or the caller asks to change; otherwise asked about. */
/** "It still says ...", "same again": the caller reports on the problem under way, whatever words it has. */
const CONTINUING = cue(/\b(still|again|same|anymore|any more)\b/);

export function topicInContext(s: State | undefined, topic: TopicId, text: string, inTopic: boolean): Input {
  if (inTopic && s?.topic && topic !== "ContactSupport" && CONTINUING.test(text) && !SWITCH.test(text))
    return { type: "topic", topic: s.topic };
  // The topic under way named again: said as a statement, it's still not fixed; with no words, just where we are.
  if (inTopic && topic === s?.topic) return { type: "topic", topic, ...(text ? {} : { question: true }) };
  if (!inTopic || topic === "ContactSupport") return { type: "topic", topic };
  if (text.length > 0 && SWITCH.test(text)) return { type: "topic", topic };
  return { type: "topic", topic, tentative: true };
}
