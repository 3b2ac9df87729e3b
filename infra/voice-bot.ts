// The Lex V2 bot: the locale built from prompts/, a version published whenever that definition changes, the `live`
// alias callers reach, and the Lambda wired as the code hook of both `live` and the console's test alias.
import { Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import * as lex from "aws-cdk-lib/aws-lex";
import { Construct } from "constructs";
import type { BotModel } from "../lambda/content/load.js";
import { botDefinitionHash, buildBotLocale, lexLocaleId } from "./bot-definition.js";
import type { ConversationLogs } from "./conversation-logs.js";

/** A caller restarting a router is away for minutes; the session (and their place in the steps) must survive it. */
export const IDLE_SESSION_TTL_SECONDS = 900;
export const LIVE_ALIAS_NAME = "live";
/** Lex's built-in test alias: always this id, always the Draft version. */
export const TEST_ALIAS_ID = "TSTALIASID";
export const LEX_PRINCIPAL = "lexv2.amazonaws.com";

export interface VoiceBotProps {
  model: BotModel;
  voiceId: string;
  nluConfidenceThreshold: number;
  fulfillment: lambda.IFunction;
  /** Text conversation logs of the live alias; none when undefined. */
  conversationLogs?: ConversationLogs;
}

export class VoiceBot extends Construct {
  readonly bot: lex.CfnBot;
  readonly version: lex.CfnBotVersion;
  readonly alias: lex.CfnBotAlias;
  readonly role: iam.Role;
  /** sha256 of the bot definition the current version was published from. */
  readonly definitionHash: string;

  constructor(scope: Construct, id: string, props: VoiceBotProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const localeId = lexLocaleId(props.model.locale);

    // The bot speaks through Polly; that is all it needs (the same single action as AWS's AmazonLexV2BotPolicy).
    // Conversation logs, when on, add write access to their own log group.
    this.role = new iam.Role(this, "Role", {
      assumedBy: new iam.ServicePrincipal(LEX_PRINCIPAL),
      description: "Voice line Lex bot: speaks through Polly",
      inlinePolicies: {
        Speech: new iam.PolicyDocument({
          statements: [new iam.PolicyStatement({ actions: ["polly:SynthesizeSpeech"], resources: ["*"] })],
        }),
      },
    });
    props.conversationLogs?.grantWrite(this.role);

    const codeHook = {
      codeHookSpecification: {
        lambdaCodeHook: { lambdaArn: props.fulfillment.functionArn, codeHookInterfaceVersion: "1.0" },
      },
    };
    const locale = buildBotLocale(props.model, {
      voiceId: props.voiceId,
      nluConfidenceThreshold: props.nluConfidenceThreshold,
    });
    const definition = {
      idleSessionTtlInSeconds: IDLE_SESSION_TTL_SECONDS,
      dataPrivacy: { ChildDirected: false },
      botLocales: [locale],
    };
    this.definitionHash = botDefinitionHash(definition);

    this.bot = new lex.CfnBot(this, "Bot", {
      name: `${stack.stackName}-bot`,
      description: "Walks a caller through fixing iCloud Backup on iPhone",
      roleArn: this.role.roleArn,
      ...definition,
      // Without this the Draft is never built and publishing a version fails.
      autoBuildBotLocales: true,
      testBotAliasSettings: {
        description: "Draft, for the Lex console's test window",
        botAliasLocaleSettings: [{ localeId, botAliasLocaleSetting: { enabled: true, ...codeHook } }],
      },
    });

    // Lex only snapshots the Draft when this resource is created, so a changed bot gets a new logical id (and the
    // old version is deleted once the alias has moved on, keeping well under Lex's 100 versions per bot).
    this.version = new lex.CfnBotVersion(this, `Version${this.definitionHash.slice(0, 12)}`, {
      botId: this.bot.attrId,
      description: `Bot definition sha256:${this.definitionHash}`,
      botVersionLocaleSpecification: [{ localeId, botVersionLocaleDetails: { sourceBotVersion: "DRAFT" } }],
    });

    this.alias = new lex.CfnBotAlias(this, "LiveAlias", {
      botId: this.bot.attrId,
      botAliasName: LIVE_ALIAS_NAME,
      botVersion: this.version.attrBotVersion,
      description: "What callers reach: the latest published version",
      botAliasLocaleSettings: [{ localeId, botAliasLocaleSetting: { enabled: true, ...codeHook } }],
      sentimentAnalysisSettings: { DetectSentiment: false },
      ...(props.conversationLogs ? { conversationLogSettings: props.conversationLogs.aliasSettings } : {}),
    });
    // With logs on, Lex checks the bot role may write them when the alias changes: the role's policy first.
    this.alias.node.addDependency(this.role);

    // Lex may call the Lambda only on behalf of these two aliases of this bot.
    props.fulfillment.addPermission("InvokeFromLiveAlias", {
      principal: new iam.ServicePrincipal(LEX_PRINCIPAL),
      sourceArn: this.alias.attrArn,
    });
    props.fulfillment.addPermission("InvokeFromTestAlias", {
      principal: new iam.ServicePrincipal(LEX_PRINCIPAL),
      sourceArn: this.testAliasArn,
    });
  }

  get testAliasArn(): string {
    return Stack.of(this).formatArn({
      service: "lex",
      resource: "bot-alias",
      resourceName: `${this.bot.attrId}/${TEST_ALIAS_ID}`,
    });
  }
}
