// Property-based tests of the local runtime's HTTP surface: RecognizeUtterance headers, oversized bodies, the
// raw connection, and regressions found by fuzzing. The raw clients, generators and what every answer must look
// like are in raw-http.ts, which also starts the runtime and checks after every test that the SDK is answered.
import { request as httpRequest } from "node:http";
import { constants as http2Constants } from "node:http2";
import { gzipSync } from "node:zlib";
import {
  RecognizeTextCommand,
  RecognizeUtteranceCommand,
  ValidationException,
} from "@aws-sdk/client-lex-runtime-v2";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BOT, errorOf, sessionId, TEXT } from "../support.js";
import {
  ATTRS,
  BASE,
  badHeaderCase,
  encodeHeader,
  expectLexError,
  expectServerServes,
  expectTextAnswer,
  expectUtteranceAnswer,
  expectWellFormed,
  h2Session,
  longText,
  MAX_BODY_BYTES,
  noise,
  PROPERTY_TIMEOUT_MS,
  rawBytes,
  rawExchange,
  rt,
  runs,
  STATE,
  STATE_HEADERS_QUOTA,
  send,
  textPath,
  transport,
  utterancePath,
  validAttributes,
  validState,
} from "./raw-http.js";

describe("RecognizeUtterance headers", { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it("answer 400 ValidationException when not gzip+base64 JSON of the right shape, or over 12 KB", async () => {
    await fc.assert(
      fc.asyncProperty(transport, badHeaderCase, async (via, { kind, headers }) => {
        const size = Object.values(headers).reduce((n, v) => n + v.length, 0);
        // Node's HTTP/1.1 parser refuses more than 16 KB of headers before any Lex code runs.
        const res = await send(size > 14_000 ? "h2" : via, {
          method: "POST",
          path: utterancePath(sessionId("fz-hdr")),
          headers: { "content-type": TEXT, ...headers },
          body: "my icloud storage is full",
        });
        const message = expectLexError(res, "ValidationException");
        expect(message.length, kind).toBeGreaterThan(0);
      }),
      runs(400),
    );
  });

  it("answer 200 with decodable x-amz-lex-messages for correct gzip+base64 headers and a text/plain body", async () => {
    await fc.assert(
      fc.asyncProperty(
        transport,
        fc.option(validState, { nil: undefined }),
        fc.option(validAttributes, { nil: undefined }),
        fc.constantFrom(TEXT, "text/plain", "text/plain;charset=UTF-8", "TEXT/PLAIN; charset=utf-8"),
        fc.oneof(
          fc.constantFrom("my icloud storage is full", "hello", "yes", "no", "repeat that", ""),
          fc.string({ maxLength: 100 }),
          fc.string({ unit: "grapheme", maxLength: 100 }),
        ),
        async (via, state, attributes, contentType, utterance) => {
          const session = sessionId("fz-utt");
          const res = await send(via, {
            method: "POST",
            path: utterancePath(session),
            headers: {
              "content-type": contentType,
              ...(state ? { [STATE]: encodeHeader(state) } : {}),
              ...(attributes ? { [ATTRS]: encodeHeader(attributes) } : {}),
            },
            body: utterance,
          });
          expectUtteranceAnswer(res, session);
        },
      ),
      runs(300),
    );
  });
});

