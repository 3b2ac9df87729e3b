// The reader's prefilter: a cue runs its regular expression only when one of the strings it needs is in the text.
// Wrong needs would silently stop a cue from ever matching, so: the analyser's cases, every cue checked against
// every caller phrase the tests and the bot's training hold, and cue-needs.json kept current.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { botModel, loadContent } from "../../lambda/content/load.js";
import { normaliseWords } from "../../lambda/engine/understand/answer-words.js";
import { allCues, Cue, cue } from "../../lambda/engine/understand/cue.js";
import { cueNeedsFile } from "../../lambda/engine/understand/cue-needs-file.js";
import { patternNeeds } from "../../lambda/engine/understand/pattern-needs.js";
import { loadConversations } from "../support/conversation.js";

describe("what a pattern cannot match without", () => {
  it.each([
    [/\b(didn't|doesn't) (work|help)\b/, ["didn't", "doesn't"]],
    [/\bhow (do|can) i\b/, ["how "]],
    [/^(maybe|perhaps)\b/, ["maybe", "perhaps"]],
    [/\b(bye|goodbye|good bye)\b/, ["bye"]],
    [/\b(i )?doubt it\b/, ["doubt it"]],
    [/\bstill (not|no)\b|\bnever\b/, ["still ", "never"]],
    [/um+ (yes|no)/, ["um"]],
    [/(?:okay|ok)\s+(yes|no)/, ["ok"]],
    [/(?<!not )sure\b/, ["sure"]],
    [/\b(call (you )?back later|later on)\b/, ["back later", "later on"]],
    [/a\.b|c\\d/, ["a.b", "c\\d"]],
  ])("%s needs %j", (pattern, needs) => {
    expect(patternNeeds(pattern)?.sort()).toEqual([...needs].sort());
  });

  it.each([
    [/\b(yes|)\b/, "a branch that can be empty"],
    [/(a|bc)d?/, "a need shorter than two characters"],
    [/[a-z]+\s[a-z]+/, "nothing literal in every match"],
    [/(ab)\1/, "a back-reference"],
    [/\b(yes|no)\b/i, "a case-insensitive pattern"],
    [/x{2,}/, "a single character, repeated"],
  ])("%s needs nothing known (%s)", (pattern) => {
    expect(patternNeeds(pattern)).toBeUndefined();
  });

  it("a cue whose needs are missing is not run, and says no", () => {
    const c = new Cue(/\b(didn't|doesn't) (work|help)\b/);
    expect(c.test("it didn't work")).toBe(true);
    expect(c.exec("it doesn't help")?.[2]).toBe("help");
    expect(c.test("it worked")).toBe(false);
    expect(c.exec("it worked")).toBeNull();
  });

  it("a global or sticky pattern is refused: a cue keeps no position between texts", () => {
    expect(() => cue(/yes/g)).toThrow(/keeps no position/);
    expect(() => cue(/yes/y)).toThrow(/keeps no position/);
  });
});

/** Everything callers say in the tests and the bot's training, as said and as the reader normalises it. */
function callerPhrases(): string[] {
  const said = new Set<string>();
  for (const intent of botModel(loadContent()).intents) for (const u of intent.utterances) said.add(u);
  for (const conversation of loadConversations(fileURLToPath(new URL("../conversations/", import.meta.url))))
    for (const turn of conversation.turns) if (typeof turn.caller === "string") said.add(turn.caller);
  const all = new Set<string>();
  for (const s of said) {
    all.add(s.toLowerCase());
    all.add(normaliseWords(s));
  }
  return [...all];
}

describe("every cue of the reader", () => {
  const phrases = callerPhrases();

  it("has a corpus worth checking against", () => {
    expect(phrases.length).toBeGreaterThan(1500);
    expect(allCues.length).toBeGreaterThan(100);
  });

  it("matches no caller phrase that lacks what the cue needs (the prefilter never hides a match)", () => {
    const hidden: string[] = [];
    for (const c of allCues) {
      const needs = patternNeeds(c.pattern);
      if (!needs) continue;
      for (const text of phrases)
        if (c.pattern.test(text) && !needs.some((n) => text.includes(n)))
          hidden.push(`/${c.pattern.source}/ "${text}"`);
    }
    expect(hidden).toEqual([]);
  });

  it("is in cue-needs.json as the analyser reads it now (else run npm run cues)", () => {
    const committed = readFileSync(
      new URL("../../lambda/engine/understand/cue-needs.json", import.meta.url),
      "utf8",
    );
    expect(committed).toBe(cueNeedsFile());
  });
});
