// What the reader makes of an NLU that is unsure or wrong, given interpretations as Lex sends them: a problem below
// the threshold at "what's going on?" is followed; a side question whose words the caller never used is not.
import { describe, expect, it } from "vitest";
import { content } from "../../lambda/content/index.js";
import { type Heard, readTurn } from "../../lambda/engine/understand/read-turn.js";
import { midTopic } from "../support/states.js";

const heard = (text: string, ...interpretations: Array<[string, number?]>): Heard => ({
  text,
  interpretations: interpretations.map(([intent, confidence]) =>
    confidence === undefined ? { intent } : { intent, confidence },
  ),
});

describe("at the first question, an NLU below its threshold", () => {
  it("with a problem as its best guess starts that problem", () => {
    const input = readTurn(
      content,
      undefined,
      heard(
        "so my phone keeps on about having no room for backups",
        ["FallbackIntent"],
        ["StorageFull", 0.34],
      ),
    );
    expect(input).toEqual({ type: "topic", topic: "StorageFull" });
  });

  it.each([
    ["a problem it hardly believes", heard("hmm well", ["FallbackIntent"], ["StorageFull", 0.17])],
    ["a side question", heard("the round one", ["FallbackIntent"], ["AskHomeButton", 0.3])],
    ["nothing at all", heard("purple elephant", ["FallbackIntent"])],
  ])("with %s is not understood", (_, words) => {
    expect(readTurn(content, undefined, words).type).toBe("noMatch");
  });
});

describe("a side question the words never mention", () => {
  it.each([
    ["still won't go and now it says my icloud is full", "AskWillILoseData"],
    ["i'm already there, the switch is off", "AskAreYouAPerson"],
    ["how long is the update going to take", "AskUpdateCost"],
  ])("%s (NLU: %s) is not answered as that question", (text, intent) => {
    const input = readTurn(content, midTopic, heard(text, [intent, 0.9]));
    expect(input).not.toEqual({ type: "sideQuestion", intent });
  });

  it.each([
    ["will i lose my photos", "AskWillILoseData"],
    ["are you a real person", "AskAreYouAPerson"],
    ["is the update free", "AskUpdateCost"],
  ])("%s (NLU: %s) still is", (text, intent) => {
    expect(readTurn(content, midTopic, heard(text, [intent, 0.9]))).toEqual({ type: "sideQuestion", intent });
  });
});
