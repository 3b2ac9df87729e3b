// The console conversation driven through its streams, against a local runtime and the real Lambda, as a person
// at a terminal would use it.
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent, speechContent } from "../../lambda/content/load.js";
import { runConsole } from "../../local/console-session.js";
import type { Speaker } from "../../local/speaker.js";
import { BOT, sessionId, startTestRuntime, type TestRuntime } from "./support.js";

const source = loadContent();
/** What the console speaks: a voice app's words, or a call's on the phone line. */
const content = speechContent(source, "voice");
const onPhone = speechContent(source, "phone");
let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt.close());

async function converse(
  lines: string[],
  opts: { phone?: boolean; text?: boolean; speak?: boolean; speaker?: Speaker } = {},
) {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = "";
  output.on("data", (chunk) => {
    written += chunk;
  });
  input.end(`${lines.join("\n")}\n`);
  await runConsole({
    input,
    output,
    client: rt.client,
    bot: BOT,
    newSessionId: () => sessionId("console"),
    ...opts,
  });
  return written;
}

describe("the console", () => {
  it("greets, shows replies as heard (no markup, pauses visible) and explains what it understood", async () => {
    const out = await converse(["my icloud storage is full", ":why", ":quit", "never sent"]);
    expect(out).toContain(`bot> ${content.shared.greeting}`);
    expect(out).toContain(content.topics.StorageFull.steps[0]?.say);
    expect(out).toContain(" … ");
    expect(out).not.toMatch(/<speak>|<break|&apos;/);
    expect(out).toMatch(/heard: +"my icloud storage is full" \(Speech\)/);
    expect(out).toMatch(/intent: +StorageFull \(confidence \d\.\d\d\)/);
    expect(out).toContain("conversationState = ");
    expect(out).toContain("[bye]");
    expect(out).not.toContain("never sent");
  });

  it("presses keys on the phone line, stays silent, and starts a new call", async () => {
    const out = await converse([
      ":phone",
      ":new",
      "my icloud storage is full",
      ":press 1",
      ":why",
      ":silence",
      ":new",
      ":quit",
    ]);
    expect(out).toContain("[phone line on");
    expect(out).toContain(content.shared.keypad.yesNo);
    expect(out).toContain(content.topics.StorageFull.steps[1]?.say);
    expect(out).toMatch(/heard: +"1" \(DTMF\)/);
    expect(out.match(/\[new call\]/g)).toHaveLength(2);
    // The console's own first call was a voice app; after :phone, both new calls are phone calls.
    expect(out.split(content.shared.greeting).length - 1).toBe(1);
    expect(out.split(onPhone.shared.greeting).length - 1).toBe(2);
  });

  it("reports the end of a call and the hand-off the contact flow would act on", async () => {
    const out = await converse(["agent", "hello again", ":quit"], { phone: true });
    expect(out).toContain("[call ended: transferred to an agent (nextAction=TRANSFER_TO_AGENT)");
    // Talking after the end starts a new call.
    expect(out.split(onPhone.shared.greeting).length - 1).toBe(2);
  });

  it("works as typed chat with plain-text replies", async () => {
    const out = await converse(["my backup is stuck", ":why", ":quit"], { text: true });
    expect(out).toMatch(/heard: +"my backup is stuck" \(Text\)/);
    expect(out).toContain(content.topics.BackupStuck.steps[0]?.say);
  });

  it("lists its commands, rejects unknown ones and bad keys, and survives errors", async () => {
    const out = await converse([":help", ":dance", ":press x", "a".repeat(1100), ":quit"]);
    for (const command of [":press", ":silence", ":why", ":new", ":phone", ":speak", ":quit"])
      expect(out).toContain(command);
    expect(out).toContain("[unknown command :dance");
    expect(out).toContain("[usage: :press <keys>");
    expect(out).toContain("[error] ValidationException");
  });

  it("speaks replies when asked and a speaker is available, and says so when none is", async () => {
    const spoken: string[] = [];
    const speaker: Speaker = {
      available: async () => true,
      speak: async (m) => {
        spoken.push(m.content ?? "");
      },
    };
    await converse([":speak", "help", ":quit"], { speaker });
    expect(spoken.length).toBeGreaterThan(0);
    expect(spoken[0]).toContain("<speak>");

    const mute: Speaker = { available: async () => false, speak: async () => {} };
    const out = await converse([":speak", ":quit"], { speaker: mute });
    expect(out).toContain("espeak-ng is not installed");
  });
});
