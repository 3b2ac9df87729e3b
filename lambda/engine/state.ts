// The whole conversation state: one small versioned value that a channel stores between turns (a Lex session
// attribute, Alexa session attributes). Anything a client could have tampered with is checked on the way in.
import { TOPIC_INTENTS, type TopicId } from "../content/intents.js";
import type { SpeechContent } from "../content/types.js";

export const STATE_VERSION = 1;
/** The session attribute every channel keeps the encoded state in. */
export const STATE_ATTRIBUTE = "conversationState";
export const MAX_HISTORY = 10;
/** Far below Lex's 12 KB session-attribute budget; anything longer is not ours. */
export const MAX_ENCODED_LENGTH = 512;

export type Phase =
  /** Nothing asked yet. */
  | "start"
  /** Waiting for the caller to name a problem. */
  | "topic"
  /** A step was read; waiting for next, or for yes/no after a fix or a question. */
  | "step"
  /** A hard-to-undo step was announced; waiting for yes/no before reading it. */
  | "confirm"
  /** A topic ended; waiting for another topic or "no". */
  | "anythingElse"
  /** A question was answered in short; waiting for yes/no to the offer of the steps. */
  | "offer"
  /** A returning caller was offered to pick up where they left off. */
  | "resume"
  | "ended";

const PHASES: readonly Phase[] = [
  "start",
  "topic",
  "step",
  "confirm",
  "anythingElse",
  "offer",
  "resume",
  "ended",
];

export interface State {
  v: typeof STATE_VERSION;
  phase: Phase;
  topic?: TopicId;
  /** Index of the current step in the topic. */
  step: number;
  /** Steps visited before the current one, for "back". */
  hist: number[];
  /** Failures in a row (no-match, no-input) at the current prompt. */
  miss: number;
  /** The caller asked to wait; the place is kept. */
  paused?: boolean;
  /** A person was offered after repeated failures; the next yes/no answers that offer. */
  offered?: boolean;
  /** The step a returning caller may pick up (phase resume). */
  saved?: number;
  /** That step was read past its confirmation last time: picking up reads it without asking again. */
  savedConfirmed?: boolean;
  /**
   * A question about the conversation itself is waiting for yes or no: leave this topic for `pending`
   * ("switch"), or delete the saved place ("delete").
   */
  ask?: PendingAsk;
  /** The topic the caller may move to: after "switch", or a returning caller's new problem (phase resume). */
  pending?: TopicId;
  /** What "repeat" brings back besides the question: Apple Support's options, or a side question's answer. */
  said?: string;
  /**
   * The kinds of question whose answers were already explained in this call ("say next when you're done", the
   * keypad keys): said once, then again only after a miss or when the caller asks for help.
   */
  hinted?: HintKind[];
  /**
   * What happened at each step of the topic so far, one letter per step index (see Outcome): what the hand-off
   * summary and "what have we done so far?" are built from. Never the caller's words.
   */
  outcomes?: string;
  /** When the conversation began, epoch seconds: how long the caller spent with the line. */
  began?: number;
  /** The topic whose answer led to this one ("the alert says storage is full"): the agent is told where it began. */
  from?: TopicId;
  /**
   * The topic the caller left for another one mid-way, and the step they were on: naming it again (or "back" at
   * the new topic's first step) takes them back there, not to its step 1.
   */
  left?: Place;
}

/** A step of a topic. */
export interface Place {
  topic: TopicId;
  step: number;
  /** The steps before it on the caller's way, so its number is the one they heard. */
  hist?: number[];
}

/** A step's outcome: answered yes or no, carried out, declined (its confirmation), skipped; "." not reached. */
export type Outcome = "y" | "n" | "c" | "x" | "s";
export const NOT_REACHED = ".";
const OUTCOMES = /^[.yncxs]*$/;
/** Any epoch second from 2020 to 2100: a value outside it is not ours. */
const isEpochSeconds = (n: unknown): n is number =>
  typeof n === "number" && Number.isInteger(n) && n > 1_577_836_800 && n < 4_102_444_800;

/** Questions that come with a hint on how to answer them: a step to carry out, a yes or no. */
export type HintKind = "next" | "yesNo";
const HINT_CODES: Record<string, HintKind> = { n: "next", y: "yesNo" };

