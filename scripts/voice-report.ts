// `npm run voice:report`: how well the line hears callers. The routing test set (callers' first words, none of them
// a training phrase) is spoken by festival's US English voice (not the bot's), sent through RecognizeUtterance with
// the official SDK to the local runtime at 16 kHz and through a telephone channel at 8 kHz, and scored: word error
// rate, intent accuracy beside the same words typed (RecognizeText), recognition time per second of audio.
//   npm run voice:report [-- --limit N] [--out dist/voice-report.json]
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { RecognizeTextCommand, RecognizeUtteranceCommand } from "@aws-sdk/client-lex-runtime-v2";
import { setTelemetrySink } from "../lambda/telemetry/sink.js";
import { decodeHeader } from "../local/http-api.js";
import { lexClientFor } from "../local/local-client.js";
import { loadRoutingSet } from "../local/routing-eval.js";
import { startLexServer } from "../local/server.js";
import { speakAsCaller } from "../local/speech/synthesizer.js";
import { missingSpeech, speechTools } from "../local/speech/tools.js";
import { score, telephone, type VoiceCase, type VoiceScores } from "../local/speech/voice-eval.js";

const { values: o } = parseArgs({
  options: { limit: { type: "string" }, out: { type: "string", default: "dist/voice-report.json" } },
});
const limit = o.limit === undefined ? Number.POSITIVE_INFINITY : Number(o.limit);
if (!(limit > 0)) {
  console.error(`--limit must be a number above 0, got "${o.limit}"`);
  process.exit(2);
}
const missing = missingSpeech() ?? (speechTools().festival ? undefined : "festival is not installed");
if (missing) {
  console.error(`The voice report needs the speech packages: ${missing}`);
  process.exit(2);
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
setTelemetrySink(() => {});
const server = await startLexServer({ port: 0 });
await server.runtime.speech.prepare();
const client = lexClientFor(server.url);
const bot = {
  botId: server.runtime.bot.id,
  botAliasId: server.runtime.bot.aliasId,
  localeId: server.runtime.bot.localeId,
};
const set = loadRoutingSet().slice(0, limit);
/** RecognizeUtterance's headers, as Lex encodes them (the local runtime's own decoder). */
const decode = (h: string | undefined) => (h ? decodeHeader("header", h) : undefined);

const RATES = {
  "16 kHz": {
    type: "audio/l16; rate=16000; channels=1",
    bytesPerSecond: 32000,
    channel: (pcm: Buffer) => pcm,
  },
  "8 kHz telephone": {
    type: "audio/lpcm; sample-rate=8000; sample-size-bits=16; channel-count=1; is-big-endian=false",
    bytesPerSecond: 16000,
    channel: telephone,
  },
} as const;

const cases: Record<keyof typeof RATES, VoiceCase[]> = { "16 kHz": [], "8 kHz telephone": [] };
let n = 0;
for (const phrase of set) {
  const spoken = await speakAsCaller(phrase.words);
  const typed = await client.send(
    new RecognizeTextCommand({ ...bot, sessionId: `voice-report-text-${n}`, text: phrase.words }),
  );
  const typedIntent = typed.interpretations?.[0]?.intent?.name ?? "FallbackIntent";
  for (const [rate, r] of Object.entries(RATES) as [
    keyof typeof RATES,
    (typeof RATES)[keyof typeof RATES],
  ][]) {
    const audio = r.channel(spoken);
    const reply = await client.send(
      new RecognizeUtteranceCommand({
        ...bot,
        sessionId: `voice-report-${rate.replace(/\W/g, "")}-${n}`,
        requestContentType: r.type,
        responseContentType: "text/plain; charset=utf-8",
        inputStream: new Uint8Array(audio),
      }),
    );
    await reply.audioStream?.transformToByteArray();
    const interpretations = decode(reply.interpretations) as
      | Array<{ intent?: { name?: string } }>
      | undefined;
    cases[rate].push({
      words: phrase.words,
      intent: phrase.intent,
      heard: (decode(reply.inputTranscript) as string | undefined) ?? "",
      heardIntent: interpretations?.[0]?.intent?.name ?? "FallbackIntent",
      typedIntent,
      audioSeconds: audio.length / r.bytesPerSecond,
      recognitionMs: server.runtime.speech.last?.ms ?? 0,
    });
  }
  n++;
  if (n % 20 === 0) process.stderr.write(`  ${n} of ${set.length} phrases\n`);
}
client.destroy();
await server.close();

const scores = Object.fromEntries(Object.entries(cases).map(([k, v]) => [k, score(v)])) as Record<
  string,
  VoiceScores
>;
const s16 = scores["16 kHz"] as VoiceScores;
const met = (ok: boolean) => (ok ? "met" : "NOT met");
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log(`Voice report: ${set.length} phrases of the routing test set, spoken by festival (cmu_us_slt_arctic_hts),
recognised by pocketsphinx (en-us acoustic model, the bot's own language model), through RecognizeUtterance.

| channel | word error rate | intent accuracy (spoken) | same words typed | recognition time per second of audio |
|---|---|---|---|---|
${Object.entries(scores)
  .map(
    ([k, v]) =>
      `| ${k} | ${pct(v.wordErrorRate)} | ${pct(v.intentAccuracy)} | ${pct(v.typedIntentAccuracy)} | ${v.realTimeFactor.toFixed(3)} s |`,
  )
  .join("\n")}

Targets at 16 kHz: intent accuracy at least 95% of typed: ${met(s16.intentAccuracy >= 0.95 * s16.typedIntentAccuracy)}; word error rate at most 10%: ${met(s16.wordErrorRate <= 0.1)}; faster than real time: ${met(s16.realTimeFactor < 1)}.
${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}`);
const worst = (cases["16 kHz"] ?? [])
  .filter((c) => c.heard !== c.words.toLowerCase().replace(/[^a-z' ]/g, ""))
  .slice(0, 10);
if (worst.length > 0)
  console.log(
    `\nMisheard at 16 kHz (first ${worst.length}):\n${worst.map((c) => `  "${c.words}" -> "${c.heard}"`).join("\n")}`,
  );
const out = resolve(o.out ?? "dist/voice-report.json");
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ scores, cases, at: new Date().toISOString() }, null, 2)}\n`);
console.log(`\nJSON report: ${out}`);
