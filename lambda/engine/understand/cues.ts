// Small cues in a caller's words that change what a turn means, whatever the NLU guessed: stalling ("okay, hang
// on"), taking leave ("okay thanks, bye"), correcting an answer ("no wait, I meant yes"), and whether the words
// really ask for a command that ends or undoes something (an NLU can file "it says never" under "never mind").
import type { Recognised } from "../types.js";

/** "Hang on", "let me check": the caller needs a moment; a leading "okay" is not a yes. */
const STALL =
  /^(?:(?:okay|ok|alright|all right|yeah|yes|sure|right)\s*,?\s+)?(?:hang on|hold on|wait(?! what)|one sec|one second|one moment|just a (?:sec|second|minute|moment)|give me a (?:sec|second|minute|moment)|let me (?:look|check|see|find it|have a look)|bear with me)\b(?!.*\b(?:yes|no|it's|it is|there's)\b)/;
export const isStalling = (text: string) => STALL.test(text);

/** "Okay thanks, bye", "I'll call back later": leaving, not answering. */
const LEAVING =
  /\b(bye|goodbye|good bye|call (you )?back later|talk (to you )?later|gotta go|got to go|have to go|i'll try later|try (it )?again later|that's all for now)\b/;
export const isLeaving = (text: string) => LEAVING.test(text);

/** "No wait, I meant yes", "sorry, it is green": the answer the caller corrects to. */
const CORRECTION =
  /\b(?:i meant|i mean|meant to say|i meant to say|sorry|actually|wait|correction|oops|my mistake|scratch that)\b[\s,]*(?:it's |it is |it was |that's |the answer is )?(yes|yeah|yep|no|nope)\b/g;
export function correctedTo(text: string): "yes" | "no" | undefined {
  const all = [...text.matchAll(CORRECTION)];
  const last = all.at(-1)?.[1];
  if (!last) return undefined;
  return last === "no" || last === "nope" ? "no" : "yes";
}
/** Words that say an earlier answer was wrong, not only what the answer is now. */
export const saysEarlierAnswerWrong = (text: string) =>
  /\b(i meant|meant to say|i mean|sorry|oops|my mistake|scratch that|wrong answer|i said the wrong)\b/.test(
    text,
  );

/**
 * The words a command that ends or undoes something must contain: an NLU that is sure of StopIntent for
 * "do I need to hang up?", CancelIntent for "it says never", or Back for "okay, it's back on" is not followed.
 */
const MUST_SAY: Partial<Record<Recognised, RegExp>> = {
  stop: /\b(stop|bye|goodbye|hang up|end (the |this )?call|that's all|that's it|all set|nothing else|i'm done|quit|exit|enough|finish)\b/,
  cancel:
    /\b(cancel|never ?mind|forget (it|about it|that|this)|quit|exit|give up|leave it|drop it|don't bother)\b/,
  deleteMyData: /\b(delete|erase|remove|forget|clear|wipe)\b|\b(don't|do not) (keep|store|save)\b/,
  back: /\b(back|previous|before|last one|undo)\b/,
};
/** "It's back on", "it came back up": news about the iPhone, not the back command. */
const IT_CAME_BACK =
  /\b(it's|its|it is|it has|it came|came|come|comes|coming|turned|phone is|iphone is) back\b|\bback (on|up)\b/;

/** "I don't want to delete anything", "don't hang up": the command's word, negated. */
const NEGATED =
  /\b(don't|do not|dont|not|never|no need to|without)\b(?:\s+\w+){0,3}\s+(delete|erase|remove|wipe|stop|cancel|hang up|quit|exit|end)\b/;

/** Whether words the NLU filed under `command` really ask for it. */
export function saysCommand(command: Recognised, text: string): boolean {
  if (command === "back" && IT_CAME_BACK.test(text)) return false;
  if ((command === "stop" || command === "cancel" || command === "deleteMyData") && NEGATED.test(text))
    return false;
  const must = MUST_SAY[command];
  return !must || must.test(text);
}

/** "It's back on now": the step to carry out is done. */
export const cameBack = (text: string) => IT_CAME_BACK.test(text);
