// The answer to the welcome-back offer ("Last time we got to step 2 of fixing a stuck backup. Say pick up to carry
// on, or start over."), where a plain yes/no reading gets it wrong: "it's still stuck, same as before" names the
// saved problem (pick up, not no), "I'm back, I restarted it" is back from the step (pick up), and "nah, let's
// start from scratch" is start over (not "something else").
import type { State } from "../state.js";
import type { Input } from "../types.js";
import { saysItIsDone } from "./answer-words.js";
import { cue } from "./cue.js";
import { cameBack } from "./cues.js";
import { type Heard, PLAUSIBLE } from "./heard.js";
import { didTheStep } from "./step-reports.js";

/** Starting the saved topic again from its first step. */
const FROM_THE_TOP = cue(
  /\b(?:start (?:over|again|afresh|fresh|from the (?:top|beginning|start))|from (?:scratch|the (?:top|beginning|start))|(?:all )?over again|begin again)\b/,
);

/** The saved problem is still there: "same problem", "still stuck", "it still won't". */
const STILL_THE_SAME = cue(
  /\b(?:(?:the )?same (?:problem|thing|issue|one|as (?:before|last time))|still (?:stuck|not|isn't|won't|doesn't|failing|full|the same|there|happening|going on|no good|broken)|(?:hasn't|has not|never) (?:been |got |gotten )?(?:fixed|sorted|solved|worked))\b/,
);

/** The saved place asked about: "what was I doing?", "where were we?", "which problem was it?". */
const PLACE_ASKED = cue(
  /\bwhat (?:was|were) (?:i|we) (?:doing|on|fixing|working on|up to)\b|\bwhere (?:were we|was i|did we (?:get|leave off|stop|get to))\b|\bwhich (?:problem|issue|thing|one) was (?:it|that|i on)\b/,
);

/** A different problem this time, said in so many words: the new problem is asked for. */
const SOMETHING_ELSE = cue(
  /\b(?:different|another|something else|new (?:problem|issue|thing)|other (?:problem|issue))\b/,
);

/**
 * At the welcome-back offer, what the words say beyond yes or no: start over, or pick up because the saved
 * problem is named as still there. Undefined when they say neither (the usual yes/no reading follows).
 */
export function readResumeAnswer(
  s: State | undefined,
  heard: Heard,
  text: string,
  asked: boolean,
): Input | undefined {
  if (s?.phase !== "resume" || s.topic === undefined) return undefined;
  // "Sorry, we got cut off, what was I doing?": the offer again, which says.
  if (PLACE_ASKED.test(text)) return { type: "whichStep" };
  if (asked) return undefined;
  if (FROM_THE_TOP.test(text)) return { type: "startOver" };
  if (SOMETHING_ELSE.test(text)) return undefined;
  const namesSaved = heard.interpretations.some(
    (i, n) => i.intent === s.topic && (n === 0 || (i.confidence ?? 0) >= PLAUSIBLE),
  );
  // "Yeah hi, I'm back, I restarted it": back from doing the step, so on from there (its question, not its words).
  if (didTheStep(text) || saysItIsDone(text)) return { type: "resume", done: true };
  return namesSaved || STILL_THE_SAME.test(text) || cameBack(text) ? { type: "resume" } : undefined;
}
