// Writes docs/flows/<topic>.md, one Mermaid flow per topic, an index, and sources.md (where each instruction comes
// from). A test fails when they are stale.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { TOPIC_INTENTS } from "../lambda/content/intents.js";
import { loadContent, speechContent, speechWording, topicFileName } from "../lambda/content/load.js";
import { CHANNELS } from "../lambda/content/schema.js";
import { flowDocument } from "./lib/flow-diagram.js";
import { sourcesDocument } from "./lib/sources-document.js";

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
  index.push(
    "",
    "Where every instruction comes from, and what still needs a check on an iPhone: [sources](sources.md).",
  );
  files.set("sources.md", sourcesDocument(content));
  index.push("", ...channelWords(content));
  files.set("README.md", `${index.join("\n")}\n`);
  return files;
}

/**
 * The phrases that some channel words differently (prompts/: `default`, `phone`, `speaker`, `voice`, `text`), as
 * each channel says them: what a content author checks when changing one.
 */
function channelWords(content: ReturnType<typeof loadContent>): string[] {
  const wording = speechWording(content);
  const paths = [...new Set(CHANNELS.flatMap((c) => wording[c].map(([path]) => path.join("."))))].sort();
  const lines = [
    "## Words per channel",
    "",
    "Phrases worded differently on some channel; every other phrase is the same everywhere. Only the phone is a",
    "call: the build fails if another channel would speak of calling, a line, hanging up or a key.",
    "",
    `| Phrase | ${CHANNELS.join(" | ")} |`,
    `| --- |${CHANNELS.map(() => " --- |").join("")}`,
  ];
  const worded = Object.fromEntries(CHANNELS.map((c) => [c, speechContent(content, c)]));
  const at = (value: unknown, path: string) =>
    path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], value);
  for (const path of paths)
    lines.push(
      `| \`${path}\` | ${CHANNELS.map((c) => String(at(worded[c], path)).replace(/\|/g, "\\|")).join(" | ")} |`,
    );
  return lines;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(FLOWS_DIR, { recursive: true });
  for (const [name, text] of renderAll()) writeFileSync(`${FLOWS_DIR}${name}`, text);
  console.log(`Wrote ${renderAll().size} files to docs/flows/`);
}
