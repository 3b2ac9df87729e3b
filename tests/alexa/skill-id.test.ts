// With ALEXA_SKILL_ID set, the Lambda answers only its own skill: a request naming another skill, or none, is
// ended without a word and without state. (The Lambda's Alexa trigger checks the skill id as well.)

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { handler as Handler } from "../../lambda/alexa.js";
import { captureTelemetry } from "../support/quiet-telemetry.js";
import { intentRequest, launchRequest, SKILL_ID, sessionEndedRequest } from "./support/requests.js";
import { assertSpeechless, assertValidAlexaResponse, said } from "./support/response-schema.js";

let handler: typeof Handler;
let warnings: ReturnType<typeof captureTelemetry>;

beforeAll(async () => {
  vi.resetModules();
  process.env.ALEXA_SKILL_ID = SKILL_ID;
  try {
    handler = (await import("../../lambda/alexa.js")).handler;
  } finally {
    delete process.env.ALEXA_SKILL_ID;
  }
  warnings = captureTelemetry();
});
afterAll(() => warnings.restore());

describe("the skill id check", () => {
  it("answers requests for its own skill", async () => {
    const r = assertValidAlexaResponse(await handler(launchRequest()));
    expect(said(r)).toContain("Hi, I'm the iCloud Backup helper");
  });

  it.each([
    ["another skill", launchRequest({ skillId: "amzn1.ask.skill.someone-else" })],
    ["another skill, one-shot", intentRequest("BackupStuck", { isNew: true, skillId: "amzn1.ask.skill.x" })],
  ])("ends a request for %s without speech or state, and logs it", async (_, event) => {
    const r = assertValidAlexaResponse(await handler(event));
    expect(r.response).toEqual({ shouldEndSession: true });
    expect(r.sessionAttributes).toBeUndefined();
    expect(warnings.lines.some((line) => line.includes("another skill"))).toBe(true);
  });

  it("rejects a request whose session and context disagree about the skill", async () => {
    const event = launchRequest();
    const mixed = {
      ...event,
      context: {
        System: { ...event.context.System, application: { applicationId: "amzn1.ask.skill.other" } },
      },
    };
    expect(assertValidAlexaResponse(await handler(mixed)).response).toEqual({ shouldEndSession: true });
  });

  it("rejects a request that names no skill at all", async () => {
    const event = launchRequest();
    const anonymous = {
      version: "1.0",
      request: event.request,
      context: { System: { user: { userId: "u1" } } },
    };
    expect(assertValidAlexaResponse(await handler(anonymous)).response).toEqual({ shouldEndSession: true });
  });

  it("answers another skill's SessionEndedRequest without speech too", async () => {
    assertSpeechless(await handler(sessionEndedRequest("USER_INITIATED", { skillId: "amzn1.ask.skill.x" })));
  });
});
