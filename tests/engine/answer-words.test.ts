// Reading words as an answer to a yes/no question: the question's own words (with negation, synonyms and
// readings like "4.9 of 5"), then the many ways people say yes, no and "not sure".
import { describe, expect, it } from "vitest";
import { normaliseWords, readAnswer, readRatio } from "../../lambda/engine/understand/answer-words.js";

const storage = {
  yes: ["full", "nearly full", "out of space"],
  no: ["lots of space", "nowhere near full", "empty"],
  ratio: { yesFrom: 0.9 },
};
const colour = { yes: ["green", "it's on"], no: ["gray", "white", "off"] };
const read = (text: string, words?: Parameters<typeof readAnswer>[1]) =>
  readAnswer(normaliseWords(text), words)?.answer;

describe("answers in the question's own words", () => {
  it.each([
    ["it's almost full, yeah", "yes"],
    ["there's loads of room", "no"],
    ["plenty of space left", "no"],
    ["it's nowhere near full", "no"],
    ["no, it's not full", "no"],
    ["i don't think it's full", "no"],
    ["it says 4.9 of 5 gigabytes", "yes"],
    ["it's using like 1 gig out of 50", "no"],
    ["four point nine out of five", "yes"],
    ["two hundred of two hundred", "yes"],
    ["like 200mb left out of 5gb", "yes"],
    ["800 megabytes used of 5 gigabytes", "no"],
    ["500 mb free out of 2 tb", "yes"],
    ["1.5 tb of 2 tb", "no"],
  ])("storage: %s -> %s", (text, answer) => expect(read(text, storage)).toBe(answer));

  it.each([
    ["it's kind of grayish", "no"],
    ["looks white-ish", "no"],
    ["grey", "no"],
    ["it's not green", "no"],
    ["greenish i'd say", "yes"],
    ["it's green... no sorry, it's grey", "no"],
  ])("switch: %s -> %s", (text, answer) => {
    // The last clause is what counts after a correction (read-turn does that); here the longest phrase wins.
    if (text.includes("sorry")) return expect(read(text.split("sorry")[1] ?? "", colour)).toBe(answer);
    expect(read(text, colour)).toBe(answer);
  });

  it("reads no reading where there is none", () => {
    expect(readRatio("one more time")).toBeUndefined();
    expect(readRatio("5 of 4")).toBeUndefined();
  });
});

describe("yes, no and not sure, the ways people say them", () => {
  it.each([
    ["um, i think so", "yes"],
    ["mm-hmm, i'd say so", "yes"],
    ["yeah i suppose so, go for it", "yes"],
    ["i believe so", "yes"],
    ["pretty sure yeah", "yes"],
    ["i don't think so", "no"],
    ["i don't think it is", "no"],
    ["probably not", "no"],
    ["i'd rather not", "no"],
    ["hmm no, don't do that", "no"],
    ["nah", "no"],
    ["i guess not", "no"],
    ["dunno", "maybe"],
    ["i'm not really sure", "maybe"],
    ["no idea to be honest", "maybe"],
    ["how can i tell", "maybe"],
  ])("%s -> %s", (text, answer) => expect(read(text)).toBe(answer));

  it("a hedge is a hedge; a go-ahead is clear", () => {
    expect(readAnswer(normaliseWords("i guess so"))?.strength).toBe("hedge");
    expect(readAnswer(normaliseWords("i suppose so, go for it"))?.strength).toBe("clear");
  });
});

describe("a phrase with words let in", () => {
  const password = { yes: ["i know it", "remember it"], no: ["forgot my password", "can't remember"] };
  const account = { yes: ["my email"], no: ["someone else's"] };
  it.each([
    ["i forgot my apple id password", password, "no"],
    ["honestly i can't remember it", password, "no"],
    ["i do know it", password, "yes"],
    ["no, that's my ex's email", account, "no"],
    ["yeah that's my work email", account, "yes"],
  ] as const)("%s -> %s", (text, words, answer) =>
    expect(
      readAnswer(normaliseWords(text), { ...words, yes: [...words.yes], no: [...words.no] })?.answer,
    ).toBe(answer),
  );
});
