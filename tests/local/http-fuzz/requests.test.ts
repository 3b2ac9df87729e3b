import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BOT, sessionId } from "../support.js";
import {
  bodies,
  contentTypes,
  expectedErrors,
  expectLexError,
  expectTextAnswer,
  headerOf,
  isValidTextRequest,
  labelArb,
  opArb,
  PROPERTY_TIMEOUT_MS,
  rawSegment,
  requestFor,
  runs,
  send,
  textPath,
  transport,
} from "./raw-http.js";

describe("RecognizeText with arbitrary bodies and content types", { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it("answers 200 with a JSON turn for a valid request, else 400 ValidationException", async () => {
    await fc.assert(
      fc.asyncProperty(
        transport,
        bodies,
        fc.option(contentTypes, { nil: undefined }),
        async (via, body, type) => {
          const session = sessionId("fz-text");
          const res = await send(via, {
            method: "POST",
            path: textPath(session),
            headers: type === undefined ? {} : { "content-type": type },
            body,
          });
          const valid = isValidTextRequest(body);
          if (valid === true) expectTextAnswer(res, session);
          else if (valid === false) expectLexError(res, "ValidationException");
          else if (res.status === 200) expectTextAnswer(res, session);
          else expectLexError(res, "ValidationException");
        },
      ),
      runs(600),
    );
  });
});

describe("path labels and routes", { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it("answer ResourceNotFoundException, ValidationException or UnknownOperationException, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        transport,
        labelArb(BOT.botId),
        labelArb(BOT.botAliasId),
        labelArb(BOT.localeId),
        labelArb("fz-path"),
        opArb,
        fc.option(rawSegment(0, 20), { nil: undefined }),
        async (via, botId, aliasId, localeId, rawSession, op, query) => {
          // A fresh session id stands in for the valid one, so runs do not share a session.
          const session = rawSession === "fz-path" ? sessionId("fz-path") : rawSession;
          const labels = [botId, aliasId, localeId, session];
          const path = `/bots/${botId}/botAliases/${aliasId}/botLocales/${localeId}/sessions/${session}${op.suffix}`;
          const res = await send(via, {
            method: op.method,
            path: query === undefined ? path : `${path}?${query}`,
            ...requestFor(op),
          });
          const errors = expectedErrors(labels, op);
          if (errors.size === 0 && (op.name === "GetSession" || op.name === "DeleteSession")) {
            // A fresh session does not exist; one a previous run created (a short random id) may.
            if (res.status !== 200) expectLexError(res, "ResourceNotFoundException");
          } else if (errors.size === 0) {
            expect(res.status, res.body.toString("utf8")).toBe(200);
            if (op.name === "RecognizeText") expectTextAnswer(res, decodeURIComponent(session));
          } else {
            const message = expectLexError(res);
            expect([...errors], message).toContain(headerOf(res, "x-amzn-errortype"));
          }
        },
      ),
      runs(500),
    );
  });

  it("answer UnknownOperationException (404) for any other path and method", async () => {
    const pathArb = fc.oneof(
      fc
        .array(
          fc.oneof(rawSegment(0, 12), fc.constantFrom("bots", "botAliases", "botLocales", "sessions", "..")),
          {
            maxLength: 12,
          },
        )
        .map((segments) => `/${segments.join("/")}`),
      fc.constantFrom(
        "/",
        "//",
        "/bots",
        `/bots/${BOT.botId}`,
        `/bots/${BOT.botId}/botAliases/${BOT.botAliasId}/botLocales/${BOT.localeId}`,
        `/bots/${BOT.botId}/botAliases/${BOT.botAliasId}/botLocales/${BOT.localeId}/sessions`,
        `/bots/${BOT.botId}/botAliases/${BOT.botAliasId}/botLocales/${BOT.localeId}/sessions/`,
        `/bots/${BOT.botId}/botAliases/${BOT.botAliasId}/sessions/ab/text`,
        `/v2/bots/${BOT.botId}/botAliases/${BOT.botAliasId}/botLocales/${BOT.localeId}/sessions/ab/text`,
      ),
    );
    const methodArb = fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    await fc.assert(
      fc.asyncProperty(
        transport,
        pathArb,
        methodArb,
        fc.string({ maxLength: 100 }),
        async (via, path, method, body) => {
          const res = await send(via, {
            method,
            path,
            headers: { "content-type": "application/json" },
            body,
          });
          expectLexError(res, "UnknownOperationException");
        },
      ),
      runs(300),
    );
  });
});
