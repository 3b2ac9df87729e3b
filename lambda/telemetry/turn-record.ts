// What one turn leaves in the logs and metrics, the same for every channel: facts about the conversation
// (topic, step, outcome, latency), never the caller's words unless debugging, and never their number.
import type { SpeechContent } from "../content/types.js";
import { promptAboutSecret } from "../engine/privacy.js";
import type { State } from "../engine/state.js";
import type { Output } from "../engine/types.js";
import { debugEnabled, logMembers, transcriptForLog } from "./log.js";
import { turnMetrics } from "./metrics.js";
import { type Sink, writeLine } from "./sink.js";

export interface TurnRecord {
  sessionId: string;
  channel: string;
  inputMode?: string;
  intent: string;
  transcript?: string;
  prev: State | undefined;
  state: State;
  output: Output;
  latencyMs: number;
  /** The first turn of a conversation: no stored state at all (a lost one doesn't count). */
  conversationStarted: boolean;
}

/** The step the caller was answering, if it mentioned a password or code. */
function answeringSecretPrompt(prev: State | undefined, content: SpeechContent): boolean {
  const step = prev?.topic ? content.topics[prev.topic].steps[prev.step] : undefined;
  return step !== undefined && promptAboutSecret([step.say, step.ask, step.confirm]);
}

export function recordTurn(r: TurnRecord, content: SpeechContent, sink: Sink = writeLine): void {
  // Only when debugging is the caller's text logged at all, so only then is the step looked at.
  const transcript =
    r.transcript === undefined || !debugEnabled()
      ? undefined
      : transcriptForLog(r.transcript, answeringSecretPrompt(r.prev, content));
  const entry = logMembers("INFO", "turn", {
    sessionId: r.sessionId,
    channel: r.channel,
    ...(r.inputMode ? { inputMode: r.inputMode } : {}),
    intent: r.intent,
    ...(r.state.topic ? { topic: r.state.topic, step: r.state.step + 1 } : {}),
    phase: r.state.phase,
    outcome: r.output.end ?? (r.output.signals.some((s) => s.kind === "resolved") ? "resolved" : "continue"),
    signals: r.output.signals.map((s) => s.kind),
    latencyMs: Math.round(r.latencyMs * 1000) / 1000,
    // The hand-off turn: what the caller had done, in the content's words (never theirs), as the agent sees it.
    ...(r.output.summary
      ? {
          handoff: {
            reason: r.output.summary.reason,
            summary: r.output.summary.text,
            stepsDone: r.output.summary.stepsDone,
            ...(r.output.summary.seconds !== undefined ? { secondsWithLine: r.output.summary.seconds } : {}),
          },
        }
      : {}),
    ...(transcript !== undefined ? { transcript } : {}),
  });
  // The turn's log line carries its metrics (CloudWatch reads EMF from any log event with _aws): one line and
  // one write a turn, unless its signals need a second document (see turnMetrics).
  const facts = {
    channel: r.channel,
    signals: r.output.signals,
    latencyMs: r.latencyMs,
    conversationStarted: r.conversationStarted,
  };
  sink(turnMetrics(facts, Date.now(), entry).join("\n"));
}
