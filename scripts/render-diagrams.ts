// Writes docs/flows/<topic>.md, one Mermaid flow per topic, and an index. A test fails when they are stale.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { TOPIC_INTENTS } from "../lambda/content/intents.js";
import { loadContent, topicFileName } from "../lambda/content/load.js";
import { flowDocument } from "./lib/flow-diagram.js";

export const FLOWS_DIR = fileURLToPath(new URL("../docs/flows/", import.meta.url));

export function renderAll(): Map<string, string> {
  const content = loadContent();
  const files = new Map<string, string>();
  const index = [
    "# Conversation flows",
    "",
    "One diagram per topic, generated from `prompts/en-US/` by `npm run docs`.",
    "",
  ];
  for (const intent of TOPIC_INTENTS) {
    const name = topicFileName(intent).replace(/\.yaml$/, ".md");
    files.set(name, flowDocument(content.topics[intent], content.files[intent]));
    index.push(`- [${intent}](${name}): ${content.topics[intent].title}`);
  }
  files.set("README.md", `${index.join("\n")}\n`);
  return files;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(FLOWS_DIR, { recursive: true });
  for (const [name, text] of renderAll()) writeFileSync(`${FLOWS_DIR}${name}`, text);
  console.log(`Wrote ${renderAll().size} files to docs/flows/`);
}
