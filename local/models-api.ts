// The two read-only operations of the Lex V2 models API that a client uses to check a bot is ready before talking
// to it (npm run test:lex does): DescribeBotAlias and DescribeBotLocale, for the one bot the local runtime serves,
// in Lex's JSON shapes. The local bot is always built (its classifier trains at start-up); anything else is
// ResourceNotFoundException, as Lex answers.
import { notFound } from "./lex-error.js";
import type { LexRuntime } from "./runtime.js";

const ALIAS = /^\/bots\/([^/]+)\/botaliases\/([^/]+)\/?$/;
const LOCALE = /^\/bots\/([^/]+)\/botversions\/([^/]+)\/botlocales\/([^/]+)\/?$/;

/** Whether a GET path is a models API operation this runtime answers. */
export const isModelsPath = (method: string, path: string) =>
  method === "GET" && (ALIAS.test(path) || LOCALE.test(path));

export function describe(runtime: LexRuntime, path: string): Record<string, unknown> {
  const bot = runtime.bot;
  const [, botId, second, localeId] = (ALIAS.exec(path) ?? LOCALE.exec(path) ?? []).map((l) =>
    decodeURIComponent(l ?? ""),
  );
  if (botId !== bot.id) throw notFound(`Bot ${botId} not found`);
  const at = runtime.build.builtAt;
  if (ALIAS.test(path)) {
    if (second !== bot.aliasId) throw notFound(`Bot alias ${second} not found`);
    return {
      botAliasId: bot.aliasId,
      botAliasName: bot.aliasName,
      botVersion: bot.version,
      botAliasLocaleSettings: { [bot.localeId]: { enabled: true } },
      botAliasStatus: "Available",
      botId: bot.id,
      creationDateTime: at,
      lastUpdatedDateTime: at,
    };
  }
  if (second !== bot.version) throw notFound(`Bot version ${second} not found`);
  if (localeId !== bot.localeId) throw notFound(`Locale ${localeId} not found for this bot`);
  return {
    botId: bot.id,
    botVersion: bot.version,
    localeId: bot.localeId,
    localeName: "English (US)",
    nluIntentConfidenceThreshold: runtime.build.threshold,
    intentsCount: runtime.build.intents,
    slotTypesCount: 0,
    botLocaleStatus: "Built",
    failureReasons: [],
    creationDateTime: at,
    lastUpdatedDateTime: at,
    lastBuildSubmittedDateTime: at,
  };
}
