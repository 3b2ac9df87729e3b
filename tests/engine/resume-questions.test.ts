// A returning caller offered their saved place: asking what it was ("what was I doing last time?", "which problem
// was it?") hears the offer again, which says it, not "I don't have an answer" or a guessed new problem; saying
// the problem is still there picks up; asking to start from scratch starts the saved topic over. Read from the
// words as the local runtime's NLU gives them, through the same reader and engine as a live turn.
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

/** The welcome-back offer for step 4 of the storage topic, then the caller's words: what the line does. */
async function answerOffer(words: string) {
  const saved = { topic: "StorageFull" as const, step: 3 };
  const offered = converse(content, caps, undefined, { type: "launch" }, { saved });
  const u = await resolve(words, "classifier");
  const interpretations = [
    { intent: u.intent, ...(u.confidence !== undefined ? { confidence: u.confidence } : {}) },
    ...u.alternatives,
  ];
  const input = readTurn(content, offered.state, { text: words, interpretations });
  return converse(content, caps, offered.state, input);
}

describe("answering the welcome-back offer in words", () => {
  it.each([
    "it's still full, same as before",
    "same problem really",
    "no it never got sorted",
    "yeah the storage thing is still going on",
  ])("%s: picks up at the saved step", async (words) => {
    const r = await answerOffer(words);
    expect(r.output.say.join(" ")).toContain("Step 4.");
    expect(r.state).toMatchObject({ phase: "step", topic: "StorageFull", step: 3 });
  });

  it.each(["hi again, I've turned off the big apps now", "I'm back, I switched off photos in the list"])(
    "%s: done while away, so the step's question, not its instructions again",
    async (words) => {
      const r = await answerOffer(words);
      const said = r.output.say.join(" ");
      expect(said).toContain("you've done that one already");
      expect(said).toContain("Is your backup working now?");
      expect(said).not.toContain("In its list of apps, turn off");
      expect(r.state).toMatchObject({ phase: "step", topic: "StorageFull", step: 3 });
    },
  );

  it.each([
    "nah let's start from scratch",
    "no, I'd like to go from the beginning",
    "start over again please",
  ])("%s: the saved topic from its first step", async (words) => {
    const r = await answerOffer(words);
    expect(r.output.say.join(" ")).toContain("Step 1.");
    expect(r.state).toMatchObject({ phase: "step", topic: "StorageFull", step: 0 });
  });

  it("'the backup finished fine last night, just wanted to say thanks' is glad news: the saved place goes", async () => {
    const r = await answerOffer("hiya, the backup went through fine last night, just calling to say thanks");
    expect(r.output.say.join(" ")).toContain("glad your backup is working");
    expect(r.state.phase).toBe("anythingElse");
  });

  it.each(["no, it's a different thing now", "no thanks, something else"])(
    "%s: the saved place is let go and the new problem asked for",
    async (words) => {
      const r = await answerOffer(words);
      expect(r.state.phase).toBe("topic");
    },
  );
});

describe("asked at the welcome-back offer what the saved place was", () => {
  it.each([
    "um, what was I doing last time?",
    "sorry, which problem was it again?",
    "remind me what we did",
    "oh gosh I forgot what we were on",
    "what were we doing again?",
    "I can't recall what the problem was",
    "sorry, we got cut off there, where were we?",
  ])("%s: the offer again, with the place", async (words) => {
    const r = await answerOffer(words);
    const said = r.output.say.join(" ");
    expect(said).toContain("Last time we got to step 4 of freeing up iCloud storage");
    expect(said).not.toContain("I don't have an answer");
    expect(r.state).toMatchObject({ phase: "resume", topic: "StorageFull", saved: 3 });
  });
});
