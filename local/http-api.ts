// The Lex Runtime V2 REST binding (restJson1) over the runtime's operations: routes, path labels, the
// gzip+base64 headers of RecognizeUtterance and PutSession, and errors in the form the SDK maps to its classes.
// Two read-only models API operations (DescribeBotAlias, DescribeBotLocale) answer on the same port.
// Works the same for HTTP/1.1 and HTTP/2 requests (Node's compatibility API gives both the same surface).
import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
import { gunzipSync, gzipSync } from "node:zlib";
import { asLexError, LexError, validationError } from "./lex-error.js";
import type { TurnResult } from "./lex-types.js";
import { describe, isModelsPath } from "./models-api.js";
import type { BotTarget, LexRuntime } from "./runtime.js";

export interface ApiRequest extends AsyncIterable<Buffer | string> {
  method?: string | undefined;
  url?: string | undefined;
  headers: IncomingHttpHeaders;
}

export interface ApiResponse {
  writeHead(status: number, headers: OutgoingHttpHeaders): unknown;
  end(body: string | Buffer): unknown;
  readonly headersSent: boolean;
}

/** A minute of 16 kHz 16-bit audio is 1.9 MB: far above any text request, and it bounds memory. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const ROUTE =
  /^\/bots\/([^/]+)\/botAliases\/([^/]+)\/botLocales\/([^/]+)\/sessions\/([^/]+)(?:\/([a-z]+))?\/?$/;

/** What Lex's headers carry: JSON, gzip-compressed, then base64. The transcript is a JSON string. */
export const encodeHeader = (value: unknown): string => gzipSync(JSON.stringify(value)).toString("base64");

/** Lex's quota on what these headers carry: session state and request attributes together, as sent. */
export const MAX_STATE_HEADERS_BYTES = 12 * 1024;
/** A 12 KB header can't hold more than this legitimately; a gzip bomb stops here instead of filling memory. */
const MAX_DECODED_HEADER_BYTES = 1024 * 1024;

export function decodeHeader(name: string, value: string): unknown {
  try {
    const json = gunzipSync(Buffer.from(value, "base64"), { maxOutputLength: MAX_DECODED_HEADER_BYTES });
    return JSON.parse(json.toString("utf8"));
  } catch {
    throw validationError(`${name} must be gzip-compressed, base64-encoded JSON`);
  }
}

type Route = { operation: string; target: BotTarget; sessionId: string };

function route(method: string, url: string): Route {
  const path = url.split("?")[0] ?? "";
  const m = ROUTE.exec(path);
  const unknown = () => new LexError("UnknownOperationException", `No operation for ${method} ${path}`);
  if (!m) throw unknown();
  let labels: string[];
  try {
    // The SDK percent-encodes path labels.
    labels = m.slice(1, 5).map((label) => decodeURIComponent(label ?? ""));
  } catch {
    throw validationError("The request path is not correctly percent-encoded");
  }
  const [botId = "", botAliasId = "", localeId = "", sessionId = ""] = labels;
  const suffix = m[5];
  const operation =
    method === "POST" && suffix === "text"
      ? "RecognizeText"
      : method === "POST" && suffix === "utterance"
        ? "RecognizeUtterance"
        : method === "POST" && suffix === "conversation"
          ? "StartConversation"
          : suffix === undefined
            ? ({ POST: "PutSession", GET: "GetSession", DELETE: "DeleteSession" } as Record<string, string>)[
                method
              ]
            : undefined;
  if (!operation) throw unknown();
  return { operation, target: { botId, botAliasId, localeId }, sessionId };
}

async function readBody(req: ApiRequest): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += buf.length;
    // Keep draining so the client sees the error instead of a reset stream.
    if (size <= MAX_BODY_BYTES) chunks.push(buf);
  }
  if (size > MAX_BODY_BYTES) throw validationError("The request body is too large");
  return Buffer.concat(chunks);
}

function json(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw validationError("Could not parse the request body as JSON");
  }
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** RecognizeUtterance and PutSession answer in headers; the body is the audio stream (empty for text). */
function turnHeaders(result: TurnResult, contentType: string, utterance: boolean): OutgoingHttpHeaders {
  const h: OutgoingHttpHeaders = {
    "content-type": contentType,
    "x-amz-lex-session-id": result.sessionId,
    "x-amz-lex-session-state": encodeHeader(result.sessionState),
  };
  if (result.messages.length > 0) h["x-amz-lex-messages"] = encodeHeader(result.messages);
  if (result.requestAttributes && Object.keys(result.requestAttributes).length > 0) {
    h["x-amz-lex-request-attributes"] = encodeHeader(result.requestAttributes);
  }
  if (utterance) {
    h["x-amz-lex-input-mode"] = result.inputMode;
    h["x-amz-lex-interpretations"] = encodeHeader(result.interpretations);
    h["x-amz-lex-input-transcript"] = encodeHeader(result.inputTranscript);
  }
  return h;
}

