// A pause on a smart speaker: the microphone closes after a few seconds, so "wait" can't keep the line open as
// it does on the phone. The session ends, the place is saved, and the listener is told how to come back.
import type { SpeechContent, SpokenShared } from "../../content/types.js";
import { stepNumber } from "../../engine/path.js";
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
  const way = state.hist.length > 0 ? { hist: state.hist } : {};
  if (state.phase === "step" || state.phase === "confirm")
    return { topic: state.topic, step: state.step, ...way };
  if (state.phase === "resume" && state.saved !== undefined)
    return {
      topic: state.topic,
      step: state.saved,
      ...(state.savedConfirmed ? { confirmed: true } : {}),
      ...way,
    };
  return undefined;
}

/**
 * "Okay. When you're ready, say Alexa, open backup helper, and we'll pick up at step 3." With no progress store
 * (`kept` false) the place is lost when the session ends, and the listener is told so.
 */
export function pauseSpeech(stepNumber: number | undefined, shared: SpokenShared, kept: boolean): string {
  const invocation = shared.speaker.invocationName;
  if (!kept) return fill(shared.speaker.pauseNoStore, { invocation });
  return stepNumber
    ? fill(shared.speaker.pause, { invocation, n: stepNumber })
    : fill(shared.speaker.pauseNoTopic, { invocation });
}

/** The number the listener heard for the step they stop at (the steps on their path so far, plus one). */
export function stepNumberAt(place: Progress, state: State | undefined, content: SpeechContent): number {
  const heard = state?.topic === place.topic && state.step === place.step ? state.hist : (place.hist ?? []);
  return stepNumber(content.topics[place.topic], place.step, heard);
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
