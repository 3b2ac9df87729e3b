// The Alexa skill Lambda with realistic requests: a launch greets, every topic works in a session and as a
// one-shot question, navigation moves through the steps, goodbye ends the session, and every request, however
// malformed, gets a response Alexa accepts (valid SSML, a reprompt while the session is open, within limits).
import { describe, expect, it } from "vitest";
import { handler } from "../../lambda/alexa.js";
import {
  ALEXA_ANSWER_INTENT,
  ALEXA_FALLBACK_INTENT,
  ALEXA_INTENTS,
  ANSWER_SLOT,
} from "../../lambda/channels/alexa/intents.js";
import { STATE_ATTRIBUTE } from "../../lambda/channels/alexa/response.js";
import { toAlexaSsml } from "../../lambda/channels/alexa/speech.js";
import { content, contentFor } from "../../lambda/content/index.js";
import { TOPIC_INTENTS } from "../../lambda/content/intents.js";
import { decodeState } from "../../lambda/engine/state.js";
import { fill } from "../../lambda/engine/turn.js";
import { ssmlToText } from "../../local/ssml-text.js";
import { Echo } from "./support/echo.js";
import { intentRequest, launchRequest, sessionEndedRequest } from "./support/requests.js";
import { assertSpeechless, assertValidAlexaResponse, reprompted, said } from "./support/response-schema.js";

/** What a smart speaker says: the speaker's words (no calls, no lines, no keys). */
const sh = contentFor("speaker").shared;
const stateOf = (r: { sessionAttributes?: Record<string, string> }) => {
  const decoded = decodeState(r.sessionAttributes?.[STATE_ATTRIBUTE], content);
  if (!decoded.ok) throw new Error(`no valid state: ${decoded.reason}`);
  return decoded.state;
};
const echo = () => new Echo(handler);
/** A text as a listener hears it: web addresses read out ("support dot apple dot com"). */
const heard = (text: string) => ssmlToText(toAlexaSsml([text]));

describe("a launch", () => {
  it("greets, asks what's wrong, and keeps the session open with a reprompt", async () => {
    const r = await echo().open();
    expect(said(r)).toBe(`${sh.greeting} ${sh.askTopic}`);
    // A reprompt asks its question again.
    expect(reprompted(r)).toBe(`${sh.reprompts.topic.noInput[0]} ${sh.askTopic}`);
    expect(r.response.shouldEndSession).toBe(false);
    expect(stateOf(r).phase).toBe("topic");
  });

  it("speaks one SSML document with a pause between sentences", async () => {
    const r = await echo().open();
    expect(r.response.outputSpeech?.ssml).toMatch(
      /^<speak><s>Hi, I'm the iCloud Backup helper.*<\/s><break time="350ms"\/><s>.*<\/s><\/speak>$/,
    );
  });
});

describe("every topic", () => {
  it.each(TOPIC_INTENTS.filter((t) => t !== "ContactSupport"))(
    "%s named in a session starts its steps at step 1",
    async (topic) => {
      const device = echo();
      await device.open();
      const r = await device.say(topic);
      const spoken = content.topics[topic];
      const first = spoken.steps[0];
      expect(said(r)).toContain(spoken.intro);
      expect(said(r)).toContain("Step 1.");
      expect(said(r)).toContain(first?.confirm ?? first?.say);
      expect(said(r)).not.toContain("Step 2.");
      expect(r.response.shouldEndSession).toBe(false);
      expect(reprompted(r).length).toBeGreaterThan(0);
      expect(stateOf(r)).toMatchObject({ topic, step: 0 });
    },
  );

  it.each(TOPIC_INTENTS.filter((t) => t !== "ContactSupport"))(
    "%s as a one-shot gets the short answer, then the offer; yes walks the steps",
    async (topic) => {
      const device = echo();
      const r = await device.say(topic);
      expect(said(r)).toBe(`${heard(contentFor("speaker").topics[topic].answer)} ${sh.askWalkThrough}`);
      expect(reprompted(r)).toBe(`${sh.reprompts.yesNo.noInput[0]} ${sh.askWalkThrough}`);
      expect(r.response.shouldEndSession).toBe(false);
      const yes = await device.say("AMAZON.YesIntent");
      expect(said(yes)).toContain("Step 1.");
      expect(stateOf(yes)).toMatchObject({ topic, step: 0 });
    },
  );

  it.each([true, false])(
    "ContactSupport reads Apple Support's options, never a transfer (one-shot: %s)",
    async (oneShot) => {
      const device = echo();
      if (!oneShot) await device.open();
      const r = await device.say("ContactSupport");
      const spoken = content.topics.ContactSupport;
      expect(said(r)).toContain(spoken.intro);
      for (const step of spoken.steps) expect(said(r)).toContain(step.say);
      expect(said(r)).toContain("support dot apple dot com");
      expect(said(r)).not.toContain(sh.replies.handoffAgent);
      expect(said(r)).toContain(sh.askAnythingElse);
      expect(r.response.shouldEndSession).toBe(false);
    },
  );
});