export type PendingAsk = "switch" | "delete";
const ASKS: Record<string, PendingAsk> = { s: "switch", d: "delete" };
/** A side question's intent, or one of these. */
export const SAID_SUPPORT = "support";
/** The wrap-up after a fix ("Great, I'm glad your backup is working ..."), for "what was that?". */
export const SAID_RESOLVED = "resolved";
/** The caller named this topic's problem again at a step to carry out: the next time, move on. */
export const SAID_SAME_PROBLEM = "same";
/** The caller wasn't sure and heard how to find out: "not sure" again moves on. */
export const SAID_UNSURE = "unsure";
/** An answer in words was taken as yes (or no), and the line said so ("So there's still room."). */
export const SAID_UNDERSTOOD = { yes: "understoodYes", no: "understoodNo" } as const;
/** The answer the line said back last turn, if it did. */
export const understoodAnswer = (said: string | undefined): "yes" | "no" | undefined =>
  said === SAID_UNDERSTOOD.yes ? "yes" : said === SAID_UNDERSTOOD.no ? "no" : undefined;

export const initialState = (): State => ({ v: STATE_VERSION, phase: "start", step: 0, hist: [], miss: 0 });

export function encodeState(state: State): string {
  const compact: Record<string, unknown> = {
    v: state.v,
    p: state.phase,
    s: state.step,
    h: state.hist,
    m: state.miss,
  };
  if (state.topic) compact.t = state.topic;
  if (state.paused) compact.z = 1;
  if (state.offered) compact.o = 1;
  if (state.saved !== undefined) compact.r = state.saved;
  if (state.savedConfirmed) compact.q = 1;
  if (state.ask) compact.a = state.ask[0];
  if (state.pending) compact.n = state.pending;
  if (state.said) compact.e = state.said;
  if (state.hinted?.length) compact.k = state.hinted.map((k) => k[0]).join("");
  if (state.outcomes) compact.d = state.outcomes;
  if (state.began !== undefined) compact.b = state.began;
  if (state.from) compact.f = state.from;
  if (state.left)
    compact.l = [state.left.topic, state.left.step, ...(state.left.hist?.length ? [state.left.hist] : [])];
  return JSON.stringify(compact);
}

export type DecodeResult = { ok: true; state: State } | { ok: false; reason: string };

const isIndex = (n: unknown, length: number): n is number =>
  typeof n === "number" && Number.isInteger(n) && n >= 0 && n < length;

