// A listener who pauses, walks away, or closes the session comes back later, in a new session, to the same step:
// through the real Alexa handler, with progress in a real DynamoDB API (dynalite), keyed by a keyed hash of the
// Alexa user id.

import { DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { handler as Handler } from "../../lambda/alexa.js";
import { content } from "../../lambda/content/index.js";
import { fill } from "../../lambda/engine/turn.js";
import { progressKey } from "../../lambda/store/progress.js";
import {
  importWithStore,
  type LocalDynamo,
  startBlackHole,
  startDynalite,
  TABLE,
  TEST_HASH_SECRET,
} from "../support/dynalite.js";
import { captureTelemetry } from "../support/quiet-telemetry.js";
import { Echo } from "./support/echo.js";
import { sessionEndedRequest } from "./support/requests.js";
import { assertSpeechless, said } from "./support/response-schema.js";

const sh = content.shared;
/** "Last time we got to step n": the step heard as `n`, which is the file's step `index` (default n - 1). */
const welcomeBack = (n: number, topic: keyof typeof content.topics, index = n - 1) =>
  fill(sh.replies.welcomeBack, {
    n,
    topic: content.topics[topic].title,
    title: content.topics[topic].steps[index]?.title ?? "",
  });

let dynamo: LocalDynamo;
let handler: typeof Handler;

const loadHandler = (endpoint: string): Promise<typeof Handler> =>
  importWithStore(endpoint, async () => (await import("../../lambda/alexa.js")).handler);

beforeAll(async () => {
  dynamo = await startDynalite();
  handler = await loadHandler(dynamo.endpoint);
});
afterAll(() => dynamo.close());

let users = 0;
/** A new Alexa account: its own user id, so its saved progress is its own. */
const newListener = (run = handler) => new Echo(run, `amzn1.ask.account.TESTUSER${++users}${Date.now()}`);

async function scanTable(): Promise<string> {
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "l", secretAccessKey: "l" },
  });
  try {
    return JSON.stringify((await client.send(new ScanCommand({ TableName: TABLE }))).Items);
  } finally {
    client.destroy();
  }
}

describe("pause and resume across sessions", () => {
  it("a pause ends the session at step 3; 'open backup helper' offers step 3, and 'pick up' reads it", async () => {
    const echo = newListener();
    await echo.open();
    await echo.say("BackupStuck");
    await echo.say("AMAZON.NoIntent");
    await echo.say("AMAZON.NoIntent");
    const paused = await echo.say("AMAZON.PauseIntent");
    expect(said(paused)).toBe(fill(sh.speaker.pause, { invocation: "backup helper", n: 3 }));
    expect(paused.response.shouldEndSession).toBe(true);
    expect(echo.inSession).toBe(false);

    const back = await echo.open();
    expect(said(back)).toBe(welcomeBack(3, "BackupStuck"));
    expect(back.response.shouldEndSession).toBe(false);
    expect(said(back)).not.toContain(sh.greeting);
    const picked = await echo.say("AMAZON.ResumeIntent");
    expect(said(picked)).toContain(sh.replies.resume);
    expect(said(picked)).toContain("Step 3.");
    expect(said(picked)).toContain(content.topics.BackupStuck.steps[2]?.say);
  });

  it("'yes' to the offer picks up too; 'start over' starts the topic again; 'no' asks what's wrong", async () => {
    const echo = newListener();
    await echo.open();
    await echo.say("RestartIPhone");
    await echo.say("AMAZON.NextIntent");
    await echo.say("AMAZON.PauseIntent");
    await echo.open();
    expect(said(await echo.say("AMAZON.YesIntent"))).toContain("Step 2.");
    await echo.say("AMAZON.PauseIntent");
    await echo.open();
    const over = await echo.say("AMAZON.StartOverIntent");
    expect(said(over)).toContain("Step 1.");
    expect(said(over)).not.toContain("Step 2.");
    await echo.say("AMAZON.NextIntent");
    await echo.say("AMAZON.PauseIntent");
    await echo.open();
    expect(said(await echo.say("AMAZON.NoIntent"))).toBe(sh.askTopic);
  });

  it("'Alexa, ask backup helper to pick up' as a one-shot reads the saved step at once", async () => {
    const echo = newListener();
    await echo.open();
    await echo.say("UpdateIOS");
    await echo.say("AMAZON.YesIntent");
    await echo.say("AMAZON.PauseIntent");
    const oneShot = await echo.say("AMAZON.ResumeIntent");
    expect(said(oneShot)).toContain("Step 2.");
    expect(said(oneShot)).not.toContain("Welcome back");
  });

  it("a pause on a hard-to-undo step comes back to its warning, not past it", async () => {
    const echo = newListener();
    await echo.open();
    await echo.say("ResetNetworkSettings");
    await echo.say("AMAZON.PauseIntent");
    await echo.open();
    const picked = await echo.say("AMAZON.ResumeIntent");
    expect(said(picked)).toContain(content.topics.ResetNetworkSettings.steps[0]?.confirm);
    expect(said(picked)).toContain(sh.askConfirm);
  });

  it("a pause before any topic saves nothing: the next launch greets", async () => {
    const echo = newListener();
    await echo.open();
    expect(said(await echo.say("AMAZON.PauseIntent"))).toBe(
      fill(sh.speaker.pauseNoTopic, { invocation: "backup helper" }),
    );
    expect(said(await echo.open())).toContain(sh.greeting);
  });
});

