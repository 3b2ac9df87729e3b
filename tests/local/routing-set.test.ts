// The routing test set stays a test set: callers' first words for every topic, none of them a training phrase,
// at least 8 per topic; and the local classifier is scored on it as npm run nlu:report prints it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TOPIC_INTENTS } from "../../lambda/content/intents.js";
import { normalise } from "../../lambda/content/schema.js";
import { loadBotModel } from "../../local/bot.js";
import {
  formatRouting,
  loadRoutingSet,
  localRoute,
  MIN_PHRASES_PER_TOPIC,
  scoreRouting,
} from "../../local/routing-eval.js";

const model = loadBotModel();
const set = loadRoutingSet();

describe("the routing test set", () => {
  it("has at least 8 phrasings for every topic", () => {
    for (const topic of TOPIC_INTENTS)
      expect(set.filter((p) => p.intent === topic).length, topic).toBeGreaterThanOrEqual(
        MIN_PHRASES_PER_TOPIC,
      );
  });

  it("holds none of the training phrases of any intent, and no phrase twice", () => {
    const trained = new Map(
      model.intents.flatMap((i) => i.utterances.map((u) => [normalise(u), i.name] as const)),
    );
    const leaked = set
      .filter((p) => trained.has(normalise(p.words)))
      .map((p) => `${p.words} (${trained.get(normalise(p.words))})`);
    expect(leaked).toEqual([]);
    const words = set.map((p) => normalise(p.words));
    expect(words.filter((w, i) => words.indexOf(w) !== i)).toEqual([]);
  });

  it("rejects a file missing a topic or with too few phrasings, naming the problem", () => {
    const dir = mkdtempSync(join(tmpdir(), "routing-"));
    try {
      const file = join(dir, "phrasings.yaml");
      writeFileSync(file, "StorageFull:\n  - it's full\n");
      expect(() => loadRoutingSet(file)).toThrow(
        /phrasings.yaml: (StorageFull: Too small|\w+: Invalid input)/,
      );
      writeFileSync(file, "NotATopic:\n  - hello\n");
      expect(() => loadRoutingSet(file)).toThrow(/phrasings.yaml/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("scores an NLU's routing with accuracy, per-topic recall and every confusion", async () => {
    const report = await scoreRouting(set, await localRoute(model), "the local classifier");
    expect(report.examples).toBe(set.length);
    expect(report.accuracy).toBeGreaterThan(0);
    expect(report.perIntent.map((s) => s.intent).sort()).toEqual([...TOPIC_INTENTS].sort());
    const wrong = report.confusions.reduce((n, c) => n + c.count, 0);
    expect(Math.round((1 - wrong / set.length) * 1000) / 1000).toBe(report.accuracy);
    // An NLU that always says the same topic gets that topic's share right, and every other one confused.
    const always = await scoreRouting(set, async () => ({ intent: "StorageFull" }), "a stub");
    expect(always.accuracy).toBeCloseTo(set.filter((p) => p.intent === "StorageFull").length / set.length, 3);
    expect(formatRouting(always)).toContain("BackupStuck -> StorageFull");
  });
});
