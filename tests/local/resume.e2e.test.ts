// Returning callers on a laptop: the local runtime with its in-process DynamoDB (dynalite), driven by the
// official SDK client. A call that stops at step N, then a new call from the same number, resumes at step N.

import { PassThrough } from "node:stream";
import { PutSessionCommand, RecognizeTextCommand } from "@aws-sdk/client-lex-runtime-v2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConsole } from "../../local/console-session.js";
import { type LocalProgressStore, startLocalProgressStore } from "../../local/progress-store.js";
import { BOT, sessionId, startTestRuntime, type TestRuntime } from "./support.js";

let store: LocalProgressStore;
let runtime: TestRuntime;

beforeAll(async () => {
  store = await startLocalProgressStore(); // sets the environment before the runtime loads the handler
  runtime = await startTestRuntime();
});
afterAll(async () => {
  await runtime.close();
  await store.close();
});

const phone = { "x-amz-lex:channels:platform": "Connect" };

/** Opens a call as the contact flow does (the caller's number in the session), then says each line. */
async function call(number: string, lines: string[]): Promise<string[]> {
  const id = sessionId("call");
  await runtime.client.send(
    new PutSessionCommand({
      ...BOT,
      sessionId: id,
      sessionState: { dialogAction: { type: "ElicitIntent" }, sessionAttributes: { customerNumber: number } },
    }),
  );
  const heard: string[] = [];
  for (const text of lines) {
    const r = await runtime.client.send(
      new RecognizeTextCommand({ ...BOT, sessionId: id, text, requestAttributes: phone }),
    );
    heard.push((r.messages ?? []).map((m) => m.content).join(" "));
    expect(r.sessionState?.sessionAttributes?.customerNumber).toBeUndefined();
  }
  return heard;
}

describe("resume through the local runtime", () => {
  it("picks up a dropped call at the step it reached", async () => {
    await call("+15550100042", ["my backup is stuck", "no", "no"]);
    const back = await call("+15550100042", ["hello", "pick up"]);
    expect(back[0]).toContain("Welcome back. Last time we got to step 3 of");
    expect(back[1]).toContain("Step 3.");
  });

  it("forgets the caller who asks", async () => {
    await call("+15550100043", ["update my iphone"]);
    const gone = await call("+15550100043", ["delete my information", "yes please"]);
    expect(gone[0]).toContain("Do you want me to delete your saved place");
    // Typed through Amazon Connect (chat): the words of a chat, not a call.
    expect(gone[1]).toContain("I've deleted the place I saved for you");
    expect((await call("+15550100043", ["hello"]))[0]).not.toContain("Welcome back");
  });

  it("'I got cut off' as the first words gets the offer to pick up", async () => {
    await call("+15550100051", ["my backup is stuck", "no", "no"]);
    const back = await call("+15550100051", ["hi, um, i got cut off", "yeah"]);
    expect(back[0]).toContain("Welcome back. Last time we got to step 3 of");
    expect(back[1]).toContain("Step 3.");
  });

  it("a new problem from a returning caller asks which to do, and never overwrites the place silently", async () => {
    await call("+15550100052", ["my backup is stuck", "no", "no"]);
    const asked = await call("+15550100052", ["my icloud storage is full"]);
    expect(asked[0]).toContain("Last time we got to step 3 of");
    expect(asked[0]).toContain("freeing up iCloud storage");
    // Hanging up there keeps the old place.
    expect((await call("+15550100052", ["hello"]))[0]).toContain("step 3 of fixing a stuck backup");
    // Choosing the new problem starts it, and then it is the saved place.
    const chose = await call("+15550100052", ["my icloud storage is full", "no, the new one"]);
    expect(chose[1]).toContain("Is your iCloud storage full, or nearly full?");
    expect((await call("+15550100052", ["hello"]))[0]).toContain("of freeing up iCloud storage");
  });

  it("'I was just talking to you' with the saved place picked up, then the step", async () => {
    await call("+15550100053", ["update ios", "yes"]);
    const back = await call("+15550100053", ["i was just talking to you a minute ago", "pick up"]);
    expect(back[0]).toContain("Welcome back");
    expect(back[1]).toContain("Step 2.");
  });

  it("a call that dropped as the reset restarted the iPhone picks up after it, without the reset again", async () => {
    const first = await call("+15550100054", ["reset network settings", "yes"]);
    expect(first[1]).toContain("Tap Reset");
    const back = await call("+15550100054", ["hi, i got cut off", "yes", "okay it's back on now"]);
    expect(back[0]).toContain("Welcome back");
    // The reset was done (it restarted the iPhone and dropped the call): read again, it would drop it again.
    expect(back[1]).toContain("your iPhone has restarted");
    expect(back[1]).not.toContain("Tap Reset");
    expect(back[1]).not.toContain("Do you want to go ahead?");
    expect(back[2]).toContain("Step 2.");
  });

  it("a call that dropped at the confirmation itself asks for it again", async () => {
    await call("+15550100055", ["reset network settings"]);
    const back = await call("+15550100055", ["pick up"]);
    expect(back[0]).toContain("Do you want to go ahead?");
  });

  it("the console's chat that leaves and comes back (:new) is offered its place: the same device, the same session", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let written = "";
    output.on("data", (chunk) => {
      written += chunk;
    });
    input.end(`${["my backup is stuck", "nope", ":new", "pick up", ":quit"].join("\n")}\n`);
    await runConsole({
      input,
      output,
      client: runtime.client,
      bot: BOT,
      text: true,
      newSessionId: () => sessionId("chat"),
    });
    expect(written).toContain("Welcome back. Last time we got to step 2 of fixing a stuck backup");
    expect(written.split("Step 2.").length - 1).toBe(2);
  });
});
