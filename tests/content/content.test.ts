// The content rules: every topic of the article, written for the ear, every branch reachable and answerable.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TOPIC_INTENTS } from "../../lambda/content/intents.js";
import { ContentError, loadContent, PROMPTS_DIR, speechContent } from "../../lambda/content/load.js";
import { normalise, type Topic } from "../../lambda/content/schema.js";

const content = loadContent();

function strings(value: unknown, path = ""): Array<[string, string]> {
  if (typeof value === "string") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  }
  return [];
}

/** The steps reachable from the first one, following every answer the engine accepts. */
function reachable(topic: Topic): Set<number> {
  const seen = new Set<number>();
  const index = (target: string, from: number) =>
    target === "next" ? from + 1 : topic.steps.findIndex((s) => s.id === target);
  const visit = (i: number) => {
    if (i < 0 || i >= topic.steps.length || seen.has(i)) return;
    seen.add(i);
    const step = topic.steps[i];
    if (!step) return;
    if (step.then === "question") {
      visit(index(step.yes ?? "next", i));
      visit(index(step.no ?? "next", i));
    } else visit(i + 1);
    if (step.confirm) visit(i + 1);
  };
  visit(0);
  return seen;
}

describe("content of prompts/en-US", () => {
  it("defines every topic intent of the public contract, each in its own file", () => {
    expect(Object.keys(content.topics).sort()).toEqual([...TOPIC_INTENTS].sort());
  });

  it.each(TOPIC_INTENTS)("%s has at least 25 distinct sample utterances", (intent) => {
    const utterances = content.topics[intent].utterances;
    expect(new Set(utterances.map(normalise)).size).toBeGreaterThanOrEqual(25);
    expect(utterances.some((u) => u.split(" ").length <= 4)).toBe(true);
    expect(utterances.some((u) => u.split(" ").length >= 7)).toBe(true);
  });

  it("covers every part of the article", () => {
    const sources = Object.values(content.topics)
      .flatMap((t) => t.source)
      .join("\n")
      .toLowerCase();
    for (let n = 1; n <= 8; n++) expect(sources).toContain(`step ${n}`);
    for (const part of [
      "preventive measures",
      "alternatives",
      "stuck in progress",
      "storage full",
      "enabled",
      "not recognized",
      "cannot connect",
      "backup errors",
      "common reasons",
    ]) {
      expect(sources).toContain(part);
    }
  });

  it("never puts UI notation, placeholders or markup in what is spoken", () => {
    const spoken = strings(speechContent(content)).filter(
      ([path]) => !/\.(intent|id|then|finish|yes|no)$/.test(path),
    );
    expect(spoken.length).toBeGreaterThan(100);
    for (const [path, text] of spoken) {
      expect(text, path).not.toMatch(/[<>[\]*#|\\]|https?:/);
      expect(text, path).not.toMatch(/Your Name/);
    }
  });

  it("keeps every step to one breath: at most 45 words", () => {
    for (const topic of Object.values(content.topics)) {
      for (const step of topic.steps)
        expect(step.say.split(/\s+/).length, `${topic.intent}/${step.id}`).toBeLessThanOrEqual(45);
    }
  });

  it("announces hard-to-undo steps before reading them", () => {
    const confirmed = Object.values(content.topics).flatMap((t) =>
      t.steps.filter((s) => s.confirm).map((s) => s.say),
    );
    const risky = Object.values(content.topics).flatMap((t) =>
      t.steps.filter((s) => /Reset Network Settings|tap Sign Out|delete (its|the) backup/i.test(s.say)),
    );
    expect(risky.length).toBeGreaterThan(3);
    for (const step of risky) expect(confirmed, step.id).toContain(step.say);
  });

  it.each(TOPIC_INTENTS)("%s: every branch target exists and every step is reachable", (intent) => {
    const topic = content.topics[intent];
    const ids = topic.steps.map((s) => s.id);
    for (const step of topic.steps) {
      for (const t of [step.yes, step.no]) {
        if (t && !["next", "resolved", "support", "finish"].includes(t)) expect(ids).toContain(t);
      }
    }
    expect([...reachable(topic)].sort((a, b) => a - b)).toEqual(topic.steps.map((_, i) => i));
  });
});

describe("a broken content file", () => {
  const broken = (edit: (yaml: string) => string, file = "restart-iphone.yaml") => {
    const dir = mkdtempSync(join(tmpdir(), "prompts-"));
    cpSync(PROMPTS_DIR, dir, { recursive: true });
    const path = join(dir, "en-US", file);
    writeFileSync(path, edit(readFileSync(path, "utf8")));
    try {
      loadContent("en-US", dir);
    } catch (err) {
      expect(err).toBeInstanceOf(ContentError);
      return (err as ContentError).message;
    }
    throw new Error("broken content was accepted");
  };

  it("names the file, the field and the problem", () => {
    const message = broken((y) => y.replace(/title: holding the buttons/, "title: Settings > General"));
    expect(message).toContain("en-US/restart-iphone.yaml: steps[0].title: must not contain '<' or '>'");
  });

  it("rejects a branch to a step that does not exist", () => {
    const message = broken(
      (y) => y.replace(/yes: free-storage/, "yes: free-storag"),
      "troubleshoot-backup.yaml",
    );
    expect(message).toContain("troubleshoot-backup.yaml: steps[0].yes: points to step 'free-storag'");
  });

  it("rejects a step too long to take in at once", () => {
    const long = Array.from({ length: 50 }, () => "word").join(" ");
    const message = broken((y) => y.replace(/Drag the slider to turn off your iPhone\./, long));
    expect(message).toMatch(/restart-iphone.yaml: steps\[1\].say: must be at most 45 words/);
  });

  it("rejects a missing field, bad YAML, and a phrase trained on two intents", () => {
    expect(broken((y) => y.replace(/^answer:/m, "answr:"))).toMatch(
      /restart-iphone.yaml: answer: .*(expected string|Invalid)/i,
    );
    expect(broken((y) => `${y}\n  - : [`)).toContain("restart-iphone.yaml: (file): not valid YAML");
    expect(
      broken((y) => y.replace(/^utterances:\n/m, "utterances:\n  - my backup isn't working\n")),
    ).toContain("'my backup isn't working' is also an utterance of");
  });
});