/** The JSON body of RecognizeText: messages only when there are some, as Lex does. */
function textBody(result: TurnResult): Record<string, unknown> {
  return {
    ...(result.messages.length > 0 ? { messages: result.messages } : {}),
    sessionState: result.sessionState,
    interpretations: result.interpretations,
    ...(result.requestAttributes ? { requestAttributes: result.requestAttributes } : {}),
    sessionId: result.sessionId,
  };
}

async function dispatch(
  runtime: LexRuntime,
  req: ApiRequest,
): Promise<{ headers: OutgoingHttpHeaders; body: string | Buffer }> {
  const asJson = (value: unknown) => ({
    headers: { "content-type": "application/json" },
    body: JSON.stringify(value),
  });
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  if (isModelsPath(req.method ?? "GET", path)) return asJson(describe(runtime, path));
  const { operation, target, sessionId } = route(req.method ?? "GET", req.url ?? "/");
  const body = await readBody(req);
  switch (operation) {
    case "RecognizeText":
      return asJson(textBody(await runtime.recognizeText(target, sessionId, json(body))));
    case "RecognizeUtterance": {
      const state = header(req.headers, "x-amz-lex-session-state");
      const attributes = header(req.headers, "x-amz-lex-request-attributes");
      // The quota is on the headers as sent, checked before anything is inflated.
      if (Buffer.byteLength(state ?? "") + Buffer.byteLength(attributes ?? "") > MAX_STATE_HEADERS_BYTES) {
        throw validationError("sessionState and requestAttributes together are over the 12 KB header limit");
      }
      const responseContentType = header(req.headers, "response-content-type");
      const result = await runtime.recognizeUtterance(target, sessionId, {
        requestContentType: header(req.headers, "content-type") ?? "",
        ...(responseContentType ? { responseContentType } : {}),
        ...(state ? { sessionState: decodeHeader("x-amz-lex-session-state", state) } : {}),
        ...(attributes
          ? { requestAttributes: decodeHeader("x-amz-lex-request-attributes", attributes) }
          : {}),
        body,
      });
      return {
        headers: turnHeaders(result, responseContentType || "text/plain; charset=utf-8", true),
        body: result.audio ?? "",
      };
    }
    case "PutSession": {
      // PutSession's header is literally "ResponseContentType" (RecognizeUtterance's is Response-Content-Type).
      const responseContentType = header(req.headers, "responsecontenttype");
      const result = await runtime.putSession(target, sessionId, json(body), responseContentType);
      return {
        headers: turnHeaders(result, responseContentType || "text/plain; charset=utf-8", false),
        body: "",
      };
    }
    case "GetSession":
      return asJson(runtime.getSession(target, sessionId));
    case "DeleteSession":
      return asJson(runtime.deleteSession(target, sessionId));
    default:
      throw validationError(
        "StartConversation (bidirectional streaming) is not available in the local runtime: use RecognizeText or RecognizeUtterance",
      );
  }
}

/** A request listener for http.createServer and http2.createServer alike. */
export function lexApiListener(runtime: LexRuntime, log: (line: string) => void = () => {}) {
  return (req: ApiRequest, res: ApiResponse): void => {
    const requestId = randomUUID();
    dispatch(runtime, req)
      .then(({ headers, body }) => {
        res.writeHead(200, {
          ...headers,
          "x-amzn-requestid": requestId,
          "content-length": typeof body === "string" ? Buffer.byteLength(body) : body.length,
        });
        res.end(body);
      })
      .catch((err: unknown) => {
        const error = asLexError(err);
        if (error.type === "InternalServerException")
          log(`internal error: ${(err as Error)?.stack ?? String(err)}`);
        else
          log(`${req.method} ${req.url?.split("?")[0]} -> ${error.status} ${error.type}: ${error.message}`);
        if (res.headersSent) return void res.end("");
        const body = JSON.stringify({ message: error.message });
        res.writeHead(error.status, {
          "content-type": "application/json",
          "x-amzn-errortype": error.type,
          "x-amzn-requestid": requestId,
          "content-length": Buffer.byteLength(body),
        });
        res.end(body);
      });
  };
}
