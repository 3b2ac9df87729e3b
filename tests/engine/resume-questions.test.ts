// A returning caller offered their saved place who asks what it was ("what was I doing last time?", "which problem
// was it?") hears the offer again, which says it: not "I don't have an answer", not a guessed new problem. Read
// from the words as the local runtime's NLU gives them, through the same reader and engine as a live turn.
import { describe, expect, it } from "vitest";
import { botModel, loadContent, speechContent } from "../../lambda/content/load.js";
import { converse } from "../../lambda/engine/engine.js";
import type { Capabilities } from "../../lambda/engine/types.js";
import { readTurn } from "../../lambda/engine/understand/read-turn.js";
import { nluResolver } from "../support/conversation.js";

const model = botModel(loadContent());
const content = speechContent(loadContent());
const resolve = await nluResolver(model);
const caps: Capabilities = { canTransfer: true, supportPhone: "1 800 275 2273" };

describe("asked at the welcome-back offer what the saved place was", () => {
  it.each([
    "um, what was I doing last time?",
    "sorry, which problem was it again?",
    "remind me what we did",
    "oh gosh I forgot what we were on",
    "what were we doing again?",
    "I can't recall what the problem was",
  ])("%s: the offer again, with the place", async (words) => {
    const offered = converse(
      content,
      caps,
      undefined,
      { type: "launch" },
      { saved: { topic: "StorageFull", step: 3 } },
    );
    const u = await resolve(words, "classifier");
    const interpretations = [
      { intent: u.intent, ...(u.confidence !== undefined ? { confidence: u.confidence } : {}) },
      ...u.alternatives,
    ];
    const input = readTurn(content, offered.state, { text: words, interpretations });
    const r = converse(content, caps, offered.state, input);
    const said = r.output.say.join(" ");
    expect(said).toContain("Last time we got to step 4 of freeing up iCloud storage");
    expect(said).not.toContain("I don't have an answer");
    expect(r.state).toMatchObject({ phase: "resume", topic: "StorageFull", saved: 3 });
  });
});
