// Where a caller's place in the steps survives a dropped call (lambda/store/): a DynamoDB table keyed by an HMAC of
// the caller's number, and the HMAC key in Secrets Manager. The Lambda finds both through PROGRESS_TABLE and
// HASH_SECRET_ARN and works without them (no resume), so the line degrades instead of failing.
import { RemovalPolicy } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import type * as iam from "aws-cdk-lib/aws-iam";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";

/** The item attribute lambda/store/dynamo.ts writes the expiry (epoch seconds) to. */
export const EXPIRY_ATTRIBUTE = "expiresAt";

export class ProgressStore extends Construct {
  readonly table: dynamodb.Table;
  readonly hashSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new dynamodb.Table(this, "Table", {
      partitionKey: { name: "pk", type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      // Point-in-time recovery for 7 days only: the same horizon as the items themselves, so a restore can't
      // bring back a caller's place for longer than the line would have kept it anyway.
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 7 },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      // DynamoDB deletes expired progress itself; the Lambda also ignores anything past its age limit.
      timeToLiveAttribute: EXPIRY_ATTRIBUTE,
      // Saved places are a convenience that expires within a week: nothing to keep when the line is torn down.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.hashSecret = new secretsmanager.Secret(this, "HashKey", {
      description: "HMAC key that turns callers' phone numbers into progress keys",
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }

  /** Read, write and delete single items (what the store does), and read the HMAC key. */
  grantUse(grantee: iam.IGrantable) {
    this.table.grant(grantee, "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem");
    this.hashSecret.grantRead(grantee);
  }

  get environment(): Record<string, string> {
    return { PROGRESS_TABLE: this.table.tableName, HASH_SECRET_ARN: this.hashSecret.secretArn };
  }
}
