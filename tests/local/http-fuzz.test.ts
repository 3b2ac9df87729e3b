// Property-based tests of the local runtime's HTTP surface: raw HTTP/1.1 and HTTP/2 requests that the SDK would
// never send (malformed JSON, odd content types, oversized bodies, bad path labels, broken gzip+base64 headers,
// garbage on the socket). Every answer must be 200 for a valid request or a Lex-shaped error (status,
// x-amzn-errortype, JSON {"message"}) that the documented status goes with; never a 5xx, a hang or a crash, and
// the server keeps answering the official SDK after every property.
import { request as httpRequest, type OutgoingHttpHeaders } from "node:http";
import { type ClientHttp2Session, connect as http2Connect } from "node:http2";
import { connect as netConnect } from "node:net";
import { gunzipSync, gzipSync } from "node:zlib";
import { RecognizeTextCommand } from "@aws-sdk/client-lex-runtime-v2";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BOT, lexClient, sessionId, startTestRuntime, TEXT, type TestRuntime } from "./support.js";

const REQUEST_TIMEOUT_MS = 5_000;
const RUNS = 300;
/** The server's own bound on a body; over it the request is refused whatever it holds. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** The errors Lex documents, with their status (the restJson1 UnknownOperationException for unknown routes). */
const LEX_ERRORS: Record<string, number> = {
  ValidationException: 400,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  UnknownOperationException: 404,
  ConflictException: 409,
  DependencyFailedException: 424,
  ThrottlingException: 429,
};

let rt: TestRuntime;
let h2: ClientHttp2Session | undefined;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(async () => {
  h2?.destroy();
  await rt.close();
});

// ---------------------------------------------------------------------------------------------------------------
// Raw clients

type Transport = "h1" | "h2";
interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}
interface RawRequest {
  method: string;
  path: string;
  headers?: OutgoingHttpHeaders;
  body?: Buffer | string;
  /** HTTP/1.1 only: send the body chunked (no content-length). */
  chunked?: boolean;
}

function send(transport: Transport, r: RawRequest): Promise<RawResponse> {
  return transport === "h1" ? sendH1(r) : sendH2(r);
}

/** One connection per request (agent: false), so a refused request cannot poison the next one. */
function sendH1(r: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port: rt.server.port,
        method: r.method,
        path: r.path,
        headers: r.headers ?? {},
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () =>
      req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms: ${r.method} ${r.path}`)),
    );
    req.on("error", reject);
    if (r.body !== undefined && r.chunked) {
      const body = Buffer.from(r.body);
      for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.subarray(i, i + 64 * 1024));
      req.end();
    } else {
      req.end(r.body);
    }
  });
}

/** One HTTP/2 connection shared by the whole file (as the SDK does), reopened if the server ever closed it. */
function h2Session(): ClientHttp2Session {
  if (!h2 || h2.closed || h2.destroyed) {
    h2 = http2Connect(rt.server.url);
    h2.on("error", () => {});
  }
  return h2;
}

function sendH2(r: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const stream = h2Session().request({ ...r.headers, ":method": r.method, ":path": r.path });
    const timer = setTimeout(() => {
      stream.close();
      reject(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms: ${r.method} ${r.path}`));
    }, REQUEST_TIMEOUT_MS);
    let head: Record<string, string | string[] | undefined> = {};
    const chunks: Buffer[] = [];
    stream.on("response", (h) => {
      head = h as Record<string, string | string[] | undefined>;
    });
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      clearTimeout(timer);
      resolve({ status: Number(head[":status"]), headers: head, body: Buffer.concat(chunks) });
    });
    stream.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    stream.end(r.body);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// What every answer must look like

