// Builds the CDK app: the stack with settings from context, checked by cdk-nag's AwsSolutions rules through CDK's
// validation plugins (cdk-nag 3), next to CDK's built-in CloudFormation validation. Shared by infra/app.ts and tests.
import { App, type AppProps, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { acknowledgeFindings } from "./nag-acknowledgements.js";
import { type ContextKey, readSettings } from "./settings.js";
import { VoiceLineStack } from "./voice-line-stack.js";

export const STACK_NAME = "ICloudBackupVoiceLine";

export interface BuildAppOptions extends Pick<AppProps, "outdir"> {
  /** Extra context, as `-c key=value` would give. */
  context?: Record<string, unknown>;
  /** Apply the reviewed cdk-nag acknowledgements (infra/nag-acknowledgements.ts). Off only in the test that proves
   * each acknowledgement still matches a real finding. */
  acknowledgeNagFindings?: boolean;
}

export function buildApp(options: BuildAppOptions = {}) {
  const app = new App({
    ...(options.outdir ? { outdir: options.outdir } : {}),
    ...(options.context ? { context: options.context } : {}),
  });
  const settings = readSettings((key: ContextKey) => app.node.tryGetContext(key));
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const region = process.env.CDK_DEFAULT_REGION;
  const stack = new VoiceLineStack(app, STACK_NAME, {
    settings,
    description: "iCloud Backup voice self-service line: Amazon Lex V2 bot and its Lambda",
    // The CLI's account and region when it knows them (its region falls back to us-east-1); nothing is looked up,
    // so synth needs no credentials. Without either (tests, plain tsx), the template is environment-agnostic.
    ...(account || region ? { env: { account, region } } : {}),
  });
  if (options.acknowledgeNagFindings !== false) acknowledgeFindings(stack);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack, settings };
}
