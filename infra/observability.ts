// Whether the line works, at a glance and by alarm: containment (resolved / conversations), escalations, top
// topics, where callers give up, no-match rate, and the Lambdas' errors, p99 duration and throttles. The metrics
// are the EMF lines lambda/telemetry writes on every turn, under the same namespace and service name.
import { Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";
import { METRICS_NAMESPACE, SERVICE_NAME } from "./fulfillment-function.js";

/** Every channel the Lambdas count under (lambda/channels/lex/identity.ts channelOf, and "alexa"). */
export const CHANNELS = ["phone", "voice", "text", "alexa"] as const;
const PERIOD = Duration.minutes(5);

/** Thresholds the alarms use; exported so the README and the tests name the same figures. */
export const ALARMS = {
  p99DurationMs: 1000,
  noMatchRatePercent: 30,
  /** Below this many turns in the window, a no-match rate says nothing. */
  noMatchMinTurns: 20,
  storeProblems: 5,
} as const;

export interface ObservabilityProps {
  functions: Record<string, lambda.IFunction>;
  /** Alarm notifications go to this address through an encrypted SNS topic; none without it. */
  alarmEmail?: string;
}

/** One of our EMF metrics for one channel. */
const lineMetric = (name: string, channel: string, statistic = "Sum") =>
  new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { Service: SERVICE_NAME, Channel: channel },
    statistic,
    period: PERIOD,
  });

/** A metric summed over every channel: plain metric math, so alarms can use it too (SEARCH can't alarm). */
function total(name: string, label: string): cloudwatch.MathExpression {
  const usingMetrics = Object.fromEntries(
    CHANNELS.map((c, i) => [`${name.toLowerCase()}${i}`, lineMetric(name, c)]),
  );
  return new cloudwatch.MathExpression({
    expression: Object.keys(usingMetrics)
      .map((id) => `FILL(${id}, 0)`)
      .join(" + "),
    usingMetrics,
    label,
    period: PERIOD,
  });
}

/** Store problems of every operation (lambda/store/tracker.ts), as plain math an alarm can use. */
function storeProblems(): cloudwatch.MathExpression {
  const operations = ["secret", "load", "save", "remove"];
  const usingMetrics = Object.fromEntries(
    operations.map((operation) => [
      operation,
      new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName: "StoreUnavailable",
        dimensionsMap: { Service: SERVICE_NAME, Operation: operation },
        statistic: "Sum",
        period: PERIOD,
      }),
    ]),
  );
  return new cloudwatch.MathExpression({
    expression: operations.map((o) => `FILL(${o}, 0)`).join(" + "),
    usingMetrics,
    label: "Store problems",
    period: PERIOD,
  });
}

const search = (dimensions: string, metric: string, label: string) =>
  new cloudwatch.MathExpression({
    expression: `SEARCH('{${METRICS_NAMESPACE},${dimensions}} MetricName="${metric}"', 'Sum', 3600)`,
    usingMetrics: {},
    label,
    period: Duration.hours(1),
  });

export class LineObservability extends Construct {
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly topic?: sns.Topic;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const conversations = total("Conversations", "Conversations");
    const resolved = total("Resolved", "Resolved");
    const escalated = total("Escalated", "Escalated");
    const turns = total("Turns", "Turns");
    const noMatch = total("NoMatch", "No match");
    const rate = (expression: string, label: string, usingMetrics: Record<string, cloudwatch.IMetric>) =>
      new cloudwatch.MathExpression({ expression, usingMetrics, label, period: PERIOD });
    const containment = rate("IF(c > 0, 100 * r / c, 0)", "Containment %", { r: resolved, c: conversations });
    const escalation = rate("IF(c > 0, 100 * e / c, 0)", "Escalation %", { e: escalated, c: conversations });
    const noMatchRate = rate(`IF(t >= ${ALARMS.noMatchMinTurns}, 100 * n / t, 0)`, "No-match %", {
      n: noMatch,
      t: turns,
    });

