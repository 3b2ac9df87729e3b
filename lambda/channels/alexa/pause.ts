// A pause on a smart speaker: the microphone closes after a few seconds, so "wait" can't keep the line open as
// it does on the phone. The session ends, the place is saved, and the listener is told how to come back.
import type { SpokenShared } from "../../content/types.js";
import type { State } from "../../engine/state.js";
import { fill } from "../../engine/turn.js";
import type { Progress } from "../../engine/types.js";

/**
 * Where the listener is, to pick up later: the step of the running topic, the step a returning listener was
 * offered, or (first words of a session) the progress saved last time.
 */
export function placeOf(state: State | undefined, saved: Progress | undefined): Progress | undefined {
  if (!state) return saved;
  if (!state.topic) return undefined;
  if (state.phase === "step" || state.phase === "confirm") return { topic: state.topic, step: state.step };
  if (state.phase === "resume" && state.saved !== undefined)
    return { topic: state.topic, step: state.saved, ...(state.savedConfirmed ? { confirmed: true } : {}) };
  return undefined;
}

/** "Okay. When you're ready, say Alexa, open backup helper, and we'll pick up at step 3." */
export function pauseSpeech(place: Progress | undefined, shared: SpokenShared): string {
  const invocation = shared.speaker.invocationName;
  return place
    ? fill(shared.speaker.pause, { invocation, n: place.step + 1 })
    : fill(shared.speaker.pauseNoTopic, { invocation });
}

/**
 * The place to save when a session stops: only a step being worked on. A place merely offered back (the
 * welcome-back question) is already saved; saving it again would renew its date and keep it past its week.
 */
export function stepUnderWay(state: State | undefined): Progress | undefined {
  return state?.topic && (state.phase === "step" || state.phase === "confirm")
    ? { topic: state.topic, step: state.step }
    : undefined;
}
