// A bug inside a turn must not drop the call: the handler answers with a polite restart instead of throwing.

import { describe, expect, it, vi } from "vitest";
import { handler } from "../../lambda/handler.js";
import { lexEvent } from "../support/lex-events.js";
import { assertValidLexResponse, spokenText } from "../support/lex-response-schema.js";
import { captureTelemetry } from "../support/quiet-telemetry.js";

vi.mock("../../lambda/channels/lex/request.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../lambda/channels/lex/request.js")>();
  return {
    ...real,
    toHearing: () => {
      throw new Error("simulated bug");
    },
  };
});

describe("a turn that fails inside", () => {
  it("still gets a valid spoken answer that starts again, and logs only the error", async () => {
    const errors = captureTelemetry();
    const event = lexEvent({ channel: "phone", intent: "StorageFull", transcript: "my password is hunter2" });
    const response = assertValidLexResponse(await handler(event));
    expect(response.sessionState.dialogAction.type).toBe("ElicitIntent");
    expect(spokenText(response)).toContain("I lost track of where we were");
    expect(errors.lines.filter((l) => l.includes('"level":"ERROR"'))).toHaveLength(1);
    expect(String(errors.lines.find((l) => l.includes('"level":"ERROR"')))).toContain("simulated bug");
    expect(String(errors.lines.find((l) => l.includes('"level":"ERROR"')))).not.toContain("hunter2");
  });
});
