// The Connect contact flow as data: valid flow language, every transition lands on an action, every path ends in a
// hang-up or a transfer whose failures also end, and the branches use the values the Lambda really sets.
import { describe, expect, it } from "vitest";
import {
  buildContactFlow,
  type ContactFlow,
  type ContactFlowParams,
  type FlowAction,
  targetsOf,
} from "../../infra/contact-flow.js";
import { NUMBER_ATTRIBUTE } from "../../lambda/channels/lex/identity.js";
import { HANDOFF_ATTRIBUTES } from "../../lambda/channels/lex/response.js";
import { handler } from "../../lambda/handler.js";

const PARAMS: ContactFlowParams = {
  botAliasArn: "arn:aws:lex:us-east-1:123456789012:bot-alias/BOTID12345/ALIASID123",
  queueArn: "arn:aws:connect:us-east-1:123456789012:instance/i-1/queue/q-1",
  voiceId: "Joanna",
  greeting: 'Hi, this is the "iCloud Backup" help line.',
  askTopic: "What's going on with your iCloud backup?",
  supportOptions: "You can get help from Apple Support, or by calling 1 800 275 2273.",
  agentTransfer: true,
};

const build = (params: Partial<ContactFlowParams> = {}) =>
  JSON.parse(buildContactFlow({ ...PARAMS, ...params })) as ContactFlow;

/** Action types that end the flow for the caller; a transfer's own failures are followed like any branch. */
const TERMINAL = new Set(["DisconnectParticipant"]);
const FORBIDDEN_ID_CHARS = /[%:(\\/)=$,;[\]{}]/;

/** Problems with the flow's graph: missing targets, loops, and paths that stop without hanging up. */
function graphProblems(flow: ContactFlow): string[] {
  const byId = new Map(flow.Actions.map((a) => [a.Identifier, a]));
  const problems: string[] = [];
  if (byId.size !== flow.Actions.length) problems.push("duplicate identifiers");
  if (!byId.has(flow.StartAction)) problems.push(`StartAction ${flow.StartAction} does not exist`);
  const state = new Map<string, "visiting" | "done">();
  const walk = (id: string, path: string[]) => {
    const action = byId.get(id);
    if (!action) return void problems.push(`${path.at(-1)} -> ${id}: no such action`);
    if (state.get(id) === "visiting") return void problems.push(`loop: ${[...path, id].join(" -> ")}`);
    if (state.get(id) === "done") return;
    state.set(id, "visiting");
    const targets = targetsOf(action);
    if (targets.length === 0 && !TERMINAL.has(action.Type))
      problems.push(`${id} (${action.Type}) leads nowhere`);
    if (targets.length > 0 && TERMINAL.has(action.Type))
      problems.push(`${id} (${action.Type}) has transitions`);
    for (const next of targets) walk(next, [...path, id]);
    state.set(id, "done");
  };
  walk(flow.StartAction, []);
  for (const id of byId.keys()) if (!state.has(id)) problems.push(`${id} is unreachable`);
  return problems;
}

const actionOfType = (flow: ContactFlow, type: string): FlowAction => {
  const found = flow.Actions.filter((a) => a.Type === type);
  expect(found, type).toHaveLength(1);
  return found[0] as FlowAction;
};
const action = (flow: ContactFlow, id: string | undefined) => flow.Actions.find((a) => a.Identifier === id);

/** One turn on the phone line, as Lex sends it from Amazon Connect, with the session so far. */
const phoneTurn = (
  intent: string,
  transcript: string,
  inputMode = "Speech",
  sessionAttributes: Record<string, string> = {},
) => ({
  messageVersion: "1.0",
  invocationSource: "FulfillmentCodeHook",
  inputMode,
  sessionId: "contact-flow-test",
  inputTranscript: transcript,
  bot: {
    id: "BOTID12345",
    name: "bot",
    localeId: "en_US",
    version: "1",
    aliasId: "ALIASID123",
    aliasName: "live",
  },
  requestAttributes: { "x-amz-lex:channels:platform": "Connect" },
  sessionState: { sessionAttributes, intent: { name: intent, slots: {}, state: "InProgress" } },
});

