// Step numbers as a caller hears them. Topics branch (a "no" to "is your storage full?" skips the steps about
// freeing space), so a step's place in the file is not its number on the caller's path: "Step 2" is the second
// step this caller heard, and "of 5" is said only when the way ahead no longer depends on an answer.
import type { SpokenTopic } from "../content/types.js";

/**
 * The steps that can follow step `index`: a question's two answers, else the step after it, and the step "no" to
 * a confirmation skips to (-1: the end, or another topic).
 */
function following(topic: SpokenTopic, index: number): number[] {
  const step = topic.steps[index];
  if (!step) return [];
  const targets =
    step.then === "question" ? [step.yes ?? "next", step.no ?? "next"] : [step.leadsTo ?? "next"];
  const indexOf = (target: string) =>
    target === "next"
      ? index + 1 < topic.steps.length
        ? index + 1
        : -1
      : topic.steps.findIndex((s) => s.id === target);
  // A declined confirmation that skips to a later step is a way on; one that ends the topic is the caller's choice,
  // not "what we find", so it doesn't shorten the count.
  const declined = step.confirm && step.declined ? indexOf(step.declined) : -1;
  return [...targets.map(indexOf), ...(declined >= 0 ? [declined] : [])];
}

export interface Range {
  min: number;
  max: number;
}

const cache = new WeakMap<SpokenTopic, Range[]>();

/**
 * How many more steps a caller hears after step `index` when nothing fixes the problem early: the fewest and the
 * most over the branches still ahead. Branches only point forward (the schema checks it), so this ends.
 */
export function stepsAfter(topic: SpokenTopic, index: number): Range {
  let ranges = cache.get(topic);
  if (!ranges) {
    ranges = [];
    for (let i = topic.steps.length - 1; i >= 0; i--) {
      const next = following(topic, i).map((j) => {
        const after = j >= 0 ? ranges?.[j] : undefined;
        return after ? { min: after.min + 1, max: after.max + 1 } : { min: 0, max: 0 };
      });
      ranges[i] = {
        min: Math.min(...next.map((r) => r.min)),
        max: Math.max(...next.map((r) => r.max)),
      };
    }
    cache.set(topic, ranges);
  }
  return ranges[index] ?? { min: 0, max: 0 };
}

/** The steps a topic takes from its first: "This takes 5 short steps", or up to 5 where it branches. */
export function topicLength(topic: SpokenTopic): Range {
  const after = stepsAfter(topic, 0);
  return { min: after.min + 1, max: after.max + 1 };
}

/**
 * The number a caller hears for step `index`: the steps heard before it (`heard`, the history), plus one. A
 * history shorter than any way to the step (a picked-up step, a state from before histories were kept) counts
 * the shortest way instead.
 */
export function stepNumber(topic: SpokenTopic, index: number, heard: readonly number[]): number {
  const shortest = heard.length < index ? pathTo(topic, index).length : 0;
  return Math.max(heard.length, shortest) + 1;
}

/**
 * The shortest way from the first step to step `index` (the steps before it, in order): the history of a caller
 * who picks up a saved step, so that its number and "back" follow a path they could have taken.
 */
export function pathTo(topic: SpokenTopic, index: number): number[] {
  const before = new Map<number, number>();
  const queue = [0];
  const seen = new Set([0]);
  while (queue.length > 0) {
    const at = queue.shift() as number;
    if (at === index) break;
    for (const next of following(topic, at)) {
      if (next < 0 || seen.has(next)) continue;
      seen.add(next);
      before.set(next, at);
      queue.push(next);
    }
  }
  const path: number[] = [];
  for (let at = before.get(index); at !== undefined; at = before.get(at)) path.unshift(at);
  return path;
}
