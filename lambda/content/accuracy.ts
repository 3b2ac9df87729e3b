// Checks that keep the content right for today's iPhone, beyond one file's schema: every "article:" source names a
// real section of the source article, and "Apple ID" (the name before iOS 18) is never said without "Apple Account".
// Build-time and tooling only.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { TopicId } from "./intents.js";
import type { Shared, SideQuestion, SourceKind, Topic } from "./schema.js";

export const ARTICLE_FILE = fileURLToPath(new URL("../../docs/source-article.txt", import.meta.url));

/** The article's section headings: its short lines that are not sentences of a paragraph, after its title. */
export function articleHeadings(text = readFileSync(ARTICLE_FILE, "utf8")): Set<string> {
  const lines = text.split("\n").map((l) => l.trim());
  return new Set(lines.slice(1).filter((l) => l.length > 0 && l.length <= 90 && !/[.:!]$/.test(l)));
}

/** One recorded source: its kind, what it names, and the content it backs ("backup-stuck.yaml: delete-backup"). */
export interface SourceEntry {
  kind: SourceKind;
  ref: string;
  where: string;
}

/** Every source in the content, with where it is used: for checks and for the README's list. */
export function allSources(
  topics: Partial<Record<TopicId, Topic>>,
  questions: SideQuestion[],
  files: Partial<Record<TopicId, string>>,
  questionsFile: string,
): SourceEntry[] {
  const entries: SourceEntry[] = [];
  const add = (list: readonly string[] | undefined, where: string) => {
    for (const s of list ?? []) {
      const colon = s.indexOf(": ");
      entries.push({ kind: s.slice(0, colon) as SourceKind, ref: s.slice(colon + 2), where });
    }
  };
  for (const [intent, topic] of Object.entries(topics) as [TopicId, Topic][]) {
    const file = files[intent] ?? intent;
    add(topic.sources, `${file}: answer`);
    for (const step of topic.steps) add(step.sources, `${file}: ${step.id}`);
  }
  for (const q of questions) {
    add(q.sources, `${questionsFile}: ${q.intent}`);
    for (const w of q.where ?? []) add(w.sources, `${questionsFile}: ${q.intent} in ${w.topic}`);
  }
  return entries;
}

/** "article:" sources that name no section of the article. */
export function articleProblems(entries: SourceEntry[], headings = articleHeadings()): string[] {
  return entries
    .filter((e) => e.kind === "article" && !headings.has(e.ref))
    .map(
      (e) => `${e.where}: sources: 'article: ${e.ref}' is not a section heading of docs/source-article.txt`,
    );
}

const OLD_NAME = /\bApple ID\b/;
const NEW_NAME = /\bApple Account\b/;
/** Keys whose strings are not spoken: training phrases, answer key words, sources, ids and branch targets. */
const UNSPOKEN = new Set([
  ...["utterances", "answers", "fixedAnswers", "sources", "notes"],
  ...["id", "intent", "yes", "no", "declined", "leadsTo", "then"],
]);

/** Spoken phrases that say "Apple ID" without "Apple Account": callers on iOS 18 see only the new name. */
export function namingProblems(where: string, value: unknown, path: string[] = []): string[] {
  if (typeof value === "string")
    return OLD_NAME.test(value) && !NEW_NAME.test(value)
      ? [`${where}: ${path.join(".")}: says "Apple ID" without "Apple Account" (its name since iOS 18)`]
      : [];
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, v]) =>
    UNSPOKEN.has(key) ? [] : namingProblems(where, v, [...path, key]),
  );
}

/** Both checks over the whole content. */
export function accuracyProblems(
  shared: Shared,
  topics: Partial<Record<TopicId, Topic>>,
  questions: SideQuestion[],
  files: Partial<Record<TopicId, string>>,
  questionsFile: string,
  sharedFile: string,
): string[] {
  return [
    ...articleProblems(allSources(topics, questions, files, questionsFile)),
    ...namingProblems(sharedFile, { ...shared, intents: undefined }),
    ...(Object.entries(topics) as [TopicId, Topic][]).flatMap(([intent, t]) =>
      namingProblems(files[intent] ?? intent, t),
    ),
    ...questions.flatMap((q) => namingProblems(`${questionsFile}: ${q.intent}`, q)),
  ];
}