describe("a session that ends without a goodbye", () => {
  it("walking away mid-step (no answer to the reprompt) keeps the place for next time", async () => {
    const echo = newListener();
    await echo.open();
    await echo.say("StorageFull");
    await echo.say("AMAZON.YesIntent");
    expect(echo.inSession).toBe(true);
    await echo.end("EXCEEDED_MAX_REPROMPTS");
    expect(said(await echo.open())).toBe(welcomeBack(2, "StorageFull"));
  });

  it("a SessionEndedRequest saves the step it carries, even one the store never saw", async () => {
    const echo = newListener();
    const state = '{"v":1,"p":"step","s":3,"h":[0,1,2],"m":0,"t":"TroubleshootBackup"}';
    const ended = sessionEndedRequest("USER_INITIATED", {
      userId: echo.userId,
      attributes: { conversationState: state },
    });
    assertSpeechless(await handler(ended));
    // Only the step is saved, not the way there: it is numbered on the shortest path to it (storage not full,
    // straight to Wi-Fi), so the step this listener heard as 4 is offered as 3.
    expect(said(await echo.open())).toBe(welcomeBack(3, "TroubleshootBackup", 3));
  });

  it("a tampered state in a SessionEndedRequest saves nothing", async () => {
    const echo = newListener();
    const forged = '{"v":1,"p":"step","s":99,"h":[],"m":0,"t":"TroubleshootBackup"}';
    await handler(
      sessionEndedRequest("USER_INITIATED", {
        userId: echo.userId,
        attributes: { conversationState: forged },
      }),
    );
    expect(said(await echo.open())).toContain(sh.greeting);
  });

  it("goodbye mid-topic keeps the place too: 'stop' is not 'I'm done with this'", async () => {
    const echo = newListener();
    await echo.open();
    await echo.say("RestartIPhone");
    await echo.say("AMAZON.NextIntent");
    await echo.say("AMAZON.StopIntent");
    expect(said(await echo.open())).toBe(welcomeBack(2, "RestartIPhone"));
  });
});

