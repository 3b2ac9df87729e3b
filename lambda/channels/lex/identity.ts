// Who the caller is, for saved progress: the phone number the contact flow passes (replaced by its hash on the
// first turn, so it goes no further than that one event), or the Lex session for text and app channels.
import type { Channel } from "../../content/types.js";
import type { ProgressChannel } from "../../store/progress.js";
import { isPhone, type LexTurn } from "./request.js";

export const NUMBER_ATTRIBUTE = "customerNumber";
export const KEY_ATTRIBUTE = "customerKey";

export type Identity =
  | { known: true; key: string }
  | { known: false; kind: "phone" | "session"; id: string }
  | undefined;

const HASH = /^[0-9a-f]{64}$/;

/**
 * On the phone line the caller is their number, passed by the contact flow, and nothing else: a call whose number
 * couldn't be hashed gets no resume rather than progress filed under the wrong key. Elsewhere a number in the
 * session attributes is not trusted (any client can set them) and the caller is the Lex session.
 */
export function identify(turn: LexTurn): Identity {
  const key = turn.sessionAttributes[KEY_ATTRIBUTE];
  if (key && HASH.test(key)) return { known: true, key };
  if (onConnect(turn)) {
    const number = turn.sessionAttributes[NUMBER_ATTRIBUTE]?.replace(/[^\d+]/g, "");
    return number && number.length >= 6 ? { known: false, kind: "phone", id: number } : undefined;
  }
  if (turn.sessionId.length >= 2) return { known: false, kind: "session", id: turn.sessionId };
  return undefined;
}

const onConnect = (turn: LexTurn) =>
  turn.inputMode === "DTMF" || turn.requestAttributes["x-amz-lex:channels:platform"] === "Connect";

export function channelOf(turn: LexTurn): ProgressChannel {
  if (isPhone(turn)) return "phone";
  return turn.inputMode === "Text" ? "text" : "voice";
}

/** Whose words to speak in: typed chat (even through Amazon Connect chat), a phone call, or a voice app. */
export function wordingOf(turn: LexTurn): Channel {
  if (turn.inputMode === "Text") return "text";
  return isPhone(turn) ? "phone" : "voice";
}