    if (props.alarmEmail) {
      // Alarm messages name the line and its metrics: encrypted with a key CloudWatch may use, and TLS only.
      const key = new kms.Key(this, "AlarmTopicKey", {
        enableKeyRotation: true,
        description: "Encrypts the voice line's alarm notifications",
        removalPolicy: RemovalPolicy.DESTROY,
      });
      // CloudWatch publishes as a service principal: it needs the key and an explicit Allow on the topic (the
      // TLS-only policy replaces SNS's default one), both limited to this account's alarms.
      const stack = Stack.of(this);
      const fromOurAlarms = {
        ArnLike: {
          "aws:SourceArn": `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:*`,
        },
        StringEquals: { "aws:SourceAccount": stack.account },
      };
      const cloudwatchPrincipal = new iam.ServicePrincipal("cloudwatch.amazonaws.com");
      key.addToResourcePolicy(
        new iam.PolicyStatement({
          principals: [cloudwatchPrincipal],
          actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
          resources: ["*"],
          conditions: fromOurAlarms,
        }),
      );
      this.topic = new sns.Topic(this, "AlarmTopic", { masterKey: key, enforceSSL: true });
      this.topic.addToResourcePolicy(
        new iam.PolicyStatement({
          principals: [cloudwatchPrincipal],
          actions: ["sns:Publish"],
          resources: [this.topic.topicArn],
          conditions: fromOurAlarms,
        }),
      );
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    }
    const alarm = (
      name: string,
      alarmProps: cloudwatch.CreateAlarmOptions & { metric: cloudwatch.IMetric },
    ) => {
      const a = new cloudwatch.Alarm(this, name, {
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...alarmProps,
      });
      if (this.topic) a.addAlarmAction(new actions.SnsAction(this.topic));
      this.alarms.push(a);
      return a;
    };

    const lambdaWidgets: cloudwatch.IWidget[] = [];
    for (const [name, fn] of Object.entries(props.functions)) {
      const errors = fn.metricErrors({ period: PERIOD, statistic: "Sum" });
      const throttles = fn.metricThrottles({ period: PERIOD, statistic: "Sum" });
      const p99 = fn.metricDuration({ period: PERIOD, statistic: "p99" });
      alarm(`${name}Errors`, {
        metric: errors,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        alarmDescription: `${name} Lambda threw: a caller heard an error instead of an answer`,
      });
      alarm(`${name}Throttles`, {
        metric: throttles,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        alarmDescription: `${name} Lambda was throttled: callers were turned away`,
      });
      alarm(`${name}DurationP99`, {
        metric: p99,
        threshold: ALARMS.p99DurationMs,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        alarmDescription: `${name} Lambda p99 duration over ${ALARMS.p99DurationMs} ms: callers hear silence`,
      });
      lambdaWidgets.push(
        new cloudwatch.GraphWidget({
          title: `${name}: errors and throttles`,
          left: [errors, throttles],
          width: 8,
        }),
        new cloudwatch.GraphWidget({ title: `${name}: duration p99 (ms)`, left: [p99], width: 8 }),
      );
    }
    alarm("NoMatchRate", {
      metric: noMatchRate,
      threshold: ALARMS.noMatchRatePercent,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      alarmDescription: `More than ${ALARMS.noMatchRatePercent}% of turns not understood for 15 minutes: the bot or its training phrases may be broken`,
    });
    alarm("ProgressStoreUnavailable", {
      metric: storeProblems(),
      threshold: ALARMS.storeProblems,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      alarmDescription: "The progress store keeps failing: callers can't resume after a dropped call",
    });

    this.dashboard = new cloudwatch.Dashboard(this, "Dashboard", {
      defaultInterval: Duration.days(1),
      widgets: [
        [
          new cloudwatch.SingleValueWidget({
            title: "Containment (resolved / conversations)",
            metrics: [containment],
            width: 6,
            // The rate over the whole time range shown, not the last five minutes.
            setPeriodToTimeRange: true,
          }),
          new cloudwatch.SingleValueWidget({
            title: "Escalation rate",
            metrics: [escalation],
            width: 6,
            setPeriodToTimeRange: true,
          }),
          new cloudwatch.GraphWidget({
            title: "Conversations, resolved, escalated",
            left: [conversations, resolved, escalated],
            width: 12,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: "Top topics (started, per hour)",
            left: [search("Service,Channel,Topic", "TopicStarted", "")],
            width: 12,
          }),
          new cloudwatch.GraphWidget({
            title: "Where callers give up (topic, step)",
            left: [search("Service,Channel,Topic,Step", "Abandoned", "")],
            width: 12,
          }),
        ],
        [
          new cloudwatch.GraphWidget({ title: "No-match rate %", left: [noMatchRate], width: 8 }),
          new cloudwatch.GraphWidget({
            title: "Escalations by reason",
            left: [search("Service,Channel,Topic,Step,Reason", "Escalated", "")],
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: "Turn latency p99 (ms, in the handler)",
            left: CHANNELS.map((c) => lineMetric("TurnLatency", c, "p99")),
            width: 8,
          }),
        ],
        lambdaWidgets,
        [new cloudwatch.AlarmStatusWidget({ title: "Alarms", alarms: this.alarms, width: 24 })],
      ],
    });
  }
}
