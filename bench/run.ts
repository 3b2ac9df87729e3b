// npm run bench: bundle size, cold start over an empty handler, warm turn latency (and, when present, the
// local runtime's throughput). Prints a Markdown table and writes the figures to bench/out/results.json (ignored
// by git: running the benchmark changes no tracked file); `-- --save` also writes bench/results.json, the run the
// README quotes. `--quick` runs a few seconds' worth so CI keeps the script working; its figures are not meant
// to be compared.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { bundle } from "./bundle.js";
import { coldStart } from "./cold-start.js";
import { benchRuntime } from "./runtime.js";
import { warmTurns } from "./warm-turns.js";

const quick = process.argv.includes("--quick");
/** Back to back at 1, 16 and 64 callers (saturation), then 64 callers who pause 500 ms between turns. */
const LEVELS = [
  { concurrency: 1, thinkMs: 0 },
  { concurrency: 16, thinkMs: 0 },
  { concurrency: 64, thinkMs: 0 },
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
  inputTranscript: "my icloud backup isn't working",
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
      intent: { name: "TroubleshootBackup", slots: {}, state: "InProgress", confirmationState: "None" },
      nluConfidence: 0.9,
    },
  ],
  requestAttributes: { "x-amz-lex:channels:platform": "Connect" },
  sessionState: {
    sessionAttributes: {},
    intent: { name: "TroubleshootBackup", slots: {}, state: "InProgress", confirmationState: "None" },
  },
};

const lexBundle = await bundle(`${root}lambda/handler.ts`, `${work}/lex.mjs`);
const alexaBundle = existsSync(`${root}lambda/alexa.ts`)
  ? await bundle(`${root}lambda/alexa.ts`, `${work}/alexa.mjs`)
  : undefined;
const cold = coldStart(`${work}/lex.mjs`, firstTurn, quick ? 3 : 40, work);
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
  bundles: { lex: lexBundle, ...(alexaBundle ? { alexa: alexaBundle } : {}) },
  coldStart: cold,
  warmTurns: warm,
  localRuntime: runtime,
};

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${n.toFixed(2)} ms`;
const rows = [
  [
    "Lex Lambda bundle (minified / gzip)",
    `${kb(lexBundle.bytes)} / ${kb(lexBundle.gzipBytes)}`,
    "< 100 KB minified",
  ],
  ...(alexaBundle
    ? [
        [
          "Alexa Lambda bundle (minified / gzip)",
          `${kb(alexaBundle.bytes)} / ${kb(alexaBundle.gzipBytes)}`,
          "< 100 KB minified",
        ],
      ]
    : []),
  ["AWS SDK client in the Lex bundle", lexBundle.containsAwsSdk ? "yes" : "no", "no"],
  [
    `Cold start, first turn (median of ${cold.runs}; min–max)`,
    `${ms(cold.handlerMs.median)} (${ms(cold.handlerMs.min)}–${ms(cold.handlerMs.max)}); empty handler ${ms(cold.emptyMs.median)}`,
    "",
  ],
  [
    "Cold start over the empty handler (median of paired differences)",
    `${ms(cold.differenceMs.median)} (x${cold.ratio.toFixed(2)})`,
    "<= 5 ms",
  ],
  [
    `Warm turn, ${warm.turns} turns of mixed conversations`,
    `p50 ${ms(warm.p50Ms)}, p99 ${ms(warm.p99Ms)}, max ${ms(warm.maxMs)}`,
    "p99 < 0.1 ms",
  ],
  ["Local runtime start-up (bot model, NLU training, handler)", ms(runtime.startupMs), "< 2 s"],
  ...runtime.levels.map((l) => [
    `Local runtime, SDK over HTTP/2, ${l.concurrency} concurrent session${l.concurrency > 1 ? "s" : ""}${l.thinkMs ? `, ${l.thinkMs} ms between a caller's turns` : ", back to back"} (${l.turns} turns)`,
    `${l.turnsPerSecond.toFixed(0)} turns/s, p50 ${ms(l.p50Ms)}, p99 ${ms(l.p99Ms)}, errors ${Object.values(l.errors).reduce((a, b) => a + b, 0)}, state crossings ${l.crossings}`,
    l.concurrency === 64 ? "p99 < 20 ms" : "",
  ]),
  [
    `Local runtime memory (RSS): idle / ${runtime.memory.sessions} sessions / after they expire`,
    `${runtime.memory.baselineMb} MB / ${runtime.memory.after10kSessionsMb} MB / ${runtime.memory.afterExpiryMb} MB (${runtime.memory.remaining} left)`,
    "bounded",
  ],
];
console.log(
  `\n| measure | result | target |\n|---|---|---|\n${rows.map((r) => `| ${r.join(" | ")} |`).join("\n")}\n`,
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
