// Property-based: the handler answers any event, generated or mutated from a real one, with a response Lex
// accepts. 10,000+ events per run. A failing case is shrunk by fast-check; keep it in tests/lex as a test.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { STATE_ATTRIBUTE } from "../../lambda/channels/lex/response.js";
import { NAV_INTENTS, TOPIC_INTENTS } from "../../lambda/content/intents.js";
import { handler } from "../../lambda/handler.js";
import { lexEvent } from "../support/lex-events.js";
import { assertValidLexResponse } from "../support/lex-response-schema.js";

const intents = fc.oneof(
  fc.constantFrom(...TOPIC_INTENTS, ...NAV_INTENTS, "FallbackIntent"),
  fc.string({ maxLength: 40 }),
);

/** What a caller could say, including what would break SSML or logs. */
const transcript = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.constantFrom(
    "",
    " ",
    "1",
    "2",
    "0",
    "9",
    "#",
    "*",
    "12#",
    "</speak>",
    "<break time='99s'/>",
    "&amp;",
    "]]>",
    "\u0000\u0007",
  ),
  fc.string({ minLength: 1024, maxLength: 1024 }),
  fc.constantFrom("my password is swordfish", "call me on 555 123 4567", "jane@example.com"),
);

/** Stored states: valid-looking, tampered, or junk. */
const stateAttr = fc.oneof(
  fc
    .record({
      v: fc.oneof(fc.constant(1), fc.integer()),
      p: fc.constantFrom("start", "topic", "step", "confirm", "anythingElse", "resume", "ended", "bogus"),
      s: fc.integer({ min: -2, max: 20 }),
      h: fc.array(fc.integer({ min: -1, max: 12 }), { maxLength: 12 }),
      m: fc.integer({ min: -1, max: 12 }),
      t: fc.option(fc.constantFrom(...TOPIC_INTENTS, "Nope"), { nil: undefined }),
      z: fc.option(fc.constantFrom(1, 2), { nil: undefined }),
      o: fc.option(fc.constantFrom(1, true), { nil: undefined }),
      r: fc.option(fc.integer({ min: -1, max: 10 }), { nil: undefined }),
    })
    .map((o) => JSON.stringify(o)),
  fc.string({ maxLength: 100 }),
  fc.string({ minLength: 5000, maxLength: 13000 }),
);

const attributes = fc.dictionary(
  fc.string({ maxLength: 20 }),
  fc.oneof(fc.string({ maxLength: 50 }), fc.jsonValue()),
  {
    maxKeys: 5,
  },
);

const wellFormedEvent = fc
  .record({
    channel: fc.constantFrom("text" as const, "voice" as const, "phone" as const),
    intent: intents,
    transcript,
    dtmf: fc.boolean(),
    state: fc.option(stateAttr, { nil: undefined }),
    extra: attributes,
  })
  .map(({ channel, intent, transcript, dtmf, state, extra }) => {
    const sessionAttributes = {
      ...(extra as Record<string, string>),
      ...(state ? { [STATE_ATTRIBUTE]: state } : {}),
    };
    return lexEvent({ channel, intent, transcript, dtmf: dtmf && channel === "phone", sessionAttributes });
  });

/** A real event with one field replaced by anything: missing, wrong type, odd value. */
const mutatedEvent = fc
  .tuple(
    wellFormedEvent,
    fc.constantFrom(
      "sessionState",
      "inputMode",
      "inputTranscript",
      "requestAttributes",
      "interpretations",
      "bot",
      "sessionId",
      "invocationSource",
    ),
    fc.anything(),
  )
  .map(([event, key, value]) => ({ ...event, [key]: value }) as unknown);

const anyEvent = fc.oneof(
  { weight: 3, arbitrary: wellFormedEvent },
  { weight: 2, arbitrary: mutatedEvent },
  { weight: 1, arbitrary: fc.anything() },
);

describe("the handler under generated input", () => {
  it("never throws and always answers within Lex's contract (10,000 events)", async () => {
    await fc.assert(
      fc.asyncProperty(anyEvent, async (event) => {
        const response = assertValidLexResponse(await handler(event));
        expect(Buffer.byteLength(JSON.stringify(response))).toBeLessThan(25 * 1024);
        const attributes = response.sessionState.sessionAttributes ?? {};
        expect(Buffer.byteLength(JSON.stringify(attributes))).toBeLessThan(12 * 1024);
        expect(attributes[STATE_ATTRIBUTE]?.length ?? 0).toBeLessThan(512);
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);

  it("keeps a conversation going through any sequence of caller turns", async () => {
    const turns = fc.array(fc.record({ intent: intents, transcript, dtmf: fc.boolean() }), {
      minLength: 1,
      maxLength: 25,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("text" as const, "voice" as const, "phone" as const),
        turns,
        async (channel, list) => {
          let attrs: Record<string, string> = {};
          for (const t of list) {
            const r = assertValidLexResponse(
              await handler(
                lexEvent({ channel, ...t, dtmf: t.dtmf && channel === "phone", sessionAttributes: attrs }),
              ),
            );
            attrs =
              r.sessionState.dialogAction.type === "Close" ? {} : (r.sessionState.sessionAttributes ?? {});
          }
        },
      ),
      { numRuns: 1_000 },
    );
  }, 120_000);
});