describe("navigation", () => {
  it("next, back, repeat, which step, skip, start over, help and not sure move through a topic", async () => {
    const device = echo();
    await device.open();
    await device.say("RestartIPhone");
    expect(said(await device.say("AMAZON.NextIntent"))).toContain("Step 2.");
    expect(said(await device.say("AMAZON.PreviousIntent"))).toContain("Step 1.");
    await device.say("AMAZON.NextIntent");
    const again = await device.say("AMAZON.RepeatIntent");
    expect(said(again)).toContain("Step 2.");
    expect(stateOf(again).step).toBe(1);
    expect(said(await device.say("WhichStep"))).toContain("You're on step 2 of 4");
    const skipped = await device.say("Skip");
    expect(said(skipped)).toContain(sh.replies.skipped);
    expect(said(skipped)).toContain("Step 3.");
    const over = await device.say("AMAZON.StartOverIntent");
    expect(said(over)).toContain(sh.replies.startOver);
    expect(stateOf(over).step).toBe(0);
    const help = await device.say("AMAZON.HelpIntent");
    expect(said(help)).toContain(sh.replies.help);
    // Nobody can take the call on a speaker: help promises no agent.
    expect(said(help)).not.toContain(sh.replies.helpAgent);
    for (let i = 0; i < 3; i++) await device.say("AMAZON.NextIntent");
    const unsure = await device.say("Maybe");
    expect(said(unsure)).toContain(sh.askFixed);
    expect(said(await device.say("AMAZON.YesIntent"))).toContain(sh.replies.resolved);
  });

  it("AMAZON.CancelIntent mid-topic drops the topic and keeps the session; again, it says goodbye", async () => {
    const device = echo();
    await device.open();
    await device.say("BackupStuck");
    const dropped = await device.say("AMAZON.CancelIntent");
    expect(said(dropped)).toContain(sh.replies.cancelled);
    expect(dropped.response.shouldEndSession).toBe(false);
    const bye = await device.say("AMAZON.CancelIntent");
    expect(said(bye)).toBe(sh.replies.goodbye);
    expect(bye.response.shouldEndSession).toBe(true);
  });

  it.each(["AMAZON.StopIntent", "AMAZON.NavigateHomeIntent"])(
    "%s says goodbye and ends the session",
    async (intent) => {
      const device = echo();
      await device.open();
      await device.say("BackupStuck");
      const r = await device.say(intent);
      expect(said(r)).toBe(sh.replies.goodbye);
      expect(r.response.shouldEndSession).toBe(true);
      expect(r.response.reprompt).toBeUndefined();
      expect(device.inSession).toBe(false);
    },
  );

  it("not understood: a short reprompt, then Apple Support's options, then goodbye, never an agent", async () => {
    const device = echo();
    await device.open();
    await device.say("UpdateIOS");
    const first = content.topics.UpdateIOS.steps[0]?.ask;
    expect(said(await device.say(ALEXA_FALLBACK_INTENT))).toBe(`${sh.reprompts.yesNo.noMatch[0]} ${first}`);
    const second = await device.say(ALEXA_FALLBACK_INTENT);
    expect(said(second)).toContain(heard(sh.escalate.noAgent));
    expect(said(second)).not.toContain(sh.escalate.agent);
    const third = await device.say(ALEXA_FALLBACK_INTENT);
    expect(said(third)).toContain(sh.replies.giveUp);
    expect(third.response.shouldEndSession).toBe(true);
  });

  // These run without a progress store (tests/alexa/resume.test.ts has one): nothing can be kept, and the
  // listener is told so instead of being promised a step.
  it("without a progress store, a pause ends the session and says the place can't be kept", async () => {
    const device = echo();
    await device.open();
    await device.say("RestartIPhone");
    await device.say("AMAZON.NextIntent");
    const r = await device.say("AMAZON.PauseIntent");
    expect(said(r)).toBe(fill(sh.speaker.pauseNoStore, { invocation: sh.speaker.invocationName }));
    expect(said(r)).toContain("say Alexa, open backup helper");
    expect(said(r)).not.toMatch(/pick up at step/);
    expect(r.response.shouldEndSession).toBe(true);
  });

  it("without a progress store, a pause before any topic says the same", async () => {
    const device = echo();
    await device.open();
    const r = await device.say("AMAZON.PauseIntent");
    expect(said(r)).toBe(fill(sh.speaker.pauseNoStore, { invocation: sh.speaker.invocationName }));
    expect(r.response.shouldEndSession).toBe(true);
  });
});

