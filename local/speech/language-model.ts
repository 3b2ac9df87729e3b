// A bigram language model of what callers say to this bot, as Lex biases its recognition to a bot's utterances:
// built at start-up from prompts/ (every intent's training phrases and every answer in the question's own
// words), in the ARPA format pocketsphinx reads. Absolute discounting with back-off to add-one unigrams.
import type { Content } from "../../lambda/content/load.js";

const DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

/** Words as a recogniser hears them: lower case, letters and apostrophes, single digits spelled out. */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/-/g, " ")
    .replace(/[^a-z0-9' ]/g, " ")
    .split(/\s+/)
    .map((w) => w.replace(/^'+|'+$/g, ""))
    .map((w) => (/^\d$/.test(w) ? (DIGITS[Number(w)] as string) : w))
    .filter((w) => w.length > 0 && !/\d/.test(w));
}

/** Everything the bot is trained on, as sentences: intents' utterances and answers in the question's words. */
export function botSentences(content: Content, utterances: string[]): string[] {
  const answers = [
    ...content.shared.fixedAnswers.yes,
    ...content.shared.fixedAnswers.no,
    ...Object.values(content.topics).flatMap((t) =>
      t.steps.flatMap((s) => [...(s.answers?.yes ?? []), ...(s.answers?.no ?? [])]),
    ),
  ];
  return [...utterances, ...answers, ...FILLED];
}

/** Callers fill their pauses: the model should expect "um" before an answer rather than hear another word. */
const FILLED = ["um", "uh", "hmm", "er"].flatMap((f) => [
  f,
  `${f} yes`,
  `${f} no`,
  `${f} i think so`,
  `${f} i'm not sure`,
]);

export interface LanguageModel {
  arpa: string;
  vocabulary: string[];
}

const DISCOUNT = 0.7;
const log10 = (p: number) => Math.log10(p).toFixed(4);

/**
 * Everyday words callers use around the bot's phrases ("hi", "hasn't", "anymore", "something's"), added as
 * unigrams only: reachable through back-off, never competing with the bot's own word sequences. Lex's recogniser
 * knows all of English; a model of the training phrases alone would turn every other word into one of them.
 */
export const EVERYDAY_WORDS = `a about above actually after again ago all almost already also always am an and
another any anymore anything anyway are aren't around as ask asked at away back bad be because been before being
believe better between bit both but by call called can can't cannot check clear come comes could couldn't day days
did didn't do does doesn't doing don't done down each either else end enough even ever every everything fine first
for found from get gets getting give go goes going gone good got great had hadn't happen happened happening has
hasn't have haven't having he he's hear hello help her here hey hi him his hmm hold home how i i'd i'll i'm i've
if in into is isn't it it's its just keep kind know last later left let let's like little long look looks lot
made make many maybe me mean might mine minute more morning most much my myself need needs never new next nice night
no none not nothing now of off oh ok okay old on once one only or other our out over own part phone please pretty
probably put quite rather re really right said same saw say says see seems seen she should shouldn't show since
so some someone something something's sometimes soon sorry still stuff such sure take tell than thank thanks that
that's the their them then there there's these they they're thing things think this those though thought through
time to today told too tried try trying turn two um under understand until up us use used very wait want wanted
was wasn't way we we're week well went were what what's when where which while who why will with without won't
work worked working would wouldn't wrong yeah yes yesterday yet you you're your`.split(/\s+/);

export function buildLanguageModel(
  sentences: string[],
  known: (word: string) => boolean,
  everyday: string[] = [],
): LanguageModel {
  const unigrams = new Map<string, number>();
  const bigrams = new Map<string, Map<string, number>>();
  const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const w of everyday) if (known(w)) unigrams.set(w, (unigrams.get(w) ?? 0) + 2);
  for (const sentence of sentences) {
    // A word with no pronunciation can't be heard: the sentence is cut there, into pieces that can.
    const pieces: string[][] = [[]];
    for (const w of wordsOf(sentence)) {
      if (known(w)) pieces.at(-1)?.push(w);
      else pieces.push([]);
    }
    for (const piece of pieces.filter((p) => p.length > 0)) {
      const seq = ["<s>", ...piece, "</s>"];
      for (const w of seq) count(unigrams, w);
      for (let i = 1; i < seq.length; i++) {
        const h = seq[i - 1] as string;
        const next = bigrams.get(h) ?? new Map<string, number>();
        count(next, seq[i] as string);
        bigrams.set(h, next);
      }
    }
  }
  const vocabulary = [...unigrams.keys()].filter((w) => w !== "<s>" && w !== "</s>").sort();
  const words = [...unigrams.keys()].sort();
  const total = [...unigrams.entries()].filter(([w]) => w !== "<s>").reduce((n, [, c]) => n + c, 0);
  const scored = words.filter((w) => w !== "<s>");
  const uni = new Map(scored.map((w) => [w, ((unigrams.get(w) ?? 0) + 1) / (total + scored.length)]));
  const lines2: string[] = [];
  const backoff = new Map<string, number>();
  for (const h of words) {
    const next = bigrams.get(h);
    if (!next) continue;
    const hc = [...next.values()].reduce((a, b) => a + b, 0);
    let seen = 0;
    for (const [w, c] of [...next.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const p = (c - DISCOUNT) / hc;
      seen += uni.get(w) ?? 0;
      lines2.push(`${log10(p)} ${h} ${w}`);
    }
    const left = (DISCOUNT * next.size) / hc;
    backoff.set(h, left / Math.max(1e-9, 1 - seen));
  }
  const lines1 = words.map((w) => {
    const p = w === "<s>" ? "-99" : log10(uni.get(w) ?? 1e-9);
    const b = backoff.get(w);
    return b === undefined ? `${p} ${w}` : `${p} ${w} ${log10(b)}`;
  });
  const arpa = [
    "\\data\\",
    `ngram 1=${lines1.length}`,
    `ngram 2=${lines2.length}`,
    "",
    "\\1-grams:",
    ...lines1,
    "",
    "\\2-grams:",
    ...lines2,
    "",
    "\\end\\",
    "",
  ].join("\n");
  return { arpa, vocabulary };
}
