// Which Lex V2 bot `npm run test:lex` talks to, and whether it is ready: the local runtime (--endpoint), a bot by
// its ids, or the alias a deployed stack names in its LiveAliasArn output (--stack). Readiness is what Lex's models
// API says: the alias is Available, enabled for the locale, and points at a version whose locale is Built; a failed
// build is reported with Lex's own reasons.
import { CloudFormationClient, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import {
  DescribeBotAliasCommand,
  DescribeBotLocaleCommand,
  LexModelsV2Client,
} from "@aws-sdk/client-lex-models-v2";
import { LexRuntimeV2Client } from "@aws-sdk/client-lex-runtime-v2";
import { LOCAL_BOT } from "../../local/bot.js";

export interface TargetOptions {
  endpoint?: string;
  botId?: string;
  botAliasId?: string;
  localeId?: string;
  region?: string;
  stack?: string;
}

export interface LexTarget {
  botId: string;
  botAliasId: string;
  localeId: string;
  region: string;
  /** The local runtime (or another endpoint): no credentials needed, no cost. */
  endpoint?: string;
  runtime: LexRuntimeV2Client;
  models: LexModelsV2Client;
  /** "the local runtime at http://..." or "bot ABC alias DEF in eu-west-2". */
  describe: string;
}

/** A problem the person running the command can fix: printed as it is, without a stack trace. */
export class TargetError extends Error {}

/** arn:aws:lex:REGION:ACCOUNT:bot-alias/BOTID/ALIASID */
export function parseAliasArn(arn: string): { region: string; botId: string; botAliasId: string } {
  const m = /^arn:aws[\w-]*:lex:([a-z0-9-]+):\d{12}:bot-alias\/([A-Z0-9]{10})\/([A-Z0-9]{10})$/.exec(
    arn.trim(),
  );
  if (!m)
    throw new TargetError(
      `"${arn}" is not a Lex V2 bot alias ARN (arn:aws:lex:REGION:ACCOUNT:bot-alias/BOTID/ALIASID)`,
    );
  return { region: m[1] as string, botId: m[2] as string, botAliasId: m[3] as string };
}

async function aliasOfStack(stack: string, region: string, endpoint?: string): Promise<string> {
  const cfn = new CloudFormationClient({ region, ...(endpoint ? { endpoint } : {}) });
  try {
    const r = await cfn.send(new DescribeStacksCommand({ StackName: stack }));
    const arn = r.Stacks?.[0]?.Outputs?.find((o) => o.OutputKey === "LiveAliasArn")?.OutputValue;
    if (!arn)
      throw new TargetError(
        `Stack ${stack} in ${region} has no LiveAliasArn output: is it this project's stack?`,
      );
    return arn;
  } catch (err) {
    if (err instanceof TargetError) throw err;
    throw new TargetError(`Couldn't read stack ${stack} in ${region}: ${(err as Error).message}`);
  } finally {
    cfn.destroy();
  }
}

export async function resolveTarget(o: TargetOptions): Promise<LexTarget> {
  const localeId = o.localeId ?? LOCAL_BOT.localeId;
  if (o.endpoint) {
    if (!/^https?:\/\/[^\s/]+/.test(o.endpoint))
      throw new TargetError(`--endpoint must be a URL, like http://127.0.0.1:8000`);
    const region = o.region ?? "us-east-1";
    // The local runtime checks no signature; the SDK still signs, so it needs some credentials.
    const credentials = { accessKeyId: "local", secretAccessKey: "local" };
    const config = { region, endpoint: o.endpoint, credentials };
    return {
      botId: o.botId ?? LOCAL_BOT.id,
      botAliasId: o.botAliasId ?? LOCAL_BOT.aliasId,
      localeId,
      region,
      endpoint: o.endpoint,
      runtime: new LexRuntimeV2Client(config),
      models: new LexModelsV2Client(config),
      describe: `the Lex runtime at ${o.endpoint}`,
    };
  }
  let region = o.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  let { botId, botAliasId } = o;
  if (o.stack) {
    if (!region) throw new TargetError("--stack needs a region: --region REGION or AWS_REGION");
    const alias = parseAliasArn(await aliasOfStack(o.stack, region));
    region = alias.region;
    botId ??= alias.botId;
    botAliasId ??= alias.botAliasId;
  }
  if (!botId || !botAliasId)
    throw new TargetError(
      "Say which bot: --stack STACK (after cdk deploy), --bot-id ID --bot-alias-id ID, or --endpoint URL for a local runtime",
    );
  if (!region) throw new TargetError("Say which region: --region REGION or AWS_REGION");
  return {
    botId,
    botAliasId,
    localeId,
    region,
    runtime: new LexRuntimeV2Client({ region }),
    models: new LexModelsV2Client({ region }),
    describe: `bot ${botId} alias ${botAliasId} (${localeId}) in ${region}`,
  };
}

/** Problems that stop a run before it starts, in plain words; empty when the alias is ready to talk to. */
export async function readinessProblems(t: LexTarget): Promise<string[]> {
  let version: string | undefined;
  try {
    const alias = await t.models.send(
      new DescribeBotAliasCommand({ botId: t.botId, botAliasId: t.botAliasId }),
    );
    if (alias.botAliasStatus !== "Available")
      return [
        `The alias ${t.botAliasId} is ${alias.botAliasStatus ?? "in an unknown state"}, not Available.`,
      ];
    const locale = alias.botAliasLocaleSettings?.[t.localeId];
    if (alias.botAliasLocaleSettings && !locale)
      return [`The alias ${t.botAliasId} has no settings for the locale ${t.localeId}.`];
    if (locale && locale.enabled === false)
      return [`The alias ${t.botAliasId} has the locale ${t.localeId} turned off.`];
    version = alias.botVersion;
    if (!version) return [`The alias ${t.botAliasId} points at no bot version.`];
    const built = await t.models.send(
      new DescribeBotLocaleCommand({ botId: t.botId, botVersion: version, localeId: t.localeId }),
    );
    switch (built.botLocaleStatus) {
      case "Built":
        return [];
      case "ReadyExpressTesting":
        return [
          `Locale ${t.localeId} of version ${version} is ReadyExpressTesting: until its build finishes Lex understands ` +
            "only the exact training phrases, so a run now would not say how callers' own words are understood.",
        ];
      case "Failed":
        return [
          `Lex could not build locale ${t.localeId} of version ${version}. Lex says:`,
          ...(built.failureReasons?.length ? built.failureReasons : ["(no reason given)"]).map(
            (r) => `  - ${r}`,
          ),
        ];
      default:
        return [
          `Locale ${t.localeId} of version ${version} is ${built.botLocaleStatus ?? "in an unknown state"}, not Built: ` +
            "build it (the stack builds it on deploy), or wait for the build to finish.",
        ];
    }
  } catch (err) {
    const e = err as Error;
    if (e.name === "ResourceNotFoundException")
      return [
        `Not found: ${e.message} (check --bot-id, --bot-alias-id, --locale and the region ${t.region}).`,
      ];
    if (e.name === "CredentialsProviderError" || /credential/i.test(e.message))
      return [
        `No AWS credentials: ${e.message}. Set them as for the AWS CLI (AWS_PROFILE, or aws configure).`,
      ];
    if (e.name === "AccessDeniedException")
      return [
        `Access denied: ${e.message}. The run needs lex:DescribeBotAlias, lex:DescribeBotLocale and lex:RecognizeText.`,
      ];
    return [`Couldn't check the bot is built: ${e.name}: ${e.message}`];
  }
}
