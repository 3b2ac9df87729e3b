// The line beside its peers, in one interleaved run: each handler bundled the way a deployment does, started in a
// fresh, clean, Lambda-like Node process, round after round in turn with an empty handler (the floor), so every
// figure is a ratio or a difference measured under the same conditions. Inside each process: the import, the
// first call, and then (in a process of its own) warm calls of the same first turn, logs and metrics included.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";

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

export interface Candidate {
  name: string;
  /** The bundled module exporting `handler`. */
  modulePath: string;
  bundleBytes: number;
  /** The first turn it is given (the same turn for every peer, in its own channel's shape). */
  event: unknown;
  /** The caller's next turn, given the state the first answer carried (Lex or Alexa session attributes). */
  nextEvent: unknown;
  /** More of the Lambda's environment (the progress store's settings), beside the clean one every probe gets. */
  env?: Record<string, string>;
}

export interface PeerFigures {
  name: string;
  bundleBytes: number;
  /** Process start to the end of the first call, minus the empty handler's, paired round by round. */
  coldOverEmptyMs: Stats;
  /** Median cold start over the empty handler's median. */
  ratio: number;
  importMs: Stats;
  firstCallMs: Stats;
  /** The caller's second turn, in the same cold process. */
  secondCallMs: Stats;
  /**
   * What a caller waits for on a cold start in Lambda at 512 MB: init over empty on a full vCPU, then the first
   * call on 512 MB's share of one (see LAMBDA_CPU_SHARE). A model from the figures above, not a measurement.
   */
  heardAt512Ms: Stats;
  warm: { calls: number; p50Ms: number; p99Ms: number };
  peakRssMb: number;
}

/**
 * Lambda gives a function CPU in proportion to its memory, one vCPU at 1,769 MB, so 0.29 of one at the line's
 * 512 MB during a call; an on-demand init runs on a full vCPU (AWS Lambda Operator Guide, "Effectively running
 * Java on Serverless: utilize initialization phase"), and provisioned concurrency runs it before any traffic.
 */
export const LAMBDA_CPU_SHARE = 512 / 1769;

const EMPTY_HANDLER = `export const handler = async () => ({ sessionState: { dialogAction: { type: "Close" }, intent: { name: "FallbackIntent", state: "Fulfilled" } }, messages: [{ contentType: "PlainText", content: "Hello" }] });`;

/** Imports the module, answers the event once, then `warm` more times; prints the figures on a marked line. */
const PROBE = `
const [modulePath, eventJson, nextJson, warmCalls] = process.argv.slice(1);
const event = JSON.parse(eventJson);
const next = JSON.parse(nextJson);
const t0 = performance.now();
const { handler } = await import(modulePath);
const t1 = performance.now();
const first = await handler(structuredClone(event));
const t2 = performance.now();
// The next turn carries what the first answer left in the session, Lex's way or Alexa's.
if (next.sessionState && first?.sessionState?.sessionAttributes) next.sessionState.sessionAttributes = first.sessionState.sessionAttributes;
if (next.session && first?.sessionAttributes) next.session.attributes = first.sessionAttributes;
const t3 = performance.now();
await handler(next);
const t4 = performance.now();
const times = [];
for (let i = 0; i < Number(warmCalls); i++) {
  const copy = structuredClone(event);
  const started = performance.now();
  await handler(copy);
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const at = (p) => times[Math.min(times.length - 1, Math.floor(times.length * p))] ?? 0;
// The handler writes its own log and metric lines to stdout, as in Lambda: the figures go on a marked line.
console.log("PROBE=" + JSON.stringify({
  total: t2, importMs: t1 - t0, firstCallMs: t2 - t1, secondCallMs: t4 - t3, p50: at(0.5), p99: at(0.99),
  rssMb: process.resourceUsage().maxRSS / 1024,
}));
`;

interface Probe {
  total: number;
  importMs: number;
  firstCallMs: number;
  secondCallMs: number;
  p50: number;
  p99: number;
  rssMb: number;
}

function probe(
  modulePath: string,
  event: unknown,
  next: unknown,
  warmCalls: number,
  env: Record<string, string> = {},
): Probe {
  const out = execFileSync(
    process.execPath,
    [
      ...["--input-type=module", "-e", PROBE, modulePath],
      ...[JSON.stringify(event), JSON.stringify(next), String(warmCalls)],
    ],
    {
      // As clean as Lambda's: variables such as NODE_EXTRA_CA_CERTS add tens of milliseconds to a Node start.
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        NODE_ENV: "production",
        AWS_REGION: "us-east-1",
        ...env,
      },
      encoding: "utf8",
      // The line's log lines, a few per warm call, come back on this pipe.
      maxBuffer: 512 * 1024 * 1024,
    },
  );
  const marked = /^PROBE=(.+)$/m.exec(out);
  if (!marked?.[1]) throw new Error(`the probe printed no figures: ${out.slice(-500)}`);
  return JSON.parse(marked[1]) as Probe;
}

export function measurePeers(
  candidates: Candidate[],
  opts: { rounds: number; warmCalls: number; workDir: string },
): PeerFigures[] {
  const emptyPath = `${opts.workDir}/empty-handler.mjs`;
  writeFileSync(emptyPath, EMPTY_HANDLER);
  // Warm the file-system cache for every module before anything is timed.
  for (const c of candidates) probe(c.modulePath, c.event, c.nextEvent, 0, c.env);
  probe(emptyPath, {}, {}, 0);
  const cold = candidates.map(() => ({
    diff: [] as number[],
    total: [] as number[],
    imp: [] as number[],
    first: [] as number[],
    second: [] as number[],
    heard: [] as number[],
  }));
  const empty: number[] = [];
  for (let round = 0; round < opts.rounds; round++) {
    // Interleaved: the empty handler, then each candidate, every round, so drift hits them all alike.
    const floor = probe(emptyPath, {}, {}, 0).total;
    empty.push(floor);
    candidates.forEach((c, i) => {
      const p = probe(c.modulePath, c.event, c.nextEvent, 0, c.env);
      const row = cold[i];
      if (!row) return;
      row.diff.push(p.total - floor);
      row.total.push(p.total);
      row.imp.push(p.importMs);
      row.first.push(p.firstCallMs);
      row.second.push(p.secondCallMs);
      row.heard.push(p.total - floor - p.firstCallMs + p.firstCallMs / LAMBDA_CPU_SHARE);
    });
  }
  const emptyMedian = stats(empty).median;
  return candidates.map((c, i) => {
    const row = cold[i] ?? { diff: [], total: [], imp: [], first: [], second: [], heard: [] };
    const warm = probe(c.modulePath, c.event, c.nextEvent, opts.warmCalls, c.env);
    return {
      name: c.name,
      bundleBytes: c.bundleBytes,
      coldOverEmptyMs: stats(row.diff),
      ratio: stats(row.total).median / emptyMedian,
      importMs: stats(row.imp),
      firstCallMs: stats(row.first),
      secondCallMs: stats(row.second),
      heardAt512Ms: stats(row.heard),
      warm: { calls: opts.warmCalls, p50Ms: warm.p50, p99Ms: warm.p99 },
      peakRssMb: warm.rssMb,
    };
  });
}
