// The skill package generated from prompts/: the interaction model declares every intent the handler answers
// (and nothing else), every sample follows Alexa's rules and belongs to one intent only, the invocation name
// meets Alexa's requirements, and skill.json lists example phrases the model understands.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  ALEXA_FALLBACK_INTENT,
  ALEXA_INTENTS,
  ALEXA_NAV_INTENTS,
  alexaIntentName,
} from "../../lambda/channels/alexa/intents.js";
import { interactionModel, invocationNameProblems } from "../../lambda/channels/alexa/interaction-model.js";
import { skillManifest } from "../../lambda/channels/alexa/manifest.js";
import { toInput } from "../../lambda/channels/alexa/request.js";
import { SkillPackageError, writeSkillPackage } from "../../lambda/channels/alexa/skill-package.js";
import { spellNumber, toAlexaUtterance, utteranceProblems } from "../../lambda/channels/alexa/utterances.js";
import { content as speech } from "../../lambda/content/index.js";
import { CUSTOM_NAV_INTENTS, TOPIC_INTENTS } from "../../lambda/content/intents.js";
import { loadContent } from "../../lambda/content/load.js";
import { readTurn } from "../../lambda/engine/understand/read-turn.js";
import { midTopic } from "../support/states.js";

const content = loadContent();
const built = interactionModel(content);
const model = built.file.interactionModel.languageModel;
const intentNamed = (name: string) => model.intents.find((i) => i.name === name);

describe("the interaction model", () => {
  it("builds without problems", () => {
    expect(built.problems).toEqual([]);
  });

  it("declares exactly the intents the handler answers", () => {
    expect(model.intents.map((i) => i.name).sort()).toEqual([...ALEXA_INTENTS].sort());
  });

  it("has every topic intent, with its phrases", () => {
    for (const topic of TOPIC_INTENTS) {
      const samples = intentNamed(topic)?.samples ?? [];
      expect(samples.length).toBeGreaterThanOrEqual(20);
      for (const phrase of content.topics[topic].utterances) {
        const alexa = toAlexaUtterance(phrase);
        if (alexa.ok) expect(samples, `${topic}: ${phrase}`).toContain(alexa.text);
      }
    }
  });

  it("has the Alexa built-ins the engine needs", () => {
    for (const name of [
      "AMAZON.YesIntent",
      "AMAZON.NoIntent",
      "AMAZON.NextIntent",
      "AMAZON.PreviousIntent",
      "AMAZON.RepeatIntent",
      "AMAZON.StartOverIntent",
      "AMAZON.PauseIntent",
      "AMAZON.ResumeIntent",
      "AMAZON.HelpIntent",
      "AMAZON.StopIntent",
      "AMAZON.CancelIntent",
      "AMAZON.FallbackIntent",
      "AMAZON.NavigateHomeIntent",
    ]) {
      expect(intentNamed(name), name).toBeDefined();
    }
    expect(intentNamed("AMAZON.FallbackIntent")?.samples).toEqual([]);
  });

  it("maps our navigation to Alexa's built-ins where Alexa has one, and keeps the rest custom", () => {
    expect(ALEXA_NAV_INTENTS).toMatchObject({
      Yes: "AMAZON.YesIntent",
      No: "AMAZON.NoIntent",
      Next: "AMAZON.NextIntent",
      Back: "AMAZON.PreviousIntent",
      RepeatIntent: "AMAZON.RepeatIntent",
      StartOverIntent: "AMAZON.StartOverIntent",
      PauseIntent: "AMAZON.PauseIntent",
      ResumeIntent: "AMAZON.ResumeIntent",
      HelpIntent: "AMAZON.HelpIntent",
      StopIntent: "AMAZON.StopIntent",
      CancelIntent: "AMAZON.CancelIntent",
    });
    expect(alexaIntentName("FallbackIntent")).toBe(ALEXA_FALLBACK_INTENT);
    for (const name of ["Maybe", "Skip", "WhichStep", "DeleteMyData"])
      expect(intentNamed(name)).toBeDefined();
  });

  it("gives custom and built-in navigation intents the phrases from shared.yaml", () => {
    for (const nav of CUSTOM_NAV_INTENTS) {
      const samples = intentNamed(alexaIntentName(nav))?.samples ?? [];
      for (const phrase of content.shared.intents[nav].utterances) {
        const alexa = toAlexaUtterance(phrase);
        if (alexa.ok) expect(samples, `${nav}: ${phrase}`).toContain(alexa.text);
      }
    }
    // Alexa's built-ins only match phrases they know: this line's own answers must be listed.
    expect(intentNamed("AMAZON.NoIntent")?.samples).toContain("it's still broken");
    expect(intentNamed("AMAZON.NextIntent")?.samples).toContain("i've done that");
    expect(intentNamed("AMAZON.ResumeIntent")?.samples).toContain("pick up");
  });

  it("answers every declared intent: only the fallback means 'not understood'", () => {
    for (const { name } of model.intents) {
      const given = toInput(name, false, "done");
      // Mid-topic, at a step to carry out, where the Answer intent's words ("done") mean something.
      const input = "heard" in given ? readTurn(speech, midTopic, given.heard) : given;
      expect(input.type === "noMatch", name).toBe(name === ALEXA_FALLBACK_INTENT);
    }
  });

  it("follows Alexa's rules in every sample: spelled-out numbers, allowed characters, at most 200", () => {
    for (const intent of model.intents)
      for (const sample of intent.samples)
        expect(utteranceProblems(sample), `${intent.name}: ${sample}`).toEqual([]);
  });

  it("never gives two intents the same sample, and no intent the same sample twice", () => {
    const seen = new Map<string, string>();
    for (const intent of model.intents) {
      for (const sample of intent.samples) {
        expect(seen.get(sample), `'${sample}' in ${intent.name}`).toBeUndefined();
        seen.set(sample, intent.name);
      }
    }
  });

  it("leaves out almost nothing of the content, and says why for what it leaves out", () => {
    const total = model.intents.reduce((n, i) => n + i.samples.length, 0);
    expect(total).toBeGreaterThan(500);
    expect(built.dropped.length).toBeLessThan(total / 100);
    for (const d of built.dropped) expect(d.reason.length).toBeGreaterThan(10);
  });

  it("reports a phrase on two intents and a bad invocation name instead of writing the package", () => {
    const clash = structuredClone(content);
    clash.topics.BackupStuck.utterances.push("restart my iphone");
    clash.shared.speaker.invocationName = "alexa helper";
    const problems = interactionModel(clash).problems;
    expect(problems.some((p) => p.includes("'restart my iphone'"))).toBe(true);
    expect(problems.some((p) => p.includes("'alexa'"))).toBe(true);
    expect(() => writeSkillPackage(clash, mkdtempSync(join(tmpdir(), "skill-")))).toThrow(SkillPackageError);
  });
});

