// Active contexts live for a number of seconds and a number of turns, whichever runs out first. Lex keeps the
// clocks; the Lambda and the client only see the contexts still alive.
import type { ActiveContext } from "./lex-types.js";

export interface ContextClock {
  expiresAt: number;
  turnsLeft: number;
}

export function startClocks(
  contexts: ActiveContext[] | undefined,
  now: number,
): Record<string, ContextClock> {
  const clocks: Record<string, ContextClock> = {};
  for (const c of contexts ?? []) {
    clocks[c.name] = {
      expiresAt: now + c.timeToLive.timeToLiveInSeconds * 1000,
      turnsLeft: c.timeToLive.turnsToLive,
    };
  }
  return clocks;
}

/** The contexts alive for this turn, with one turn taken off each. */
export function ageContexts(
  contexts: ActiveContext[] | undefined,
  clocks: Record<string, ContextClock>,
  now: number,
): { active: ActiveContext[] | undefined; clocks: Record<string, ContextClock> } {
  if (!contexts) return { active: undefined, clocks };
  const next: Record<string, ContextClock> = {};
  const active = contexts.filter((c) => {
    const clock = clocks[c.name];
    if (!clock || clock.expiresAt <= now || clock.turnsLeft <= 0) return false;
    next[c.name] = { ...clock, turnsLeft: clock.turnsLeft - 1 };
    return true;
  });
  return { active, clocks: next };
}
