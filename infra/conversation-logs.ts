// Lex text conversation logs. They hold raw transcripts (callers say things they shouldn't) and session attributes
// (on a call's first turn, the caller's phone number), so they exist only when asked for, encrypted with a key of
// our own, and kept a week.
import { ArnFormat, Aws, RemovalPolicy, Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import type { CfnBotAlias } from "aws-cdk-lib/aws-lex";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";

export const CONVERSATION_LOG_RETENTION = logs.RetentionDays.ONE_WEEK;

export class ConversationLogs extends Construct {
  readonly logGroup: logs.LogGroup;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // A fixed name, because the key policy has to name the group before the group exists.
    const logGroupName = `/aws/lex/${Stack.of(this).stackName}/conversations`;

    this.key = new kms.Key(this, "Key", {
      description: "Encrypts the voice line's Lex conversation logs",
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // CloudWatch Logs encrypts with the key on the writer's behalf; only for this one log group.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        resources: ["*"],
        conditions: {
          ArnEquals: {
            "kms:EncryptionContext:aws:logs:arn": Stack.of(this).formatArn({
              service: "logs",
              resource: "log-group",
              resourceName: logGroupName,
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );

    this.logGroup = new logs.LogGroup(this, "Logs", {
      logGroupName,
      encryptionKey: this.key,
      retention: CONVERSATION_LOG_RETENTION,
      // Transcripts should not outlive the line.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.logGroup.node.addDependency(this.key);
  }

  /** Lets the bot's role write the logs. */
  grantWrite(role: iam.IRole) {
    this.logGroup.grantWrite(role);
  }

  /** The alias setting that turns text logs on. */
  get aliasSettings(): CfnBotAlias.ConversationLogSettingsProperty {
    return {
      textLogSettings: [
        {
          enabled: true,
          destination: {
            cloudWatch: { cloudWatchLogGroupArn: this.logGroup.logGroupArn, logPrefix: "live/" },
          },
        },
      ],
    };
  }
}
