// Progress that survives a dropped call or a closed microphone: where a caller got to, keyed by a one-way hash
// of who they are (never the raw phone number or user id). The port is small so the engine and adapters stay
// unaware of DynamoDB, and so a slow or broken store can never hold up a turn.
import { TOPIC_INTENTS, type TopicId } from "../content/intents.js";
import { MAX_HISTORY } from "../engine/state.js";

const isStepIndex = (n: unknown): n is number =>
  typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= 100;

export type ProgressChannel = "phone" | "alexa" | "voice" | "text";

export interface SavedProgress {
  topic: TopicId;
  /** Index of the step the caller was on. */
  step: number;
  /** The step was read, past its confirmation: a call that dropped as it restarted the iPhone isn't asked again. */
  confirmed?: boolean;
  /** The steps before it on the caller's way, so a call back numbers the steps as the caller heard them. */
  hist?: number[];
  /** When it was saved, epoch milliseconds. */
  at: number;
  channel: ProgressChannel;
}

export interface ProgressStore {
  load(key: string): Promise<SavedProgress | undefined>;
  save(key: string, progress: SavedProgress): Promise<void>;
  remove(key: string): Promise<void>;
  /** Gets ready to answer quickly (client loaded, connection open) without writing anything; never throws. */
  prepare?(): Promise<void>;
}

/** Saved progress is offered for a week, then forgotten (DynamoDB TTL deletes the item). */
export const PROGRESS_TTL_SECONDS = 7 * 24 * 60 * 60;
/** A store call that takes longer than this is abandoned: the caller hears the turn without resume. */
export const STORE_TIMEOUT_MS = 300;

/**
 * The one-way key: HMAC-SHA-256 of the identity with a deployment secret, namespaced by kind. node:crypto is
 * imported here, on first use, because loading it costs about 3 ms of every cold start.
 */
export async function progressKey(
  kind: "phone" | "alexa" | "session",
  identity: string,
  secret: string,
): Promise<string> {
  const { createHmac } = await import("node:crypto");
  return createHmac("sha256", secret).update(`${kind}:${identity.trim()}`).digest("hex");
}

/** Progress read back from storage is outside input too: check it before the engine sees it. */
export function parseProgress(item: unknown, now = Date.now()): SavedProgress | undefined {
  if (typeof item !== "object" || item === null) return undefined;
  const o = item as Record<string, unknown>;
  const { topic, step, at, channel, confirmed, hist } = o;
  if (!(TOPIC_INTENTS as readonly unknown[]).includes(topic)) return undefined;
  if (!isStepIndex(step)) return undefined;
  if (typeof at !== "number" || at > now + 60_000 || now - at > PROGRESS_TTL_SECONDS * 1000) return undefined;
  if (channel !== "phone" && channel !== "alexa" && channel !== "voice" && channel !== "text")
    return undefined;
  if (confirmed !== undefined && typeof confirmed !== "boolean") return undefined;
  if (hist !== undefined && !(Array.isArray(hist) && hist.length <= MAX_HISTORY && hist.every(isStepIndex)))
    return undefined;
  return {
    topic: topic as TopicId,
    step,
    at,
    channel,
    ...(confirmed ? { confirmed } : {}),
    ...(Array.isArray(hist) && hist.length > 0 ? { hist: hist as number[] } : {}),
  };
}

export class StoreTimeout extends Error {
  constructor(operation: string) {
    super(`progress store ${operation} took longer than ${STORE_TIMEOUT_MS} ms`);
    this.name = "StoreTimeout";
  }
}

/** Runs a store call within the voice budget; the caller's turn never waits longer than that. */
export async function withinBudget<T>(
  operation: string,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new StoreTimeout(operation));
    }, STORE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([call(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
