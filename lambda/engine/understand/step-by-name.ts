// A step of the topic under way asked for by what it does, not by its number: "I'd rather just buy more storage",
// "can we skip to restarting it?", "just tell me how to delete the old backup". Read against the steps' titles
// (content), so a new topic's steps are found the same way with no words added here.
import { isTopicIntent, type TopicId } from "../../content/intents.js";
import type { SpeechContent } from "../../content/types.js";
import type { State } from "../state.js";
import { normaliseWords } from "./answer-words.js";
import { cue } from "./cue.js";
import { type Heard, PLAUSIBLE } from "./heard.js";

/** A request to do something ("I'll just", "can we skip to", "just tell me how to"), said before what it is. */
const ASKS_TO = cue(
  /\b(i'll just|i will just|i'd rather|i would rather|i'd prefer to|let's just|let's|can we|could we|can you|can i just|just tell me how to|tell me how to|skip to|go to|jump to|take me to|i want to|i just want to|i wanna|i'd like to|rather just|how about we|i'll go ahead and)\b/,
);

/** Words of a title that say nothing about what the step does ("again": "start again from the top" is no step). */
const PLAIN = new Set([
  "again",
  "your",
  "you",
  "a",
  "an",
  "the",
  "this",
  "that",
  "of",
  "to",
  "on",
  "is",
  "it",
  "iphone",
  "iphone's",
  "don't",
  "now",
  "and",
  "in",
  "up",
]);

/** A word's stem, near enough to meet its other forms: "buying" and "buy", "deleting" and "delete", "backups". */
const stem = (word: string) => word.replace(/'s$/, "").replace(/(ing|es|s|e)$/, "");

interface Named {
  index: number;
  /** The title's first word's stem: what the step does ("updating iOS": updat). */
  action: string | undefined;
  /** The title's meaningful stems. */
  stems: Set<string>;
  /** Those no other step's title in the topic has: what tells this step from the rest. */
  own: Set<string>;
}

const namedSteps = new WeakMap<object, Named[]>();
function stepsOf(content: SpeechContent, topic: keyof SpeechContent["topics"]): Named[] {
  const steps = content.topics[topic].steps;
  let named = namedSteps.get(steps);
  if (!named) {
    const wordsOf = (title: string) =>
      normaliseWords(title)
        .split(/[^a-z']+/)
        .filter((w) => w.length > 0 && !PLAIN.has(w))
        .map(stem);
    const all = steps.map((s) => new Set(wordsOf(s.title)));
    named = all.map((stems, index) => ({
      index,
      action: wordsOf(steps[index]?.title ?? "")[0],
      stems,
      own: new Set([...stems].filter((w) => all.every((other, j) => j === index || !other.has(w)))),
    }));
    namedSteps.set(steps, named);
  }
  return named;
}

/** Actions too general to name a step alone ("let's try that" is a go-ahead, not "trying a backup now"). */
const GENERAL = new Set([
  "try",
  "check",
  "open",
  "mak",
  "start",
  "turn",
  "do",
  "get",
  "go",
  "keep",
  "us",
  "find",
]);

/** A step asked for by how far away it is, not by what it does. */
const BY_COUNT = cue(
  /\bback (?:a|one|two|three|1|2|3) (?:step|steps|bit)\b|\b(?:a|one|two) steps? back\b|\bstep back\b|\bprevious (?:step|one)\b|\bthe step before\b/,
);

/** Words that put the words after them out of the request ("I don't want to delete", "rather pay than delete"). */
const NEGATED = /^(don't|do not|not|never|no|won't|wouldn't|can't|than|instead|without)$/;

/**
 * The step of the topic under way the caller asks to go to by what it does, other than the one they're on: the
 * title's words said after a request (none just after a negation), telling it from every other step. Undefined
 * when no step, or more than one, fits.
 */
export function stepNamed(content: SpeechContent, s: State | undefined, text: string): number | undefined {
  if (!s?.topic || (s.phase !== "step" && s.phase !== "confirm")) return undefined;
  // "Can you go back a step please?": a step back by count, not a step by name ("back" is no "backing up").
  if (BY_COUNT.test(text)) return undefined;
  const asked = ASKS_TO.exec(text);
  if (!asked) return undefined;
  const words = text
    .slice((asked.index ?? 0) + asked[0].length)
    .split(/[^a-z']+/)
    .filter((w) => w.length > 0);
  const said = new Set<string>();
  words.forEach((w, i) => {
    const before = words.slice(Math.max(0, i - 3), i);
    if (!before.some((b) => NEGATED.test(b))) said.add(stem(w));
  });
  // What the step does, said, when no other step does it ("update": updating iOS); or one of its own words and
  // another of its title ("buy more": buying more iCloud storage).
  const fits = stepsOf(content, s.topic).filter(
    (n) =>
      n.index !== s.step &&
      ((n.action !== undefined && !GENERAL.has(n.action) && n.own.has(n.action) && said.has(n.action)) ||
        ([...n.own].some((w) => said.has(w)) && [...n.stems].filter((w) => said.has(w)).length >= 2)),
  );
  return fits.length === 1 ? fits[0]?.index : undefined;
}

/** The problem before this one, asked for without its name: "back to what we were doing", "the other problem". */
const EARLIER_PROBLEM = cue(
  /\b(?:what we were (?:doing|on|at)|where we were)(?: before| earlier| first)?\b|\b(?:the|my|that) (?:other|previous|earlier|first|original|old) (?:one|problem|issue|thing|topic|steps|question)\b/,
);
/** Going there: "back to", "can we do", "what about". */
const RETURN = cue(
  /\b(?:back|return|resume|continue|carry on|finish|what about|go on with|do|get on with)\b/,
);

/** Words of a topic's title that tell it from the others ("storage", "stuck", "update"), as stems. */
const TITLE_PLAIN = new Set([
  ...PLAIN,
  "icloud",
  "backup",
  "fixing",
  "checking",
  "getting",
  "making",
  "working",
]);
const titleWords = (content: SpeechContent, topic: TopicId): string[] =>
  normaliseWords(content.topics[topic].title)
    .split(/[^a-z']+/)
    .filter((w) => w.length > 2 && !TITLE_PLAIN.has(w))
    .map(stem);

/** "Go back to", "get back to", "return to": somewhere named after it. */
const BACK_TO = cue(/\b(?:go|get|come|going|getting) back to\b|\breturn to\b/);

/**
 * "Can we go back to the storage thing?": another problem, named after "back to", that the NLU puts first or finds
 * plausible (the one left for this one, or one the caller had before), rather than a step back in this one.
 */
export function problemGoneBackTo(
  content: SpeechContent,
  s: State | undefined,
  heard: Heard,
  text: string,
): TopicId | undefined {
  if (!s?.topic || !BACK_TO.test(text)) return undefined;
  // The one left for this one, by a word of its title ("the storage thing": freeing up iCloud storage).
  const left = s.left?.topic;
  if (left && left !== s.topic && titleWords(content, left).some((w) => new RegExp(`\\b${w}`).test(text)))
    return left;
  const named = heard.interpretations.find(
    (i, n) =>
      isTopicIntent(i.intent) &&
      i.intent !== "ContactSupport" &&
      (n === 0 || (i.confidence ?? 0) >= PLAUSIBLE),
  )?.intent;
  return named && isTopicIntent(named) && named !== s.topic ? named : undefined;
}

/** The other problem named as such: "the first problem", "the other issue". */
const THE_OTHER_PROBLEM = cue(/\b(?:the|my) (?:first|other|previous|earlier|original) (?:problem|issue)\b/);

/** The topic the caller left for this one, asked for without its name ("can we finish the other one?"). */
export function earlierTopicAsked(s: State | undefined, text: string): TopicId | undefined {
  if (!s?.left || s.left.topic === s.topic) return undefined;
  return (EARLIER_PROBLEM.test(text) && RETURN.test(text)) || THE_OTHER_PROBLEM.test(text)
    ? s.left.topic
    : undefined;
}

/**
 * "Can we go back to the storage bit?": the latest step on the caller's way whose title has a word said after
 * "back to" (where more than one step is named so, the one heard last). Undefined when none is.
 */
export function stepGoneBackTo(
  content: SpeechContent,
  s: State | undefined,
  text: string,
): number | undefined {
  if (!s?.topic || s.hist.length === 0) return undefined;
  const at = BACK_TO.exec(text);
  if (!at) return undefined;
  const said = new Set(
    text
      .slice((at.index ?? 0) + at[0].length)
      .split(/[^a-z']+/)
      .filter((w) => w.length > 2)
      .map(stem),
  );
  const named = stepsOf(content, s.topic);
  for (const index of [...s.hist].reverse()) {
    const stems = named[index]?.stems;
    if (stems && [...stems].some((w) => !GENERAL.has(w) && said.has(w))) return index;
  }
  return undefined;
}

/** What a caller says they did, as the action words of step titles ("got rid of" is deleting). */
const DID_AS_ACTION: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(?:deleted|got rid of|gotten rid of|removed|erased|wiped)\b/, "delet"],
  [/\breset\b/, "reset"],
  [/\bsigned (?:out|back in)\b/, "sign"],
];

/**
 * "I got rid of the old iPad one already" at the step before deleting: the step after this one, which asks
 * before it does something that can't be undone, said to be done already. Its index, or undefined.
 */
export function doneStepAhead(
  content: SpeechContent,
  s: State | undefined,
  text: string,
): number | undefined {
  if (!s?.topic || s.phase !== "step") return undefined;
  const steps = content.topics[s.topic].steps;
  const here = steps[s.step];
  const next = here?.leadsTo ? steps.findIndex((step) => step.id === here.leadsTo) : s.step + 1;
  if (!steps[next]?.confirm) return undefined;
  const stems = stepsOf(content, s.topic)[next]?.stems;
  return DID_AS_ACTION.some(([said, action]) => said.test(text) && stems?.has(action)) ? next : undefined;
}