describe("oversized bodies", { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it("over 1,024 characters of text: 400 ValidationException from RecognizeText and RecognizeUtterance", async () => {
    await fc.assert(
      fc.asyncProperty(
        transport,
        fc.boolean(),
        fc.boolean(),
        longText,
        async (via, utterance, chunked, text) => {
          const session = sessionId("fz-long");
          const res = await send(via, {
            method: "POST",
            ...(utterance
              ? { path: utterancePath(session), headers: { "content-type": TEXT }, body: text }
              : {
                  path: textPath(session),
                  headers: { "content-type": "application/json" },
                  body: JSON.stringify({ text }),
                }),
            chunked,
          });
          expect(expectLexError(res, "ValidationException")).toMatch(/1024|1,024|too large/);
        },
      ),
      runs(300),
    );
  });

  it("of 0.5 to 3 MB: 400 ValidationException (too long, not JSON, or over the body limit), never a 413 or a 5xx", async () => {
    const big = fc.record({
      size: fc.integer({ min: 512 * 1024, max: 3 * 1024 * 1024 }),
      fill: fc.constantFrom("a", " ", "{", "\u00e9", "\u0000"),
      shape: fc.constantFrom("json-text", "raw", "json-padded"),
      op: fc.constantFrom("RecognizeText", "RecognizeUtterance", "PutSession"),
      chunked: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(transport, big, async (via, { size, fill, shape, op, chunked }) => {
        const session = sessionId("fz-big");
        const filler = fill.repeat(size);
        const body =
          shape === "json-text"
            ? JSON.stringify(
                op === "PutSession"
                  ? { sessionState: { sessionAttributes: { a: filler } } }
                  : { text: filler },
              )
            : shape === "json-padded"
              ? `{"text":"hello"${" ".repeat(size)}}`
              : filler;
        const path =
          op === "RecognizeText"
            ? textPath(session)
            : op === "RecognizeUtterance"
              ? utterancePath(session)
              : `${BASE}/${session}`;
        const res = await send(via, {
          method: "POST",
          path,
          headers: { "content-type": op === "RecognizeUtterance" ? TEXT : "application/json" },
          body,
          chunked,
        });
        const tooBig = Buffer.byteLength(body) > MAX_BODY_BYTES;
        if (!tooBig && shape === "json-padded" && op === "RecognizeText") {
          // Whitespace is not content: a valid request however it is padded, as long as it fits.
          expectTextAnswer(res, session);
        } else if (!tooBig && op === "PutSession" && shape === "json-text") {
          // A session attribute of that size: the runtime may take it or refuse it, but in Lex's form.
          expectWellFormed(res);
        } else {
          expectLexError(res, "ValidationException");
        }
      }),
      runs(40),
    );
  });
});

describe("the connection itself", { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it("arbitrary bytes, a cut HTTP/2 preface, broken request heads: a 4xx or a closed connection, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(rawBytes, async (bytes) => {
        const reply = (await rawExchange(bytes)).toString("latin1");
        for (const [, status] of reply.matchAll(/^HTTP\/1\.1 (\d{3})/gm)) {
          expect(Number(status), reply.slice(0, 300)).toBeLessThan(500);
        }
      }),
      runs(300),
    );
  });

  it("requests abandoned half-way through their body, over HTTP/1.1 and HTTP/2, leave the server serving", async () => {
    await fc.assert(
      fc.asyncProperty(
        transport,
        fc.integer({ min: 1, max: 200_000 }),
        fc.constantFrom(textPath, utterancePath),
        async (via, sent, pathOf) => {
          const path = pathOf(sessionId("fz-cut"));
          const declared = sent + 1 + (sent % 1000);
          if (via === "h1") {
            await new Promise<void>((resolve) => {
              const req = httpRequest({
                host: "127.0.0.1",
                port: rt.server.port,
                method: "POST",
                path,
                headers: { "content-type": TEXT, "content-length": declared },
                agent: false,
              });
              req.on("error", () => resolve());
              req.on("response", (res) => {
                res.resume();
                resolve();
              });
              req.write(Buffer.alloc(sent, 0x61), () => setImmediate(() => req.destroy()));
            });
          } else {
            await new Promise<void>((resolve) => {
              const stream = h2Session().request({
                ":method": "POST",
                ":path": path,
                "content-type": TEXT,
                "content-length": String(declared),
              });
              stream.on("error", () => resolve());
              stream.on("close", () => resolve());
              stream.write(Buffer.alloc(sent, 0x61), () =>
                setImmediate(() => stream.close(http2Constants.NGHTTP2_CANCEL)),
              );
            });
          }
          // The same server still answers a well-formed request right away, on both protocols.
          const session = sessionId("fz-after");
          expectTextAnswer(
            await send(via, {
              method: "POST",
              path: textPath(session),
              headers: { "content-type": "application/json" },
              body: '{"text":"hello"}',
            }),
            session,
          );
        },
      ),
      runs(100),
    );
  });
});

describe("known departures from the Lex contract", () => {
  const utterance = (session: string, text: string, sessionState?: string) =>
    rt.client.send(
      new RecognizeUtteranceCommand({
        ...BOT,
        sessionId: session,
        requestContentType: TEXT,
        ...(sessionState ? { sessionState } : {}),
        inputStream: text,
      }),
    );

  // Quota: "request and session headers combined: 12 KB" (lex-v2-contract.md, runtime quotas). runtime.ts
  // measures JSON.stringify of the *decoded* values instead of the headers as sent, so a header over 12 KB passes
  // whenever its JSON is smaller than 12 KB: gzip+base64 of high-entropy text is ~1.1x its JSON, and whitespace
  // or escapes in the JSON vanish when it is re-serialised (the header below inflates to 10 MB before the check).
  it.each([
    [
      "11,533 bytes of JSON of high-entropy attributes",
      () => encodeHeader({ sessionAttributes: { note: noise(1, 11_500) } }),
    ],
    [
      "{} padded with 10 MB of whitespace",
      () => gzipSync(`{${" ".repeat(10 * 1024 * 1024)}}`).toString("base64"),
    ],
  ])("refuses an x-amz-lex-session-state header over 12 KB as sent: %s", async (_, make) => {
    const header = make();
    expect(header.length).toBeGreaterThan(STATE_HEADERS_QUOTA);
    expect(header.length).toBeLessThan(14_000); // under Node's 16 KB limit for all headers
    const err = await errorOf(utterance(sessionId("quota"), "my icloud storage is full", header));
    expect(err).toBeInstanceOf(ValidationException);
    expect(err.$metadata?.httpStatusCode).toBe(400);
  });

  // Lex has one 1,024-character limit for the text of RecognizeText and of a text/plain RecognizeUtterance.
  // RecognizeText checks it with zod (v4 counts code points), RecognizeUtterance with String.length (UTF-16 code
  // units): 600 emoji are 600 characters to one and 1,200 to the other.
  it("counts the 1,024 characters of text the same way in RecognizeText and RecognizeUtterance", async () => {
    const text = "\u{1F600}".repeat(600);
    const outcome = (p: Promise<unknown>) =>
      p.then(
        () => "accepted",
        (err: Error) => `refused: ${err.name}: ${err.message}`,
      );
    const viaText = await outcome(
      rt.client.send(new RecognizeTextCommand({ ...BOT, sessionId: sessionId("emoji"), text })),
    );
    const viaUtterance = await outcome(
      utterance(sessionId("emoji"), text).then((r) => r.audioStream?.transformToByteArray()),
    );
    expect(viaUtterance).toBe(viaText);
  });
});

describe("the server after all of the above", () => {
  it("still answers RecognizeText through the official SDK, over HTTP/2 and HTTP/1.1", async () => {
    await expectServerServes();
  });
});