const headerOf = (res: RawResponse, name: string): string | undefined => {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** A Lex error: documented status for its x-amzn-errortype, JSON content type, body {"message": string}. */
function expectLexError(res: RawResponse, type?: string): string {
  const errorType = headerOf(res, "x-amzn-errortype") ?? "";
  // The SDK reads the name before any ":" (restJson1 may append a URL there).
  const name = errorType.split(":")[0] ?? "";
  expect(name, `x-amzn-errortype of a ${res.status}`).toBeOneOf(Object.keys(LEX_ERRORS));
  if (type) expect(name).toBe(type);
  expect(res.status).toBe(LEX_ERRORS[name]);
  expect(headerOf(res, "content-type")).toMatch(/^application\/json/);
  const body = JSON.parse(res.body.toString("utf8")) as unknown;
  expect(body).toEqual({ message: expect.any(String) });
  return (body as { message: string }).message;
}

/** Any answer at all: a success, or a well-formed Lex error. Never a 5xx. */
function expectWellFormed(res: RawResponse): void {
  expect(res.status, `status with body ${res.body.toString("utf8").slice(0, 200)}`).toBeLessThan(500);
  if (res.status !== 200) expectLexError(res);
}

/** RecognizeText's 200: a JSON body for the session it was sent to. */
function expectTextAnswer(res: RawResponse, session: string): void {
  expect(res.status, res.body.toString("utf8").slice(0, 300)).toBe(200);
  expect(headerOf(res, "content-type")).toMatch(/^application\/json/);
  const body = JSON.parse(res.body.toString("utf8")) as Record<string, unknown>;
  expect(body.sessionId).toBe(session);
  expect(body.sessionState).toEqual(expect.any(Object));
  expect(body.interpretations).toEqual(expect.any(Array));
}

const decodeHeader = (value: string): unknown => JSON.parse(gunzipSync(Buffer.from(value, "base64")).toString());
const encodeHeader = (value: unknown): string => gzipSync(JSON.stringify(value)).toString("base64");

/** RecognizeUtterance's 200: the answer is in gzip+base64 headers, messages among them. */
function expectUtteranceAnswer(res: RawResponse, session: string): void {
  expect(res.status, res.body.toString("utf8").slice(0, 300)).toBe(200);
  expect(headerOf(res, "x-amz-lex-session-id")).toBe(session);
  const messages = decodeHeader(headerOf(res, "x-amz-lex-messages") ?? "");
  expect(messages).toEqual(
    expect.arrayContaining([{ contentType: expect.any(String), content: expect.any(String) }]),
  );
  expect(decodeHeader(headerOf(res, "x-amz-lex-session-state") ?? "")).toEqual(expect.any(Object));
}

// ---------------------------------------------------------------------------------------------------------------
// Generators

const BASE = `/bots/${BOT.botId}/botAliases/${BOT.botAliasId}/botLocales/${BOT.localeId}/sessions`;
const textPath = (session: string) => `${BASE}/${session}/text`;
const utterancePath = (session: string) => `${BASE}/${session}/utterance`;

/** Characters Node lets into a header value without rejecting the request on the client side. */
const headerChars = fc.string({
  unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 60,
});
const transport = fc.constantFrom<Transport>("h1", "h2");

const anyText = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.string({ minLength: 1000, maxLength: 1050 }),
  fc.constantFrom("", " ", "\u0000", "my icloud storage is full", "12#", "</speak>", "\ud800"),
);
const stringMap = fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 30 }), { maxKeys: 4 });

/** RecognizeText requests, valid or not: the fields Lex reads, with right and wrong types. */
const textRequest = fc.record(
  {
    text: fc.oneof(anyText, anyText, fc.jsonValue()),
    sessionState: fc.oneof(
      fc.constant({}),
      fc.record({ sessionAttributes: stringMap }),
      fc.jsonValue(),
      fc.record({ intent: fc.record({ name: fc.string() }) }),
      fc.record({ dialogAction: fc.record({ type: fc.string() }) }),
    ),
    requestAttributes: fc.oneof(stringMap, fc.jsonValue()),
    other: fc.jsonValue(),
  },
  { requiredKeys: [] },
);

