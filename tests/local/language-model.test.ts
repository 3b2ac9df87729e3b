// The recogniser's language model (local/speech/language-model.ts) and the general-English word table it mixes in
// (local/speech/general-english.ts): the ARPA it writes is a proper probability model, and the table is read
// from pocketsphinx-en-us's binary file exactly, or not at all.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { botModel, loadContent } from "../../lambda/content/load.js";
import { GENERAL_LM, generalUnigrams, readUnigrams } from "../../local/speech/general-english.js";
import { botSentences, buildLanguageModel, mostCommon } from "../../local/speech/language-model.js";

/** The n-grams of an ARPA text: "words" to [log10 probability, log10 back-off or undefined]. */
function parseArpa(arpa: string) {
  const grams = new Map<string, [number, number | undefined]>();
  const declared: number[] = [];
  let order = 0;
  for (const line of arpa.split("\n")) {
    const count = /^ngram (\d)=(\d+)$/.exec(line);
    if (count) declared[Number(count[1])] = Number(count[2]);
    const section = /^\\(\d)-grams:$/.exec(line);
    if (section) order = Number(section[1]);
    else if (order > 0 && line.trim() && !line.startsWith("\\")) {
      const parts = line.split(" ");
      const words = parts.slice(1, 1 + order).join(" ");
      const bo = parts[1 + order];
      grams.set(words, [Number(parts[0]), bo === undefined ? undefined : Number(bo)]);
    }
  }
  return { grams, declared };
}

const SENTENCES = [
  "my backup is stuck",
  "my backup failed",
  "my storage is full",
  "is my backup working",
  "yes it is",
  "no it is not",
];
const known = (w: string) => w !== "zzyzx";

describe("the bot's language model", () => {
  const lm = buildLanguageModel(SENTENCES, known, ["hello", "because"]);
  const { grams, declared } = parseArpa(lm.arpa);
  const vocabulary = [...lm.vocabulary, "</s>"];
  const p = (words: string) => 10 ** (grams.get(words)?.[0] ?? Number.NEGATIVE_INFINITY);
  const bo = (words: string) => 10 ** (grams.get(words)?.[1] ?? 0);
  /** P(w | h) as a back-off model computes it, for a history of one or two words. */
  const prob = (h: string[], w: string): number => {
    if (h.length === 0) return p(w);
    const key = `${h.join(" ")} ${w}`;
    if (grams.has(key)) return p(key);
    return bo(h.join(" ")) * prob(h.slice(1), w);
  };

  it("declares as many n-grams of each order as it lists, up to trigrams", () => {
    const listed = [1, 2, 3].map((n) => [...grams.keys()].filter((k) => k.split(" ").length === n).length);
    expect(declared.slice(1)).toEqual(listed);
    expect(listed[2]).toBeGreaterThan(0);
  });

  it("has every trigram's history as a bigram, and every n-gram's words in its vocabulary", () => {
    for (const k of grams.keys()) {
      const words = k.split(" ");
      if (words.length === 3) expect(grams.has(words.slice(0, 2).join(" "))).toBe(true);
      for (const w of words) expect(w === "<s>" || vocabulary.includes(w)).toBe(true);
    }
  });

  it("sums to one after every history, through the back-off weights", () => {
    const histories = [
      [],
      ["my"],
      ["backup"],
      ["<s>"],
      ["my", "backup"],
      ["<s>", "my"],
      ["is", "my"],
      ["hello"],
    ];
    for (const h of histories) {
      const total = vocabulary.reduce((sum, w) => sum + prob(h, w), 0);
      // Within what four decimals of log10 (the ARPA file's precision) allow.
      expect(total, `after "${h.join(" ")}"`).toBeCloseTo(1, 3);
    }
  });

  it("prefers the bot's own word sequences, yet can hear the extra words through back-off", () => {
    expect(prob(["my", "backup"], "is")).toBeGreaterThan(prob(["my", "backup"], "full"));
    expect(lm.vocabulary).toEqual(expect.arrayContaining(["hello", "because"]));
    expect(prob(["my"], "hello")).toBeGreaterThan(0);
  });

  it("leaves out words nobody can pronounce, cutting the sentence there", () => {
    const cut = buildLanguageModel(["my zzyzx backup"], known);
    expect(cut.vocabulary).not.toContain("zzyzx");
    expect(parseArpa(cut.arpa).grams.has("my backup")).toBe(false);
  });

  it("mixes in general English: a common word weighs more than a rare one the bot never says", () => {
    const general = new Map([
      ["the", 0.05],
      ["because", 0.002],
      ["zebra", 0.000001],
    ]);
    const mixed = buildLanguageModel(SENTENCES, known, ["the", "because", "zebra"], general);
    const g = parseArpa(mixed.arpa).grams;
    expect(g.get("because")?.[0]).toBeGreaterThan(g.get("zebra")?.[0] ?? 0);
    expect(mostCommon(general, 2, known)).toEqual(["the", "because"]);
  });

  it("still sums to one with general English mixed in, words it doesn't know included", () => {
    const general = new Map([
      ["my", 0.01],
      ["the", 0.05],
    ]);
    const mixed = parseArpa(buildLanguageModel(SENTENCES, known, ["the"], general).arpa);
    const words = [...mixed.grams.keys()].filter((k) => !k.includes(" ") && k !== "<s>");
    const total = words.reduce((sum, w) => sum + 10 ** (mixed.grams.get(w)?.[0] ?? -99), 0);
    expect(total).toBeCloseTo(1, 3);
  });
});

