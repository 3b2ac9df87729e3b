// One port for both protocols: the Node SDK talks HTTP/2 cleartext with prior knowledge by default, other
// clients (AWS CLI, NodeHttpHandler, curl) HTTP/1.1. Each TCP connection's first bytes decide: an HTTP/2
// connection opens with the client preface "PRI * HTTP/2.0".
import { createServer as createHttpServer } from "node:http";
import { createServer as createHttp2Server, type Http2Session } from "node:http2";
import { type AddressInfo, createServer as createNetServer, type Socket } from "node:net";
import { lexApiListener } from "./http-api.js";
import { LexRuntime, type RuntimeOptions } from "./runtime.js";

const PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1");
/** A connection that sends nothing to tell its protocol by is dropped after this long. */
const SNIFF_TIMEOUT_MS = 10_000;

export interface LexServerOptions extends RuntimeOptions {
  port?: number;
  host?: string;
  /** A runtime to serve instead of creating one (its options then come from the runtime). */
  runtime?: LexRuntime;
  log?: (line: string) => void;
}

export interface LexServer {
  url: string;
  port: number;
  runtime: LexRuntime;
  close(): Promise<void>;
}

/**
 * Reads the first bytes with 'readable' + read() and puts them back with unshift(), so the HTTP/2 session or the
 * HTTP/1.1 parser that gets the socket sees the stream untouched (a 'data' listener would switch it to flowing
 * mode and lose bytes).
 */
function sniff(socket: Socket, decide: (http2: boolean) => void): void {
  let head = Buffer.alloc(0);
  const timer = setTimeout(() => socket.destroy(), SNIFF_TIMEOUT_MS);
  const done = () => {
    clearTimeout(timer);
    socket.off("readable", onReadable);
    socket.off("end", onEnd);
  };
  const onEnd = () => done();
  const onReadable = () => {
    for (let chunk = socket.read() as Buffer | null; chunk !== null; chunk = socket.read() as Buffer | null) {
      head = Buffer.concat([head, chunk]);
    }
    const n = Math.min(head.length, PREFACE.length);
    if (n === 0) return;
    const looksLikePreface = head.subarray(0, n).equals(PREFACE.subarray(0, n));
    if (looksLikePreface && n < PREFACE.length) return; // wait for the rest of the preface
    done();
    socket.unshift(head);
    decide(looksLikePreface);
  };
  socket.on("readable", onReadable);
  socket.on("end", onEnd);
}

export async function startLexServer(options: LexServerOptions = {}): Promise<LexServer> {
  const runtime = options.runtime ?? (await LexRuntime.create(options));
  const listener = lexApiListener(runtime, options.log);
  const http1 = createHttpServer(listener);
  const http2 = createHttp2Server(listener);
  const sockets = new Set<Socket>();
  const sessions = new Set<Http2Session>();
  http2.on("session", (session: Http2Session) => {
    sessions.add(session);
    session.on("close", () => sessions.delete(session));
  });

  const tcp = createNetServer((socket) => {
    // Small request/response exchanges: without this, Nagle's algorithm holds replies back tens of milliseconds.
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    sniff(socket, (isHttp2) => (isHttp2 ? http2 : http1).emit("connection", socket));
  });

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    tcp.once("error", reject);
    tcp.listen(options.port ?? 0, host, () => {
      tcp.off("error", reject);
      resolve();
    });
  });
  const port = (tcp.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      tcp.close(() => resolve());
      // Finish what is in flight politely, then cut whatever is left (idle keep-alive connections).
      for (const session of sessions) session.close();
      http1.closeIdleConnections();
      setTimeout(() => {
        for (const socket of sockets) socket.destroy();
      }, 200).unref();
      if (!options.runtime) runtime.close();
    });
    return closing;
  };
  return { url: `http://${host}:${port}`, port, runtime, close };
}