describe("Alexa's sample utterance rules", () => {
  it.each([
    ["how do i restart an iphone 15", "how do i restart an iphone fifteen"],
    ["my 5 gigabytes are used up", "my five gigabytes are used up"],
    ["nothing worked, i need a person", "nothing worked i need a person"],
    ["is my backup on?", "is my backup on"],
    ["my wi-fi isn't working", "my wi fi isn't working"],
    ["Re-login to iCloud", "re login to icloud"],
    ["it stopped at 100 percent", "it stopped at one hundred percent"],
    ["it backs up at 7 a. m.", "it backs up at seven a. m."],
    ["done.", "done"],
  ])("writes '%s' as '%s'", (phrase, alexa) => {
    expect(toAlexaUtterance(phrase)).toEqual({ ok: true, text: alexa });
  });

  it.each([
    ["the free 5gb is full", "mixes digits with other characters"],
    ["50% full", "mixes digits with other characters"],
    ["since 2024", "more than one way"],
    ["backup & restore", "letters, spaces"],
    ["x".repeat(201), "over 200"],
    ["???", "empty"],
  ])("rejects '%s' (%s)", (phrase, reason) => {
    const result = toAlexaUtterance(phrase);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.reason).toContain(reason);
  });

  it("spells numbers the way they are said", () => {
    expect([0, 7, 13, 20, 42, 100, 105, 999].map((n) => spellNumber(n))).toEqual([
      "zero",
      "seven",
      "thirteen",
      "twenty",
      "forty two",
      "one hundred",
      "one hundred five",
      "nine hundred ninety nine",
    ]);
    expect(spellNumber(1000)).toBeUndefined();
    expect(spellNumber(1.5)).toBeUndefined();
  });
});

