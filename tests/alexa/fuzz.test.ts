// Property-based: the skill answers any request, generated or mutated from a real one, with a response Alexa
// accepts, and keeps a conversation valid through any sequence of intents. A failing case is shrunk by
// fast-check; keep it in handler.test.ts as a test.
import fc from "fast-check";
import { describe, it } from "vitest";
import { handler } from "../../lambda/alexa.js";
import { ALEXA_INTENTS } from "../../lambda/channels/alexa/intents.js";
import { STATE_ATTRIBUTE } from "../../lambda/channels/alexa/response.js";
import { TOPIC_INTENTS } from "../../lambda/content/intents.js";
import { Echo } from "./support/echo.js";
import { intentRequest, launchRequest, sessionEndedRequest } from "./support/requests.js";
import { AlexaResponseSchema, assertSpeechless } from "./support/response-schema.js";

const intents = fc.oneof(fc.constantFrom(...ALEXA_INTENTS), fc.string({ maxLength: 40 }));

/** Stored states: valid-looking, tampered, or junk. */
const storedState = fc.oneof(
  fc
    .record({
      v: fc.oneof(fc.constant(1), fc.integer()),
      p: fc.constantFrom(
        "start",
        "topic",
        "step",
        "confirm",
        "anythingElse",
        "offer",
        "resume",
        "ended",
        "x",
      ),
      s: fc.integer({ min: -2, max: 20 }),
      h: fc.array(fc.integer({ min: -1, max: 12 }), { maxLength: 12 }),
      m: fc.integer({ min: -1, max: 12 }),
      t: fc.option(fc.constantFrom(...TOPIC_INTENTS, "Nope"), { nil: undefined }),
      z: fc.option(fc.constantFrom(1, 2), { nil: undefined }),
      r: fc.option(fc.integer({ min: -1, max: 10 }), { nil: undefined }),
    })
    .map((o) => JSON.stringify(o)),
  fc.string({ maxLength: 100 }),
  fc.jsonValue(),
);

const wellFormed = fc
  .record({
    kind: fc.constantFrom("launch", "intent", "ended"),
    intent: intents,
    isNew: fc.boolean(),
    state: fc.option(storedState, { nil: undefined }),
    userId: fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
  })
  .map(({ kind, intent, isNew, state, userId }) => {
    const o = {
      isNew,
      ...(userId !== undefined ? { userId } : {}),
      attributes: state === undefined ? {} : { [STATE_ATTRIBUTE]: state },
    };
    if (kind === "launch") return launchRequest(o);
    if (kind === "ended") return sessionEndedRequest("USER_INITIATED", o);
    return intentRequest(intent, o);
  });

/** A real request with one field replaced by anything: missing, wrong type, odd value. */
const mutated = fc
  .tuple(wellFormed, fc.constantFrom("version", "session", "context", "request"), fc.anything())
  .map(([event, key, value]) => ({ ...event, [key]: value }) as unknown);

const anyRequest = fc.oneof(
  { weight: 3, arbitrary: wellFormed as fc.Arbitrary<unknown> },
  { weight: 2, arbitrary: mutated },
  { weight: 1, arbitrary: fc.anything() },
);

describe("the skill under generated input", () => {
  it("never throws and always answers within Alexa's contract (5,000 requests)", async () => {
    await fc.assert(
      fc.asyncProperty(anyRequest, async (event) => {
        const response = AlexaResponseSchema.parse(await handler(event));
        const type = (event as { request?: { type?: unknown } } | null)?.request?.type;
        if (type === "SessionEndedRequest") assertSpeechless(response);
      }),
      { numRuns: 5_000 },
    );
  }, 120_000);

  it("keeps a conversation valid through any sequence of intents, sessions and endings", async () => {
    const steps = fc.array(
      fc.oneof(
        { weight: 8, arbitrary: intents.map((intent) => ({ intent })) },
        { weight: 1, arbitrary: fc.constant({ launch: true }) },
        { weight: 1, arbitrary: fc.constant({ end: true }) },
      ),
      { minLength: 1, maxLength: 25 },
    );
    await fc.assert(
      fc.asyncProperty(steps, async (list) => {
        const echo = new Echo(handler);
        for (const step of list) {
          if ("launch" in step) await echo.open();
          else if ("end" in step) {
            if (echo.inSession) await echo.end();
          } else await echo.say(step.intent);
        }
      }),
      { numRuns: 1_000 },
    );
  }, 120_000);
});
