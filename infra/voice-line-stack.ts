// The whole line in one stack: the fulfillment Lambda and its progress store, the Lex bot built from prompts/,
// optional conversation logs, and, when a Connect instance is given, the phone line.
import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type { Construct } from "constructs";
import {
  botModel,
  type Content,
  DEFAULT_LOCALE,
  loadContent,
  speechContent,
} from "../lambda/content/load.js";
import { ConversationLogs } from "./conversation-logs.js";
import { ALEXA_ENTRY, FulfillmentFunction } from "./fulfillment-function.js";
import { LineObservability } from "./observability.js";
import { PhoneLine } from "./phone-line.js";
import { ProgressStore } from "./progress-store.js";
import type { LineSettings } from "./settings.js";
import { VoiceBot } from "./voice-bot.js";

export interface VoiceLineStackProps extends StackProps {
  settings: LineSettings;
  /** The validated content; loaded from prompts/ when not given. */
  content?: Content;
}

export class VoiceLineStack extends Stack {
  readonly fulfillment: FulfillmentFunction;
  readonly alexa: FulfillmentFunction;
  readonly voiceBot: VoiceBot;
  readonly conversationLogs?: ConversationLogs;
  readonly progressStore?: ProgressStore;
  readonly phoneLine?: PhoneLine;
  readonly observability: LineObservability;

  constructor(scope: Construct, id: string, props: VoiceLineStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const content = props.content ?? loadContent(DEFAULT_LOCALE);

    if (settings.progressStore) this.progressStore = new ProgressStore(this, "Progress");
    this.fulfillment = new FulfillmentFunction(this, "Fulfillment", {
      ...settings,
      ...(this.progressStore ? { environment: this.progressStore.environment } : {}),
    });
    this.progressStore?.grantUse(this.fulfillment.fn);

    // The smart-speaker channel: the same engine and content behind an Alexa custom skill.
    this.alexa = new FulfillmentFunction(this, "Alexa", {
      ...settings,
      agentTransfer: false,
      entry: ALEXA_ENTRY,
      description: "Answers the iCloud Backup Alexa skill (same engine and content as the phone line)",
      environment: {
        ...this.progressStore?.environment,
        ...(settings.alexaSkillId ? { ALEXA_SKILL_ID: settings.alexaSkillId } : {}),
      },
    });
    this.progressStore?.grantUse(this.alexa.fn);
    if (settings.alexaSkillId) {
      // Only this skill may invoke it: the Alexa Skills Kit trigger checks the skill id (EventSourceToken).
      this.alexa.fn.addPermission("AlexaSkillsKitTrigger", {
        principal: new iam.ServicePrincipal("alexa-appkit.amazon.com"),
        action: "lambda:InvokeFunction",
        eventSourceToken: settings.alexaSkillId,
      });
    }
    if (settings.conversationLogs) this.conversationLogs = new ConversationLogs(this, "ConversationLogs");

    this.voiceBot = new VoiceBot(this, "Bot", {
      model: botModel(content),
      voiceId: settings.voiceId,
      nluConfidenceThreshold: settings.nluConfidenceThreshold,
      fulfillment: this.fulfillment.fn,
      ...(this.conversationLogs ? { conversationLogs: this.conversationLogs } : {}),
    });

    this.observability = new LineObservability(this, "Observability", {
      functions: { Lex: this.fulfillment.fn, Alexa: this.alexa.fn },
      ...(settings.alarmEmail ? { alarmEmail: settings.alarmEmail } : {}),
    });

    if (settings.connectInstanceArn) {
      this.phoneLine = new PhoneLine(this, "PhoneLine", {
        instanceArn: settings.connectInstanceArn,
        ...(settings.connectQueueArn ? { queueArn: settings.connectQueueArn } : {}),
        queueName: settings.agentQueueName,
        botAliasArn: this.voiceBot.alias.attrArn,
        voiceId: settings.voiceId,
        agentTransfer: settings.agentTransfer,
        supportPhone: settings.supportPhone,
        shared: speechContent(content, "phone").shared,
      });
    }

    new CfnOutput(this, "BotId", { value: this.voiceBot.bot.attrId });
    new CfnOutput(this, "LiveAliasArn", { value: this.voiceBot.alias.attrArn });
    new CfnOutput(this, "FulfillmentFunctionName", { value: this.fulfillment.fn.functionName });
    new CfnOutput(this, "AlexaFunctionArn", { value: this.alexa.fn.functionArn });
    new CfnOutput(this, "DashboardName", { value: this.observability.dashboard.dashboardName });
    if (this.phoneLine)
      new CfnOutput(this, "ContactFlowArn", { value: this.phoneLine.flow.attrContactFlowArn });
  }
}
