// A bug inside a turn must not leave the listener with Alexa's error: the skill answers with a polite restart
// (or, for a SessionEndedRequest, with no speech), and logs only the error.

import { describe, expect, it, vi } from "vitest";
import { handler } from "../../lambda/alexa.js";
import { captureTelemetry } from "../support/quiet-telemetry.js";
import { Echo } from "./support/echo.js";
import { intentRequest, sessionEndedRequest } from "./support/requests.js";
import { assertSpeechless, assertValidAlexaResponse, said } from "./support/response-schema.js";

vi.mock("../../lambda/channels/alexa/request.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../lambda/channels/alexa/request.js")>();
  return {
    ...real,
    toInput: () => {
      throw new Error("simulated bug");
    },
  };
});

vi.mock("../../lambda/channels/alexa/pause.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../lambda/channels/alexa/pause.js")>();
  return {
    ...real,
    stepUnderWay: () => {
      throw new Error("simulated bug at the end");
    },
  };
});

describe("a turn that fails inside", () => {
  it("still gets a valid spoken answer that starts again, and logs only the error", async () => {
    const errors = captureTelemetry();
    try {
      const r = assertValidAlexaResponse(await handler(intentRequest("StorageFull", { isNew: true })));
      expect(r.response.shouldEndSession).toBe(false);
      expect(said(r)).toContain("I lost track of where we were");
      expect(errors.lines.filter((l) => l.includes('"level":"ERROR"'))).toHaveLength(1);
      expect(String(errors.lines.find((l) => l.includes('"level":"ERROR"')))).toContain("simulated bug");
    } finally {
      errors.restore();
    }
  });

  it("a SessionEndedRequest that fails inside is still answered without speech", async () => {
    const errors = captureTelemetry();
    try {
      const state = '{"v":1,"p":"step","s":1,"h":[0],"m":0,"t":"RestartIPhone"}';
      assertSpeechless(
        await handler(sessionEndedRequest("USER_INITIATED", { attributes: { conversationState: state } })),
      );
      expect(String(errors.lines.find((l) => l.includes('"level":"ERROR"')))).toContain(
        "simulated bug at the end",
      );
    } finally {
      errors.restore();
    }
  });

  it("a launch, which needs no intent, still works", async () => {
    expect(said(await new Echo(handler).open())).toContain("Hi, I'm the iCloud Backup helper");
  });
});
