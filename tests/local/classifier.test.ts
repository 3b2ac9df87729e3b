// The local classifier reaches the right intent for the bot's own phrases and for natural paraphrases, falls
// back below the threshold, and reports interpretations the way Lex does.
import { beforeAll, describe, expect, it } from "vitest";
import { botModel, loadContent } from "../../lambda/content/load.js";
import { DEFAULT_CONFIDENCE_THRESHOLD, FALLBACK } from "../../local/bot.js";
import { IntentClassifier, interpret, MAX_INTERPRETATIONS } from "../../local/classifier.js";
import { stratifiedFolds, summarise } from "../../local/nlu-eval.js";

const model = botModel(loadContent());
let classifier: IntentClassifier;
const top = async (text: string) =>
  interpret(await classifier.rank(text), DEFAULT_CONFIDENCE_THRESHOLD)[0]?.intent;

beforeAll(async () => {
  classifier = await IntentClassifier.fromModel(model);
});

describe("intent classification", () => {
  it("recognises every intent's own utterances (built-ins included): no phrase is shared by two intents", async () => {
    const misses: string[] = [];
    for (const intent of model.intents) {
      for (const utterance of intent.utterances) {
        const got = await top(utterance);
        if (got !== intent.name) misses.push(`${utterance}: ${intent.name} -> ${got}`);
      }
    }
    expect(misses).toEqual([]);
  });

  it.each([
    ["my iCloud storage is full", "StorageFull"],
    ["my backup is stuck", "BackupStuck"],
    ["I want to talk to a person", "ContactSupport"],
    ["how do I restart my iphone", "RestartIPhone"],
    ["yes", "Yes"],
    ["nope", "No"],
    ["go back", "Back"],
    ["say that again", "RepeatIntent"],
    ["start over", "StartOverIntent"],
    ["help", "HelpIntent"],
    ["goodbye", "StopIntent"],
  ])("%s -> %s", async (text, intent) => {
    expect(await top(text)).toBe(intent);
  });

  it("answers FallbackIntent for words it has never seen, and for keyed digits", async () => {
    expect(await top("zebra pancakes")).toBe(FALLBACK);
    expect(await top("1")).toBe(FALLBACK);
    expect(await classifier.rank("")).toEqual([]);
  });

  it("falls back on talk from the room that shares a word or two with the bot's phrases, as Lex does", async () => {
    // Each of these once came out sure of some intent on one known word ("ready", "phone", "tv"...).
    const room = [
      "kids, dinner is ready",
      "sorry that was the tv",
      "my cat walked on the phone",
      "the dog is barking again",
      "can you turn the music down",
      "what's for lunch today",
      "the game starts at eight",
      "we need milk and eggs",
      "who's at the door",
      "close the window please",
    ];
    const sure = [];
    for (const words of room) if ((await top(words)) !== FALLBACK) sure.push(`${words}: ${await top(words)}`);
    // Most, not all: a word the bot knows well can still carry a sentence over the threshold.
    expect(sure.length, sure.join("; ")).toBeLessThanOrEqual(3);
    // Words mostly of the bot's world, phrased freshly, are not touched.
    expect(await top("my cloud storage seems to be full up")).toBe("StorageFull");
    expect(await top("the backup has been sitting there for hours")).toBe("BackupStuck");
  });

  it("treats curly apostrophes like straight ones", async () => {
    expect(await top("my backup isn\u2019t working")).toBe(await top("my backup isn't working"));
  });
});

describe("interpretations", () => {
  it("put FallbackIntent first, without a score, when the best score is under the threshold", () => {
    const list = interpret(
      [
        { intent: "Yes", score: 0.3 },
        { intent: "No", score: 0.2 },
      ],
      0.4,
    );
    expect(list).toEqual([{ intent: FALLBACK }, { intent: "Yes", score: 0.3 }, { intent: "No", score: 0.2 }]);
  });

  it("keep the top one plus at most four alternatives, rounded to two decimals, none at zero", () => {
    const ranked = ["A", "B", "C", "D", "E", "F"].map((intent, i) => ({
      intent,
      score: 0.9 - i * 0.1 + 0.0001,
    }));
    const list = interpret([...ranked, { intent: "G", score: 0.001 }], 0.4);
    expect(list).toHaveLength(MAX_INTERPRETATIONS);
    expect(list[0]).toEqual({ intent: "A", score: 0.9 });
    expect(list.map((i) => i.intent)).not.toContain("G");
  });
});

describe("the NLU report's arithmetic", () => {
  it("spreads every intent over the folds", () => {
    const examples = ["a", "b", "c", "d", "e", "f", "g"].map((u, i) => ({
      utterance: u,
      intent: i < 5 ? "X" : "Y",
    }));
    const folds = stratifiedFolds(examples, 5, 1);
    expect(folds.flat()).toHaveLength(7);
    for (const fold of folds) expect(fold.filter((e) => e.intent === "X")).toHaveLength(1);
  });

  it("computes precision, recall, F1 and the confused pairs", () => {
    const report = summarise(
      [
        { utterance: "1", expected: "A", predicted: "A" },
        { utterance: "2", expected: "A", predicted: "B" },
        { utterance: "3", expected: "B", predicted: "B" },
        { utterance: "4", expected: "B", predicted: FALLBACK },
      ],
      { A: "topic", B: "navigation" },
      { folds: 2, seed: 1, threshold: 0.4, meanTrainingMs: 0 },
    );
    const a = report.perIntent.find((s) => s.intent === "A");
    const b = report.perIntent.find((s) => s.intent === "B");
    expect(a).toMatchObject({ precision: 1, recall: 0.5, f1: 0.667 });
    expect(b).toMatchObject({ precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(report.macroF1).toBe(0.583);
    expect(report.accuracy).toBe(0.5);
    expect(report.confusions).toEqual([
      { expected: "A", predicted: "B", count: 1 },
      { expected: "B", predicted: FALLBACK, count: 1 },
    ]);
    expect(report.misclassified).toHaveLength(2);
  });
});

describe("the lexical second opinion", () => {
  it("prefers the phrase that shares the rarer words, ignoring words it never saw", async () => {
    const { LexicalIndex } = await import("../../local/lexical-index.js");
    const index = new LexicalIndex([
      { utterance: "how much does more storage cost", intent: "Price" },
      { utterance: "will i lose my photos", intent: "Data" },
      { utterance: "what happens to my data", intent: "Data" },
    ]);
    const scores = index.similarity("what does the extra space cost a month");
    expect([...scores.entries()].sort((a, b) => b[1] - a[1])[0]?.[0]).toBe("Price");
    expect(index.similarity("zebra quantum").size).toBe(0);
  });
});
