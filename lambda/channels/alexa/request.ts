// Reads an Alexa request envelope defensively: the Lambda answers whatever arrives, so the envelope is checked
// field by field (version, request type, session, user, skill id) and turned into a small, trusted summary.
// Nothing here throws; anything that doesn't check out is named, so the handler can answer it safely.
import type { Input } from "../../engine/types.js";
import type { Heard } from "../../engine/understand/read-turn.js";
import { isRecord } from "../guards.js";
import {
  ALEXA_ANSWER_INTENT,
  ALEXA_FALLBACK_INTENT,
  ANSWER_SLOT,
  botIntentName,
  commandOf,
  isTopicIntent,
} from "./intents.js";
import { DELETED_ATTRIBUTE, STATE_ATTRIBUTE } from "./response.js";

/** Alexa's request format version; the only one there is. */
const ENVELOPE_VERSION = "1.0";
/** Alexa documents user ids as never longer than 255 characters. */
const MAX_USER_ID = 255;
const MAX_SKILL_ID = 200;
const INTENT_NAME = /^[A-Za-z][A-Za-z0-9_.]{0,99}$/;
/** Alexa's utterances are at most 200 characters; a slot value is part of one. */
const MAX_SLOT_WORDS = 200;

export interface SessionFacts {
  /** A new session: opened by this request ("Alexa, open ..." or "Alexa, ask ... to ..."). */
  isNew: boolean;
  /** The Alexa user (per account and skill), for saved progress; absent if missing or malformed. */
  userId?: string;
  /** The stored conversation state as it came in: validated later by decodeState. */
  storedState?: unknown;
  /** The listener asked for their saved data to be deleted earlier in this session. */
  progressDeleted: boolean;
  /** The skill the request is for, from the session and the context (both are checked). */
  skillIds: string[];
  /** Alexa's session id, for the logs ("" when missing). */
  sessionId: string;
}

export type AlexaRequest =
  | ({ kind: "launch" } & SessionFacts)
  /** `words`: what filled the Answer intent's slot (an answer in the question's own words). */
  | ({ kind: "intent"; intent: string; words?: string } & SessionFacts)
  | ({ kind: "sessionEnded"; reason: string; error?: string } & SessionFacts)
  /** A request type the skill doesn't declare (display events, CanFulfill ...): answered without speech. */
  | ({ kind: "unsupported"; type: string } & SessionFacts)
  /** Not a request Alexa would send. `speechless`: it claims to be a SessionEndedRequest, which takes no speech. */
  | { kind: "invalid"; reason: string; speechless: boolean };

const record = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});

/** A string id made of visible ASCII within a length, or undefined. */
function id(v: unknown, max: number): string | undefined {
  return typeof v === "string" && v.length > 0 && v.length <= max && /^[\x21-\x7e]+$/.test(v) ? v : undefined;
}

export function readRequest(event: unknown): AlexaRequest {
  if (!isRecord(event)) return { kind: "invalid", reason: "not an object", speechless: false };
  const request = record(event.request);
  const type = typeof request.type === "string" ? request.type.slice(0, 100) : "";
  const speechless = type === "SessionEndedRequest";
  if (!type) return { kind: "invalid", reason: "no request type", speechless };
  if (event.version !== ENVELOPE_VERSION) return { kind: "invalid", reason: "unknown version", speechless };

  const session = isRecord(event.session) ? event.session : undefined;
  const system = record(record(event.context).System);
  // The context carries the user on every request; the session repeats it for in-session requests.
  const userId = id(record(system.user).userId, MAX_USER_ID) ?? id(record(session?.user).userId, MAX_USER_ID);
  const skillIds = [record(session?.application).applicationId, record(system.application).applicationId]
    .map((v) => id(v, MAX_SKILL_ID))
    .filter((v): v is string => v !== undefined);
  const isNew = !session || session.new === true;
  // A new session has no attributes of ours; whatever claims otherwise is ignored.
  const attributes = isNew ? {} : record(session.attributes);
  const facts: SessionFacts = {
    isNew,
    skillIds,
    sessionId: id(session?.sessionId, 256) ?? "",
    ...(userId ? { userId } : {}),
    storedState: attributes[STATE_ATTRIBUTE],
    progressDeleted: attributes[DELETED_ATTRIBUTE] === "1",
  };

  switch (type) {
    case "LaunchRequest":
      // "Alexa, open ..." always opens a new session, whatever the envelope says.
      return { kind: "launch", ...facts, isNew: true, storedState: undefined, progressDeleted: false };
    case "IntentRequest": {
      const name = record(request.intent).name;
      // An intent name we can't read is an utterance Alexa couldn't place: the engine treats it as not understood.
      const intent = typeof name === "string" && INTENT_NAME.test(name) ? name : ALEXA_FALLBACK_INTENT;
      const words = record(record(record(request.intent).slots)[ANSWER_SLOT]).value;
      const spoken = typeof words === "string" ? words.trim().slice(0, MAX_SLOT_WORDS) : "";
      return { kind: "intent", intent, ...facts, ...(spoken ? { words: spoken } : {}) };
    }
    case "SessionEndedRequest": {
      const reason = typeof request.reason === "string" ? request.reason.slice(0, 40) : "UNKNOWN";
      const errorType = record(request.error).type;
      return {
        kind: "sessionEnded",
        reason,
        ...(typeof errorType === "string" ? { error: errorType.slice(0, 80) } : {}),
        ...facts,
      };
    }
    default:
      return { kind: "unsupported", type, ...facts };
  }
}

/**
 * What an intent asks of the engine. Alexa sends no transcript, so a topic can't be told apart as a question by its
 * words: a topic that opens a new session ("Alexa, ask backup helper how do I ...") is a one-shot question and
 * gets the short answer first; a topic named inside a session starts the steps.
 */
export function toInput(intent: string, isNewSession: boolean, words?: string): Input | { heard: Heard } {
  // An answer in words: read against the open question like the words Lex sends, with no intent to go on.
  if (intent === ALEXA_ANSWER_INTENT)
    return { heard: { text: words ?? "", interpretations: [{ intent: "FallbackIntent" }] } };
  if (isTopicIntent(intent) && isNewSession) return { type: "topic", topic: intent, question: true };
  // A pause ends the session on a speaker: the handler deals with it before the engine.
  if (commandOf(intent) === "pause") return { type: "pause" };
  // Everything else is read in context by the same rules as Lex, from the intent alone (Alexa sends no words).
  return { heard: { text: "", interpretations: [{ intent: botIntentName(intent) }] } };
}
