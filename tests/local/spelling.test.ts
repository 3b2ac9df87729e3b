// Typing slips in chat are read as the bot's words, for the local classifier only; English words never are.
import { describe, expect, it } from "vitest";
import { loadBotModel } from "../../local/bot.js";
import { IntentClassifier, interpret, trainingExamples } from "../../local/classifier.js";
import { Speller } from "../../local/spelling.js";

const speller = Speller.of(trainingExamples(loadBotModel()).map((e) => e.utterance));

describe("typing slips", () => {
  it.each([
    ["my icloud stroage is full", "my icloud storage is full"],
    ["reset my netwrok settings", "reset my network settings"],
    ["my ipone wont bakup", "my iphone wont backup"],
  ])("%s -> %s", (typed, read) => expect(speller.correct(typed)).toBe(read));

  it.each([
    "the dog is barking again",
    "close the window please",
    "it's at like eighty percent",
    "the game starts at eight",
    "my cat sat on it",
  ])("leaves English words as they are: %s", (text) => expect(speller.correct(text)).toBe(text));

  it("routes an opening message with two slips to its topic", async () => {
    const classifier = await IntentClassifier.fromModel(loadBotModel());
    const ranked = await classifier.rank(
      "my icloud stroage is full and it keeps sending me notifcations about it. i dont wanna pay",
    );
    expect(interpret(ranked, 0.4)[0]?.intent).toBe("StorageFull");
  });
});
