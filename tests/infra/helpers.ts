// Shared setup for the infra tests: apps built the way `cdk synth` builds them (with cdk.json's context), one per
// set of context values and cached, because bundling the Lambda with esbuild is the slow part.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { type BuildAppOptions, buildApp } from "../../infra/build-app.js";
import type { LineSettings } from "../../infra/settings.js";
import { VoiceLineStack } from "../../infra/voice-line-stack.js";
import type { Content } from "../../lambda/content/load.js";

const CDK_JSON = new URL("../../cdk.json", import.meta.url);

/** The context cdk.json gives every `cdk synth` (feature flags such as validateAgainstDefaultRules). */
export const cdkJsonContext = (): Record<string, unknown> =>
  (JSON.parse(readFileSync(CDK_JSON, "utf8")) as { context?: Record<string, unknown> }).context ?? {};

export const INSTANCE_ARN =
  "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555";
export const QUEUE_ARN = `${INSTANCE_ARN}/queue/99999999-8888-7777-6666-555555555555`;

/** The context variants the app supports, named for test titles. */
export const VARIANTS: Record<string, Record<string, unknown>> = {
  default: {},
  "conversation logs, alarm e-mail, Alexa skill": {
    conversationLogs: "true",
    alarmEmail: "oncall@example.com",
    alexaSkillId: "amzn1.ask.skill.12345678-1234-1234-1234-123456789012",
  },
  "Connect, queue looked up": { connectInstanceArn: INSTANCE_ARN },
  "Connect, queue given, no agents": {
    connectInstanceArn: INSTANCE_ARN,
    connectQueueArn: QUEUE_ARN,
    agentTransfer: "false",
    conversationLogs: "true",
  },
};

export const newOutdir = () => mkdtempSync(join(tmpdir(), "voice-line-cdk-"));
// CDK reuses a bundle only within one output directory: sharing it keeps esbuild to one run per test file.
const sharedOutdir = newOutdir();

export function newApp(
  context: Record<string, unknown> = {},
  options: Omit<BuildAppOptions, "context"> = {},
) {
  return buildApp({
    outdir: sharedOutdir,
    ...options,
    context: { ...cdkJsonContext(), ...context },
  });
}

const templates = new Map<string, Template>();

/** The stack's template for these context values; built once per test file. */
export function templateFor(context: Record<string, unknown> = {}): Template {
  const key = JSON.stringify(context);
  let template = templates.get(key);
  if (!template) {
    template = Template.fromStack(newApp(context).stack);
    templates.set(key, template);
  }
  return template;
}

/** The single resource of a type, as a plain object. */
export function onlyResource(template: Template, type: string): { Properties: Record<string, unknown> } {
  const found = Object.values(template.findResources(type));
  if (found.length !== 1) throw new Error(`Expected one ${type}, found ${found.length}`);
  return found[0] as { Properties: Record<string, unknown> };
}

/** The one resource of a type whose logical id starts with `prefix` (e.g. "Fulfillment" vs "Alexa"). */
export function resourceUnder(
  template: Template,
  type: string,
  prefix: string,
): { id: string; Properties: Record<string, unknown> } {
  const found = Object.entries(template.findResources(type)).filter(([id]) => id.startsWith(prefix));
  if (found.length !== 1) throw new Error(`Expected one ${type} under ${prefix}, found ${found.length}`);
  const [id, resource] = found[0] as [string, { Properties: Record<string, unknown> }];
  return { id, Properties: resource.Properties };
}

/** A bare stack from given settings and content: for comparisons that must not see prompts/ change in between. */
export const stackWith = (settings: LineSettings, content: Content) =>
  new VoiceLineStack(new App({ outdir: sharedOutdir }), "Stack", { settings, content });
