// The shape of a turn, before what it means: a question in writing or in tone, a greeting alone, "wait, what?", a
// yes said first, a question put as not knowing, a no that only holds the place, and whether the words touch what
// the line helps with at all. read-turn.ts weighs these against the question open.
import { cue } from "./cue.js";
import { isQuestion } from "./cues.js";

/** "No wait", "nope, hang on": a no that holds the place, not an answer. */
const HOLD = /^(?:(?:no|nah|nope)\b ?,? ?)+(?:wait|hang on|hold on|one sec|one second|sorry)\b[ ,.]*/;
/** "No wait, what does that do?": a hold, then a question. */
export const holdsForQuestion = (text: string) => {
  const hold = HOLD.exec(text);
  return hold !== null && isQuestion(text.slice(hold[0].length));
};

/** "Wait, what?", "sorry, huh?": what was said, not heard. */
const WHAT_AGAIN = cue(
  /^(?:(?:wait|hang on|hold on|sorry|um|uh|er|oh|hmm)\s*,?\s*)+(?:what|huh|pardon|come again)$/,
);
/**
 * A sentence with a question word that ends in a question mark ("go ahead with what? I'm confused", "right. now
 * what was I meant to press?"): asked, wherever the question word is. Without a question word ("I think so?",
 * "4.9 of 5?") the mark is only a rising tone on an answer.
 */
export const asksInWritingOrTone = (raw: string) =>
  raw
    .split(/(?<=[.!?])\s+/)
    .some((sentence) => sentence.trimEnd().endsWith("?") && WH_WORD.test(sentence.toLowerCase()));
const WH_WORD = /\b(?:what|where|how|why|which|who|when|whose)\b/;
/** "I don't know where Settings is", "I don't know my Wi-Fi password": a question, said as not knowing. */
const ASKS_BY_NOT_KNOWING = cue(
  /\bi (?:don't|do not) know (?:where|how to)\b|\bi (?:don't|do not) know (?:my|the|his|her|their|our) (?:wifi |home )?password\b/,
);

/** Words of what the line helps with: a first turn without any names no problem of it. */
const ABOUT_THE_LINE = cue(
  /\b(?:back|backup|backups|backing|backed|icloud|cloud|storage|space|room|full|gb|gigs?|wi-?fi|internet|network|connect\w*|update\w*|ios|software|password|apple|account|sign\w*|log\w*|restart\w*|reboot\w*|reset\w*|stuck|estimating|slow|error|alert|message|says|saying|fail\w*|sav\w*|photos?|data|computer|mac|pc|windows|laptop|itunes|finder|settings|switch|toggle|turn\w*|on|off|old|new|phone number|help|problem|issue|wrong|broken|working|works|stopped|won't|doesn't|can't|isn't|happen\w*|again|prevent\w*|stop\w*|keep\w*)\b/,
);

/** A greeting and nothing else. */
const GREETING_ONLY = cue(
  /^(?:(?:hi|hey|hello|hiya|howdy|yo|hallo|good (?:morning|afternoon|evening|day)|anyone there|are you there|is anyone there|hello hello)(?: there| again| you| ,)* ?)+$/,
);
/** A yes said first, before anything else: "yes let's do that, ...", "sure, go on then, ...". */
const YES_FIRST = cue(
  /^(?:(?:um|uh|oh|ok|okay|right) ,? )*(?:yes|yeah|yep|yup|sure|please|go on|let's do (?:it|that))\b(?! ,? ?but\b)/,
);

/** "Wait, what?": what was said, asked for again. */
export const asksWhatAgain = (text: string) => WHAT_AGAIN.test(text);
/** "Hello?", "good morning": a greeting alone. */
export const isGreetingOnly = (text: string) => GREETING_ONLY.test(text);
/** "I don't know where Settings is": a question put as not knowing. */
export const asksByNotKnowing = (text: string) => ASKS_BY_NOT_KNOWING.test(text);
/** Whether the words touch anything the line helps with (backups, storage, Wi-Fi, updates, the account ...). */
export const aboutTheLine = (text: string) => ABOUT_THE_LINE.test(text);
/** A yes said before anything else ("yes let's do that, will it cost anything?"). */
export const saysYesFirst = (text: string) => YES_FIRST.test(text);