describe("the invocation name", () => {
  it("in the content meets Alexa's requirements", () => {
    expect(model.invocationName).toBe(content.shared.speaker.invocationName);
    expect(invocationNameProblems(model.invocationName)).toEqual([]);
  });

  it("appears in no sample utterance", () => {
    for (const intent of model.intents)
      for (const sample of intent.samples) expect(sample).not.toContain(model.invocationName);
  });

  it.each([
    ["backup", "two or more words"],
    ["Backup Helper", "lowercase"],
    ["backup  helper", "single spaces"],
    ["backup helper 2", "lowercase letters"],
    ["alexa backup", "'alexa'"],
    ["backup skill", "'skill'"],
    ["backup app", "'app'"],
    ["echo helper", "'echo'"],
    ["ask backup", "'ask'"],
    ["open backup helper", "'open'"],
    ["backup and restore", "'and'"],
    ["the backup", "article or a preposition"],
    ["b", "2 to 50"],
    [`backup ${"helper".repeat(10)}`, "2 to 50"],
  ])("rejects '%s' (%s)", (name, problem) => {
    expect(invocationNameProblems(name).join("; ")).toContain(problem);
  });
});

describe("skill.json", () => {
  const manifest = skillManifest(content, built.file).manifest;
  const listing = manifest.publishingInformation.locales["en-US"];

  it("opens with 'Alexa, open <invocation name>' and shows one-shots the model understands", () => {
    expect(listing?.examplePhrases[0]).toBe(`Alexa, open ${model.invocationName}`);
    expect(listing?.examplePhrases.length).toBeLessThanOrEqual(3);
    const samples = new Set(model.intents.flatMap((i) => i.samples));
    for (const phrase of listing?.examplePhrases.slice(1) ?? []) {
      const prefix = `Alexa, ask ${model.invocationName} `;
      expect(phrase.startsWith(prefix)).toBe(true);
      expect(samples.has(phrase.slice(prefix.length)), phrase).toBe(true);
    }
  });

  it("points at the Lambda when its ARN is given, and has no endpoint otherwise", () => {
    const arn = "arn:aws:lambda:us-east-1:123456789012:function:backup-helper-alexa";
    expect(skillManifest(content, built.file, { endpoint: arn }).manifest.apis.custom.endpoint).toEqual({
      uri: arn,
    });
    expect(manifest.apis.custom.endpoint).toBeUndefined();
  });

  it("promises to keep the listener's place only where a progress table keeps it", () => {
    expect(listing?.description).toContain("pick up at the same step next time");
    const noStore = skillManifest(content, built.file, { keepsPlace: false }).manifest.publishingInformation;
    expect(noStore.locales["en-US"]?.description).toContain("doesn't keep your place");
    expect(noStore.locales["en-US"]?.description).not.toContain("pick up at the same step");
    expect(noStore.testingInstructions).toContain("not kept");
  });
});

describe("writing the package", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const outDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "skill-package-"));
    dirs.push(dir);
    return dir;
  };

  it("writes skill.json and interactionModels/custom/en-US.json where ask deploy looks, and ask-resources.json", () => {
    const dir = outDir();
    const written = writeSkillPackage(content, dir);
    const read = (path: string) => JSON.parse(readFileSync(join(dir, path), "utf8"));
    expect(read("skill-package/interactionModels/custom/en-US.json")).toEqual(built.file);
    expect(read("skill-package/skill.json").manifest.publishingInformation.locales["en-US"].name).toBe(
      "Backup Helper",
    );
    expect(read("ask-resources.json")).toEqual({
      askcliResourcesVersion: "2020-03-31",
      profiles: { default: { skillMetadata: { src: "./skill-package" } } },
    });
    expect(written.packageDir).toBe(join(dir, "skill-package"));
  });

  it("replaces the package whole, so a file from an older build doesn't ship", () => {
    const dir = outDir();
    writeSkillPackage(content, dir);
    const stale = join(dir, "skill-package", "interactionModels", "custom", "de-DE.json");
    writeFileSync(stale, "{}");
    writeSkillPackage(content, dir);
    expect(existsSync(stale)).toBe(false);
  });

  it("refuses an endpoint that isn't a Lambda ARN", () => {
    expect(() => writeSkillPackage(content, outDir(), { endpoint: "https://example.com/skill" })).toThrow(
      /Lambda function ARN/,
    );
  });
});
