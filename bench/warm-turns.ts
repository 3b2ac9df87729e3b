// Warm turns: the handler's own time per turn, over mixed full conversations (every conversation test: all
// topics, navigation, DTMF, escalation), replayed until the turn count is reached.
import { fileURLToPath } from "node:url";
import { botModel, loadContent } from "../lambda/content/load.js";
import { handler } from "../lambda/handler.js";
import { intentResolver, loadConversations } from "../tests/support/conversation.js";
import { lexEvent } from "../tests/support/lex-events.js";

export interface WarmTurns {
  turns: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

export async function warmTurns(count: number): Promise<WarmTurns> {
  const resolve = intentResolver(botModel(loadContent()));
  const conversations = loadConversations(fileURLToPath(new URL("../tests/conversations/", import.meta.url)));
  const times: number[] = [];
  while (times.length < count) {
    for (const conv of conversations) {
      let attrs: Record<string, string> = {};
      for (const turn of conv.turns) {
        if (times.length >= count) break;
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
        attrs =
          response.sessionState.dialogAction.type === "Close"
            ? {}
            : (response.sessionState.sessionAttributes ?? {});
      }
    }
  }
  times.sort((a, b) => a - b);
  return {
    turns: times.length,
    p50Ms: percentile(times, 0.5),
    p99Ms: percentile(times, 0.99),
    maxMs: times.at(-1) ?? 0,
  };
}
