// The dashboard and alarms that show whether the line works, read from the synthesized template.
import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { ALARMS } from "../../infra/observability.js";
import { onlyResource, resourceUnder, templateFor } from "./helpers.js";

const template = templateFor();
const alarms = () =>
  Object.values(template.findResources("AWS::CloudWatch::Alarm")) as {
    Properties: Record<string, unknown>;
  }[];
const dashboardBody = () =>
  JSON.stringify(onlyResource(template, "AWS::CloudWatch::Dashboard").Properties.DashboardBody);

describe("dashboard", () => {
  it.each([
    "Containment (resolved / conversations)",
    "Escalation rate",
    "Top topics",
    "Where callers give up",
    "No-match rate",
    "errors and throttles",
    "duration p99",
  ])("has a widget for %s", (title) => {
    expect(dashboardBody()).toContain(title);
  });

  it("computes containment and no-match rate from the line's own EMF metrics", () => {
    const body = dashboardBody();
    expect(body).toContain("100 * r / c");
    expect(body).toContain(`IF(t >= ${ALARMS.noMatchMinTurns}, 100 * n / t, 0)`);
    for (const metric of [
      "Conversations",
      "Resolved",
      "Escalated",
      "Turns",
      "NoMatch",
      "TopicStarted",
      "Abandoned",
    ]) {
      expect(body).toContain(metric);
    }
  });
});

describe("alarms", () => {
  const byMetric = (name: string) => alarms().filter((a) => a.Properties.MetricName === name);

  it("on errors, throttles and p99 duration over 1 s, for both Lambdas", () => {
    expect(byMetric("Errors")).toHaveLength(2);
    expect(byMetric("Throttles")).toHaveLength(2);
    const duration = byMetric("Duration");
    expect(duration).toHaveLength(2);
    for (const a of duration)
      expect(a.Properties).toMatchObject({ ExtendedStatistic: "p99", Threshold: 1000 });
    for (const a of byMetric("Errors")) {
      expect(a.Properties).toMatchObject({
        Threshold: 1,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
      });
    }
  });

  it("on a no-match rate spike, only when enough turns were taken to mean something", () => {
    template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Threshold: ALARMS.noMatchRatePercent,
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: Match.stringLikeRegexp("100 \\* n / t"), ReturnData: true }),
      ]),
    });
  });

  it("on a progress store that keeps failing", () => {
    template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Threshold: ALARMS.storeProblems,
      Metrics: Match.arrayWith([
        Match.objectLike({
          MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: "StoreUnavailable" }) }),
        }),
      ]),
    });
  });

  it("notify nobody by default, and an encrypted topic with an e-mail subscription when alarmEmail is set", () => {
    template.resourceCountIs("AWS::SNS::Topic", 0);
    for (const a of alarms()) expect(a.Properties.AlarmActions).toBeUndefined();
    const withEmail = templateFor({ alarmEmail: "oncall@example.com" });
    const topic = resourceUnder(withEmail, "AWS::SNS::Topic", "Observability");
    expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    withEmail.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: "oncall@example.com",
    });
    const actions = Object.values(withEmail.findResources("AWS::CloudWatch::Alarm")).map(
      (a) => (a as { Properties: { AlarmActions?: unknown[] } }).Properties.AlarmActions,
    );
    expect(actions.length).toBeGreaterThanOrEqual(8);
    for (const list of actions) expect(list).toEqual([{ Ref: topic.id }]);
  });
});
