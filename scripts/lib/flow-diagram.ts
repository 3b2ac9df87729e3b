// Renders a topic's flow as a Mermaid diagram, straight from the content, so reviewers see the conversation a
// content change makes without reading YAML. The engine follows the same rules (lambda/engine/engine.ts).
import type { Topic } from "../../lambda/content/schema.js";

const quote = (s: string) => `"${s.replace(/"/g, "'")}"`;

export function flowDiagram(topic: Topic): string {
  const node = (i: number) => `s${i + 1}`;
  /** A hard-to-undo step is entered through its confirmation. */
  const entry = (i: number) =>
    i >= topic.steps.length ? "finish" : topic.steps[i]?.confirm ? `${node(i)}c` : node(i);
  /** Other topics a branch starts: drawn once each, at the end. */
  const otherTopics = new Set<string>();
  const target = (t: string, from: number) => {
    if (t === "resolved" || t === "support" || t === "finish") return t;
    if (t === "wrapUp") return "wrapUp";
    if (/^[A-Z]/.test(t)) {
      otherTopics.add(t);
      return `topic${t}`;
    }
    const index = t === "next" ? from + 1 : topic.steps.findIndex((s) => s.id === t);
    return index >= 0 ? entry(index) : "finish";
  };
  const lines = ["flowchart TD", `  start([${quote(topic.intent)}]) --> ${entry(0)}`];
  topic.steps.forEach((step, i) => {
    const me = node(i);
    lines.push(`  ${me}[${quote(`Step ${i + 1}: ${step.title}`)}]`);
    if (step.confirm) {
      lines.push(`  ${me}c{{${quote(`Confirm first: ${step.title}`)}}}`);
      lines.push(
        `  ${me}c -- yes --> ${me}`,
        `  ${me}c -- no, skip --> ${target(step.declined ?? "next", i)}`,
      );
    }
    if (step.then === "fixed") {
      lines.push(
        `  ${me} -- backup works --> resolved`,
        `  ${me} -- still failing --> ${target(step.leadsTo ?? "next", i)}`,
      );
    } else if (step.then === "question") {
      lines.push(`  ${me} -- ${quote(`yes: ${step.ask ?? ""}`)} --> ${target(step.yes ?? "next", i)}`);
      lines.push(`  ${me} -- no --> ${target(step.no ?? "next", i)}`);
    } else {
      lines.push(`  ${me} -- next --> ${target(step.leadsTo ?? "next", i)}`);
    }
  });
  for (const other of otherTopics) lines.push(`  topic${other}([${quote(`Starts the topic ${other}`)}])`);
  lines.push("  resolved([Resolved: wrap-up, anything else?])");
  if (lines.some((l) => l.endsWith("--> wrapUp"))) lines.push("  wrapUp([Wrap-up: anything else?])");
  if (topic.finish === "support") {
    lines.push("  finish([Last step done, not fixed]) --> support");
  } else {
    lines.push("  finish([Wrap-up: anything else?])");
  }
  lines.push("  support([Agent on the phone line, Apple Support options elsewhere])");
  return lines.join("\n");
}

export function flowDocument(topic: Topic, file: string): string {
  return [
    `# ${topic.intent}: ${topic.title}`,
    "",
    `Generated from \`${file}\` by \`npm run docs\`. Do not edit: edit the content file and run it again.`,
    "",
    `> ${topic.intro}`,
    "",
    "```mermaid",
    flowDiagram(topic),
    "```",
    "",
  ].join("\n");
}