describe.each([
  ["agents staffed", true],
  ["no agents", false],
])("contact flow (%s)", (_title, agentTransfer) => {
  const flow = build({ agentTransfer });

  it("is Connect flow language", () => {
    expect(flow.Version).toBe("2019-10-30");
    for (const a of flow.Actions) {
      expect(a.Identifier.length).toBeLessThanOrEqual(50);
      expect(a.Identifier).not.toMatch(FORBIDDEN_ID_CHARS);
      expect(a).toHaveProperty("Parameters");
      expect(a).toHaveProperty("Transitions");
    }
  });

  it("has every transition target, no loop, and every path ending in a hang-up", () => {
    expect(graphProblems(flow)).toEqual([]);
  });

  it("gives the bot the live alias, barge-in, a start timeout and the caller's number", () => {
    const bot = actionOfType(flow, "ConnectParticipantWithLexBot");
    expect(bot.Parameters).toMatchObject({
      Text: PARAMS.askTopic,
      LexV2Bot: { AliasArn: PARAMS.botAliasArn },
      LexSessionAttributes: {
        "x-amz-lex:allow-interrupt:*:*": "true",
        "x-amz-lex:audio:start-timeout-ms:*:*": "4000",
        customerNumber: "$.CustomerEndpoint.Address",
      },
    });
    // The Lambda looks for the number under this name (and replaces it with a hash on the first turn).
    expect(bot.Parameters.LexSessionAttributes).toHaveProperty(
      [NUMBER_ATTRIBUTE],
      "$.CustomerEndpoint.Address",
    );
    const errors = (bot.Transitions.Errors ?? []).map((e) => e.ErrorType).sort();
    expect(errors).toEqual(["InputTimeLimitExceeded", "NoMatchingCondition", "NoMatchingError"]);
  });

  it("greets first, in the bot's voice", () => {
    const start = action(flow, flow.StartAction);
    expect(start?.Type).toBe("UpdateContactTextToSpeechVoice");
    expect(start?.Parameters).toMatchObject({ TextToSpeechVoice: "Joanna", TextToSpeechEngine: "Neural" });
    expect(action(flow, start?.Transitions.NextAction)?.Parameters).toEqual({ Text: PARAMS.greeting });
  });

  it("branches on nextAction: TRANSFER_TO_AGENT sets the queue and transfers, HANGUP hangs up", () => {
    const route = actionOfType(flow, "Compare");
    expect(route.Parameters).toEqual({ ComparisonValue: "$.Lex.SessionAttributes.nextAction" });
    const branch = (value: string) =>
      action(
        flow,
        route.Transitions.Conditions?.find((c) => c.Condition.Operands.includes(value))?.NextAction,
      );
    // The transfer first copies the hand-off summary into contact attributes, for the agent's screen.
    const attributes = branch("TRANSFER_TO_AGENT");
    expect(attributes?.Type).toBe("UpdateContactAttributes");
    const setQueue = action(flow, attributes?.Transitions.NextAction);
    expect(setQueue?.Type).toBe("UpdateContactTargetQueue");
    expect(setQueue?.Parameters).toEqual({ QueueId: PARAMS.queueArn });
    expect(action(flow, setQueue?.Transitions.NextAction)?.Type).toBe("TransferContactToQueue");
    expect(branch("HANGUP")?.Type).toBe("DisconnectParticipant");
  });

  it(
    agentTransfer
      ? "offers an agent when the bot fails (message, then transfer)"
      : "ends with other ways to get help when the bot fails",
    () => {
      const bot = actionOfType(flow, "ConnectParticipantWithLexBot");
      for (const error of bot.Transitions.Errors ?? []) {
        if (error.ErrorType === "NoMatchingCondition") continue;
        const message = action(flow, error.NextAction);
        expect(message?.Type).toBe("MessageParticipant");
        const next = action(flow, message?.Transitions.NextAction);
        expect(next?.Type).toBe(agentTransfer ? "UpdateContactTargetQueue" : "DisconnectParticipant");
        if (!agentTransfer) expect(JSON.stringify(message?.Parameters)).toContain(PARAMS.supportOptions);
      }
    },
  );
});

