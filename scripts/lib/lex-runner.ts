// Plays the conversation tests (tests/conversations/*.yaml) against a Lex V2 bot over the wire, with the official
// SDK client, as `npm run test:lex` does: what can be sent, what can't (and why), what it costs, one line per
// conversation, and a summary. The turn itself is local/wire-player.ts, shared with the local end-to-end tests.
import type { Conversation } from "../../local/conversation-files.js";
import { type PlayedTurn, playOverWire, type Voice } from "../../local/wire-player.js";
import type { LexTarget } from "./lex-target.js";

/** US East list prices per request (aws.amazon.com/lex/pricing, 2026-11): text, and speech (audio in). */
export const PRICE_PER_REQUEST = { text: 0.00075, speech: 0.004 } as const;

export interface Planned {
  conversation: Conversation;
  /** Why it isn't played against this target; undefined when it is. */
  skip?: string;
}

/**
 * What can be played where. Forced intents and tampered states exist only for the handler's own tests. A deployed
 * bot takes speech only as audio and keys only from Amazon Connect, so the voice and phone conversations need the
 * speech rig (issue #12) before they can run against AWS; the local runtime accepts them as text with a declared
 * input mode, and plays them.
 */
export function plan(
  conversations: Conversation[],
  target: Pick<LexTarget, "endpoint">,
  o: { audio?: boolean } = {},
): Planned[] {
  return conversations.map((conversation) => {
    if (conversation.turns.some((t) => t.tamper !== undefined))
      return {
        conversation,
        skip: "tampers with the stored state, which only the handler's own tests can do",
      };
    if (conversation.turns.some((t) => t.intent !== undefined))
      return { conversation, skip: "forces an intent, which only the handler's own tests can do" };
    if (conversation.channel === "text" && conversation.turns.some((t) => t.silence))
      return {
        conversation,
        skip: "is a typed chat with a silent turn: RecognizeText can't send empty text",
      };
    if (!target.endpoint && conversation.channel !== "text" && !o.audio)
      return {
        conversation,
        skip: `is a ${conversation.channel} conversation: Lex takes speech only as audio (--audio sends it) and keys only from Amazon Connect`,
      };
    if (!target.endpoint && conversation.turns.some((t) => t.press !== undefined))
      return { conversation, skip: "presses keys: Lex takes DTMF only from Amazon Connect" };
    return { conversation };
  });
}

export interface Cost {
  requests: number;
  dollars: number;
}

/** Every played turn is one request, speech when sent as audio; against the local runtime nothing is billed. */
export function costOf(
  planned: Planned[],
  target: Pick<LexTarget, "endpoint">,
  o: { audio?: boolean } = {},
): Cost {
  let text = 0;
  let speech = 0;
  for (const p of planned.filter((x) => !x.skip)) {
    if (o.audio && p.conversation.channel !== "text") speech += p.conversation.turns.length;
    else text += p.conversation.turns.length;
  }
  const dollars = target.endpoint ? 0 : text * PRICE_PER_REQUEST.text + speech * PRICE_PER_REQUEST.speech;
  return { requests: text + speech, dollars };
}

/** At most `perSecond` requests a second, however fast the bot answers. */
export function rateLimiter(perSecond: number): () => Promise<void> {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return async () => {};
  const gap = 1000 / perSecond;
  let next = 0;
  return async () => {
    const now = performance.now();
    const at = Math.max(now, next);
    next = at + gap;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  };
}

export interface ConversationResult {
  conversation: Conversation;
  skip?: string;
  /** The first turn whose expectations failed, with what differed. */
  failure?: { turn: number; caller: string; said: string; problems: string[] };
}

export async function runConversations(
  target: LexTarget,
  planned: Planned[],
  o: { perSecond: number; runId: string; onResult?: (r: ConversationResult) => void; voice?: Voice },
): Promise<ConversationResult[]> {
  const wait = rateLimiter(o.perSecond);
  const results: ConversationResult[] = [];
  for (const [i, p] of planned.entries()) {
    let result: ConversationResult;
    if (p.skip) result = { conversation: p.conversation, skip: p.skip };
    else {
      const wire = {
        client: target.runtime,
        botId: target.botId,
        botAliasId: target.botAliasId,
        localeId: target.localeId,
      };
      const played = await playOverWire(wire, p.conversation, `test-lex-${o.runId}-${i}`, wait, o.voice);
      result = { conversation: p.conversation, ...firstFailure(played) };
    }
    results.push(result);
    o.onResult?.(result);
  }
  return results;
}

function firstFailure(played: PlayedTurn[]): Pick<ConversationResult, "failure"> {
  const i = played.findIndex((t) => t.problems.length > 0);
  const turn = played[i];
  if (!turn) return {};
  const caller =
    turn.turn.caller ?? (turn.turn.press !== undefined ? `(keys ${turn.turn.press})` : "(silence)");
  return { failure: { turn: i + 1, caller, said: turn.said, problems: turn.problems } };
}

/** One line per conversation; a failure adds the turn, what differed, and what the bot said. */
export function formatResult(r: ConversationResult): string {
  const name = `${r.conversation.file}: ${r.conversation.name} (${r.conversation.channel})`;
  if (r.skip) return `skip  ${name}: ${r.skip}`;
  if (!r.failure) return `pass  ${name}`;
  const f = r.failure;
  return [
    `FAIL  ${name}`,
    `      turn ${f.turn}, caller: "${f.caller}"`,
    ...f.problems.map((p) => `      ${p}`),
    `      the bot said: "${f.said}"`,
  ].join("\n");
}

export function summaryLine(results: ConversationResult[]): string {
  const passed = results.filter((r) => !r.skip && !r.failure).length;
  const failed = results.filter((r) => r.failure).length;
  const skipped = results.filter((r) => r.skip).length;
  return `${passed} passed, ${failed} failed, ${skipped} skipped (not playable against this bot; reasons above)`;
}
