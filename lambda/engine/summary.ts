// What the caller and the line did, for the agent a caller is handed to and for "what have we done so far?".
// Built from the state's per-step outcomes and the content's own words (step titles, the questions' notes),
// never from anything the caller said: no transcript, no number, no account detail can get in.
import type { TopicId } from "../content/intents.js";
import type { SpeechContent, SpokenTopic } from "../content/types.js";
import { fill } from "./fill.js";
import type { Outcome, State } from "./state.js";
import type { HandoffReason } from "./types.js";

/** Contact attributes show about this much at a glance; Lex allows far more, an agent reads far less. */
export const MAX_SUMMARY_CHARS = 300;

export interface HandoffSummary {
  /** One line for the agent: "Fixing your iCloud backup, at step 4: ... Found: ... Tried: ... ". */
  text: string;
  reason: HandoffReason;
  topic?: TopicId;
  /** The file's step index + 1 of the step the caller was on (as the `step` attribute has always been). */
  step?: number;
  /** Ids of the steps the caller answered or carried out, in order. */
  stepsDone: string[];
  /** How long the caller spent with the line, when the channel gave the time. */
  seconds?: number;
}

interface Done {
  found: string[];
  tried: string[];
  declined: string[];
  skipped: string[];
  ids: string[];
}

/** The outcome of each step of the topic, in the order a caller meets them (branches only go forward). */
function done(topic: SpokenTopic, outcomes: string | undefined): Done {
  const d: Done = { found: [], tried: [], declined: [], skipped: [], ids: [] };
  [...(outcomes ?? "")].forEach((outcome, i) => {
    const step = topic.steps[i];
    if (!step) return;
    switch (outcome as Outcome) {
      case "y":
      case "n":
        if (step.then === "question" && step.notes)
          d.found.push(outcome === "y" ? step.notes.yes : step.notes.no);
        else d.tried.push(step.title);
        d.ids.push(step.id);
        return;
      case "c":
        d.tried.push(step.title);
        d.ids.push(step.id);
        return;
      case "x":
        d.declined.push(step.title);
        return;
      case "s":
        d.skipped.push(step.title);
        return;
    }
  });
  return d;
}

/** "a, b and 2 more": a list that fits, the first items kept. */
const listOf = (items: string[], keep: number) =>
  items.length <= keep
    ? items.join(", ")
    : `${items.slice(0, keep).join(", ")} and ${items.length - keep} more`;

type Lists = "found" | "tried" | "declined" | "skipped";

/** The sentences of what was done, each list cut to its `keep` items. */
function doneSentences(content: SpeechContent, d: Done, keep: Record<Lists, number>): string[] {
  const h = content.shared.handoff;
  const out: string[] = [];
  for (const list of ["found", "tried", "declined", "skipped"] as const)
    if (d[list].length) out.push(fill(h[list], { items: listOf(d[list], keep[list]) }));
  return out;
}

export function handoffSummary(
  content: SpeechContent,
  s: State,
  reason: HandoffReason,
  at: { atStep: boolean; now?: number | undefined },
): HandoffSummary {
  const now = at.now;
  const h = content.shared.handoff;
  const topic = s.topic ? content.topics[s.topic] : undefined;
  const seconds =
    now !== undefined && s.began !== undefined ? Math.max(0, Math.round(now / 1000) - s.began) : undefined;
  const time =
    seconds === undefined
      ? []
      : seconds < 60
        ? [h.underAMinute]
        : [fill(h.minutes, { minutes: Math.round(seconds / 60) })];
  const ending = [h.reason[reason], ...time];
  const d = topic ? done(topic, s.outcomes) : undefined;
  const step = topic?.steps[s.step];
  // Where the caller is: not when nothing fixed it (the last step is behind them, maybe declined).
  const place = !topic
    ? h.noTopic
    : !(at.atStep && step) || reason === "notFixed"
      ? `${capitalise(topic.title)}.`
      : fill(h.place, { topic: capitalise(topic.title), title: step.title });
  // Everything, if it fits; else the longest list is cut one item at a time ("and 2 more"), so every list keeps
  // what it can.
  const keep = { found: 8, tried: 8, declined: 8, skipped: 8 };
  const from = s.from ? [fill(h.cameFrom, { topic: content.topics[s.from].title })] : [];
  const textWith = () => [place, ...from, ...(d ? doneSentences(content, d, keep) : []), ...ending].join(" ");
  let text = textWith();
  while (text.length > MAX_SUMMARY_CHARS && d) {
    const longest = (Object.keys(keep) as Array<keyof typeof keep>)
      .filter((k) => keep[k] > 0 && d[k].length > 0)
      .sort((a, b) => Math.min(d[b].length, keep[b]) - Math.min(d[a].length, keep[a]))[0];
    if (!longest) break;
    keep[longest] = Math.min(keep[longest], d[longest].length) - 1;
    text = textWith();
  }
  return {
    text: text.slice(0, MAX_SUMMARY_CHARS),
    reason,
    ...(s.topic ? { topic: s.topic, step: s.step + 1 } : {}),
    stepsDone: d?.ids ?? [],
    ...(seconds !== undefined ? { seconds } : {}),
  };
}

/** "What have we done so far?": the same facts, read back to the caller; nothing when nothing is done yet. */
export function soFar(content: SpeechContent, s: State): string[] {
  const h = content.shared.handoff;
  const topic = s.topic ? content.topics[s.topic] : undefined;
  if (!topic) return [];
  const all = { found: 8, tried: 8, declined: 8, skipped: 8 };
  const sentences = doneSentences(content, done(topic, s.outcomes), all);
  return sentences.length > 0 ? [fill(h.soFar, { topic: topic.title }), ...sentences] : [];
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
