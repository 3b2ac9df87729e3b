// What the step under way and the state make of a caller's words: the topic the step covers, whether it talked
// about a secret, the step turned down asked for again, and news that the backup works in the question's words.
import type { SpeechContent } from "../../content/types.js";
import { promptAboutSecret } from "../privacy.js";
import type { State } from "../state.js";
import { saysNegation } from "./answer-phrases.js";
import { readAnswer } from "./answer-words.js";
import { wantsPerson } from "./cues.js";
import type { Heard } from "./heard.js";
import { saysBackupWorksNow } from "./step-reports.js";

/** The topic the step under way is a part of, when it's one of another topic's fixes (content: `covers`). */
export const stepCovers = (content: SpeechContent, s: State) =>
  s.topic !== undefined ? content.topics[s.topic].steps[s.step]?.covers : undefined;

/** The step turned down last, asked for again: by what it covers (the NLU's topic), or "that one" after a yes. */
export function wantsDeclinedStep(content: SpeechContent, s: State, heard: Heard, text: string): boolean {
  const step = s.topic !== undefined ? content.topics[s.topic].steps[s.step] : undefined;
  if (!step?.confirm || s.outcomes?.[s.step] !== "x") return false;
  const named = step.covers !== undefined && heard.interpretations[0]?.intent === step.covers;
  return named && !saysNegation(text) && !wantsPerson(text);
}

/** The backup said to work, in a clause of its own or in the words of "is your backup working now?". */
export function saysItWorks(content: SpeechContent, text: string): boolean {
  if (saysNegation(text)) return false;
  if (saysBackupWorksNow(text)) return true;
  // The question's words count only said of the backup or the screen ("it says latest backup today"), not of the
  // caller ("that's me done for today").
  if (!/\b(?:backup|back up|backed up|says|said|shows|showing|latest|last)\b/.test(text)) return false;
  const reading = readAnswer(text, content.shared.fixedAnswers);
  return reading?.answer === "yes" && reading.strength === "words";
}

/** Whether the step being answered talked about a password or code. */
export function stepAboutSecret(content: SpeechContent, s: State | undefined): boolean {
  const step =
    s?.topic !== undefined && (s.phase === "step" || s.phase === "confirm")
      ? content.topics[s.topic].steps[s.step]
      : undefined;
  return step !== undefined && promptAboutSecret([step.say, step.ask, step.confirm]);
}
