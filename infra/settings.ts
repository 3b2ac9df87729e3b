// Deployment settings read from CDK context (`cdk.json` or `-c key=value`). Values typed on the command line
// arrive as strings, values in cdk.json as JSON, so every reader accepts both. A bad value stops the synth with a
// message naming the key, instead of deploying something that fails at the first call.
import { readConfig } from "../lambda/config.js";
import { DEFAULT_LOCALE, NLU_CONFIDENCE_THRESHOLD } from "../lambda/content/load.js";

export interface LineSettings {
  /** Apple Support's number as the Lambda speaks it (env SUPPORT_PHONE). */
  supportPhone: string;
  /** Whether the Lambda may offer a person (env AGENT_TRANSFER); turn off when no queue is staffed. */
  agentTransfer: boolean;
  /** Amazon Polly neural voice of the bot, and of the contact flow's own prompts. */
  voiceId: string;
  /** Below this NLU confidence Lex picks FallbackIntent. */
  nluConfidenceThreshold: number;
  /** Text conversation logs (transcripts and session attributes) into a KMS-encrypted log group. */
  conversationLogs: boolean;
  /** Saved progress, so a caller whose call dropped can pick up where they were (DynamoDB + an HMAC key). */
  progressStore: boolean;
  /** Amazon Connect instance to attach the bot to; no Connect resources without it. */
  connectInstanceArn?: string;
  /** Queue that callers asking for a person go to. */
  connectQueueArn?: string;
  /** Name of the queue looked up in the instance at deploy time when connectQueueArn is not given. */
  agentQueueName: string;
  /** Where alarm notifications go (an encrypted SNS topic with an email subscription); none without it. */
  alarmEmail?: string;
  /** The Lambdas' log level: INFO, or DEBUG to log redacted transcripts while investigating. */
  logLevel: "INFO" | "DEBUG";
  /** The Alexa skill allowed to invoke the Alexa function (its Alexa Skills Kit trigger); none until known. */
  alexaSkillId?: string;
}

export const DEFAULT_VOICE_ID = "Joanna";

/**
 * The Amazon Polly voices with a neural variant, per bot locale (Polly's "Neural voices" list, checked
 * 2026-11): the bot's voice settings use the neural engine, so a standard-only voice (Aditi, say) would synthesize
 * here and fail at deploy. Add a locale's list when prompts/ gains that locale.
 */
export const NEURAL_VOICES: Record<string, readonly string[]> = {
  "en-US": [
    "Danielle",
    "Gregory",
    "Ivy",
    "Joanna",
    "Joey",
    "Justin",
    "Kendra",
    "Kevin",
    "Kimberly",
    "Matthew",
    "Ruth",
    "Salli",
    "Stephen",
  ],
};
/** One source with the local runtime: the bot model carries it. */
export const DEFAULT_NLU_CONFIDENCE_THRESHOLD = NLU_CONFIDENCE_THRESHOLD;
/** Every new Connect instance has a queue of this name; its id is a generated UUID, so it is looked up. */
export const DEFAULT_AGENT_QUEUE_NAME = "BasicQueue";

/** The context keys this app reads, for the README and for error messages. */
export const CONTEXT_KEYS = [
  "supportPhone",
  "agentTransfer",
  "voiceId",
  "nluConfidenceThreshold",
  "conversationLogs",
  "progressStore",
  "connectInstanceArn",
  "connectQueueArn",
  "agentQueueName",
  "alexaSkillId",
  "alarmEmail",
  "logLevel",
] as const;
export type ContextKey = (typeof CONTEXT_KEYS)[number];

export type ContextReader = (key: ContextKey) => unknown;

export class SettingsError extends Error {
  constructor(key: ContextKey, problem: string) {
    super(`Context value '${key}' ${problem}`);
    this.name = "SettingsError";
  }
}

const INSTANCE_ARN = /^arn:aws[a-z-]*:connect:[a-z0-9-]+:\d{12}:instance\/[0-9a-f-]{36}$/;
const QUEUE_ARN =
  /^(arn:aws[a-z-]*:connect:[a-z0-9-]+:\d{12}:instance\/[0-9a-f-]{36})\/queue\/[0-9a-f-]{36}$/;
// The same rule the Lambda applies (lambda/config.ts); checked here so a typo fails the synth, not the call.
const PHONE = /^[0-9A-Za-z +().-]{3,40}$/;

