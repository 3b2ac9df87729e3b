// The one Lambda that fulfils every intent of the Lex V2 bot (Lex allows one per alias and locale). It adapts the
// Lex event to the engine and the engine's answer back to Lex, and never throws: a bad event or a tampered
// session gets a spoken recovery instead of a dropped call.
import { isPhone, readEvent, toInput } from "./channels/lex/request.js";
import { buildResponse, STATE_ATTRIBUTE } from "./channels/lex/response.js";
import type { LexResponse } from "./channels/lex/types.js";
import { readConfig } from "./config.js";
import { content } from "./content/index.js";
import { converse } from "./engine/engine.js";
import { decodeState, type State } from "./engine/state.js";

const config = readConfig();

export async function handler(event: unknown): Promise<LexResponse> {
  try {
    return answer(event);
  } catch (err) {
    // A bug must not drop the call: start again politely. Only the error is logged, never what was said.
    console.error(JSON.stringify({ level: "ERROR", message: "turn failed", error: String(err) }));
    const caps = { canTransfer: false, supportPhone: config.supportPhone };
    const { state, output } = converse(content, caps, undefined, { type: "noMatch" }, { stateLost: true });
    return buildResponse(output, state, "FallbackIntent", {}, content.shared, { voice: true, keypad: false });
  }
}

function answer(event: unknown): LexResponse {
  const turn = readEvent(event);
  const phone = isPhone(turn);
  const stored = turn.sessionAttributes[STATE_ATTRIBUTE];
  const decoded = stored === undefined ? undefined : decodeState(stored, content);
  const prev: State | undefined = decoded?.ok ? decoded.state : undefined;
  const platform = turn.requestAttributes["x-amz-lex:channels:platform"] ?? "";
  const caps = {
    canTransfer: config.agentTransfer && (phone || platform.startsWith("Connect")),
    supportPhone: config.supportPhone,
  };
  const { state, output } = converse(content, caps, prev, toInput(turn), {
    stateLost: decoded !== undefined && !decoded.ok,
  });
  return buildResponse(output, state, turn.intentName, turn.sessionAttributes, content.shared, {
    voice: turn.inputMode !== "Text",
    keypad: phone,
  });
}
