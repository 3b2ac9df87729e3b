// Whose progress a Lex turn reads and writes: on the phone line only the number the contact flow passes;
// elsewhere a number in the session attributes is not trusted (any client can set them).
import { describe, expect, it } from "vitest";
import { identify } from "../../lambda/channels/lex/identity.js";
import { readEvent } from "../../lambda/channels/lex/request.js";
import { lexEvent } from "../support/lex-events.js";

const turnOf = (channel: "phone" | "text", attrs: Record<string, string>) =>
  readEvent(lexEvent({ channel, intent: "FallbackIntent", transcript: "hello", sessionAttributes: attrs }));

describe("caller identity", () => {
  it("is the number on the phone line", () => {
    expect(identify(turnOf("phone", { customerNumber: "+1 555 010 0001" }))).toEqual({
      known: false,
      kind: "phone",
      id: "+15550100001",
    });
  });

  it("is nobody on the phone line without a number: never the session, so progress can't be misfiled", () => {
    expect(identify(turnOf("phone", {}))).toBeUndefined();
  });

  it("ignores a number a text client put in the session, and uses the session", () => {
    expect(identify(turnOf("text", { customerNumber: "+1 555 010 0001" }))).toEqual({
      known: false,
      kind: "session",
      id: "test-session-0001",
    });
  });

  it("accepts a carried key only in the shape of one", () => {
    const key = "a".repeat(64);
    expect(identify(turnOf("text", { customerKey: key }))).toEqual({ known: true, key });
    expect(identify(turnOf("text", { customerKey: "not-a-hash" }))).toMatchObject({ kind: "session" });
  });
});
