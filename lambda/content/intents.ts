// Intent names and their roles. Plain constants (no zod) so the Lambdas can import them at run time.
import type { Recognised } from "../engine/types.js";

/** The topic intents are the bot's public contract: contact flows and reports use these names. */
export const TOPIC_INTENTS = [
  "TroubleshootBackup",
  "StorageFull",
  "ConnectionProblem",
  "UpdateIOS",
  "CheckBackupSettings",
  "RestartIPhone",
  "ResetNetworkSettings",
  "SignOutAndIn",
  "AccountNotRecognized",
  "BackupStuck",
  "BackupError",
  "PreventProblems",
  "OtherBackupOptions",
  "ContactSupport",
] as const;
export type TopicId = (typeof TOPIC_INTENTS)[number];

/** Navigation intents that are ours (custom) and the Lex built-ins we rely on, keyed by our intent name. */
export const CUSTOM_NAV_INTENTS = [
  "Yes",
  "No",
  "Maybe",
  "Next",
  "Back",
  "Skip",
  "WhichStep",
  "DeleteMyData",
  "ReturnCall",
] as const;
export const BUILTIN_NAV_INTENTS = {
  HelpIntent: "AMAZON.HelpIntent",
  RepeatIntent: "AMAZON.RepeatIntent",
  StartOverIntent: "AMAZON.StartOverIntent",
  PauseIntent: "AMAZON.PauseIntent",
  ResumeIntent: "AMAZON.ResumeIntent",
  StopIntent: "AMAZON.StopIntent",
  CancelIntent: "AMAZON.CancelIntent",
} as const;
export type CustomNavIntent = (typeof CUSTOM_NAV_INTENTS)[number];
export type BuiltinNavIntent = keyof typeof BUILTIN_NAV_INTENTS;
export type NavIntent = CustomNavIntent | BuiltinNavIntent;
export const NAV_INTENTS = [
  ...CUSTOM_NAV_INTENTS,
  ...(Object.keys(BUILTIN_NAV_INTENTS) as BuiltinNavIntent[]),
];
export const FALLBACK_INTENT = "FallbackIntent";

/**
 * Where a yes/no answer, or the end of a step, leads: the next step, fixed, handed to support, the topic's own
 * finish, or wrapped up ("that's everything on this one") whatever the topic's finish (an Apple outage: nothing
 * the caller or an agent can do now). A step id or another topic's intent are targets too.
 */
export const SPECIAL_TARGETS = ["next", "resolved", "support", "finish", "wrapUp"] as const;

export const isTopicIntent = (name: string): name is TopicId =>
  (TOPIC_INTENTS as readonly string[]).includes(name);

/** What each navigation intent asks the engine to do: one table for every channel (Lex names; Alexa maps onto it). */
export const NAV_COMMANDS: Record<NavIntent, Recognised> = {
  Yes: "yes",
  No: "no",
  Maybe: "maybe",
  Next: "next",
  Back: "back",
  Skip: "skip",
  WhichStep: "whichStep",
  DeleteMyData: "deleteMyData",
  ReturnCall: "returning",
  HelpIntent: "help",
  RepeatIntent: "repeat",
  StartOverIntent: "startOver",
  PauseIntent: "pause",
  ResumeIntent: "resume",
  StopIntent: "stop",
  CancelIntent: "cancel",
};

/**
 * The command a navigation intent name stands for. The name comes from outside, so only the table's own keys
 * count: "constructor" or "__proto__" must not find Object's.
 */
export const navCommand = (name: string): Recognised | undefined =>
  Object.hasOwn(NAV_COMMANDS, name) ? NAV_COMMANDS[name as NavIntent] : undefined;
