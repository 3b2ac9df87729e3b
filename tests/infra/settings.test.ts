// Context values: defaults, values typed on the command line (strings) or in cdk.json (JSON), and a clear error
// for a bad value instead of a deployment that fails at the first call.
import { describe, expect, it } from "vitest";
import { readSettings } from "../../infra/settings.js";

// The same shapes as helpers.ts, kept here so this file needs no CDK app.
const INSTANCE_ARN = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555";
const QUEUE_ARN = `${INSTANCE_ARN}/queue/99999999-8888-7777-6666-555555555555`;
const settings = (context: Record<string, unknown>) => readSettings((key) => context[key]);

describe("readSettings", () => {
  it("has safe defaults: agents on, logs off, progress on, Joanna, 0.4, the BasicQueue, log level INFO", () => {
    expect(settings({})).toEqual({
      supportPhone: "1-800-275-2273",
      logLevel: "INFO",
      agentTransfer: true,
      voiceId: "Joanna",
      nluConfidenceThreshold: 0.4,
      conversationLogs: false,
      progressStore: true,
      agentQueueName: "BasicQueue",
    });
  });

  it("takes logLevel DEBUG in any case, and refuses other levels", () => {
    expect(settings({ logLevel: "debug" }).logLevel).toBe("DEBUG");
    expect(() => settings({ logLevel: "TRACE" })).toThrow(/logLevel/);
  });

  it("reads strings from the command line and JSON values from cdk.json alike", () => {
    const fromCli = settings({
      agentTransfer: "false",
      conversationLogs: "true",
      nluConfidenceThreshold: "0.55",
    });
    const fromJson = settings({ agentTransfer: false, conversationLogs: true, nluConfidenceThreshold: 0.55 });
    expect(fromCli).toEqual(fromJson);
    expect(fromCli).toMatchObject({
      agentTransfer: false,
      conversationLogs: true,
      nluConfidenceThreshold: 0.55,
    });
  });

  it("takes a Connect instance and one of its queues", () => {
    expect(settings({ connectInstanceArn: INSTANCE_ARN, connectQueueArn: QUEUE_ARN })).toMatchObject({
      connectInstanceArn: INSTANCE_ARN,
      connectQueueArn: QUEUE_ARN,
    });
  });

  it.each([
    [{ supportPhone: "call <us>" }, /supportPhone/],
    [{ voiceId: "joanna; rm" }, /voiceId/],
    // A real Polly voice, but with no neural variant (or not for this locale): fails at synth, not at deploy.
    [{ voiceId: "Aditi" }, /'voiceId' is 'Aditi', which has no neural en-US voice .*Joanna/],
    [{ voiceId: "Brian" }, /'voiceId' is 'Brian', which has no neural en-US voice/],
    [{ nluConfidenceThreshold: "1.5" }, /nluConfidenceThreshold/],
    [{ nluConfidenceThreshold: "high" }, /nluConfidenceThreshold/],
    [{ conversationLogs: "yes" }, /conversationLogs.*true or false/],
    [{ connectInstanceArn: "arn:aws:connect:us-east-1:123:instance/x" }, /connectInstanceArn/],
    [{ connectQueueArn: QUEUE_ARN }, /connectQueueArn.*needs connectInstanceArn/],
    [
      { connectInstanceArn: INSTANCE_ARN.replace("11111111", "aaaaaaaa"), connectQueueArn: QUEUE_ARN },
      /queue of the instance/,
    ],
  ])("rejects %o", (context, message) => {
    expect(() => settings(context)).toThrow(message);
  });
});
