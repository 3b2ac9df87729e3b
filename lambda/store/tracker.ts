// Decides what a turn changes in the saved progress, and talks to the store without ever failing the turn:
// a slow or broken store is logged and counted, and the caller simply carries on without resume.
import type { State } from "../engine/state.js";
import type { Output } from "../engine/types.js";
import { type ProgressChannel, type ProgressStore, progressKey, type SavedProgress } from "./progress.js";

export type ProgressChange = { action: "save"; progress: SavedProgress } | { action: "remove" } | undefined;

const underWay = (state: State | undefined) =>
  state?.phase === "step" || state?.phase === "confirm" || state?.phase === "resume";

/**
 * Saved progress exists while a topic is under way. Moving on a step saves it. Leaving the topic while the call
 * goes on (fixed, finished, cancelled, Apple Support's options read) or handing the call to a person removes it,
 * as does "delete my data". A call that ends mid-topic (goodbye, hang-up, a pause) keeps it, to pick up later.
 */
export function progressChange(
  before: State | undefined,
  after: State,
  output: Output,
  channel: ProgressChannel,
  now = Date.now(),
): ProgressChange {
  if (output.forget || output.end === "handoff") return { action: "remove" };
  if ((after.phase === "step" || after.phase === "confirm") && after.topic) {
    const moved = before?.topic !== after.topic || before.step !== after.step || before.phase === "resume";
    // A confirmation given: the same step, now read. Saved, so a call that drops as it restarts the iPhone
    // doesn't ask for the confirmation again.
    const confirmedNow = before?.phase === "confirm" && after.phase === "step";
    const confirmed = confirmedNow;
    return moved || confirmedNow
      ? {
          action: "save",
          progress: {
            topic: after.topic,
            step: after.step,
            at: now,
            channel,
            ...(confirmed ? { confirmed } : {}),
            ...(after.hist.length > 0 ? { hist: after.hist } : {}),
          },
        }
      : undefined;
  }
  if (after.phase === "resume") return undefined; // still offering the saved place
  if (underWay(before) && !output.end) return { action: "remove" };
  return undefined;
}

export type StoreProblem = { operation: "secret" | "load" | "save" | "remove"; error: string };

/** After a failure the store is left alone for a while, so one outage costs one timeout, not one per call. */
export const STORE_BACKOFF_MS = 30_000;

export class ProgressTracker {
  private downUntil = 0;

  constructor(
    private readonly store: ProgressStore,
    private readonly secret: () => Promise<string>,
    private readonly onProblem: (problem: StoreProblem) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Made ready at init: the store's client loaded and connected, the hashing secret fetched. Never throws and
   * never marks the store down: whatever fails here is met, and reported, by the first turn.
   */
  async prepare(): Promise<void> {
    await Promise.allSettled([this.store.prepare?.(), this.secret()]);
  }

  private available(): boolean {
    return this.now() >= this.downUntil;
  }

  private failed(operation: StoreProblem["operation"], err: unknown): undefined {
    this.downUntil = this.now() + STORE_BACKOFF_MS;
    this.onProblem({ operation, error: String(err) });
    return undefined;
  }

  async key(kind: "phone" | "alexa" | "session", identity: string): Promise<string | undefined> {
    if (!this.available()) return undefined;
    try {
      return await progressKey(kind, identity, await this.secret());
    } catch (err) {
      return this.failed("secret", err);
    }
  }

  async load(key: string): Promise<SavedProgress | undefined> {
    if (!this.available()) return undefined;
    try {
      return await this.store.load(key);
    } catch (err) {
      return this.failed("load", err);
    }
  }

  async apply(key: string, change: ProgressChange): Promise<void> {
    if (!change || !this.available()) return;
    try {
      if (change.action === "save") await this.store.save(key, change.progress);
      else await this.store.remove(key);
    } catch (err) {
      this.failed(change.action, err);
    }
  }
}
