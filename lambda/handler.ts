// The one Lambda that fulfils every intent of the Lex V2 bot (Lex allows one per alias and locale). It adapts the
// Lex event to the engine and the engine's answer back to Lex, and never throws: a bad event or a tampered
// session gets a spoken recovery instead of a dropped call.
import { channelOf, identify, KEY_ATTRIBUTE, NUMBER_ATTRIBUTE, wordingOf } from "./channels/lex/identity.js";
import { isPhone, type LexTurn, readEvent, toHearing } from "./channels/lex/request.js";
import { buildResponse, STATE_ATTRIBUTE } from "./channels/lex/response.js";
import type { LexResponse } from "./channels/lex/types.js";
import { readConfig } from "./config.js";
import { content, contentFor } from "./content/index.js";
import { restartTurn, takeTurn } from "./conversation-turn.js";
import { trackerFromEnv } from "./store/config.js";
import { log } from "./telemetry/log.js";
import { writeLine } from "./telemetry/sink.js";
import { storeProblem } from "./telemetry/store-problem.js";
import { recordTurn } from "./telemetry/turn-record.js";
import { type TurnEffects, WARM_UP_EFFECTS, warmUp } from "./warm-up.js";

const config = readConfig();
const live: TurnEffects = { tracker: trackerFromEnv(process.env, storeProblem), sink: writeLine };
// The progress store made ready while the line warms up: both at init, on a full vCPU (lambda/warm-up.ts says why).
const storeReady = live.tracker?.prepare();
// A short conversation through answer() at init, as on the phone line.
await warmUp<Record<string, string>>(async (t, carried) => {
  const event = {
    sessionId: "warm-up",
    inputMode: "Speech",
    inputTranscript: t.words,
    interpretations: [{ intent: { name: t.intent }, nluConfidence: 0.9 }],
    requestAttributes: { "x-amz-lex:channels:platform": "Connect" },
    sessionState: { intent: { name: t.intent }, sessionAttributes: carried ?? {} },
  };
  const response = await answer(readEvent(event), WARM_UP_EFFECTS);
  return response.sessionState.sessionAttributes ?? {};
});
await storeReady;

export async function handler(event: unknown): Promise<LexResponse> {
  let turn: LexTurn | undefined;
  try {
    turn = readEvent(event);
    return await answer(turn);
  } catch (err) {
    // A bug must not drop the call: start again politely, keeping the contact flow's settings. Only the error is
    // logged, never what was said.
    log("ERROR", "turn failed", { error: String(err) });
    const wording = turn ? wordingOf(turn) : "voice";
    const { state, output } = restartTurn(config.supportPhone, wording);
    const carried = { ...turn?.sessionAttributes };
    delete carried[NUMBER_ATTRIBUTE];
    return buildResponse(output, state, "FallbackIntent", carried, contentFor(wording).shared, {
      voice: wording !== "text",
      keypad: false,
    });
  }
}

async function answer(turn: LexTurn, { tracker, sink }: TurnEffects = live): Promise<LexResponse> {
  const started = performance.now();
  const phone = isPhone(turn);
  const platform = turn.requestAttributes["x-amz-lex:channels:platform"] ?? "";
  const caps = {
    canTransfer: config.agentTransfer && (phone || platform.startsWith("Connect")),
    supportPhone: config.supportPhone,
  };

  const who = tracker ? identify(turn) : undefined;
  const key = !who ? undefined : who.known ? who.key : await tracker?.key(who.kind, who.id);
  const channel = channelOf(turn);
  const wording = wordingOf(turn);
  const { prev, state, output, conversationStarted } = await takeTurn({
    storedState: turn.sessionAttributes[STATE_ATTRIBUTE],
    input: toHearing(turn),
    caps,
    channel,
    wording,
    ...(key ? { progressKey: key } : {}),
    ...(tracker ? { tracker } : {}),
  });

  const carried = { ...turn.sessionAttributes };
  delete carried[NUMBER_ATTRIBUTE];
  if (key) carried[KEY_ATTRIBUTE] = key;
  const response = buildResponse(output, state, turn.intentName, carried, contentFor(wording).shared, {
    voice: wording !== "text",
    keypad: wording === "phone",
  });
  recordTurn(
    {
      sessionId: turn.sessionId,
      channel,
      inputMode: turn.inputMode,
      intent: turn.intentName,
      transcript: turn.transcript,
      prev,
      state,
      output,
      latencyMs: performance.now() - started,
      conversationStarted,
    },
    content,
    sink,
  );
  return response;
}
