// The Lex V2 bot locale, built from the same BotModel the local runtime trains on (lambda/content/load.ts), so the
// deployed bot and the engine can't drift apart. Pure: no constructs, so tests can check it without a synth.
import { createHash } from "node:crypto";
import type { CfnBot } from "aws-cdk-lib/aws-lex";
import type { BotIntent, BotModel } from "../lambda/content/load.js";

export interface BotLocaleOptions {
  voiceId: string;
  nluConfidenceThreshold: number;
}

/** Polly engine of the bot's voice. Neural voices sound natural on the phone and support the SSML the Lambda sends. */
export const VOICE_ENGINE = "neural";

/** "en-US" (content folders, BCP 47) -> "en_US" (Lex locale ids). */
export const lexLocaleId = (locale: string) => locale.replace("-", "_");

/**
 * The content allows ". , ?" in utterances for readability; Lex documents only apostrophes, hyphens and periods in
 * abbreviations as safe, and ignores punctuation when it trains. Dropping it here (the same way the content
 * validator compares utterances) keeps a comma from failing a deploy without changing what is recognised.
 */
export const lexUtterance = (utterance: string) =>
  utterance.replace(/[.,?]/g, " ").replace(/\s+/g, " ").trim();

function lexIntent(intent: BotIntent): CfnBot.IntentProperty {
  // The Lambda decides every turn, including the built-ins and fallback: it holds the step-by-step state.
  const hooks = { dialogCodeHook: { enabled: true }, fulfillmentCodeHook: { enabled: true } };
  if (intent.kind === "builtin" || intent.kind === "fallback") {
    // Lex forbids sample utterances on built-ins; theirs come with the parent signature. The model's phrases for
    // them only train the local classifier.
    if (!intent.parent)
      throw new Error(`Intent ${intent.name} is a ${intent.kind} without a parent signature`);
    return { name: intent.name, parentIntentSignature: intent.parent, ...hooks };
  }
  const utterances = [...new Set(intent.utterances.map(lexUtterance))].filter((u) => u.length > 0);
  if (utterances.length === 0) throw new Error(`Intent ${intent.name} has no sample utterances`);
  return { name: intent.name, sampleUtterances: utterances.map((utterance) => ({ utterance })), ...hooks };
}

/** The `botLocales[]` entry of the CfnBot for one content locale. */
export function buildBotLocale(model: BotModel, opts: BotLocaleOptions): CfnBot.BotLocaleProperty {
  if (!model.intents.some((i) => i.parent === "AMAZON.FallbackIntent")) {
    throw new Error("The bot model has no FallbackIntent; Lex refuses to create a locale without one");
  }
  return {
    localeId: lexLocaleId(model.locale),
    description: `Generated from prompts/${model.locale}`,
    nluConfidenceThreshold: opts.nluConfidenceThreshold,
    voiceSettings: { voiceId: opts.voiceId, engine: VOICE_ENGINE },
    intents: model.intents.map(lexIntent),
  };
}

/**
 * A short, stable fingerprint of everything a bot version snapshots. A new value publishes a new version (it is
 * part of the version's logical id and description); an unchanged bot keeps its version.
 */
export function botDefinitionHash(definition: unknown): string {
  return createHash("sha256").update(JSON.stringify(definition)).digest("hex");
}