describe("the warm hand-off", () => {
  const flow = build();
  const attributes = actionOfType(flow, "UpdateContactAttributes");

  it("copies every hand-off attribute the Lambda sets from the Lex session into the contact", () => {
    expect(attributes.Parameters.TargetContact).toBe("Current");
    const copied = attributes.Parameters.Attributes as Record<string, string>;
    for (const name of [...HANDOFF_ATTRIBUTES, "topic", "step"])
      expect(copied[name], name).toBe(`$.Lex.SessionAttributes.${name}`);
    // A failure to set them never stops the transfer.
    expect(attributes.Transitions.NextAction).toBe("set-queue");
    expect(attributes.Transitions.Errors).toEqual([
      { NextAction: "set-queue", ErrorType: "NoMatchingError" },
    ]);
  });

  it("sets them on the transfer path only: not when the bot fails, not on a hang-up", () => {
    const into = flow.Actions.filter((a) => targetsOf(a).includes(attributes.Identifier)).map(
      (a) => a.Identifier,
    );
    expect(into).toEqual(["route"]);
    const route = actionOfType(flow, "Compare");
    const to = route.Transitions.Conditions?.find((c) => c.NextAction === attributes.Identifier);
    expect(to?.Condition.Operands).toEqual(["TRANSFER_TO_AGENT"]);
  });

  it("gets from the Lambda, on a transfer, a summary of what the caller did, in the content's words", async () => {
    // A caller who said their email and number on the way, then asked for a person.
    let session: Record<string, string> = {};
    for (const [intent, words] of [
      ["StorageFull", "my icloud storage is full"],
      ["Yes", "yes"],
      ["FallbackIntent", "my email is jo@example.com"],
      ["FallbackIntent", "call me back on 555 201 7788"],
      ["ContactSupport", "agent"],
    ] as const) {
      const reply = await handler(phoneTurn(intent, words, "Speech", session));
      session = reply.sessionState.sessionAttributes ?? {};
    }
    expect(session.nextAction).toBe("TRANSFER_TO_AGENT");
    expect(session.handoffSummary).toContain(
      "Freeing up iCloud storage. Now on: opening your list of backups.",
    );
    expect(session.handoffSummary).toContain("Found: iCloud storage full.");
    expect(session.handoffSummary).toContain("Asked for a person.");
    expect(session.handoffSummary).not.toMatch(/jo@example|555|7788|email/);
    expect(session.reason).toBe("requested");
    expect(session.stepsDone).toBe("check-storage");
    expect(Number(session.secondsWithLine)).toBeGreaterThanOrEqual(0);
    expect(session.handoffSummary?.length).toBeLessThanOrEqual(300);
  });
});

describe("the graph check itself", () => {
  const base = build();
  const edit = (id: string, transitions: FlowAction["Transitions"]): ContactFlow => ({
    ...base,
    Actions: base.Actions.map((a) => (a.Identifier === id ? { ...a, Transitions: transitions } : a)),
  });

  it("catches a missing target, a loop and a dead end", () => {
    expect(graphProblems(edit("greeting", { NextAction: "nowhere" })).join()).toMatch(/no such action/);
    expect(graphProblems(edit("no-agent", { NextAction: "greeting" })).join()).toMatch(/loop/);
    expect(graphProblems(edit("transfer", {})).join()).toMatch(
      /transfer \(TransferContactToQueue\) leads nowhere/,
    );
  });
});

describe("buildContactFlow", () => {
  it("escapes spoken text into the JSON and leaves no placeholder behind", () => {
    const text = buildContactFlow(PARAMS);
    expect(text).not.toMatch(/%[A-Z_]+%/);
    expect(JSON.stringify(build())).toContain('\\"iCloud Backup\\"');
  });

  it("rejects a template with an unknown placeholder", () => {
    expect(() => buildContactFlow(PARAMS, '{"Text": "%NOPE%"}')).toThrow(/%NOPE%/);
  });
});

describe("the flow and the Lambda agree on nextAction", () => {
  const values = (flow: ContactFlow) =>
    (actionOfType(flow, "Compare").Transitions.Conditions ?? []).flatMap((c) => c.Condition.Operands);

  it("the Lambda asks for a person with a value the flow transfers on", async () => {
    const reply = await handler(phoneTurn("FallbackIntent", "0", "DTMF"));
    const nextAction = reply.sessionState.sessionAttributes?.nextAction;
    expect(nextAction).toBe("TRANSFER_TO_AGENT");
    expect(values(build())).toContain(nextAction);
  });

  it("the Lambda ends the call with a value the flow hangs up on", async () => {
    const reply = await handler(phoneTurn("StopIntent", "stop"));
    const nextAction = reply.sessionState.sessionAttributes?.nextAction;
    expect(nextAction).toBe("HANGUP");
    expect(values(build())).toContain(nextAction);
  });
});
