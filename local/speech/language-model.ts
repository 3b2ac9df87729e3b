// A trigram language model of what callers say to this bot, as Lex biases its recognition to a bot's utterances:
// built at start-up from prompts/ (every intent's training phrases, commands and answers weighted as a call has
// them, every answer in the question's own words, and what the line itself says, whose words callers say back:
// "it says estimating time remaining"), in the ARPA format pocketsphinx reads. Absolute discounting, backing off
// to unigrams that mix the bot's with general English (general-english.ts), over the bot's words and the most
// common words of English.
import { NAV_INTENTS } from "../../lambda/content/intents.js";
import { answerPhrases, type Content, speechContent } from "../../lambda/content/load.js";

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

/**
 * A call has many more commands and answers ("next", "back", "yes", "I think so") than problems described (one or
 * two): their phrases count this many times over, so a short turn is heard as the command it usually is ("back",
 * not "backup"). Chosen on the voice conversations (`npm run test:lex -- --audio`): 1, 204 of 256 pass; 2, 224;
 * 3, 222, with the development set's word error rate 11.8%, 12.1% and 12.5%.
 */
const TURN_WEIGHT = 2;

/**
 * Everything the bot is trained on, as sentences: intents' utterances (commands weighted by TURN_WEIGHT) and
 * answers in the question's words; then what the line says, sentence by sentence.
 */
export function botSentences(
  content: Content,
  intents: ReadonlyArray<{ name: string; utterances: string[] }>,
): string[] {
  const answers = answerPhrases(content);
  const isCommand = (name: string) => (NAV_INTENTS as readonly string[]).includes(name);
  const commands = intents.filter((i) => isCommand(i.name)).flatMap((i) => i.utterances);
  const problems = intents.filter((i) => !isCommand(i.name)).flatMap((i) => i.utterances);
  const turns = [...commands, ...answers, ...FILLED, ...STEP_NUMBERS];
  return [
    ...Array.from({ length: TURN_WEIGHT }, () => turns).flat(),
    ...problems,
    ...spokenSentences(speechContent(content)),
  ];
}

/** Every sentence of two words or more in what the line can say, placeholders ("{count}") left out. */
function spokenSentences(spoken: unknown): string[] {
  const out: string[] = [];
  const walk = (x: unknown): void => {
    if (typeof x === "string")
      for (const s of x.replace(/\{\w+\}/g, " ").split(/[.?!:;]+/))
        if (s.trim().split(/\s+/).length >= 2) out.push(s.trim());
    if (Array.isArray(x)) for (const v of x) walk(v);
    else if (x && typeof x === "object") for (const v of Object.values(x)) walk(v);
  };
  walk(spoken);
  return out;
}

/** Callers fill their pauses: the model should expect "um" before an answer rather than hear another word. */
const FILLED = ["um", "uh", "hmm", "er"].flatMap((f) => [
  f,
  `${f} yes`,
  `${f} no`,
  `${f} i think so`,
  `${f} i'm not sure`,
]);

/** The step numbers the reader understands ("what was step three again?", "go back to step two"), heard as such. */
const STEP_NUMBERS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"].flatMap(
  (n) => [`step ${n}`, `what was step ${n}`, `go back to step ${n}`],
);

export interface LanguageModel {
  arpa: string;
  vocabulary: string[];
}

const DISCOUNT = 0.7;
const log10 = (p: number) => Math.log10(p).toFixed(4);

/**
 * Everyday words callers use around the bot's phrases ("hi", "hasn't", "anymore", "something's"), added as
 * unigrams only when general English (general-english.ts) can't be read: reachable through back-off, never
 * competing with the bot's own word sequences. Lex's recogniser knows all of English; a model of the training
 * phrases alone would turn every other word into one of them.
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

/** How much of a unigram's probability is the bot's own; the rest is general English. */
const BOT_SHARE = 0.7;
/** The most common words of English in the vocabulary, beside the bot's own. */
export const GENERAL_WORDS = 2000;
/** Added to each word's count in the bot's unigrams, so a word seen once isn't near zero. */
const SMOOTHING = 0.1;

/**
 * The model over the sentences' words and `extraWords` (heard only through back-off). `general` is word
 * probability in general English (general-english.ts): with it every unigram mixes the two; without it they are
 * the bot's alone.
 */