describe("what the model is trained on", () => {
  const content = loadContent();
  const intents = botModel(content).intents;
  const sentences = botSentences(content, intents);
  const times = (phrase: string) => sentences.filter((s) => s === phrase).length;
  const once = (name: string) => intents.find((i) => i.name === name)?.utterances[0] ?? "";

  it("counts commands and answers twice, as a call has more of them than problems described", () => {
    expect(times(once("Back"))).toBe(2 * times(once("TroubleshootBackup")));
    expect(times(once("RepeatIntent"))).toBeGreaterThanOrEqual(2);
    expect(times(content.shared.fixedAnswers.yes[0] ?? "")).toBeGreaterThanOrEqual(2);
  });

  it("includes what the line says, sentence by sentence, without placeholders", () => {
    expect(sentences).toContain("What's going on with your iCloud backup");
    expect(sentences.some((s) => /\{\w+\}/.test(s))).toBe(false);
  });
});

/** A file in en-us.lm.bin's layout (order 2, 16-bit quantisation), with these words and log10 probabilities. */
function trieFile(words: Array<[string, number]>, quant = 1): Buffer {
  const header = Buffer.from("Trie Language Model", "latin1");
  const counts = Buffer.alloc(1 + 8 + 4);
  counts.writeUInt8(2, 0);
  counts.writeUInt32LE(words.length, 1);
  counts.writeUInt32LE(1, 5);
  counts.writeUInt32LE(quant, 9);
  const table = Buffer.alloc(65536 * 4);
  const unigrams = Buffer.alloc((words.length + 1) * 12);
  for (const [i, [, log10p]] of words.entries()) unigrams.writeFloatLE(log10p / Math.log10(1.0001), i * 12);
  const names = Buffer.from(`${words.map(([w]) => w).join("\0")}\0`, "latin1");
  const length = Buffer.alloc(4);
  length.writeUInt32LE(names.length);
  return Buffer.concat([header, counts, table, unigrams, Buffer.alloc(16), length, names]);
}

describe("general English word probabilities", () => {
  const words: Array<[string, number]> = [
    ["</s>", -1.2],
    ["<s>", -99],
    ["because", -2.6703],
    ["hello", -3.7697],
    ["the", -1.3895],
  ];

  it("are read from the trie binary layout: each word with its probability, sentence marks left out", () => {
    const table = readUnigrams(trieFile(words));
    expect(table && [...table.keys()]).toEqual(["because", "hello", "the"]);
    expect(Math.log10(table?.get("hello") ?? 0)).toBeCloseTo(-3.7697, 3);
  });

  it("are not read at all from a file of another layout: wrong header, quantisation or length", () => {
    const good = trieFile(words);
    const renamed = Buffer.from(good);
    renamed.write("Tree", 0, "latin1");
    expect(readUnigrams(renamed)).toBeUndefined();
    expect(readUnigrams(trieFile(words, 2))).toBeUndefined();
    expect(readUnigrams(good.subarray(0, 5000))).toBeUndefined();
    expect(readUnigrams(Buffer.alloc(10))).toBeUndefined();
  });

  const installed = existsSync(GENERAL_LM);
  it.skipIf(!installed && !process.env.CI)(
    "come from pocketsphinx-en-us's own model: 72,545 words, 'the' the most common",
    () => {
      const table = generalUnigrams();
      expect(table?.size).toBe(72545);
      expect(mostCommon(table ?? new Map(), 1, () => true)).toEqual(["the"]);
    },
  );
});
