// Cold start: a fresh Node process loads a bundled handler and answers the first turn. Paired run by run with an
// empty handler that returns a fixed Lex response (the floor), in a clean Lambda-like environment, because
// variables such as NODE_EXTRA_CA_CERTS add tens of milliseconds to every Node start and would hide the gap.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";

export interface ColdStart {
  runs: number;
  handlerMs: Stats;
  emptyMs: Stats;
  differenceMs: Stats;
  ratio: number;
}

export interface Stats {
  median: number;
  min: number;
  max: number;
}

export const stats = (values: number[]): Stats => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0 };
};

const EMPTY_HANDLER = `export const handler = async () => ({ sessionState: { dialogAction: { type: "Close" }, intent: { name: "FallbackIntent", state: "Fulfilled" } }, messages: [{ contentType: "PlainText", content: "Hello" }] });`;

/** Loads the module, answers one event, prints ms since the process started. */
const PROBE = `
const [modulePath, eventJson] = process.argv.slice(1);
const { handler } = await import(modulePath);
await handler(JSON.parse(eventJson));
// The handler writes its own log and metric lines to stdout, as in Lambda: the figure goes on a marked line.
console.log("COLD_START_MS=" + performance.now());
`;

function timeOnce(modulePath: string, event: unknown): number {
  const out = execFileSync(
    process.execPath,
    ["--input-type=module", "-e", PROBE, modulePath, JSON.stringify(event)],
    {
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", NODE_ENV: "production", AWS_REGION: "us-east-1" },
      encoding: "utf8",
    },
  );
  const marked = /^COLD_START_MS=([\d.]+)$/m.exec(out);
  if (!marked) throw new Error(`the probe printed no time: ${out.slice(-500)}`);
  return Number(marked[1]);
}

export function coldStart(bundlePath: string, event: unknown, runs: number, workDir: string): ColdStart {
  const emptyPath = `${workDir}/empty-handler.mjs`;
  writeFileSync(emptyPath, EMPTY_HANDLER);
  timeOnce(bundlePath, event); // warm the file-system cache for both
  timeOnce(emptyPath, event);
  const handler: number[] = [];
  const empty: number[] = [];
  const diff: number[] = [];
  for (let i = 0; i < runs; i++) {
    const e = timeOnce(emptyPath, event);
    const h = timeOnce(bundlePath, event);
    empty.push(e);
    handler.push(h);
    diff.push(h - e);
  }
  const h = stats(handler);
  const e = stats(empty);
  return { runs, handlerMs: h, emptyMs: e, differenceMs: stats(diff), ratio: h.median / e.median };
}
