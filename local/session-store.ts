// Where conversations live between turns: idle sessions expire after the bot's idle TTL, and the number of
// sessions is capped so a client that never reuses a session id can't grow memory without bound (the least
// recently used session goes first, as a real bot would have long expired it).

export interface SessionStoreOptions {
  /** Lex's idleSessionTTLInSeconds: a session untouched for this long starts fresh. */
  idleTtlMs: number;
  maxSessions: number;
  /** How often expired sessions are swept out; 0 turns the timer off (they still expire on access). */
  sweepEveryMs?: number;
  now?: () => number;
}

interface Entry<T> {
  value: T;
  lastActive: number;
}

export class SessionStore<T> {
  // A Map iterates in insertion order; re-inserting on every write keeps the least recently used first.
  private readonly entries = new Map<string, Entry<T>>();
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;

  constructor(private readonly opts: SessionStoreOptions) {
    this.now = opts.now ?? Date.now;
    const every = opts.sweepEveryMs ?? Math.min(opts.idleTtlMs, 60_000);
    if (every > 0) {
      this.timer = setInterval(() => this.sweep(), every);
      // The sweep must never keep a process (a test run, the console) alive on its own.
      this.timer.unref();
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** The live session, or undefined when there is none or it has expired. Reading does not count as activity. */
  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.expired(entry)) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Stores a session after a turn: it becomes the most recently used and its idle clock restarts. */
  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { value, lastActive: this.now() });
    while (this.entries.size > this.opts.maxSessions) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  /** Drops every expired session; returns how many went. */
  sweep(): number {
    let removed = 0;
    for (const [key, entry] of this.entries) {
      if (this.expired(entry)) {
        this.entries.delete(key);
        removed++;
      }
    }
    return removed;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.entries.clear();
  }

  private expired(entry: Entry<T>): boolean {
    return this.now() - entry.lastActive >= this.opts.idleTtlMs;
  }
}
