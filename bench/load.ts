// npm run load: the full-size load on the local runtime. 200 callers at once, 20,000 turns of mixed full
// conversations through the official SDK client (in a process of their own), each caller checking it hears its
// own topic; then memory once the sessions expire. `--faults` makes the handler throw, hang or answer garbage on
// a share of turns. Prints the figures as Markdown and exits non-zero on an unexpected error or a crossing.

import { setTelemetrySink } from "../lambda/telemetry/sink.js";
import { loadBotModel } from "../local/bot.js";
import type { CodeHook } from "../local/lambda-contract.js";
import { startLexServer } from "../local/server.js";
import { faultyHandler } from "./faults.js";
import { runLoadInProcess } from "./load-driver.js";

const args = process.argv.slice(2);
const number = (flag: string, fallback: number) => {
  const i = args.indexOf(flag);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const concurrency = number("--callers", 200);
const turns = number("--turns", 20_000);
const withFaults = args.includes("--faults");

setTelemetrySink(() => {});
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
/** RSS and the JavaScript heap in use, in MB, after a full collection when --expose-gc is on (npm run load). */
const rss = () => {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss: resident, heapUsed } = process.memoryUsage();
  return `${Math.round(resident / 1024 / 1024)} MB (heap ${Math.round(heapUsed / 1024 / 1024)} MB)`;
};

let offset = 0;
const real = (await import("../lambda/handler.js")).handler as CodeHook;
const faulty = withFaults
  ? faultyHandler(real, { throwEvery: 17, hangEvery: 23, garbageEvery: 29 }, 1_000)
  : undefined;
const server = await startLexServer({
  port: 0,
  now: () => Date.now() + offset,
  ...(faulty ? { handler: faulty.hook, handlerTimeoutMs: 500 } : {}),
});
const before = rss();
const result = await runLoadInProcess({
  url: server.url,
  model: loadBotModel(),
  concurrency,
  turns,
  seed: 1,
  warmupTurns: Math.min(1_000, Math.floor(turns / 10)),
});
const sessions = server.runtime.sessionCount;
const afterRun = rss();
offset += 3_600_000; // past the idle TTL
server.runtime.sweepExpired();
const afterExpiry = rss();
await server.close();

const errorCount = Object.values(result.errors).reduce((a, b) => a + b, 0);
console.log(`
| measure | result |
|---|---|
| callers at once / turns / conversations | ${concurrency} / ${result.turns} / ${result.conversations} |
| throughput | ${result.turnsPerSecond.toFixed(0)} turns/s over ${result.seconds.toFixed(1)} s |
| latency (client side) | p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms |
| errors | ${errorCount === 0 ? "none" : JSON.stringify(result.errors)}${faulty ? ` (faults injected: ${faulty.injected()})` : ""} |
| sessions that heard another caller's topic | ${result.crossings} |
| memory (RSS) before / after the run (${sessions} sessions) / after they expired | ${before} / ${afterRun} / ${afterExpiry} |
`);
const expectedErrors = faulty ? faulty.injected() : 0;
const onlyInjected = Object.keys(result.errors).every((name) => name === "DependencyFailedException");
if (result.crossings > 0 || errorCount !== expectedErrors || !onlyInjected) {
  console.error("FAILED: errors other than the injected faults, or state crossing between sessions");
  process.exit(1);
}