/** RecognizeText requests Lex must accept: 1-1,024 characters of text, string attributes, a simple state. */
const validTextRequest = fc.record(
  {
    text: fc
      .oneof(
        fc.string({ minLength: 1, maxLength: 80 }),
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 80 }),
        fc.string({ unit: "binary", minLength: 1, maxLength: 80 }),
        fc.string({ minLength: 1024, maxLength: 1024 }),
      )
      .filter((t) => t.length <= 1024),
    sessionState: fc.oneof(fc.constant({}), fc.record({ sessionAttributes: stringMap })),
    requestAttributes: stringMap,
  },
  { requiredKeys: ["text"] },
);

/** A JSON text with a few characters deleted, inserted or replaced. */
const mutatedJson = fc
  .tuple(
    fc.oneof(textRequest, fc.jsonValue()).map((v) => JSON.stringify(v) ?? ""),
    fc.array(
      fc.tuple(fc.nat(), fc.constantFrom("delete", "insert", "replace"), fc.string({ unit: "binary", maxLength: 3 })),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([json, edits]) => {
    let s = json;
    for (const [at, op, chars] of edits) {
      const i = s.length === 0 ? 0 : at % s.length;
      s = op === "delete" ? s.slice(0, i) + s.slice(i + 1) : s.slice(0, i) + chars + s.slice(op === "insert" ? i : i + 1);
    }
    return s;
  });

const bodies: fc.Arbitrary<Buffer> = fc.oneof(
  { arbitrary: validTextRequest.map((v) => Buffer.from(JSON.stringify(v))), weight: 4 },
  textRequest.map((v) => Buffer.from(JSON.stringify(v))),
  textRequest.map((v) => Buffer.from(JSON.stringify(v))),
  mutatedJson.map((s) => Buffer.from(s)),
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? "")),
  fc.string({ unit: "binary" }).map((s) => Buffer.from(s)),
  fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
  fc.constantFrom("", "{", "}", "[]", "null", "{}", '{"text":null}', "\ufeff{}").map((s) => Buffer.from(s)),
);

const contentTypes = fc.oneof(
  fc.constant("application/json"),
  fc.constant("application/json"),
  fc.constantFrom("text/plain; charset=utf-8", "application/x-amz-json-1.1", "application/xml", "audio/l16", ""),
  headerChars,
);

/**
 * What the contract says of a RecognizeText body: true when Lex must accept it, false when it must refuse it,
 * undefined for session states this oracle does not judge (the runtime's own schema does).
 */
function isValidTextRequest(body: Buffer): boolean | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    return false;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const { text, requestAttributes, sessionState } = value as Record<string, unknown>;
  if (typeof text !== "string" || text.length < 1 || text.length > 1024) return false;
  if (requestAttributes !== undefined) {
    if (typeof requestAttributes !== "object" || requestAttributes === null || Array.isArray(requestAttributes))
      return false;
    if (Object.values(requestAttributes).some((v) => typeof v !== "string")) return false;
  }
  if (sessionState === undefined) return true;
  if (typeof sessionState !== "object" || sessionState === null || Array.isArray(sessionState)) return false;
  return Object.keys(sessionState).length === 0 ? true : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// 5. The server keeps serving: the official SDK, after every property and at the end

async function expectServerServes(): Promise<void> {
  for (const http1 of [false, true]) {
    const client = lexClient(rt.server.url, { http1 });
    try {
      const r = await client.send(
        new RecognizeTextCommand({ ...BOT, sessionId: sessionId("alive"), text: "my icloud storage is full" }),
      );
      expect(r.$metadata.httpStatusCode).toBe(200);
      expect(r.messages?.length).toBeGreaterThan(0);
      expect(r.sessionState?.sessionAttributes?.topic).toBe("StorageFull");
    } finally {
      client.destroy();
    }
  }
}
afterEach(expectServerServes);

// ---------------------------------------------------------------------------------------------------------------

describe("RecognizeText with arbitrary bodies and content types", () => {
  it("answers 200 with a JSON turn for a valid request, else 400 ValidationException", async () => {
    await fc.assert(
      fc.asyncProperty(transport, bodies, fc.option(contentTypes, { nil: undefined }), async (via, body, type) => {
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
      }),
      { numRuns: 600 },
    );
  });
});
