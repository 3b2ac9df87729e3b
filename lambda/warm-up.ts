// Warming the line up at init, before the first caller: a short conversation through a handler's own path, with
// no store and no log or metric lines, so V8 has parsed and compiled the reader, the engine and the renderer, and
// compiled the regular expressions of the cues its turns reach (twice: see warmUp), before anyone waits on them.
//
// Why at init: an on-demand Lambda runs its init phase on a full vCPU, and provisioned concurrency runs it before
// any traffic, while a turn runs on the memory size's share of a vCPU (0.29 at 512 MB). Cold, a first turn takes
// about 6.5 ms of CPU and the second (a caller's first yes or no) about 3.7 ms (11 ms each before the cues'
// prefilter, cue.ts), some 22 and 13 ms of silence at 0.29 of a vCPU; warmed up, both take about 1 ms or less.
// The warm-up costs about 27 ms of init. Figures and the model: README Performance.
import type { ProgressTracker } from "./store/tracker.js";
import { log } from "./telemetry/log.js";
import { type Sink, writeNothing } from "./telemetry/sink.js";

/** What a turn touches outside the engine: the progress store and where its log and metric lines go. */
export interface TurnEffects {
  tracker: ProgressTracker | undefined;
  sink: Sink;
}
/** A warm-up turn touches nothing: no store, and its lines go nowhere (down the real write path, zero bytes). */
export const WARM_UP_EFFECTS: TurnEffects = { tracker: undefined, sink: writeNothing };

/** One caller turn: the words and the intent an NLU would give them. */
export interface WarmUpTurn {
  words: string;
  intent: string;
}

/**
 * The reader's main ways in one call: a problem named, a hedged yes, a step done, a question on the side, a no
 * with a correction, a stall, a side question the NLU is unsure of, another topic taken up and its first question
 * answered (a topic's steps are read and rendered for the first time there), and leaving. Not a test: what it says back is
 * not looked at.
 */
export const WARM_UP_CONVERSATION: readonly WarmUpTurn[] = [
  { words: "my icloud backup isn't working", intent: "TroubleshootBackup" },
  { words: "um yeah i think so", intent: "Yes" },
  { words: "okay done what's next", intent: "Next" },
  { words: "hang on will i lose my photos", intent: "AskWillILoseData" },
  { words: "no wait it's still not working", intent: "No" },
  { words: "i'm not sure", intent: "Maybe" },
  { words: "could you say that again", intent: "RepeatIntent" },
  { words: "my storage is full", intent: "StorageFull" },
  { words: "yes please", intent: "Yes" },
  { words: "yeah it's nearly full", intent: "Yes" },
  { words: "okay thanks bye", intent: "StopIntent" },
];

/** Plays a turn through a channel's handler path; gets the previous turn's carried state, returns the new one. */
export type WarmUpStep<S> = (turn: WarmUpTurn, carried: S | undefined) => Promise<S>;

/**
 * Plays the conversation twice (each step is given WARM_UP_EFFECTS to use): V8 compiles a regular expression to bytecode the
 * first time it runs and again to machine code the second time, and both compilations belong here, not in a
 * caller's turn. Never throws: a failed warm-up leaves the line as cold as without it, and says so in one log
 * line. Returns how long it took, in milliseconds.
 */
export async function warmUp<S>(step: WarmUpStep<S>, rounds = 2): Promise<number> {
  const started = performance.now();
  try {
    for (let round = 0; round < rounds; round++) {
      let carried: S | undefined;
      for (const turn of WARM_UP_CONVERSATION) carried = await step(turn, carried);
    }
  } catch (err) {
    log("WARN", "warm-up failed", { error: String(err) });
  }
  return performance.now() - started;
}
