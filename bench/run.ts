// npm run bench: bundle size, cold start over an empty handler, warm turn latency (and, when present, the
// local runtime's throughput). Prints a Markdown table and writes the figures to bench/out/results.json (ignored
// by git: running the benchmark changes no tracked file); `-- --save` also writes bench/results.json, the run the
// README quotes. `--quick` runs a few seconds' worth so CI keeps the script working; its figures are not meant
// to be compared.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { LOCAL_PROGRESS_TABLE } from "../local/progress-store.js";
import { intentRequest } from "../tests/alexa/support/requests.js";
import { bundle } from "./bundle.js";
import { measurePeers } from "./peers.js";
import { benchRuntime } from "./runtime.js";
import { warmTurns } from "./warm-turns.js";

const quick = process.argv.includes("--quick");

/** dynalite in a child process (bench/store-process.ts): its endpoint, and how to stop it. */
async function storeProcess(): Promise<{ endpoint: string; close: () => void }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("./store-process.ts", import.meta.url))],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n")[0];
      if (out.includes("\n") && line) resolve(line.trim());
    });
    child.on("exit", (code) => reject(new Error(`the progress store stopped (${code}) before it started`)));
  });
  return { endpoint, close: () => child.stdin.end() };
}
/**
 * Back to back at 1, 16 and 64 callers (saturation), 64 callers each keeping its connection open (issue 16's
 * load target), then 64 callers who pause 500 ms between turns.
 */
const LEVELS = [
  { concurrency: 1, thinkMs: 0 },
  { concurrency: 16, thinkMs: 0 },
  { concurrency: 64, thinkMs: 0 },
  { concurrency: 64, thinkMs: 0, reuseConnections: true },
  { concurrency: 64, thinkMs: 500 },
];
const work = mkdtempSync(`${tmpdir()}/bench-`);
const root = fileURLToPath(new URL("..", import.meta.url));

const firstTurn = {
  messageVersion: "1.0",
  invocationSource: "DialogCodeHook",
  inputMode: "Speech",
  responseContentType: "audio/pcm",
  sessionId: "bench-session",
  inputTranscript: "my icloud storage is full",
  bot: {
    id: "ABCDEFGHIJ",
    name: "Bench",
    aliasId: "TSTALIASID",
    aliasName: "TestBotAlias",
    localeId: "en_US",
    version: "DRAFT",
  },
  interpretations: [
    {
      intent: { name: "StorageFull", slots: {}, state: "InProgress", confirmationState: "None" },
      nluConfidence: 0.9,
    },
  ],
  requestAttributes: { "x-amz-lex:channels:platform": "Connect" },
  sessionState: {
    sessionAttributes: {},
    intent: { name: "StorageFull", slots: {}, state: "InProgress", confirmationState: "None" },
  },
};
/** The caller's next turn: a hedged yes to the first step's question, as Lex sends it. */
const nextTurn = {
  ...firstTurn,
  inputTranscript: "um, I think so",
  interpretations: [
    {
      intent: { name: "Yes", slots: {}, state: "InProgress", confirmationState: "None" },
      nluConfidence: 0.8,
    },
  ],
  sessionState: {
    sessionAttributes: {},
    intent: { name: "Yes", slots: {}, state: "InProgress", confirmationState: "None" },
  },
};
/** The same first turn on a speaker: "my iCloud storage is full", said after "Alexa, open backup helper". */
const alexaFirstTurn = intentRequest("StorageFull", { isNew: false, attributes: {} });
/** A yes on a speaker (Alexa sends the intent, no words). */
const alexaNextTurn = intentRequest("AMAZON.YesIntent", { isNew: false, attributes: {} });

