// One turn as every channel takes it: the stored state validated, saved progress offered when a conversation
// opens, the engine run, and the saved progress brought up to date. The adapters (handler.ts for Lex, alexa.ts
// for Alexa) only translate their request into an Input and the result into their response.
import { content, contentFor } from "./content/index.js";
import type { Channel } from "./content/types.js";
import { converse } from "./engine/engine.js";
import { decodeState, type State } from "./engine/state.js";
import type { Capabilities, Input, Output } from "./engine/types.js";
import { type Heard, readTurn } from "./engine/understand/read-turn.js";
import type { ProgressChannel } from "./store/progress.js";
import { type ProgressChange, type ProgressTracker, progressChange } from "./store/tracker.js";

export interface TurnRequest {
  /** The state attribute as it came in: undefined when the conversation is new. */
  storedState: unknown;
  /** What the caller did, already understood (a key, silence), or the words and intents to read in context. */
  input: Input | { heard: Heard };
  caps: Capabilities;
  channel: ProgressChannel;
  /** Whose words the line speaks in: a call, a smart speaker, a voice app, a chat. */
  wording: Channel;
  /** Where this caller's progress is kept, when they can be told apart. */
  progressKey?: string;
  tracker?: ProgressTracker;
}

export interface TakenTurn {
  prev: State | undefined;
  /** What the engine took the turn to be. */
  input: Input;
  state: State;
  output: Output;
  change: ProgressChange;
  /** No stored state at all (a lost one is a conversation in trouble, not a new one). */
  conversationStarted: boolean;
}

/** A polite fresh start ("Sorry, I lost track of where we were") for a turn that failed inside or was unreadable. */
export function restartTurn(supportPhone: string, wording: Channel): { state: State; output: Output } {
  return converse(
    contentFor(wording),
    { canTransfer: false, supportPhone },
    undefined,
    { type: "noMatch" },
    { stateLost: true },
  );
}

export async function takeTurn(r: TurnRequest): Promise<TakenTurn> {
  const conversationStarted = r.storedState === undefined;
  const decoded = conversationStarted ? undefined : decodeState(r.storedState, content);
  const prev = decoded?.ok ? decoded.state : undefined;
  // Saved progress matters only when a conversation opens; later turns carry their state with them.
  const saved = r.progressKey && conversationStarted ? await r.tracker?.load(r.progressKey) : undefined;
  const input = "heard" in r.input ? readTurn(content, prev, r.input.heard) : r.input;
  const { state, output } = converse(contentFor(r.wording), r.caps, prev, input, {
    stateLost: decoded !== undefined && !decoded.ok,
    saved,
    now: Date.now(),
  });
  const change = progressChange(prev, state, output, r.channel);
  if (r.progressKey) await r.tracker?.apply(r.progressKey, change);
  return { prev, input, state, output, change, conversationStarted };
}
