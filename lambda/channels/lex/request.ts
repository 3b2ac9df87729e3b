// Reads a Lex V2 event defensively: the Lambda answers whatever arrives, so every field is checked for type and
// size, and anything missing or odd gets a safe default instead of an exception.
import { FALLBACK_INTENT } from "../../content/intents.js";
import { looksPersonal } from "../../engine/privacy.js";
import type { Input, Recognised } from "../../engine/types.js";
import type { Heard, Interpretation } from "../../engine/understand/read-turn.js";
import { isRecord } from "../guards.js";
import type { InputMode } from "./types.js";

/** Lex caps input text at 1,024 characters; longer is not from Lex. */
const MAX_TRANSCRIPT = 1024;
/** Foreign session attributes we carry forward (contact-flow settings); the rest of Lex's 12 KB is ours. */
const MAX_FOREIGN_ATTRIBUTES_BYTES = 8 * 1024;
const MAX_ATTRIBUTE_KEY = 128;

export interface LexTurn {
  sessionId: string;
  inputMode: InputMode;
  intentName: string;
  transcript: string;
  sessionAttributes: Record<string, string>;
  requestAttributes: Record<string, string>;
  /** Lex's interpretations, best first: intent names and confidence, nothing else. */
  interpretations: Interpretation[];
}

/** Lex sends the top interpretation and up to four alternatives. */
const MAX_INTERPRETATIONS = 5;

function readInterpretations(v: unknown, current: string): Interpretation[] {
  const list = Array.isArray(v) ? v.slice(0, MAX_INTERPRETATIONS) : [];
  const out: Interpretation[] = [];
  for (const item of list) {
    if (!isRecord(item) || !isRecord(item.intent)) continue;
    const name = str(item.intent.name, 100);
    if (!name) continue;
    const confidence = item.nluConfidence;
    const ok =
      typeof confidence === "number" && Number.isFinite(confidence) && confidence >= 0 && confidence <= 1;
    out.push({ intent: name, ...(ok ? { confidence } : {}) });
  }
  // The intent Lex chose for the turn leads, whatever order the list came in.
  const at = out.findIndex((i) => i.intent === current);
  if (at > 0) out.unshift(...out.splice(at, 1));
  if (at < 0) out.unshift({ intent: current });
  return out;
}

const str = (v: unknown, max = 256): string => (typeof v === "string" ? v.slice(0, max) : "");

/** Keeps string values only, within a byte budget, so a tampered map can't push the response past Lex's limits. */
function stringMap(v: unknown, budget: number): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(v)) return out;
  let used = 0;
  for (const [key, value] of Object.entries(v)) {
    if (typeof value !== "string" || key.length === 0 || key.length > MAX_ATTRIBUTE_KEY) continue;
    const size = Buffer.byteLength(key) + Buffer.byteLength(value);
    if (used + size > budget) continue;
    used += size;
    out[key] = value;
  }
  return out;
}

export function readEvent(event: unknown): LexTurn {
  const e = isRecord(event) ? event : {};
  const session = isRecord(e.sessionState) ? e.sessionState : {};
  const intent = isRecord(session.intent) ? session.intent : {};
  const mode = e.inputMode;
  const intentName = str(intent.name, 100) || FALLBACK_INTENT;
  return {
    sessionId: str(e.sessionId, 100),
    inputMode: mode === "DTMF" || mode === "Speech" || mode === "Text" ? mode : "Text",
    intentName,
    transcript: str(e.inputTranscript, MAX_TRANSCRIPT),
    sessionAttributes: stringMap(session.sessionAttributes, MAX_FOREIGN_ATTRIBUTES_BYTES),
    requestAttributes: stringMap(e.requestAttributes, MAX_FOREIGN_ATTRIBUTES_BYTES),
    interpretations: readInterpretations(e.interpretations, intentName),
  };
}

/** The phone keypad: 1 yes or next, 2 no, 0 a person, 9 repeat. */
const KEYS: Record<string, Recognised> = { "1": "yes", "2": "no", "0": "agent", "9": "repeat" };

/** Lex ends keyed input with '#' and clears it with '*'; what is left is the digit pressed. */
const keyed = (transcript: string) => transcript.replace(/[#*\s]/g, "");

export function isPhone(turn: LexTurn): boolean {
  return turn.inputMode === "DTMF" || turn.requestAttributes["x-amz-lex:channels:platform"] === "Connect";
}

/**
 * What the caller gave: a key on the phone (a menu choice, read here), or words, which the engine reads against
 * the question it asked (lambda/engine/understand).
 */
export function toHearing(turn: LexTurn): Input | { heard: Heard } {
  const text = turn.transcript.trim();
  // A spoken code or number is personal even on the phone; only a single key is a menu choice.
  if (turn.inputMode !== "DTMF" && looksPersonal(text)) return { type: "personalData" };
  if (turn.inputMode === "DTMF" || (isPhone(turn) && /^[0-9#*]+$/.test(text))) {
    const key = keyed(text);
    const command = key.length === 1 && Object.hasOwn(KEYS, key) ? KEYS[key] : undefined;
    return command ? { type: command } : { type: "noMatch" };
  }
  if (text.length === 0) return { type: "noInput" };
  return { heard: { text, interpretations: turn.interpretations } };
}
