// The phone line on an existing Amazon Connect instance: the bot's live alias associated with the instance, and the
// contact flow that greets the caller, hands them to the bot, then transfers or hangs up as the bot decided.
import { Aws, CfnRule, Fn, RemovalPolicy, Stack, Token } from "aws-cdk-lib";
import * as connect from "aws-cdk-lib/aws-connect";
import * as iam from "aws-cdk-lib/aws-iam";
import * as logs from "aws-cdk-lib/aws-logs";
import * as cr from "aws-cdk-lib/custom-resources";
import { Construct } from "constructs";
import type { SpokenShared } from "../lambda/content/types.js";
import { buildContactFlow } from "./contact-flow.js";
import { parseInstanceArn } from "./settings.js";

export interface PhoneLineProps {
  instanceArn: string;
  /** The agents' queue; looked up by `queueName` in the instance when not given. */
  queueArn?: string;
  queueName: string;
  botAliasArn: string;
  voiceId: string;
  agentTransfer: boolean;
  supportPhone: string;
  /** The line's shared phrases (prompts/<locale>/shared.yaml), so the flow speaks the same words as the bot. */
  shared: SpokenShared;
}

export class PhoneLine extends Construct {
  readonly flow: connect.CfnContactFlow;
  readonly instanceArn: string;
  readonly queueArn: string;
  /** The custom resource that finds the queue, when it had to be looked up. */
  readonly queueLookup?: cr.AwsCustomResource;

  constructor(scope: Construct, id: string, props: PhoneLineProps) {
    super(scope, id);
    this.instanceArn = props.instanceArn;
    const { region, instanceId } = parseInstanceArn(props.instanceArn);

    // Lex bots and Connect instances must live in the same region: fail the synth when the stack's region is
    // known, and the deploy (before anything is created) when it is not.
    const stackRegion = Stack.of(this).region;
    if (!Token.isUnresolved(stackRegion) && stackRegion !== region) {
      throw new Error(
        `The Connect instance is in ${region} but this stack deploys to ${stackRegion}: set AWS_REGION (or your ` +
          `profile's region) to ${region}`,
      );
    }
    new CfnRule(this, "SameRegionAsInstance", {
      assertions: [
        {
          assert: Fn.conditionEquals(Aws.REGION, region),
          assertDescription: `Deploy this stack in ${region}, the region of the Amazon Connect instance`,
        },
      ],
    });

    if (props.queueArn) {
      this.queueArn = props.queueArn;
    } else {
      // Queue ids are generated UUIDs, so "the instance's BasicQueue" can't be written down from the instance ARN:
      // ask Connect for it at deploy time. The lookup Lambda gets its own role and log group rather than the
      // managed AWSLambdaBasicExecutionRole, which may write to any log group.
      const logGroup = new logs.LogGroup(this, "FindQueueLogs", {
        retention: logs.RetentionDays.ONE_WEEK,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      const role = new iam.Role(this, "FindQueueRole", {
        assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
        description: "Voice line: looks up the agents' queue in the Connect instance at deploy time",
      });
      logGroup.grantWrite(role);
      this.queueLookup = new cr.AwsCustomResource(this, "FindQueue", {
        // The SDK in the Lambda runtime has SearchQueues; installing a newer one would need npm at deploy time.
        installLatestAwsSdk: false,
        role,
        logGroup,
        onUpdate: {
          service: "Connect",
          action: "SearchQueues",
          parameters: {
            InstanceId: instanceId,
            SearchCriteria: {
              StringCondition: { FieldName: "name", Value: props.queueName, ComparisonType: "EXACT" },
            },
            MaxResults: 1,
          },
          physicalResourceId: cr.PhysicalResourceId.of(`${instanceId}/queue/${props.queueName}`),
          outputPaths: ["Queues.0.QueueArn"],
        },
        policy: cr.AwsCustomResourcePolicy.fromStatements([
          new iam.PolicyStatement({
            actions: ["connect:SearchQueues"],
            resources: [props.instanceArn, `${props.instanceArn}/queue/*`],
          }),
        ]),
      });
      this.queueArn = this.queueLookup.getResponseField("Queues.0.QueueArn");
    }

    // Lets the instance's flows talk to the live alias (Connect adds the alias resource policy it needs).
    const association = new connect.CfnIntegrationAssociation(this, "BotAssociation", {
      instanceId: props.instanceArn,
      integrationType: "LEX_BOT",
      integrationArn: props.botAliasArn,
    });

    const { shared } = props;
    this.flow = new connect.CfnContactFlow(this, "Flow", {
      instanceArn: props.instanceArn,
      // Flow names are unique per instance; the stack name keeps two deployments (say, staging) apart.
      name: `iCloud Backup help line - ${Stack.of(this).stackName}`,
      type: "CONTACT_FLOW",
      state: "ACTIVE",
      description: "Greets the caller, hands them to the Lex bot, then transfers to an agent or hangs up",
      content: buildContactFlow({
        botAliasArn: props.botAliasArn,
        queueArn: this.queueArn,
        voiceId: props.voiceId,
        greeting: shared.greeting,
        askTopic: shared.askTopic,
        supportOptions: shared.replies.supportOptions.replace("{phone}", props.supportPhone),
        agentTransfer: props.agentTransfer,
      }),
    });
    // The flow names the bot: create it after the bot is attached to the instance, delete it before.
    this.flow.addDependency(association);
  }
}
