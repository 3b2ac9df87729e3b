// What the caller and the line did, for the agent a caller is handed to and for "what have we done so far?".
// Built from the state's per-step outcomes and the content's own words (step titles, the questions' notes),
// never from anything the caller said: no transcript, no number, no account detail can get in.
import type { TopicId } from "../content/intents.js";
import type { SpeechContent, SpokenTopic } from "../content/types.js";
import { fill } from "./fill.js";
import { stepNumber } from "./path.js";
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

/** The sentences of what was done, each list cut to `keep` items. */
function doneSentences(content: SpeechContent, d: Done, keep: number): string[] {
  const h = content.shared.handoff;
  const out: string[] = [];
  if (d.found.length) out.push(fill(h.found, { items: listOf(d.found, keep) }));
  if (d.tried.length) out.push(fill(h.tried, { items: listOf(d.tried, keep) }));
  if (d.declined.length) out.push(fill(h.declined, { items: listOf(d.declined, keep) }));
  if (d.skipped.length) out.push(fill(h.skipped, { items: listOf(d.skipped, keep) }));
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
  const place = !topic
    ? h.noTopic
    : !(at.atStep && step)
      ? `${capitalise(topic.title)}.`
      : fill(h.place, {
          topic: capitalise(topic.title),
          n: stepNumber(topic, s.step, s.hist),
          title: step.title,
        });
  // The longest lists that fit: fewer items per list until the line is short enough.
  let text = "";
  for (let keep = 8; keep >= 0; keep--) {
    text = [place, ...(d ? doneSentences(content, d, keep) : []), ...ending].join(" ");
    if (text.length <= MAX_SUMMARY_CHARS) break;
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
  const sentences = doneSentences(content, done(topic, s.outcomes), 8);
  return sentences.length > 0 ? [fill(h.soFar, { topic: topic.title }), ...sentences] : [];
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
