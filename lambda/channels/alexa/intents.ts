// How the bot's intents are named on Alexa, and what each means to the engine. One table for both the skill
// package (which intents the model declares) and the handler (what a request means), so the two can't drift.
// Runtime-safe: plain constants, nothing that reads files.

import { content } from "../../content/index.js";
import {
  BUILTIN_NAV_INTENTS,
  isTopicIntent,
  NAV_COMMANDS,
  type NavIntent,
  TOPIC_INTENTS,
} from "../../content/intents.js";
import type { Recognised } from "../../engine/types.js";

/**
 * Our navigation intents as Alexa knows them: Alexa's built-in where it has one (its own phrases, plus ours),
 * else a custom intent of the same name (Maybe, Skip, WhichStep, DeleteMyData, ReturnCall have no Alexa built-in).
 */
export const ALEXA_NAV_INTENTS = {
  Yes: "AMAZON.YesIntent",
  No: "AMAZON.NoIntent",
  Next: "AMAZON.NextIntent",
  Back: "AMAZON.PreviousIntent",
  Maybe: "Maybe",
  Skip: "Skip",
  WhichStep: "WhichStep",
  DeleteMyData: "DeleteMyData",
  ReturnCall: "ReturnCall",
  ...BUILTIN_NAV_INTENTS,
} as const satisfies Record<NavIntent, string>;

export type AlexaNavIntent = (typeof ALEXA_NAV_INTENTS)[NavIntent];

export const ALEXA_FALLBACK_INTENT = "AMAZON.FallbackIntent";
/** An answer in the question's own words: its slot carries them (see answer-slot.ts). */
export const ALEXA_ANSWER_INTENT = "Answer";
export const ANSWER_SLOT = "words";
export const ANSWER_SLOT_TYPE = "ANSWER_WORDS";
/** Alexa requires it in every custom skill; there is no home screen to go to, so it ends the session. */
export const ALEXA_NAVIGATE_HOME_INTENT = "AMAZON.NavigateHomeIntent";

/** What each Alexa navigation intent asks the engine to do: the shared table, under Alexa's names. */
const ALEXA_COMMANDS: Record<string, Recognised> = {
  ...Object.fromEntries(
    (Object.keys(ALEXA_NAV_INTENTS) as NavIntent[]).map((nav) => [ALEXA_NAV_INTENTS[nav], NAV_COMMANDS[nav]]),
  ),
  [ALEXA_NAVIGATE_HOME_INTENT]: "stop",
};

export { isTopicIntent };

/** The Alexa name of a bot intent (a Lex name: topic, navigation or FallbackIntent); unknown names pass through. */
export function alexaIntentName(botIntent: string): string {
  if (botIntent === "FallbackIntent") return ALEXA_FALLBACK_INTENT;
  return Object.hasOwn(ALEXA_NAV_INTENTS, botIntent) ? ALEXA_NAV_INTENTS[botIntent as NavIntent] : botIntent;
}

/** The bot (Lex) name of an Alexa intent, so both channels are read by the same rules; unknown names pass through. */
export function botIntentName(alexaIntent: string): string {
  if (alexaIntent === ALEXA_FALLBACK_INTENT) return "FallbackIntent";
  if (alexaIntent === ALEXA_NAVIGATE_HOME_INTENT) return "StopIntent";
  const nav = (Object.keys(ALEXA_NAV_INTENTS) as NavIntent[]).find(
    (k) => ALEXA_NAV_INTENTS[k] === alexaIntent,
  );
  return nav ?? alexaIntent;
}

/**
 * The command an Alexa intent name stands for. The name comes from outside, so only the table's own keys count:
 * "constructor" or "__proto__" must not find Object's.
 */
export function commandOf(intent: string): Recognised | undefined {
  return Object.hasOwn(ALEXA_COMMANDS, intent) ? ALEXA_COMMANDS[intent] : undefined;
}

/** Every intent the skill declares and the handler answers, in the order the interaction model lists them. */
export const ALEXA_INTENTS: readonly string[] = [
  ...TOPIC_INTENTS,
  ...Object.keys(content.questions),
  ...Object.keys(ALEXA_COMMANDS),
  ALEXA_ANSWER_INTENT,
  ALEXA_FALLBACK_INTENT,
];