export function buildLanguageModel(
  sentences: string[],
  known: (word: string) => boolean,
  extraWords: string[] = [],
  general?: Map<string, number>,
): LanguageModel {
  const c = countNgrams(sentences, known);
  const scored = [...new Set([...c.unigrams.keys(), ...extraWords.filter(known)])]
    .filter((w) => w !== "<s>")
    .sort();
  const total = scored.reduce((n, w) => n + (c.unigrams.get(w) ?? 0), 0);
  const ownShare = general ? BOT_SHARE : 1;
  // A word general English doesn't know counts as its rarest known word, in the total too.
  const floor = general ? Math.min(...scored.map((w) => general.get(w) ?? 1)) : 0;
  const generalTotal = general ? scored.reduce((n, w) => n + (general.get(w) ?? floor), 0) : 1;
  const uni = new Map(
    scored.map((w) => {
      const own = ((c.unigrams.get(w) ?? 0) + SMOOTHING) / (total + SMOOTHING * scored.length);
      const common = general ? (general.get(w) ?? floor) / generalTotal : 0;
      return [w, ownShare * own + (1 - ownShare) * common];
    }),
  );
  // Each order backs off to the one below: seen n-grams keep their count less DISCOUNT, the rest is spread over
  // the lower order's probabilities of the words not seen after that history.
  const bigram = discounted(c.bigrams, (_h, w) => uni.get(w) ?? 0);
  const p2 = (h: string, w: string) =>
    bigram.probability.get(`${h} ${w}`) ?? (bigram.backoff.get(h) ?? 1) * (uni.get(w) ?? 0);
  const trigram = discounted(c.trigrams, (h, w) => p2(h.slice(h.lastIndexOf(" ") + 1), w));
  const lines1 = ["<s>", ...scored].map((w) => {
    const p = w === "<s>" ? "-99" : log10(uni.get(w) ?? 1e-9);
    const b = bigram.backoff.get(w);
    return b === undefined ? `${p} ${w}` : `${p} ${w} ${log10(b)}`;
  });
  const lines2 = [...bigram.probability].map(([hw, p]) => {
    const b = trigram.backoff.get(hw);
    return b === undefined ? `${log10(p)} ${hw}` : `${log10(p)} ${hw} ${log10(b)}`;
  });
  const lines3 = [...trigram.probability].map(([hw, p]) => `${log10(p)} ${hw}`);
  const arpa = [
    "\\data\\",
    `ngram 1=${lines1.length}`,
    `ngram 2=${lines2.length}`,
    `ngram 3=${lines3.length}`,
    "",
    "\\1-grams:",
    ...lines1,
    "",
    "\\2-grams:",
    ...lines2,
    "",
    "\\3-grams:",
    ...lines3,
    "",
    "\\end\\",
    "",
  ].join("\n");
  return { arpa, vocabulary: scored.filter((w) => w !== "</s>") };
}

type Counts = Map<string, Map<string, number>>;

/** Unigram, bigram and trigram counts ("history" to next word to count), sentences cut at unpronounceable words. */
function countNgrams(sentences: string[], known: (word: string) => boolean) {
  const unigrams = new Map<string, number>();
  const bigrams: Counts = new Map();
  const trigrams: Counts = new Map();
  const add = (m: Counts, h: string, w: string) => {
    const next = m.get(h) ?? new Map<string, number>();
    next.set(w, (next.get(w) ?? 0) + 1);
    m.set(h, next);
  };
  for (const sentence of sentences) {
    // A word with no pronunciation can't be heard: the sentence is cut there, into pieces that can.
    const pieces: string[][] = [[]];
    for (const w of wordsOf(sentence)) {
      if (known(w)) pieces.at(-1)?.push(w);
      else pieces.push([]);
    }
    for (const piece of pieces.filter((p) => p.length > 0)) {
      const seq = ["<s>", ...piece, "</s>"];
      seq.forEach((w, i) => {
        unigrams.set(w, (unigrams.get(w) ?? 0) + 1);
        if (i >= 1) add(bigrams, seq[i - 1] as string, w);
        if (i >= 2) add(trigrams, `${seq[i - 2]} ${seq[i - 1]}`, w);
      });
    }
  }
  return { unigrams, bigrams, trigrams };
}

/**
 * Absolute discounting of one order: the probability of each seen "history word", and each history's back-off
 * weight, from `lower`, the next order down's probability of a word after (the tail of) a history.
 */
function discounted(counts: Counts, lower: (history: string, word: string) => number) {
  const probability = new Map<string, number>();
  const backoff = new Map<string, number>();
  for (const [h, next] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    const hc = [...next.values()].reduce((a, b) => a + b, 0);
    let seen = 0;
    for (const [w, n] of [...next].sort(([a], [b]) => a.localeCompare(b))) {
      probability.set(`${h} ${w}`, (n - DISCOUNT) / hc);
      seen += lower(h, w);
    }
    backoff.set(h, (DISCOUNT * next.size) / hc / Math.max(1e-9, 1 - seen));
  }
  return { probability, backoff };
}

/** The n most common words of general English that can be pronounced, letters and apostrophes only. */
export function mostCommon(
  general: Map<string, number>,
  n: number,
  known: (word: string) => boolean,
): string[] {
  return [...general.entries()]
    .filter(([w]) => /^[a-z][a-z']*$/.test(w) && known(w))
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([w]) => w);
}
