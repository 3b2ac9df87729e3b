// Turns the engine's output into a Lex V2 response: SSML for voice, plain text for text, keypad hints on the
// phone when the engine says how to answer, and the hand-off contract the contact flow branches on (nextAction,
// topic, step).
import type { SpokenShared } from "../../content/types.js";
import { encodeState, STATE_ATTRIBUTE, type State } from "../../engine/state.js";
import type { Output } from "../../engine/types.js";
import { toPlainText, toSsml } from "../../speech/render.js";
import type { LexResponse } from "./types.js";

export { STATE_ATTRIBUTE };

/**
 * The hand-off contract, set on the turn that hands the caller to a person: the contact flow copies these into
 * contact attributes, so the agent's Contact Control Panel shows what the caller already did.
 */
export const HANDOFF_ATTRIBUTES = ["handoffSummary", "stepsDone", "reason", "secondsWithLine"] as const;

/** Our attributes; everything else in the session (contact-flow settings) is carried forward untouched. */
const OWN_ATTRIBUTES: readonly string[] = [
  STATE_ATTRIBUTE,
  "nextAction",
  "topic",
  "step",
  ...HANDOFF_ATTRIBUTES,
];

export interface Presentation {
  voice: boolean;
  keypad: boolean;
}

export function buildResponse(
  output: Output,
  state: State,
  intentName: string,
  carried: Record<string, string>,
  shared: SpokenShared,
  how: Presentation,
): LexResponse {
  const say = [...output.say];
  // The keys, after the question: when the engine says how to answer (first time, after a miss, after help).
  if (how.keypad && output.hint && !output.end) {
    if (output.expect === "yesNo") say.push(shared.keypad.yesNo);
    else if (output.expect === "next") say.push(shared.keypad.next);
  }
  const messages = (how.voice ? toSsml(say) : toPlainText(say)).map((content) => ({
    contentType: how.voice ? ("SSML" as const) : ("PlainText" as const),
    content,
  }));

  const sessionAttributes: Record<string, string> = Object.fromEntries(
    Object.entries(carried).filter(([key]) => !OWN_ATTRIBUTES.includes(key)),
  );
  sessionAttributes[STATE_ATTRIBUTE] = encodeState(state);
  // Where the caller is, for the contact flow and the agent: only while a topic runs, or at the hand-off.
  const where = output.handoff ?? (state.phase === "step" || state.phase === "confirm" ? state : undefined);
  if (where?.topic) {
    sessionAttributes.topic = where.topic;
    if (where.step !== undefined) sessionAttributes.step = String(where.step + 1);
  }
  const summary = output.handoff?.summary;
  if (summary) {
    sessionAttributes.handoffSummary = summary.text;
    sessionAttributes.stepsDone = summary.stepsDone.join(",");
    sessionAttributes.reason = summary.reason;
    if (summary.seconds !== undefined) sessionAttributes.secondsWithLine = String(summary.seconds);
  }
  if (output.end) {
    sessionAttributes.nextAction = output.end === "handoff" ? "TRANSFER_TO_AGENT" : "HANGUP";
    return {
      sessionState: {
        sessionAttributes,
        dialogAction: { type: "Close" },
        intent: { name: intentName, state: "Fulfilled", confirmationState: "None" },
      },
      messages,
    };
  }
  return { sessionState: { sessionAttributes, dialogAction: { type: "ElicitIntent" } }, messages };
}