function text(read: ContextReader, key: ContextKey): string | undefined {
  const value = read(key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" && typeof value !== "number")
    throw new SettingsError(key, "must be a string");
  const trimmed = String(value).trim();
  return trimmed === "" ? undefined : trimmed;
}

function flag(read: ContextReader, key: ContextKey, fallback: boolean): boolean {
  const value = read(key);
  if (value === undefined || value === null || value === "") return fallback;
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  throw new SettingsError(key, `must be true or false, got '${String(value)}'`);
}

export function readSettings(read: ContextReader): LineSettings {
  const supportPhone = text(read, "supportPhone") ?? readConfig({}).supportPhone;
  if (!PHONE.test(supportPhone)) {
    throw new SettingsError("supportPhone", "must be 3 to 40 digits, letters, spaces or + ( ) . -");
  }

  const voiceId = text(read, "voiceId") ?? DEFAULT_VOICE_ID;
  if (!/^[A-Z][A-Za-z]{1,19}$/.test(voiceId)) {
    throw new SettingsError("voiceId", `must be an Amazon Polly voice id such as ${DEFAULT_VOICE_ID}`);
  }
  const neural = NEURAL_VOICES[DEFAULT_LOCALE] ?? [];
  if (!neural.includes(voiceId)) {
    throw new SettingsError(
      "voiceId",
      `is '${voiceId}', which has no neural ${DEFAULT_LOCALE} voice in Amazon Polly; use one of ${neural.join(", ")}`,
    );
  }

  const rawThreshold = text(read, "nluConfidenceThreshold");
  const nluConfidenceThreshold =
    rawThreshold === undefined ? DEFAULT_NLU_CONFIDENCE_THRESHOLD : Number(rawThreshold);
  if (!Number.isFinite(nluConfidenceThreshold) || nluConfidenceThreshold < 0 || nluConfidenceThreshold > 1) {
    throw new SettingsError("nluConfidenceThreshold", "must be a number from 0 to 1");
  }

  const connectInstanceArn = text(read, "connectInstanceArn");
  if (connectInstanceArn !== undefined && !INSTANCE_ARN.test(connectInstanceArn)) {
    throw new SettingsError(
      "connectInstanceArn",
      "must look like arn:aws:connect:REGION:ACCOUNT:instance/INSTANCE_ID",
    );
  }
  const connectQueueArn = text(read, "connectQueueArn");
  if (connectQueueArn !== undefined) {
    const match = QUEUE_ARN.exec(connectQueueArn);
    if (!match) {
      throw new SettingsError(
        "connectQueueArn",
        "must look like arn:aws:connect:...:instance/INSTANCE_ID/queue/QUEUE_ID",
      );
    }
    if (connectInstanceArn === undefined)
      throw new SettingsError("connectQueueArn", "needs connectInstanceArn");
    if (match[1] !== connectInstanceArn) {
      throw new SettingsError("connectQueueArn", "must be a queue of the instance in connectInstanceArn");
    }
  }

  const agentQueueName = text(read, "agentQueueName") ?? DEFAULT_AGENT_QUEUE_NAME;
  if (agentQueueName.length > 127)
    throw new SettingsError("agentQueueName", "must be at most 127 characters");

  const alexaSkillId = text(read, "alexaSkillId");
  if (alexaSkillId !== undefined && !/^amzn1\.ask\.skill\.[0-9a-f-]{36}$/.test(alexaSkillId)) {
    throw new SettingsError(
      "alexaSkillId",
      "must look like amzn1.ask.skill.xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
    );
  }

  const alarmEmail = text(read, "alarmEmail");
  if (alarmEmail !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(alarmEmail)) {
    throw new SettingsError("alarmEmail", "must be an email address");
  }

  const logLevel = (text(read, "logLevel") ?? "INFO").toUpperCase();
  if (logLevel !== "INFO" && logLevel !== "DEBUG")
    throw new SettingsError("logLevel", "must be INFO or DEBUG");

  return {
    supportPhone,
    logLevel,
    agentTransfer: flag(read, "agentTransfer", true),
    voiceId,
    nluConfidenceThreshold,
    conversationLogs: flag(read, "conversationLogs", false),
    progressStore: flag(read, "progressStore", true),
    ...(connectInstanceArn ? { connectInstanceArn } : {}),
    ...(connectQueueArn ? { connectQueueArn } : {}),
    agentQueueName,
    ...(alexaSkillId ? { alexaSkillId } : {}),
    ...(alarmEmail ? { alarmEmail } : {}),
  };
}

/** The instance id and region inside a validated instance ARN. */
export function parseInstanceArn(arn: string): { region: string; instanceId: string } {
  const [, , , region = "", , resource = ""] = arn.split(":");
  return { region, instanceId: resource.replace(/^instance\//, "") };
}
