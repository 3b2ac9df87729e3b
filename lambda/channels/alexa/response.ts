// Turns the engine's answer into an Alexa response: one SSML document, a reprompt for every open question, the
// conversation state in the session attributes, and the session ended on goodbye. Every response is kept
// within Alexa's limits, because Alexa answers an oversized one with its own error, not ours.
import type { ResponseEnvelope } from "ask-sdk-model";
import { encodeState, STATE_ATTRIBUTE, type State } from "../../engine/state.js";
import type { Output } from "../../engine/types.js";
import { MAX_SPEECH_CHARS, toAlexaSsml } from "./speech.js";

export { STATE_ATTRIBUTE };
/** Set after "delete my data" until the place is saved again by moving on a step (see lambda/alexa.ts). */
export const DELETED_ATTRIBUTE = "progressDeleted";
/** Alexa refuses a response body over 24 kilobytes. */
export const MAX_RESPONSE_BYTES = 24 * 1024;
const VERSION = "1.0";

const ssml = (parts: string[], max: number) => ({ type: "SSML" as const, ssml: toAlexaSsml(parts, max) });

/** The engine's answer: the session stays open (with a reprompt) unless the conversation ended. */
export function speak(
  output: Output,
  state: State,
  session: { progressDeleted?: boolean } = {},
): ResponseEnvelope {
  if (output.end) return endSession(output.say);
  // The engine gives a reprompt for every open question; should one ever be missing, the last sentence (the
  // question itself) is the safest thing to say again.
  const reprompt = output.reprompt.length > 0 ? output.reprompt : output.say.slice(-1);
  return withinLimits((max) => ({
    version: VERSION,
    sessionAttributes: {
      [STATE_ATTRIBUTE]: encodeState(state),
      ...(session.progressDeleted ? { [DELETED_ATTRIBUTE]: "1" } : {}),
    },
    response: {
      outputSpeech: ssml(output.say, max),
      reprompt: { outputSpeech: ssml(reprompt, max) },
      shouldEndSession: false,
    },
  }));
}

/** Says the last words and ends the session; nothing is kept in the session, which is over. */
export function endSession(say: string[]): ResponseEnvelope {
  return withinLimits((max) => ({
    version: VERSION,
    response: { ...(say.length > 0 ? { outputSpeech: ssml(say, max) } : {}), shouldEndSession: true },
  }));
}

/** For requests that take no speech: a SessionEndedRequest, and request types the skill doesn't declare. */
export function silent(): ResponseEnvelope {
  return { version: VERSION, response: {} };
}

/**
 * Builds the response with the full speech budget and, should the body still exceed 24 KB (speech of many-byte
 * characters can: 8,000 characters are up to 24,000 bytes), with half of it, until it fits.
 */
function withinLimits(build: (maxSpeechChars: number) => ResponseEnvelope): ResponseEnvelope {
  let max = MAX_SPEECH_CHARS;
  let envelope = build(max);
  while (Buffer.byteLength(JSON.stringify(envelope)) > MAX_RESPONSE_BYTES && max > 500) {
    max = Math.floor(max / 2);
    envelope = build(max);
  }
  return envelope;
}
