// The Amazon Connect contact flow for the phone line, from the template next to this file. The template is the flow
// as a person would draw it (greeting, the bot, then a branch on the bot's `nextAction` session attribute); this
// module only fills in the values of one deployment. Pure: CDK tokens pass through as opaque strings.
import { readFileSync } from "node:fs";

export const CONTACT_FLOW_TEMPLATE = new URL("./contact-flow.template.json", import.meta.url);

export interface ContactFlowParams {
  /** ARN of the bot alias callers talk to (the `live` alias). */
  botAliasArn: string;
  /** Queue a caller asking for a person is put in. */
  queueArn: string;
  /** Polly voice of the flow's own prompts; the same as the bot's, so the caller hears one voice. */
  voiceId: string;
  /** Played once before the bot listens. */
  greeting: string;
  /** The bot block's prompt: the first question. */
  askTopic: string;
  /** Other ways to get help, said when no agent can take the call. */
  supportOptions: string;
  /** False when no queue is staffed: errors then end with the support options instead of a transfer. */
  agentTransfer: boolean;
  /** How long Lex waits for the caller to start speaking. */
  audioStartTimeoutMs?: number;
}

export interface FlowAction {
  Identifier: string;
  Type: string;
  Parameters: Record<string, unknown>;
  Transitions: {
    NextAction?: string;
    Errors?: { NextAction: string; ErrorType: string }[];
    Conditions?: { NextAction: string; Condition: { Operator: string; Operands: string[] } }[];
  };
}

export interface ContactFlow {
  Version: string;
  StartAction: string;
  Actions: FlowAction[];
}

/** Lex's documented default; long enough for a caller who was just told to open Settings. */
export const DEFAULT_AUDIO_START_TIMEOUT_MS = 4000;

/** A string placed inside a JSON string literal. */
const jsonText = (value: string) => JSON.stringify(value).slice(1, -1);

/** Every action the caller can reach, in flow order. */
export const targetsOf = (action: FlowAction): string[] => [
  ...(action.Transitions.NextAction ? [action.Transitions.NextAction] : []),
  ...(action.Transitions.Errors ?? []).map((e) => e.NextAction),
  ...(action.Transitions.Conditions ?? []).map((c) => c.NextAction),
];

function reachableOnly(flow: ContactFlow): ContactFlow {
  const byId = new Map(flow.Actions.map((a) => [a.Identifier, a]));
  const seen = new Set<string>();
  const visit = (id: string) => {
    const action = byId.get(id);
    if (!action || seen.has(id)) return;
    seen.add(id);
    for (const next of targetsOf(action)) visit(next);
  };
  visit(flow.StartAction);
  return { ...flow, Actions: flow.Actions.filter((a) => seen.has(a.Identifier)) };
}

/** The flow as Connect's flow language (JSON text), ready for AWS::Connect::ContactFlow `Content`. */
export function buildContactFlow(
  params: ContactFlowParams,
  template = readFileSync(CONTACT_FLOW_TEMPLATE, "utf8"),
) {
  const values: Record<string, string> = {
    LEX_ALIAS_ARN: params.botAliasArn,
    QUEUE_ARN: params.queueArn,
    VOICE_ID: params.voiceId,
    GREETING: params.greeting,
    ASK_TOPIC: params.askTopic,
    SUPPORT_OPTIONS: params.supportOptions,
    AUDIO_START_TIMEOUT_MS: String(params.audioStartTimeoutMs ?? DEFAULT_AUDIO_START_TIMEOUT_MS),
    BOT_ERROR_NEXT: params.agentTransfer ? "bot-error" : "no-agent",
  };
  const filled = template.replace(/%([A-Z_]+)%/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`Contact flow template: unknown placeholder ${whole}`);
    return jsonText(value);
  });
  const flow = reachableOnly(JSON.parse(filled) as ContactFlow);
  return JSON.stringify(flow);
}