const lexBundle = await bundle(`${root}lambda/handler.ts`, `${work}/lex.mjs`);
const alexaBundle = await bundle(`${root}lambda/alexa.ts`, `${work}/alexa.mjs`);
const askBundle = await bundle(`${root}bench/peers/ask-sdk-skill.ts`, `${work}/ask-sdk.mjs`, {
  requireShim: true,
});
// The same Lex bundle with the progress store configured, against dynalite on 127.0.0.1 (started here, stopped at
// the end): the first turn hashes the caller's number, loads the AWS SDK's DynamoDB client and looks for a saved
// place, then saves the new one. Written under bench/out/ so the bundle finds the AWS SDK in node_modules, as a
// Lambda finds the runtime's.
const store = await storeProcess();
mkdirSync(`${root}bench/out`, { recursive: true });
await bundle(`${root}lambda/handler.ts`, `${root}bench/out/lex-store.mjs`);
const withNumber = (event: typeof firstTurn) => ({
  ...event,
  sessionState: { ...event.sessionState, sessionAttributes: { customerNumber: "+15555550123" } },
});
const STORE_ENV = {
  PROGRESS_TABLE: LOCAL_PROGRESS_TABLE,
  DYNAMODB_ENDPOINT: store.endpoint,
  HASH_SECRET: "bench-secret-that-is-long-enough",
  // Dynalite takes any key; set, so the SDK doesn't go looking for credentials.
  AWS_ACCESS_KEY_ID: "bench",
  AWS_SECRET_ACCESS_KEY: "bench",
};
const peers = measurePeers(
  [
    {
      name: "this line, Lex",
      modulePath: `${work}/lex.mjs`,
      bundleBytes: lexBundle.bytes,
      event: firstTurn,
      nextEvent: nextTurn,
    },
    {
      name: "this line, Lex, progress store on (dynalite)",
      modulePath: `${root}bench/out/lex-store.mjs`,
      bundleBytes: lexBundle.bytes,
      event: withNumber(firstTurn),
      nextEvent: withNumber(nextTurn),
      env: STORE_ENV,
    },
    {
      name: "this line, Alexa",
      modulePath: `${work}/alexa.mjs`,
      bundleBytes: alexaBundle.bytes,
      event: alexaFirstTurn,
      nextEvent: alexaNextTurn,
    },
    {
      name: "an Alexa skill on ask-sdk-core",
      modulePath: `${work}/ask-sdk.mjs`,
      bundleBytes: askBundle.bytes,
      event: alexaFirstTurn,
      // It serves one turn: its "next" is that turn again.
      nextEvent: alexaFirstTurn,
    },
  ],
  { rounds: quick ? 3 : 40, warmCalls: quick ? 200 : 5_000, workDir: work },
);
store.close();
const [lexPeer, , , askPeer] = peers;
if (!lexPeer || !askPeer) throw new Error("a peer was not measured");
const warm = await warmTurns(quick ? 500 : 10_000);
const runtime = await benchRuntime(
  quick
    ? { turnsPerLevel: 100, sessions: 200, levels: LEVELS }
    : { turnsPerLevel: 3_000, sessions: 10_000, levels: LEVELS },
);

