// The cues that overrule an NLU guess must never overrule the intent's own training phrases: every phrase of
// Stop, Cancel, DeleteMyData, Back and ContactSupport still means that intent when read in context.
import { describe, expect, it } from "vitest";
import { content } from "../../lambda/content/index.js";
import { NAV_INTENTS, navCommand } from "../../lambda/content/intents.js";
import { botModel, loadContent } from "../../lambda/content/load.js";
import { normaliseWords } from "../../lambda/engine/understand/answer-words.js";
import { saysCommand } from "../../lambda/engine/understand/cues.js";
import { type Heard, readTurn } from "../../lambda/engine/understand/read-turn.js";
import { midTopic } from "../support/states.js";

const model = botModel(loadContent());
const phrases = (name: string) => model.intents.find((i) => i.name === name)?.utterances ?? [];
const heard = (text: string, intent: string): Heard => ({
  text,
  interpretations: [{ intent, confidence: 0.95 }],
});

describe("an intent's own phrases are never overruled", () => {
  it.each([
    ["StopIntent", "stop"],
    ["CancelIntent", "cancel"],
    ["DeleteMyData", "deleteMyData"],
    ["Back", "back"],
    ["RepeatIntent", "repeat"],
  ])("%s phrases mid-topic mean %s", (intent, command) => {
    const misread = phrases(intent).filter(
      (p) => readTurn(content, midTopic, heard(p, intent)).type !== command,
    );
    expect(misread).toEqual([]);
  });

  it("every ContactSupport phrase reaches Apple Support", () => {
    const misread = phrases("ContactSupport").filter((p) => {
      const input = readTurn(content, midTopic, heard(p, "ContactSupport"));
      return !(input.type === "topic" && input.topic === "ContactSupport");
    });
    expect(misread).toEqual([]);
  });

  it("every ReturnCall phrase at the first turn is a returning caller", () => {
    const misread = phrases("ReturnCall").filter(
      (p) => readTurn(content, undefined, heard(p, "ReturnCall")).type !== "returning",
    );
    expect(misread).toEqual([]);
  });
});

describe("words the NLU misfiled are not followed into an ending", () => {
  it.each([
    ["um it says never", "CancelIntent"],
    ["do i need to hang up to restart it", "StopIntent"],
    ["okay it's back on now", "Back"],
    ["no, i don't want to delete anything", "DeleteMyData"],
  ])("%s (NLU: %s)", (text, intent) => {
    const input = readTurn(content, midTopic, heard(text, intent));
    expect(["stop", "cancel", "deleteMyData", "back"]).not.toContain(input.type);
  });
});

describe("every command's guard accepts every training phrase of its intent", () => {
  it.each(NAV_INTENTS)("%s", (intent) => {
    const command = navCommand(intent);
    if (!command) throw new Error(`${intent} has no command`);
    const refused = phrases(intent).filter((p) => !saysCommand(command, normaliseWords(p)));
    expect(refused).toEqual([]);
  });
});
