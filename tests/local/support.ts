// Shared set-up for the local runtime tests: a runtime on a free port and SDK clients pointed at it, the way an
// application would be configured for the local line (any region, dummy credentials).
import { gunzipSync, gzipSync } from "node:zlib";
import { LexRuntimeV2Client } from "@aws-sdk/client-lex-runtime-v2";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { type LexServer, type LexServerOptions, startLexServer } from "../../local/server.js";

// The SDK's Node 20 end-of-support notice is not what these tests are about.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

export const BOT = { botId: "LOCALBOTID", botAliasId: "TSTALIASID", localeId: "en_US" } as const;
export const TEXT = "text/plain; charset=utf-8";

export function lexClient(url: string, opts: { http1?: boolean } = {}): LexRuntimeV2Client {
  return new LexRuntimeV2Client({
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDLOCAL", secretAccessKey: "local-secret" },
    // No retries: a test that expects an error must see the first one, fast.
    maxAttempts: 1,
    ...(opts.http1 ? { requestHandler: new NodeHttpHandler() } : {}),
  });
}

export interface TestRuntime {
  server: LexServer;
  /** Default SDK client: HTTP/2 cleartext with prior knowledge. */
  client: LexRuntimeV2Client;
  close(): Promise<void>;
}

export async function startTestRuntime(options: LexServerOptions = {}): Promise<TestRuntime> {
  const server = await startLexServer({ port: 0, ...options });
  const client = lexClient(server.url);
  return {
    server,
    client,
    async close() {
      client.destroy();
      await server.close();
    },
  };
}

export const encode = (value: unknown) => gzipSync(JSON.stringify(value)).toString("base64");
export function decode<T = unknown>(header: string | undefined): T | undefined {
  return header === undefined
    ? undefined
    : (JSON.parse(gunzipSync(Buffer.from(header, "base64")).toString("utf8")) as T);
}

let counter = 0;
/** A session id unique within the test run. */
export const sessionId = (label = "s") => `${label}-${process.pid}-${++counter}`;

/** The error an SDK call rejects with (fails the test if it resolves). */
export async function errorOf(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected the call to fail");
}
