// Plays every conversation in tests/conversations/ through the real Lex handler, and every voice conversation
// through the real Alexa handler too (tests/support/conversation.ts says what is checked there).
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { botModel, loadContent } from "../lambda/content/load.js";
import { loadConversations, nluResolver, play, playOnAlexa } from "./support/conversation.js";

const dir = fileURLToPath(new URL("./conversations/", import.meta.url));
const resolve = await nluResolver(botModel(loadContent()));
const conversations = loadConversations(dir);

describe("conversations", () => {
  for (const conv of conversations) {
    it(`${conv.file}: ${conv.name} (${conv.channel})`, async () => {
      await play(conv, resolve);
    });
  }
});

const SILENCE =
  "Alexa handles silence itself: it says the reprompt once, then closes the session (SessionEndedRequest), so " +
  "the line's own no-input turns never reach the skill (tests/alexa/resume.test.ts: walking away keeps the place)";
const NO_WORDS =
  "Alexa sends the intent, never the words, so the skill can't hear personal details to stop them, and never " +
  "receives them to repeat or keep";
const PAUSE =
  "a pause on a speaker ends the session and saves the step, to pick up with 'Alexa, open backup helper' " +
  "(tests/alexa/resume.test.ts: pause and resume across sessions)";

/** Voice conversations that legitimately differ on a smart speaker, by "file: name", with the reason. */
const NOT_ON_ALEXA: Record<string, string> = {
  "start.yaml: Silence on the first turn also gets the greeting, not a reprompt": SILENCE,
  "escalation.yaml: Voice, silence twice at anything else hears the choices, a third silence says goodbye":
    SILENCE,
  "personal-data.yaml: An Apple ID email spelled out by voice is stopped and not repeated": NO_WORDS,
  "personal-data.yaml: Personal details before any topic are stopped, then the line asks for the problem":
    NO_WORDS,
  "navigation.yaml: Wait on a hard-to-undo step, then continue reads the warning again": PAUSE,
  "navigation.yaml: While waiting, unrecognised words (someone talking in the room) keep the wait, not a new question":
    PAUSE,
};

// Conversations in callers' own words (nlu: classifier) are read from the words Lex sends with the turn; Alexa
// sends only the intent its own model matched, so what the local classifier makes of the words says nothing about
// what Alexa would. The same rules run on Alexa from its intents (tests/alexa/in-context.test.ts).
const voice = conversations.filter((c) => c.channel === "voice" && c.nlu === "phrases");
const keyOf = (conv: { file: string; name: string }) => `${conv.file}: ${conv.name}`;

describe("voice conversations on Alexa", () => {
  for (const conv of voice) {
    // Not applicable on a speaker (reasons above): not played there, and not reported as a skipped test either.
    if (NOT_ON_ALEXA[keyOf(conv)]) continue;
    it(`${keyOf(conv)} (alexa)`, () => playOnAlexa(conv, resolve));
  }

  it("lists as not applicable only voice conversations that exist, so no stale excuse hides a test", () => {
    const names = new Set(voice.map(keyOf));
    expect(Object.keys(NOT_ON_ALEXA).filter((k) => !names.has(k))).toEqual([]);
  });
});
