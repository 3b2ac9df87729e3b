// Reads and validates the content files of one locale. Build-time and tooling only (infra, local runtime, tests,
// scripts): the Lambda gets the result through the generated module, never reads files at run time.
import { readdirSync, readFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { accuracyProblems } from "./accuracy.js";
import {
  BUILTIN_NAV_INTENTS,
  FALLBACK_INTENT,
  NAV_INTENTS,
  type NavIntent,
  TOPIC_INTENTS,
  type TopicId,
} from "./intents.js";
import {
  type Channel,
  normalise,
  type Shared,
  SharedSchema,
  type SideQuestion,
  SideQuestionsSchema,
  type Topic,
  TopicSchema,
} from "./schema.js";
import type { AnswerWords, ChannelWording, SpeechContent } from "./types.js";
import { channelProblems, channelWording, wordFor } from "./wording.js";

export const PROMPTS_DIR = resolve(fileURLToPath(new URL("../../prompts", import.meta.url)));
export const DEFAULT_LOCALE = "en-US";
const SHARED_FILE = "shared.yaml";
const QUESTIONS_FILE = "questions.yaml";

export class ContentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Content is invalid:\n  - ${problems.join("\n  - ")}`);
    this.name = "ContentError";
  }
}

export interface Content {
  locale: string;
  shared: Shared;
  topics: Record<TopicId, Topic>;
  /** Side questions callers ask mid-step (questions.yaml). */
  questions: SideQuestion[];
  /** Which file each topic came from, relative to the repository. */
  files: Record<TopicId, string>;
}

export interface BotIntent {
  name: string;
  kind: "topic" | "navigation" | "question" | "builtin" | "fallback";
  /** Lex parent signature for built-ins (AMAZON.HelpIntent ...). */
  parent?: string;
  /** Training phrases. For built-ins these only train the local classifier: Lex brings its own. */
  utterances: string[];
}

export interface BotModel {
  locale: string;
  /** Below this NLU confidence the bot picks FallbackIntent: the CDK default and the local runtime's value. */
  nluConfidenceThreshold: number;
  intents: BotIntent[];
}

export const NLU_CONFIDENCE_THRESHOLD = 0.4;

const pathOf = (path: PropertyKey[]) =>
  path.reduce<string>(
    (acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    "",
  ) || "(file)";

function validate<T>(schema: z.ZodType<T>, data: unknown, file: string, problems: string[]): T | undefined {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) problems.push(`${file}: ${pathOf(issue.path)}: ${issue.message}`);
  return undefined;
}

function readYaml(path: string, file: string, problems: string[]): unknown {
  try {
    return parseYaml(readFileSync(path, "utf8"));
  } catch (err) {
    problems.push(`${file}: (file): not valid YAML: ${(err as Error).message.split("\n")[0]}`);
    return undefined;
  }
}

/** Loads every file of a locale; throws a ContentError naming each file, field and problem. */
export function loadContent(locale = DEFAULT_LOCALE, dir = PROMPTS_DIR): Content {
  const localeDir = join(dir, locale);
  const problems: string[] = [];
  const rel = (name: string) => relative(resolve(dir, ".."), join(localeDir, name));
  let names: string[];
  try {
    names = readdirSync(localeDir).filter((n) => /\.ya?ml$/.test(n));
  } catch {
    throw new ContentError([`${rel("")}: locale folder not found`]);
  }
  if (!names.includes(SHARED_FILE)) problems.push(`${rel(SHARED_FILE)}: (file): missing`);

  const readValid = <T>(name: string, schema: z.ZodType<T>) =>
    validate(schema, readYaml(join(localeDir, name), rel(name), problems), rel(name), problems);
  const shared = names.includes(SHARED_FILE) ? readValid(SHARED_FILE, SharedSchema) : undefined;
  const questions = names.includes(QUESTIONS_FILE)
    ? readValid(QUESTIONS_FILE, SideQuestionsSchema)?.questions
    : [];

  const topics: Partial<Record<TopicId, Topic>> = {};
  const files: Partial<Record<TopicId, string>> = {};
  for (const name of names.filter((n) => n !== SHARED_FILE && n !== QUESTIONS_FILE).sort()) {
    const file = rel(name);
    const topic = validate(TopicSchema, readYaml(join(localeDir, name), file, problems), file, problems);
    if (!topic) continue;
    if (topics[topic.intent]) {
      problems.push(`${file}: intent: '${topic.intent}' is already defined in ${files[topic.intent]}`);
      continue;
    }
    topics[topic.intent] = topic;
    files[topic.intent] = file;
  }
  for (const intent of TOPIC_INTENTS) {
    if (!topics[intent] && !problems.some((p) => p.includes(kebab(intent)))) {
      problems.push(`${rel(`${kebab(intent)}.yaml`)}: (file): no file defines the topic intent '${intent}'`);
    }
  }
  if (questions) problems.push(...questionPlaces(questions, topics, rel(QUESTIONS_FILE)));
  if (shared) problems.push(...crossIntentDuplicates(topics, shared, questions ?? [], rel));
  if (shared && questions)
    problems.push(
      ...accuracyProblems(shared, topics, questions, files, rel(QUESTIONS_FILE), rel(SHARED_FILE)),
    );
  if (problems.length > 0 || !shared || !questions) throw new ContentError(problems);
  const content: Content = {
    locale,
    shared,
    topics: topics as Record<TopicId, Topic>,
    questions,
    files: files as Record<TopicId, string>,
  };
  // Where a phrase lives in the content ("topics.BackupStuck.steps.2.say") names its file in the message.
  const fileOf = (path: string) => {
    const [part, name, ...rest] = path.split(".");
    if (part === "topics" && name) return `${content.files[name as TopicId]}: ${rest.join(".")}`;
    const field = [name, ...rest].join(".");
    return `${rel(part === "questions" ? QUESTIONS_FILE : SHARED_FILE)}: ${field}`;
  };
  const worded = channelProblems(spokenSource(content)).map(
    ({ path, problem }) => `${fileOf(path)}: ${problem}`,
  );
  if (worded.length > 0) throw new ContentError(worded);
  return content;
}

const kebab = (s: string) => s.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase();

/** The same phrase trained on two intents makes the classifier guess: reject it at the source. */
function crossIntentDuplicates(
  topics: Partial<Record<TopicId, Topic>>,
  shared: Shared,
  questions: SideQuestion[],
  rel: (n: string) => string,
): string[] {
  const owner = new Map<string, string>();
  const problems: string[] = [];
  const add = (intent: string, list: string[], file: string) => {
    for (const u of list) {
      const key = normalise(u);
      const prev = owner.get(key);
      if (prev && prev !== intent)
        problems.push(`${file}: utterances: '${u}' is also an utterance of ${prev}`);
      else owner.set(key, intent);
    }
  };
  for (const [intent, topic] of Object.entries(topics))
    add(intent, topic.utterances, rel(`${kebab(intent)}.yaml`));
  for (const [intent, nav] of Object.entries(shared.intents)) add(intent, nav.utterances, rel(SHARED_FILE));
  for (const q of questions) add(q.intent, q.utterances, rel(QUESTIONS_FILE));
  return problems;
}

/** A side question's placed answer must name a step that exists in its topic. */
function questionPlaces(
  questions: SideQuestion[],
  topics: Partial<Record<TopicId, Topic>>,
  file: string,
): string[] {
  const problems: string[] = [];
  questions.forEach((q, i) => {
    q.where?.forEach((place, j) => {
      const topic = topics[place.topic];
      if (place.step && topic && !topic.steps.some((s) => s.id === place.step))
        problems.push(
          `${file}: questions[${i}].where[${j}].step: '${place.step}' is not a step of ${place.topic}`,
        );
    });
  });
  return problems;
}

/** The intents a bot needs for this content: what Lex is trained on and what the local classifier learns. */
export function botModel(content: Content): BotModel {
  const intents: BotIntent[] = TOPIC_INTENTS.map((name) => ({
    name,
    kind: "topic",
    utterances: content.topics[name].utterances,
  }));
  for (const name of NAV_INTENTS as NavIntent[]) {
    const parent = (BUILTIN_NAV_INTENTS as Record<string, string>)[name];
    intents.push({
      name,
      kind: parent ? "builtin" : "navigation",
      ...(parent ? { parent } : {}),
      utterances: content.shared.intents[name].utterances,
    });
  }
  for (const q of content.questions)
    intents.push({ name: q.intent, kind: "question", utterances: q.utterances });
  intents.push({ name: FALLBACK_INTENT, kind: "fallback", parent: "AMAZON.FallbackIntent", utterances: [] });
  return { locale: content.locale, nluConfidenceThreshold: NLU_CONFIDENCE_THRESHOLD, intents };
}

/** Whether a step's own words tap Back Up Now (in its default words): then it has just tried a backup. */
const TRIES_BACKUP = /\bBack Up Now\b/;
const defaultWords = (p: string | { default: string }) => (typeof p === "string" ? p : p.default);

/**
 * "Is your backup working now?" right after a fix that didn't itself start a backup (checking Wi-Fi, deleting old
 * backups) is answered about the fix ("yep, connected"): such a step is marked `triesFirst`, and asks
 * shared.askFixedTry, which says to try one first (a flag, not the words copied into every such step). A step's
 * own `ask` wins.
 */
function withFixedAsk<S extends { then: string; say: string | { default: string }; ask?: unknown }>(
  step: S,
): S & { triesFirst?: true } {
  if (step.then !== "fixed" || step.ask !== undefined || TRIES_BACKUP.test(defaultWords(step.say)))
    return step;
  return { ...step, triesFirst: true };
}

/** Everything spoken, nothing that is only for training or review, with each phrase still worded per channel. */
function spokenSource(content: Content) {
  const topics = Object.fromEntries(
    TOPIC_INTENTS.map((name) => {
      const { utterances: _u, sources: _s, steps, ...spoken } = content.topics[name];
      return [name, { ...spoken, steps: steps.map(({ sources: _ss, ...step }) => withFixedAsk(step)) }];
    }),
  );
  const { intents: _i, ...shared } = content.shared;
  const questions = Object.fromEntries(
    content.questions.map(({ utterances: _u, sources: _s, where, ...spoken }) => [
      spoken.intent,
      where ? { ...spoken, where: where.map(({ sources: _ws, ...placed }) => placed) } : spoken,
    ]),
  );
  return { locale: content.locale, shared, topics, questions };
}

/** What the Lambda needs, in one channel's words (default: the words of channels that have none of their own). */
export function speechContent(content: Content, channel: Channel | "default" = "default"): SpeechContent {
  return wordFor(spokenSource(content), channel) as unknown as SpeechContent;
}

/** What each channel words differently from speechContent(content). */
export function speechWording(content: Content): ChannelWording {
  return channelWording(spokenSource(content));
}

export const topicFileName = (intent: TopicId) => `${kebab(intent)}.yaml`;
export const localeOf = (file: string) => basename(resolve(file, ".."));

/** Every answer in a question's own words the content declares (yes, no and too-soon), as written, repeats kept. */
export function answerPhrases(content: Content): string[] {
  const lists = (words: AnswerWords | undefined) => [
    ...(words?.yes ?? []),
    ...(words?.no ?? []),
    ...(words?.maybe ?? []),
  ];
  return [
    ...lists(content.shared.fixedAnswers),
    ...Object.values(content.topics).flatMap((t) => t.steps.flatMap((s) => lists(s.answers))),
  ];
}
