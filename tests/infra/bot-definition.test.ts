// The bot locale built from the content, checked without a synth: one intent per topic and navigation word with its
// utterances, the built-ins without, FallbackIntent, and the Lambda on every intent.
import type { CfnBot } from "aws-cdk-lib/aws-lex";
import { describe, expect, it } from "vitest";
import {
  botDefinitionHash,
  buildBotLocale,
  lexLocaleId,
  lexUtterance,
  VOICE_ENGINE,
} from "../../infra/bot-definition.js";
import {
  BUILTIN_NAV_INTENTS,
  CUSTOM_NAV_INTENTS,
  FALLBACK_INTENT,
  TOPIC_INTENTS,
} from "../../lambda/content/intents.js";
import { type BotModel, botModel, loadContent } from "../../lambda/content/load.js";

const content = loadContent();
const model = botModel(content);
const opts = { voiceId: "Joanna", nluConfidenceThreshold: 0.4 };
const locale = buildBotLocale(model, opts);
const intents = (locale.intents ?? []) as CfnBot.IntentProperty[];
const byName = new Map(intents.map((i) => [i.name, i]));
const utterancesOf = (name: string) =>
  ((byName.get(name)?.sampleUtterances ?? []) as CfnBot.SampleUtteranceProperty[]).map((u) => u.utterance);

describe("buildBotLocale", () => {
  it("is the en_US locale with a neural voice and the confidence threshold", () => {
    expect(locale.localeId).toBe("en_US");
    expect(locale.nluConfidenceThreshold).toBe(0.4);
    expect(locale.voiceSettings).toEqual({ voiceId: "Joanna", engine: VOICE_ENGINE });
    expect(VOICE_ENGINE).toBe("neural");
  });

  it("has exactly the topic, navigation, side-question, built-in and fallback intents", () => {
    expect([...byName.keys()].sort()).toEqual(
      [
        ...TOPIC_INTENTS,
        ...CUSTOM_NAV_INTENTS,
        ...content.questions.map((q) => q.intent),
        ...Object.keys(BUILTIN_NAV_INTENTS),
        FALLBACK_INTENT,
      ].sort(),
    );
    expect(intents).toHaveLength(byName.size);
  });

  it("gives every topic and navigation intent the content's utterances", () => {
    const sources: [string, string[]][] = [
      ...TOPIC_INTENTS.map((name): [string, string[]] => [name, content.topics[name].utterances]),
      ...CUSTOM_NAV_INTENTS.map((name): [string, string[]] => [
        name,
        content.shared.intents[name].utterances,
      ]),
    ];
    for (const [name, source] of sources) {
      expect(source.length, name).toBeGreaterThan(0);
      expect(utterancesOf(name), name).toEqual([...new Set(source.map(lexUtterance))]);
    }
  });

  it("only uses characters Lex accepts in sample utterances", () => {
    for (const intent of intents) {
      for (const utterance of utterancesOf(intent.name)) {
        expect(utterance, intent.name).toMatch(/^[A-Za-z0-9' -]+$/);
        expect(utterance.length, intent.name).toBeLessThanOrEqual(500);
      }
    }
  });

  it("gives built-ins their AMAZON parent and no sample utterances", () => {
    for (const [name, parent] of Object.entries(BUILTIN_NAV_INTENTS)) {
      expect(byName.get(name)?.parentIntentSignature).toBe(parent);
      expect(byName.get(name)?.sampleUtterances, name).toBeUndefined();
    }
    expect(byName.get(FALLBACK_INTENT)?.parentIntentSignature).toBe("AMAZON.FallbackIntent");
    expect(byName.get(FALLBACK_INTENT)?.sampleUtterances).toBeUndefined();
  });

  it("lets the Lambda decide every turn: dialog and fulfillment hooks on every intent", () => {
    for (const intent of intents) {
      expect(intent.dialogCodeHook, intent.name).toEqual({ enabled: true });
      expect(intent.fulfillmentCodeHook, intent.name).toEqual({ enabled: true });
    }
  });

  it("refuses a model without FallbackIntent, which Lex would refuse at deploy time", () => {
    const withoutFallback: BotModel = {
      ...model,
      intents: model.intents.filter((i) => i.kind !== "fallback"),
    };
    expect(() => buildBotLocale(withoutFallback, opts)).toThrow(/FallbackIntent/);
  });
});

describe("lexUtterance", () => {
  it("drops the punctuation the content allows but Lex may reject", () => {
    expect(lexUtterance("my iphone is frozen, how do i restart it?")).toBe(
      "my iphone is frozen how do i restart it",
    );
    expect(lexUtterance("it's still broken.")).toBe("it's still broken");
  });
});

describe("botDefinitionHash", () => {
  it("changes when the definition changes and only then", () => {
    const again = buildBotLocale(botModel(loadContent()), opts);
    expect(botDefinitionHash(again)).toBe(botDefinitionHash(locale));
    expect(botDefinitionHash(buildBotLocale(model, { ...opts, voiceId: "Matthew" }))).not.toBe(
      botDefinitionHash(locale),
    );
  });

  it("maps content locales to Lex locale ids", () => {
    expect(lexLocaleId("en-US")).toBe("en_US");
  });
});