const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? "unknown", node: process.version },
  quick,
  bundles: { lex: lexBundle, alexa: alexaBundle, askSdkCore: askBundle },
  peers,
  warmTurns: warm,
  localRuntime: runtime,
};

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${n.toFixed(2)} ms`;
const met = (ok: boolean) => (ok ? "met" : "**not met**");
/** Issue 16's bundle, the size not to grow past (the Lex handler, 2026-11-26). */
const BUNDLE_BUDGET_BYTES = 56.6 * 1024;
const peerTable = [
  "| same first turn | bundle | cold start over empty (paired median) | import / first call / second call (median) | first turn heard in Lambda at 512 MB (model) | warm p50 / p99 | peak RSS |",
  "|---|---|---|---|---|---|---|",
  ...peers.map(
    (p) =>
      `| ${p.name} | ${kb(p.bundleBytes)} | +${ms(p.coldOverEmptyMs.median)} (x${p.ratio.toFixed(2)}) | ${ms(p.importMs.median)} / ${ms(p.firstCallMs.median)} / ${ms(p.secondCallMs.median)} | ${ms(p.heardAt512Ms.median)} | ${ms(p.warm.p50Ms)} / ${ms(p.warm.p99Ms)} | ${p.peakRssMb.toFixed(0)} MB |`,
  ),
].join("\n");
const targets = [
  [
    "Cold start over empty: the line (Lex) at most half of ask-sdk-core's",
    `${ms(lexPeer.coldOverEmptyMs.median)} vs ${ms(askPeer.coldOverEmptyMs.median)}`,
    met(lexPeer.coldOverEmptyMs.median <= askPeer.coldOverEmptyMs.median / 2),
  ],
  ["First call (Lex) at most 1 ms", ms(lexPeer.firstCallMs.median), met(lexPeer.firstCallMs.median <= 1)],
  [
    "Warm p99 (Lex, logs and metrics written) no worse than ask-sdk-core's",
    `${ms(lexPeer.warm.p99Ms)} vs ${ms(askPeer.warm.p99Ms)}`,
    met(lexPeer.warm.p99Ms <= askPeer.warm.p99Ms),
  ],
  [
    "Lex bundle no larger than issue 16's 56.6 KB",
    kb(lexBundle.bytes),
    met(lexBundle.bytes <= BUNDLE_BUDGET_BYTES),
  ],
];
const rows = [
  ["AWS SDK client in the Lex bundle", lexBundle.containsAwsSdk ? "yes" : "no", "no"],
  ...targets,
  [
    `Warm turn, ${warm.turns} turns of mixed conversations`,
    `p50 ${ms(warm.p50Ms)}, p99 ${ms(warm.p99Ms)}, max ${ms(warm.maxMs)}`,
    "p99 < 0.1 ms",
  ],
  ["Local runtime start-up (bot model, NLU training, handler)", ms(runtime.startupMs), "< 1 s"],
  ...runtime.levels.map((l) => [
    `Local runtime, SDK over HTTP/2, ${l.concurrency} concurrent session${l.concurrency > 1 ? "s" : ""}${l.thinkMs ? `, ${l.thinkMs} ms between a caller's turns` : ", back to back"}${l.reuseConnections ? ", each keeping its connection" : ""} (${l.turns} turns)`,
    `${l.turnsPerSecond.toFixed(0)} turns/s, p50 ${ms(l.p50Ms)}, p99 ${ms(l.p99Ms)}, errors ${Object.values(l.errors).reduce((a, b) => a + b, 0)}, state crossings ${l.crossings}`,
    l.reuseConnections
      ? `>= 2,000 turns/s, p99 < 50 ms: ${met(l.turnsPerSecond >= 2000 && l.p99Ms < 50)}`
      : l.concurrency === 64
        ? "p99 < 20 ms"
        : "",
  ]),
  [
    `Local runtime memory (RSS): idle / ${runtime.memory.sessions} sessions / after they expire`,
    `${runtime.memory.baselineMb} MB / ${runtime.memory.after10kSessionsMb} MB / ${runtime.memory.afterExpiryMb} MB (${runtime.memory.remaining} left)`,
    "bounded",
  ],
];
console.log(`\n${peerTable}\n`);
console.log(
  `| measure | result | target |\n|---|---|---|\n${rows.map((r) => `| ${r.join(" | ")} |`).join("\n")}\n`,
);
console.log(
  `${results.machine.model}, ${results.machine.cpus} cores, Node ${process.version}, ${results.date}${quick ? " (quick run)" : ""}`,
);
const json = `${JSON.stringify(results, null, 2)}\n`;
mkdirSync(`${root}bench/out`, { recursive: true });
writeFileSync(`${root}bench/out/results.json`, json);
if (process.argv.includes("--save") && !quick) writeFileSync(`${root}bench/results.json`, json);
console.log(
  `figures in bench/out/results.json${process.argv.includes("--save") && !quick ? " and bench/results.json" : ""}`,
);