/** Parses and validates a stored state against the content it must point into. Never throws. */
export function decodeState(raw: unknown, content: SpeechContent): DecodeResult {
  if (typeof raw !== "string") return { ok: false, reason: "not a string" };
  if (raw.length > MAX_ENCODED_LENGTH) return { ok: false, reason: "too long" };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, reason: "not JSON" };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data))
    return { ok: false, reason: "not an object" };
  const o = data as Record<string, unknown>;
  if (o.v !== STATE_VERSION) return { ok: false, reason: "wrong version" };
  if (!PHASES.includes(o.p as Phase)) return { ok: false, reason: "unknown phase" };
  const phase = o.p as Phase;
  if (o.t !== undefined && !(TOPIC_INTENTS as readonly unknown[]).includes(o.t)) {
    return { ok: false, reason: "unknown topic" };
  }
  const topic = o.t as TopicId | undefined;
  const length = topic ? content.topics[topic].steps.length : 1;
  if (!isIndex(o.s, length)) return { ok: false, reason: "step out of range" };
  if (!Array.isArray(o.h) || o.h.length > MAX_HISTORY || !o.h.every((i) => isIndex(i, length))) {
    return { ok: false, reason: "bad history" };
  }
  if (typeof o.m !== "number" || !Number.isInteger(o.m) || o.m < 0 || o.m > 9)
    return { ok: false, reason: "bad miss" };
  if (o.z !== undefined && o.z !== 1) return { ok: false, reason: "bad pause flag" };
  if (o.q !== undefined && (o.q !== 1 || o.r === undefined))
    return { ok: false, reason: "bad confirmed flag" };
  if (o.o !== undefined && o.o !== 1) return { ok: false, reason: "bad offer flag" };
  if (o.r !== undefined && !isIndex(o.r, length)) return { ok: false, reason: "bad saved step" };
  const needsTopic = phase === "step" || phase === "confirm" || phase === "resume" || phase === "offer";
  if (needsTopic && !topic) return { ok: false, reason: "phase needs a topic" };
  if (phase === "resume" && o.r === undefined) return { ok: false, reason: "resume without a step" };
  if (o.a !== undefined && !(typeof o.a === "string" && Object.hasOwn(ASKS, o.a)))
    return { ok: false, reason: "bad pending question" };
  if (o.n !== undefined && !(TOPIC_INTENTS as readonly unknown[]).includes(o.n))
    return { ok: false, reason: "unknown pending topic" };
  // Asked mid-topic (leave it for another?) or after one ended (back to the one left for it?).
  if (o.a === "s" && (o.n === undefined || !(topic || phase === "anythingElse")))
    return { ok: false, reason: "switch without topics" };
  const knownSaid =
    o.e === SAID_SUPPORT ||
    o.e === SAID_RESOLVED ||
    o.e === SAID_SAME_PROBLEM ||
    o.e === SAID_UNSURE ||
    o.e === SAID_UNDERSTOOD.yes ||
    o.e === SAID_UNDERSTOOD.no ||
    (typeof o.e === "string" && Object.hasOwn(content.questions, o.e));
  if (o.e !== undefined && !knownSaid) return { ok: false, reason: "unknown said" };
  if (o.k !== undefined && !(typeof o.k === "string" && /^(n?y?|yn)$/.test(o.k)))
    return { ok: false, reason: "bad hints" };
  if (o.d !== undefined && !(typeof o.d === "string" && o.d.length <= length && OUTCOMES.test(o.d)))
    return { ok: false, reason: "bad outcomes" };
  if (o.b !== undefined && !isEpochSeconds(o.b)) return { ok: false, reason: "bad start time" };
  if (o.f !== undefined && (!(TOPIC_INTENTS as readonly unknown[]).includes(o.f) || !topic))
    return { ok: false, reason: "bad topic led from" };
  const left = decodePlace(o.l, content);
  if (o.l !== undefined && !left) return { ok: false, reason: "bad topic left" };
  const state: State = { v: STATE_VERSION, phase, step: o.s, hist: o.h as number[], miss: o.m };
  if (topic) state.topic = topic;
  if (o.z === 1) state.paused = true;
  if (o.o === 1) state.offered = true;
  if (typeof o.r === "number") state.saved = o.r;
  if (o.q === 1) state.savedConfirmed = true;
  if (typeof o.a === "string") state.ask = ASKS[o.a];
  if (o.n !== undefined) state.pending = o.n as TopicId;
  if (typeof o.e === "string") state.said = o.e;
  if (typeof o.d === "string" && o.d.length > 0) state.outcomes = o.d;
  if (isEpochSeconds(o.b)) state.began = o.b;
  if (o.f !== undefined) state.from = o.f as TopicId;
  if (left) state.left = left;
  if (typeof o.k === "string" && o.k.length > 0)
    state.hinted = [...o.k].map((c) => HINT_CODES[c]).filter((k): k is HintKind => k !== undefined);
  return { ok: true, state };
}

/** `[topic, step]` or `[topic, step, way]`, checked against the content: the place, or nothing. */
function decodePlace(raw: unknown, content: SpeechContent): Place | undefined {
  if (!Array.isArray(raw) || raw.length < 2 || raw.length > 3) return undefined;
  const [topic, step, hist] = raw as unknown[];
  if (!(TOPIC_INTENTS as readonly unknown[]).includes(topic)) return undefined;
  const id = topic as TopicId;
  const length = content.topics[id].steps.length;
  if (!isIndex(step, length)) return undefined;
  if (hist === undefined) return { topic: id, step };
  const way = Array.isArray(hist) && hist.length <= MAX_HISTORY && hist.every((i) => isIndex(i, length));
  return way ? { topic: id, step, hist: hist as number[] } : undefined;
}

/**
 * Where a topic ended, kept beside "anything else?": the topic, its step, the way there and what was done, for
 * "wait, I meant no", "go back" and "what have we done so far?". Nothing when no topic was under way.
 */
export const keptPlace = (s: State): Partial<State> => ({
  ...(s.topic ? { topic: s.topic, step: s.step, hist: s.hist, outcomes: s.outcomes } : {}),
  ...keptLeft(s),
});

/** The topic left mid-way for the one under way, kept when that one ends (for "back to the other problem"). */
export const keptLeft = (s: State): Pick<State, "left"> => (s.left ? { left: s.left } : {});