describe("every intent the model declares", () => {
  it.each(ALEXA_INTENTS)("%s gets a valid answer as a one-shot and mid-topic", async (intent) => {
    // The Answer intent carries the caller's words in its slot: "done" answers a step to carry out.
    const slots: Record<string, string> = intent === ALEXA_ANSWER_INTENT ? { [ANSWER_SLOT]: "done" } : {};
    const oneShot = await echo().say(intent, slots);
    expect(oneShot.response.outputSpeech).toBeDefined();
    const device = echo();
    await device.open();
    // Step 1 of restarting waits for "next", which every command can answer or move from.
    await device.say("RestartIPhone");
    const mid = await device.say(intent, slots);
    expect(mid.response.outputSpeech).toBeDefined();
    // Handled means understood: only the fallback gets the "not understood" reprompt.
    const notUnderstood = said(mid).startsWith(sh.reprompts.next.noMatch[0]);
    expect(notUnderstood).toBe(intent === ALEXA_FALLBACK_INTENT);
  });
});

describe("a SessionEndedRequest", () => {
  it.each(["USER_INITIATED", "EXCEEDED_MAX_REPROMPTS", "ERROR"] as const)(
    "(%s) is answered without speech",
    async (reason) => {
      const device = echo();
      await device.open();
      await device.say("BackupError");
      const r = await device.end(reason);
      expect(r.response).toEqual({});
    },
  );
});

describe("requests that cannot be trusted", () => {
  const launch = launchRequest();
  it.each([
    ["null", null],
    ["a number", 42],
    ["a string", "LaunchRequest"],
    ["an empty object", {}],
    ["no request", { version: "1.0", context: launch.context }],
    ["another version", { ...launch, version: "2.0" }],
    ["a request type that isn't a string", { ...launch, request: { type: 7 } }],
    ["no context or session", { version: "1.0", request: launch.request }],
    [
      "an intent name that isn't a string",
      { ...intentRequest("X"), request: { type: "IntentRequest", intent: { name: 7 } } },
    ],
    ["an intent that doesn't exist", intentRequest("DropTables")],
    ["an intent named after Object's properties", intentRequest("constructor")],
    ["__proto__ as the intent", intentRequest("__proto__")],
    ["a user id that is far too long", launchRequest({ userId: "u".repeat(10_000) })],
    [
      "attributes that are not an object",
      {
        ...intentRequest("AMAZON.NextIntent"),
        session: { ...launch.session, new: false, attributes: [1, 2] },
      },
    ],
  ])("answers %s with a valid spoken response", async (_, event) => {
    const r = assertValidAlexaResponse(await handler(event));
    expect(r.response.outputSpeech).toBeDefined();
    expect(r.response.shouldEndSession).toBe(false);
  });

  it("answers a malformed SessionEndedRequest without speech", async () => {
    const ended = sessionEndedRequest("USER_INITIATED");
    assertSpeechless(await handler({ ...ended, version: "9" }));
    assertSpeechless(await handler({ ...ended, session: "x", context: null }));
  });

  it.each(["System.ExceptionEncountered", "CanFulfillIntentRequest", "Display.ElementSelected"])(
    "answers %s, which the skill doesn't declare, without speech",
    async (type) => {
      const r = await handler({ ...launch, request: { ...launch.request, type } });
      expect(assertSpeechless(r).response).toEqual({});
    },
  );

  it.each([
    ["garbage", "garbage{{not json"],
    ["a step past the end", '{"v":1,"p":"step","s":42,"h":[],"m":0,"t":"RestartIPhone"}'],
    ["an unknown topic", '{"v":1,"p":"step","s":0,"h":[],"m":0,"t":"FormatTheDisk"}'],
    ["a number instead of a string", 12345],
    ["an oversized state", `{"v":1,"p":"topic","s":0,"h":[],"m":0,"pad":"${"A".repeat(2000)}"}`],
  ])("restarts politely from a tampered state (%s)", async (_, tampered) => {
    const device = echo();
    await device.open();
    await device.say("RestartIPhone");
    device.attributes = { [STATE_ATTRIBUTE]: tampered };
    const r = await device.say("AMAZON.NextIntent");
    expect(said(r).startsWith(sh.replies.lostPlace)).toBe(true);
    expect(said(r).endsWith(sh.askTopic)).toBe(true);
    expect(said(r)).not.toMatch(/FormatTheDisk|AAAA|Step/);
    expect(stateOf(r).phase).toBe("topic");
    expect(said(await device.say("BackupStuck"))).toContain("Step 1.");
  });

  it("ignores attributes a new session claims to have: Alexa sends none", async () => {
    const forged = intentRequest("AMAZON.NextIntent", {
      isNew: true,
      attributes: { [STATE_ATTRIBUTE]: '{"v":1,"p":"step","s":2,"h":[0,1],"m":0,"t":"RestartIPhone"}' },
    });
    const r = assertValidAlexaResponse(
      await handler({ ...forged, session: { ...forged.session, attributes: { [STATE_ATTRIBUTE]: "x" } } }),
    );
    expect(said(r)).not.toContain("Step");
    expect(said(r)).toContain(sh.greeting);
  });

  it("keeps only its own state in the session, whatever else the session carried", async () => {
    const device = echo();
    await device.open();
    device.attributes = { ...device.attributes, injected: "<speak>x</speak>" };
    const r = await device.say("UpdateIOS");
    expect(Object.keys(r.sessionAttributes ?? {})).toEqual([STATE_ATTRIBUTE]);
  });
});
