// Realistic Alexa request envelopes, as Alexa sends them to a custom skill's Lambda, for the Alexa tests.
import type { RequestEnvelope, SessionEndedReason, Slot } from "ask-sdk-model";

export const SKILL_ID = "amzn1.ask.skill.00000000-0000-4000-8000-00000000b0b0";
export const USER_ID = "amzn1.ask.account.AEXAMPLETESTUSER0000000000000000000001";

export interface SessionOptions {
  /** A new session: this request opens it. */
  isNew?: boolean;
  sessionId?: string;
  userId?: string;
  skillId?: string;
  /** Session attributes as the skill last returned them. */
  attributes?: Record<string, unknown>;
}

let counter = 0;
const requestId = () => `amzn1.echo-api.request.${(++counter).toString().padStart(8, "0")}-test`;

function envelope(request: RequestEnvelope["request"], o: SessionOptions): RequestEnvelope {
  const userId = o.userId ?? USER_ID;
  const application = { applicationId: o.skillId ?? SKILL_ID };
  return {
    version: "1.0",
    session: {
      new: o.isNew ?? false,
      sessionId: o.sessionId ?? "amzn1.echo-api.session.0000-test",
      application,
      user: { userId },
      ...(o.isNew ? {} : { attributes: o.attributes ?? {} }),
    },
    context: {
      System: {
        application,
        user: { userId },
        device: { deviceId: "amzn1.ask.device.TESTDEVICE", supportedInterfaces: {} },
        apiEndpoint: "https://api.amazonalexa.com",
        apiAccessToken: "test-token",
      },
    },
    request,
  };
}

const stamp = () => ({ requestId: requestId(), timestamp: new Date().toISOString(), locale: "en-US" });

/** "Alexa, open backup helper". */
export function launchRequest(o: SessionOptions = {}): RequestEnvelope {
  return envelope({ type: "LaunchRequest", ...stamp() }, { ...o, isNew: o.isNew ?? true });
}

/** A phrase Alexa matched to `intent`; `isNew` for a one-shot ("Alexa, ask backup helper ..."). */
export function intentRequest(
  intent: string,
  o: SessionOptions = {},
  slots: Record<string, string> = {},
): RequestEnvelope {
  const filled: Record<string, Slot> = {};
  for (const [name, value] of Object.entries(slots))
    filled[name] = { name, value, confirmationStatus: "NONE" };
  return envelope(
    {
      type: "IntentRequest",
      ...stamp(),
      dialogState: "STARTED",
      intent: { name: intent, confirmationStatus: "NONE", slots: filled },
    },
    o,
  );
}

/** The session closed: the listener said exit, said nothing twice, or Alexa hit an error. */
export function sessionEndedRequest(reason: SessionEndedReason, o: SessionOptions = {}): RequestEnvelope {
  return envelope(
    {
      type: "SessionEndedRequest",
      ...stamp(),
      reason,
      ...(reason === "ERROR" ? { error: { type: "INVALID_RESPONSE", message: "test" } } : {}),
    },
    o,
  );
}
