// An answer read against the question that is open and what else the words and the NLU say: a no at "anything
// else?" that is news of a problem, a yes that answers something other than the question ("yes, I'm on Wi-Fi" at
// "is your backup working now?"), a no that names another problem, and only a plain yes at a step that can't be
// undone. read-turn.ts finds the answer; this says what it means here.
import { FALLBACK_INTENT, isTopicIntent, type TopicId } from "../../content/intents.js";
import type { SpeechContent } from "../../content/types.js";
import { SAID_UNSURE, type State } from "../state.js";
import type { Input } from "../types.js";
import { saysNegation } from "./answer-phrases.js";
import { goesAhead, normaliseWords, type ReadAnswer, readAnswer } from "./answer-words.js";
import { topicAmong, topicInContext } from "./by-intent.js";
import { cue } from "./cue.js";
import { atFixedStep, atQuestionStep, type Waiting } from "./expectation.js";
import type { Heard } from "./heard.js";
import { didTheStep, reportsDevice, reportsOtherSubject, saysBackupWorked } from "./step-reports.js";

/** A yes in so many words, not a go-ahead: "yes", "yeah, go on" answer a question of fact. */
const PLAIN_YES = cue(/\b(yes|yeah|yep|yup|ya|yea|correct|it is|that's right|true)\b/);

/** An NLU this sure that the words name another problem outweighs a loose yes or no in them. */
export const SURE_OF_TOPIC = 0.6;

/** The backup still failing, said after the line thought it was fixed. */
export const STILL_FAILING = cue(
  /\b(still|again)\b.*\b(fail|fails|failed|failing|error|stuck|not working|doesn't work|didn't work|won't|not backing up|isn't backing up|not backed up|not going|isn't going)\b|\b(fail|fails|failed|failing|not working|doesn't work|didn't work|stopped|stuck|froze|frozen) (again|still)\b|\bstill nothing\b|\bnothing yet\b/,
);

/** A plain no to "anything else?": "no", "nope, thanks", "no, that's all". */
export const NOTHING_ELSE = cue(
  /^(no|nope|nah|nothing( else)?|that's (all|it))(,? (thanks|thank you|that's all|that's it|i'm good|nothing else))?[ ,.!]*$/,
);

/** The backup (or "it") not working, in general words: "it still doesn't work", "it keeps failing". */
export const FAILING = cue(
  /\b(doesn't|does not|didn't|did not|isn't|is not|won't|will not|wont|not|never|can't|cannot|couldn't|hasn't|has not|haven't|have not)\b(?:\s+(?:really|even|just|seem to|want to|wanna|been))?(?:\s+do)?(?:\s+(?:the|my|a|an|its))?(?:\s+icloud)?\s+(work|working|back up|backing up|backed up|backup|go|going|do it|finish|finishing|finished|complete|completing|completed|saving|saved|uploading|uploaded)\b|\b(fail|fails|failed|failing)\b/,
);

/**
 * A yes to something other than the question, and what it is read as. "Mm okay, go on then" at "is your iCloud
 * storage full?" carries on without answering a question of fact: a next (the earlier answer if the caller went
 * back to it, else how to tell). "Yes, I'm on Wi-Fi", "yeah, I did it" or "yes, let's do it" at "is your backup
 * working now?" is the step's instruction done, or a go-ahead, not news that the backup works: how to check.
 */
export function yesToSomethingElse(
  content: SpeechContent,
  s: State | undefined,
  waiting: string,
  text: string,
  reply: ReadAnswer | undefined,
): Input | undefined {
  if (waiting !== "answer" || reply?.answer !== "yes" || reply.strength === "words") return undefined;
  if (atQuestionStep(content, s) && goesAhead(text) && !PLAIN_YES.test(text))
    return { type: "next", answered: true };
  // "Yes I think so, it's connected to the wifi" at "is your iCloud storage full?": how to tell, and the question.
  if (atQuestionStep(content, s) && reportsOtherSubject(text, stepWords(content, s)))
    return { type: "maybe", answered: true };
  const worked = saysBackupWorked(text) && !saysNegation(text);
  const notNewsOfFix =
    atFixedStep(content, s) && (reportsDevice(text) || didTheStep(text) || goesAhead(text)) && !worked;
  return notNewsOfFix ? { type: "maybe", answered: true, done: true } : undefined;
}

/** The words of the step the caller is on (what it says and asks), normalised as a caller's words are. */
const stepText = new WeakMap<object, string>();
function stepWords(content: SpeechContent, s: State | undefined): string {
  const step = s?.topic !== undefined ? content.topics[s.topic].steps[s.step] : undefined;
  if (!step) return "";
  let words = stepText.get(step);
  if (words === undefined) {
    words = normaliseWords([step.say, step.ask ?? ""].join(" "));
    stepText.set(step, words);
  }
  return words;
}

/** Putting the line right: "I mean", "I meant", "what I mean is". */
const I_MEAN = cue(
  /\b(?:i mean|i meant|what i mean is|i'm talking about|i was talking about|i'm asking about)\b/,
);

/** A yes said with doubt ("I think so", "kinda", "I guess"), not one said by denial ("it didn't fail"). */
const DOUBT = cue(
  /\b(?:think|guess|suppose|reckon|believe|kinda|kind of|sort of|sorta|probably|maybe|hope|hopefully|seems|looks like|i'm not sure)\b/,
);

/** The backup not working, in general: the topic a plain "it doesn't work" starts. */
export const GENERAL_TOPIC: TopicId = "TroubleshootBackup";

/** Another problem than the one under way, named with the NLU sure of it. */
export const aboutAnotherProblem = (s: State | undefined, top: string, confidence: number): top is TopicId =>
  isTopicIntent(top) && top !== "ContactSupport" && top !== s?.topic && confidence >= SURE_OF_TOPIC;

/** What an answer is read against: the state, what is awaited, the words and what the NLU heard. */
export interface AnswerContext {
  content: SpeechContent;
  s: State | undefined;
  waiting: Waiting;
  text: string;
  inTopic: boolean;
  heard: Heard;
}

export function answerInContext(reply: ReadAnswer, c: AnswerContext): Input {
  const { answer, strength } = reply;
  const top = c.heard.interpretations[0]?.intent ?? FALLBACK_INTENT;
  // "Anything else?" "No, it still says the last backup failed", "no, it's not working": not a goodbye, the
  // problem isn't fixed.
  if (c.waiting === "anythingElse" && answer === "no" && (STILL_FAILING.test(c.text) || FAILING.test(c.text)))
    return { type: "topic", topic: topicAmong(c.heard) ?? GENERAL_TOPIC };
  // "Oh no, now it's gone back to estimating again", "hang on, no, it's jumped back up to 3 hours" after a fix:
  // the backup as "is your backup working now?" hears it, and it isn't. The fix is taken back, not a goodbye.
  if (c.waiting === "anythingElse" && answer === "no" && c.s?.topic && failsAgain(c.content, c.text))
    return { type: "correction", answer: "no" };
  // "My Apple Watch isn't syncing", "nah, my watch won't sync": a "not" in news is no "no, nothing else". What
  // the line can't help with gets the honest answer, and the question again.
  // "No, I mean the update", "no I know where Settings is, I mean updating the software": the caller putting
  // the line right, not "nothing else". The problem meant, or the question again.
  if (c.waiting === "anythingElse" && answer === "no" && I_MEAN.test(c.text)) {
    const meant = topicAmong(c.heard);
    return meant ? topicInContext(c.s, meant, c.text, c.inTopic) : { type: "noMatch" };
  }
  if (c.waiting === "anythingElse" && answer === "no" && !NOTHING_ELSE.test(c.text)) {
    const news = strength === "loose" ? c.text : c.text.replace(/^(no|nope|nah)\b[\s,]*/, "");
    if (saysNegation(news)) return { type: "sideQuestion" };
  }
  if (c.waiting === "anythingElse" && answer === "yes") {
    // "Yes, my storage is nearly full too": the problem named, wherever the NLU ranked it.
    const named = isTopicIntent(top) ? top : topicAmong(c.heard);
    if (named) return topicInContext(c.s, named, c.text, c.inTopic);
    // "Anything else?" "I think it worked now": news, not a yes to another problem.
    if (strength === "hedge" || strength === "loose") return { type: "noMatch" };
  }
  // "No, my storage is full", "nope, says not enough storage now" at "is your backup working now?": not fixed, and
  // why is another, specific problem: whether to go there is asked, rather than the next fix of this one (or, at
  // the last, Apple Support). The problem counts when the NLU finds it plausible and the words name a specific
  // trouble ("full", "not enough space", "locked"), or when the NLU is sure of it and the no is not said in the
  // question's own words ("no, last backup three weeks ago"); never the backup not working in general (the no
  // itself says that).
  if (c.waiting === "answer" && answer === "no" && c.inTopic && atFixedStep(c.content, c.s)) {
    const other = problemBesideNo(c, strength);
    if (other) return { type: "topic", topic: other, tentative: true };
  }
  // "Kinda", "I think so" at "is your backup working now?": how to check first; hedged again after it, a yes.
  if (c.waiting === "answer" && answer === "yes" && strength === "hedge" && atFixedStep(c.content, c.s))
    if (c.s?.said !== SAID_UNSURE && DOUBT.test(c.text)) return { type: "maybe", answered: true, done: true };
  // Only a clear yes goes ahead with something that can't be undone: not a hedged one, nor a "that's it" somewhere.
  if (c.waiting === "confirm" && answer === "yes" && (strength === "hedge" || strength === "loose"))
    return { type: "maybe" };
  return answeredBy(answer, c.text, strength === "words");
}

/** A specific trouble in so many words: "not enough space", "it's full", "locked" (not "same error": this one). */
const TROUBLE_NEWS = cue(
  /\b(not enough|no (space|storage|room|internet|connection|wifi|signal)|full|locked|password|can't connect|cannot connect|couldn't connect)\b/,
);

/**
 * Another specific problem named beside a report at "is your backup working now?" ("wifi's fine but when I hit
 * Back Up Now it says not enough storage"): the trouble in so many words, and the NLU finding that problem
 * plausible. Whether to go there is asked.
 */
export function troubleBesideReport(c: Omit<AnswerContext, "waiting" | "inTopic">): TopicId | undefined {
  // "Full bars", "the battery's full": the phone's state, no trouble.
  const news = c.text.replace(
    /\bfull (?:bars|signal|battery)\b|\b(?:battery|signal|bars)(?:'s| is| are)? full\b/g,
    "",
  );
  if (!atFixedStep(c.content, c.s) || !TROUBLE_NEWS.test(news)) return undefined;
  const named = topicAmong(c.heard);
  return named && aboutAnotherProblem(c.s, named, 1) && named !== GENERAL_TOPIC ? named : undefined;
}

/** Another specific problem named beside a no at "is your backup working now?", if one is. */
function problemBesideNo(c: AnswerContext, strength: ReadAnswer["strength"]): TopicId | undefined {
  const first = c.heard.interpretations[0];
  const sure = first !== undefined && isTopicIntent(first.intent) && (first.confidence ?? 0) >= SURE_OF_TOPIC;
  const named = sure ? (first.intent as TopicId) : topicAmong(c.heard);
  if (!named || !aboutAnotherProblem(c.s, named, 1) || named === GENERAL_TOPIC) return undefined;
  return TROUBLE_NEWS.test(c.text) || (sure && strength !== "words") ? named : undefined;
}

/** The backup back to how it was: "again", "gone back to", "jumped back up to". */
const BACK_AGAIN = cue(
  /\b(again|jumped back|back to square one|(?:gone|went|it's|is|now) back (?:up )?to (?!normal|working|how it|life)\w+)\b/,
);

/** News at "anything else?" that the backup is failing again, read as an answer to "is your backup working now?". */
export function failsAgain(content: SpeechContent, text: string): boolean {
  const news = text.replace(/^(?:(?:oh|hang on|wait|hold on|no|nope|ugh|um)\b[ ,.]*)+/, "");
  if (!news || !BACK_AGAIN.test(news)) return false;
  return readAnswer(news, content.shared.fixedAnswers)?.answer !== "yes";
}

/** A bare "okay" or "yes" after a pause means "I'm ready"; words that say more answer the question itself. */
const READY_ONLY = cue(
  /^(yes|yeah|yep|yup|ok|okay|sure|ready|i'm ready|alright|all right|go on|go ahead|continue|i'm back|right|yes go ahead|okay go ahead|ok go ahead|yes please|next|done)$/,
);
export const answeredBy = (type: "yes" | "no" | "maybe" | "next", text: string, inWords = false): Input =>
  READY_ONLY.test(text) ? { type } : { type, answered: true, ...(inWords ? { inWords } : {}) };
