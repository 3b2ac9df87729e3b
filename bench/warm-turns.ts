// Warm turns: the handler's own time per turn, over mixed full conversations (every conversation test: all
// topics, navigation, DTMF, escalation), replayed until the turn count is reached.
import { fileURLToPath } from "node:url";
import { botModel, loadContent } from "../lambda/content/load.js";
import { handler } from "../lambda/handler.js";
import { setTelemetrySink } from "../lambda/telemetry/sink.js";
import { type Conversation, intentResolver, loadConversations } from "../tests/support/conversation.js";
import { lexEvent } from "../tests/support/lex-events.js";

export interface WarmTurns {
  turns: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** Plays the conversations through the handler until `count` turns; pushes each turn's time into `times`. */
async function replay(
  conversations: Conversation[],
  resolve: (words: string) => string,
  count: number,
  times: number[],
): Promise<void> {
  let done = 0;
  while (done < count) {
    for (const conv of conversations) {
      let attrs: Record<string, string> = {};
      for (const turn of conv.turns) {
        if (done >= count) return;
        if (turn.tamper !== undefined) attrs = { ...attrs, conversationState: turn.tamper };
        const transcript = turn.caller ?? turn.press ?? "";
        const intent = turn.intent ?? (turn.caller ? resolve(turn.caller) : "FallbackIntent");
        const event = lexEvent({
          channel: conv.channel,
          intent,
          transcript,
          sessionAttributes: attrs,
          dtmf: turn.press !== undefined,
        });
        const started = performance.now();
        const response = await handler(event);
        times.push(performance.now() - started);
        done++;
        attrs =
          response.sessionState.dialogAction.type === "Close"
            ? {}
            : (response.sessionState.sessionAttributes ?? {});
      }
    }
  }
}

/**
 * The handler's own time per turn, log and metric lines included up to the point they are written: the lines go
 * to a sink that drops them, so the figure doesn't depend on where this benchmark's stdout happens to go.
 */
export async function warmTurns(count: number): Promise<WarmTurns> {
  setTelemetrySink(() => {});
  const resolve = intentResolver(botModel(loadContent()));
  const conversations = loadConversations(fileURLToPath(new URL("../tests/conversations/", import.meta.url)));
  // A warm Lambda has run this code before: one unmeasured pass first, so the JIT's first compiles aren't counted.
  await replay(conversations, resolve, Math.ceil(count / 5), []);
  const times: number[] = [];
  await replay(conversations, resolve, count, times);
  times.sort((a, b) => a - b);
  return {
    turns: times.length,
    p50Ms: percentile(times, 0.5),
    p99Ms: percentile(times, 0.99),
    maxMs: times.at(-1) ?? 0,
  };
}
