// The one bot the local runtime serves: the definition the CDK app deploys (generated from prompts/), under the
// ids Lex gives a bot's draft version and test alias, so clients configured for the local line need no changes.
import { type BotModel, botModel, loadContent, NLU_CONFIDENCE_THRESHOLD } from "../lambda/content/load.js";

export interface BotIdentity {
  id: string;
  name: string;
  aliasId: string;
  aliasName: string;
  localeId: string;
  version: string;
}

export const LOCAL_BOT: BotIdentity = {
  id: "LOCALBOTID",
  name: "ICloudBackupHelp",
  aliasId: "TSTALIASID",
  aliasName: "TestBotAlias",
  localeId: "en_US",
  version: "DRAFT",
};

/** Lex inserts FallbackIntent below this score. The bot definition may carry its own; otherwise this. */
export const DEFAULT_CONFIDENCE_THRESHOLD = NLU_CONFIDENCE_THRESHOLD;

export const FALLBACK = "FallbackIntent";

export function loadBotModel(): BotModel {
  return botModel(loadContent());
}

/** The bot model's threshold, the one the CDK app deploys by default, so the local bot and Lex can't disagree. */
export function confidenceThresholdOf(model: BotModel): number {
  const own = model.nluConfidenceThreshold;
  return own >= 0 && own <= 1 ? own : DEFAULT_CONFIDENCE_THRESHOLD;
}

/** Content locales are BCP 47 ("en-US"); Lex locale ids use an underscore ("en_US"). */
export const lexLocaleId = (locale: string) => locale.replace("-", "_");