describe("nothing stale is offered", () => {
  it("after the backup works again", async () => {
    const echo = newListener();
    await echo.open();
    await echo.say("BackupStuck");
    await echo.say("AMAZON.NoIntent");
    await echo.say("AMAZON.YesIntent");
    expect(said(await echo.open())).toContain(sh.greeting);
  });

  it("after the listener asks for their data to be deleted", async () => {
    const echo = newListener();
    await echo.open();
    await echo.say("UpdateIOS");
    await echo.say("AMAZON.YesIntent");
    await echo.say("AMAZON.PauseIntent");
    await echo.open();
    expect(said(await echo.say("DeleteMyData"))).toContain(sh.replies.confirmDelete);
    expect(said(await echo.say("AMAZON.YesIntent"))).toContain(sh.replies.deletedData);
    await echo.say("AMAZON.StopIntent");
    expect(said(await echo.open())).toContain(sh.greeting);
  });

  it("after a delete, walking away doesn't quietly save the place again; moving on a step does", async () => {
    const echo = newListener();
    await echo.open();
    await echo.say("BackupStuck");
    await echo.say("AMAZON.NoIntent");
    await echo.say("DeleteMyData");
    await echo.say("AMAZON.YesIntent");
    await echo.say("AMAZON.RepeatIntent");
    await echo.end("EXCEEDED_MAX_REPROMPTS");
    expect(said(await echo.open())).toContain(sh.greeting);

    await echo.say("BackupStuck");
    await echo.say("DeleteMyData");
    await echo.say("AMAZON.YesIntent");
    await echo.say("AMAZON.NoIntent");
    await echo.end("USER_INITIATED");
    expect(said(await echo.open())).toBe(welcomeBack(2, "BackupStuck"));
  });

  it("a one-shot question from a returning listener is answered, not met with the offer", async () => {
    const echo = newListener();
    await echo.open();
    await echo.say("RestartIPhone");
    await echo.say("AMAZON.PauseIntent");
    const r = await echo.say("CheckBackupSettings");
    expect(said(r)).toContain(content.topics.CheckBackupSettings.answer);
    expect(said(r)).not.toContain("Welcome back");
  });
});

describe("the saved record", () => {
  it("is not renewed by a session that only offered it back: its week runs from when the step was reached", async () => {
    const echo = newListener();
    await echo.open();
    await echo.say("RestartIPhone");
    await echo.say("AMAZON.PauseIntent");
    const key = await progressKey("alexa", echo.userId, TEST_HASH_SECRET);
    const savedAt = () =>
      scanTable().then((items) => {
        const item = (JSON.parse(items) as Array<Record<string, { S?: string; N?: string }>>).find(
          (i) => i.pk?.S === key,
        );
        return item?.at?.N;
      });
    const first = await savedAt();
    expect(first).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await echo.open(); // the welcome-back offer
    await echo.end("USER_INITIATED"); // walks away without picking up
    await echo.open();
    await echo.say("AMAZON.PauseIntent");
    expect(await savedAt()).toBe(first);
  });

  it("is keyed by a keyed hash of the Alexa user id, which itself is never stored", async () => {
    const echo = newListener();
    await echo.open();
    await echo.say("SignOutAndIn");
    const items = await scanTable();
    expect(items).toContain(await progressKey("alexa", echo.userId, TEST_HASH_SECRET));
    expect(items).not.toContain(echo.userId);
    expect(items).not.toContain("TESTUSER");
    expect(items).toContain('"alexa"');
  });
});

describe("a store that is down or slow", () => {
  it("still answers every turn in the voice budget, without resume, and says so in the log", async () => {
    const hole = await startBlackHole();
    const warnings = captureTelemetry();
    try {
      const echo = newListener(await loadHandler(hole.endpoint));
      const started = performance.now();
      expect(said(await echo.open())).toContain(sh.greeting);
      expect(said(await echo.say("BackupError"))).toContain("Step 1.");
      expect(said(await echo.say("AMAZON.PauseIntent"))).toContain("step 1");
      expect((performance.now() - started) / 3).toBeLessThan(600);
      expect(warnings.lines.some((line) => line.includes("progress store unavailable"))).toBe(true);
      expect(warnings.lines.every((line) => !line.includes(echo.userId))).toBe(true);
    } finally {
      warnings.restore();
      await hole.close();
    }
  });
});
