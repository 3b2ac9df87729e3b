// The local Lex V2 runtime through the official SDK client over HTTP/2 (client and server in this process, as
// `npm start` runs them): start-up time with NLU training, turns per second and p50 / p99 latency at several
// concurrency levels, and resident memory after many sessions and after they expire.

import { setTelemetrySink } from "../lambda/telemetry/sink.js";
import { loadBotModel } from "../local/bot.js";
import { startLexServer } from "../local/server.js";
import { type LoadResult, runLoadInProcess as runLoad } from "./load-driver.js";

export interface RuntimeBench {
  startupMs: number;
  levels: Array<Level & LoadResult>;
  memory: {
    baselineMb: number;
    after10kSessionsMb: number;
    sessions: number;
    afterExpiryMb: number;
    remaining: number;
  };
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

function settle(): number {
  // With --expose-gc (npm run bench) the figures are after a full collection; without it they are noisier.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  return process.memoryUsage().rss;
}

export interface Level {
  concurrency: number;
  /** 0: each caller sends its next turn as soon as it hears the answer (saturation). */
  thinkMs: number;
  /** One HTTP/2 connection per caller, kept open, instead of the SDK default of one per request. */
  reuseConnections?: boolean;
}

export async function benchRuntime(opts: {
  turnsPerLevel: number;
  sessions: number;
  levels: Level[];
}): Promise<RuntimeBench> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  setTelemetrySink(() => {});
  // A clock that can jump past the idle TTL, so expiry is measured without waiting 15 minutes.
  let offset = 0;
  const server = await startLexServer({ port: 0, now: () => Date.now() + offset });
  const model = loadBotModel();
  try {
    const levels: RuntimeBench["levels"] = [];
    for (const { concurrency, thinkMs, reuseConnections = false } of opts.levels) {
      const turns = opts.turnsPerLevel;
      const result = await runLoad({
        url: server.url,
        model,
        concurrency,
        turns,
        seed: concurrency,
        thinkMs,
        reuseConnections,
      });
      levels.push({ concurrency, thinkMs, reuseConnections, ...result });
    }
    offset += 3_600_000;
    server.runtime.sweepExpired();
    const baseline = settle();
    // One short call per session: what an idle line's memory looks like with that many sessions open.
    const fill = await runLoad({
      url: server.url,
      model,
      concurrency: 32,
      turns: opts.sessions,
      seed: 99,
      turnsPerCall: 1,
    });
    const after = settle();
    const sessions = server.runtime.sessionCount;
    offset += 3_600_000;
    server.runtime.sweepExpired();
    const expired = settle();
    if (fill.errors && Object.keys(fill.errors).length > 0)
      throw new Error(`errors while filling: ${JSON.stringify(fill.errors)}`);
    return {
      startupMs: server.runtime.startupMs,
      levels,
      memory: {
        baselineMb: mb(baseline),
        after10kSessionsMb: mb(after),
        sessions,
        afterExpiryMb: mb(expired),
        remaining: server.runtime.sessionCount,
      },
    };
  } finally {
    await server.close();
  }
}
