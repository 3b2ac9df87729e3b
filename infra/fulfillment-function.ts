// The one Lambda that answers every turn of the bot (Lex allows one code hook per alias and locale), bundled from
// lambda/handler.ts with the locally installed esbuild: no Docker, no network at synth.
import { fileURLToPath } from "node:url";
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { LogLevel, NodejsFunction, OutputFormat, SourceMapMode } from "aws-cdk-lib/aws-lambda-nodejs";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import type { LineSettings } from "./settings.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const HANDLER_ENTRY = fileURLToPath(new URL("../lambda/handler.ts", import.meta.url));
export const ALEXA_ENTRY = fileURLToPath(new URL("../lambda/alexa.ts", import.meta.url));

/** The newest Node.js runtime (cdk-nag's AwsSolutions-L1 checks it stays the newest this aws-cdk-lib knows). */
export const RUNTIME = lambda.Runtime.NODEJS_24_X;

/** A voice turn has to answer within a breath; a slower Lambda is a bug, and Lex would give up on it anyway. */
export const TURN_TIMEOUT = Duration.seconds(5);
export const LOG_RETENTION = logs.RetentionDays.TWO_WEEKS;
/** The names the Lambda logs and counts under (lambda/telemetry); the dashboard and alarms read the same. */
export const SERVICE_NAME = "icloud-backup-voice-line";
export const METRICS_NAMESPACE = "ICloudBackupVoiceLine";

export interface FulfillmentSettings
  extends Pick<LineSettings, "supportPhone" | "agentTransfer" | "logLevel"> {
  /** More environment, from the resources the function uses (the progress store). */
  environment?: Record<string, string>;
  /** The handler module; the Lex code hook unless given (the Alexa skill has its own). */
  entry?: string;
  description?: string;
}

export class FulfillmentFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, settings: FulfillmentSettings) {
    super(scope, id);

    // Its own log group, so retention is set here rather than "never expire" on a group Lambda creates itself.
    this.logGroup = new logs.LogGroup(this, "Logs", {
      retention: LOG_RETENTION,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // A role with exactly what the function uses (write to its own log group), instead of the AWS managed
    // AWSLambdaBasicExecutionRole, which allows writing to every log group in the account.
    const role = new iam.Role(this, "Role", {
      assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
      description: "Voice line Lambda: writes its own logs, nothing else",
    });
    this.logGroup.grantWrite(role);

    this.fn = new NodejsFunction(this, "Function", {
      entry: settings.entry ?? HANDLER_ENTRY,
      handler: "handler",
      projectRoot: ROOT,
      depsLockFilePath: `${ROOT}package-lock.json`,
      runtime: RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      timeout: TURN_TIMEOUT,
      // More memory is more CPU: a faster cold start on the first turn of a call, for a fraction of a cent.
      memorySize: 512,
      role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      // Lambda drops JSON lines below this level; DEBUG lets the redacted transcripts through when asked for.
      applicationLogLevelV2:
        settings.logLevel === "DEBUG" ? lambda.ApplicationLogLevel.DEBUG : lambda.ApplicationLogLevel.INFO,
      description:
        settings.description ?? "Answers every turn of the iCloud Backup voice line (Lex V2 code hook)",
      environment: {
        SUPPORT_PHONE: settings.supportPhone,
        LOG_LEVEL: settings.logLevel,
        AGENT_TRANSFER: String(settings.agentTransfer),
        SERVICE_NAME: SERVICE_NAME,
        METRICS_NAMESPACE: METRICS_NAMESPACE,
        // Stack traces point at lambda/*.ts instead of the minified bundle.
        NODE_OPTIONS: "--enable-source-maps",
        ...settings.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        mainFields: ["module", "main"],
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: false,
        // The runtime ships the AWS SDK v3; bundling it would only slow the cold start.
        externalModules: ["@aws-sdk/*"],
        // esbuild's file-size table on every synth is noise; its warnings and errors still show.
        logLevel: LogLevel.WARNING,
      },
    });
  }
}
