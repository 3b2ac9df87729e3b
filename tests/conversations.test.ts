// Plays every conversation in tests/conversations/ through the real Lex handler.
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";
import { botModel, loadContent } from "../lambda/content/load.js";
import { intentResolver, loadConversations, play } from "./support/conversation.js";

const dir = fileURLToPath(new URL("./conversations/", import.meta.url));
const resolve = intentResolver(botModel(loadContent()));
const conversations = loadConversations(dir);

describe("conversations", () => {
  for (const conv of conversations) {
    it(`${conv.file}: ${conv.name} (${conv.channel})`, async () => {
      await play(conv, resolve);
    });
  }
});
