// A bug inside a turn must not drop the call: the handler answers with a polite restart instead of throwing.
import { describe, expect, it, vi } from "vitest";
import { handler } from "../../lambda/handler.js";
import { lexEvent } from "../support/lex-events.js";
import { assertValidLexResponse, spokenText } from "../support/lex-response-schema.js";

vi.mock("../../lambda/channels/lex/request.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../lambda/channels/lex/request.js")>();
  return {
    ...real,
    toInput: () => {
      throw new Error("simulated bug");
    },
  };
});

describe("a turn that fails inside", () => {
  it("still gets a valid spoken answer that starts again, and logs only the error", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const event = lexEvent({ channel: "phone", intent: "StorageFull", transcript: "my password is hunter2" });
    const response = assertValidLexResponse(await handler(event));
    expect(response.sessionState.dialogAction.type).toBe("ElicitIntent");
    expect(spokenText(response)).toContain("I lost track of where we were");
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]?.[0])).toContain("simulated bug");
    expect(String(errors.mock.calls[0]?.[0])).not.toContain("hunter2");
  });
});
