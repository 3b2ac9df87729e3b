// `npm run serve`: the local Lex V2 runtime on its own, for any Lex V2 client (SDKs, AWS CLI, a web chat) pointed
// at http://127.0.0.1:<port>. Settings come from the environment so scripts and containers can set them.
import { setTelemetrySink } from "../lambda/telemetry/sink.js";
import { startLocalProgressStore } from "./progress-store.js";
import { startLexServer } from "./server.js";
import { missingSpeech } from "./speech/tools.js";

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
    process.exit(2);
  }
  return value;
}

const port = intFromEnv("PORT", 8000, 0, 65535);
// The Lambda's structured log and metric lines go to stderr, as CloudWatch would collect them; stdout stays the
// runtime's own ("listening on ...").
setTelemetrySink((line) => process.stderr.write(`${line}\n`));
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
// Progress for returning callers goes to an in-process DynamoDB, through the same code as in AWS.
const progress = await startLocalProgressStore();
const server = await startLexServer({
  port,
  handlerTimeoutMs: intFromEnv("LEX_HANDLER_TIMEOUT_MS", 3000, 1, 900_000),
  idleSessionTtlSeconds: intFromEnv("LEX_IDLE_SESSION_TTL_SECONDS", 900, 60, 86_400),
  maxSessions: intFromEnv("LEX_MAX_SESSIONS", 10_000, 1, 10_000_000),
  log: (line) => console.error(line),
});
const { bot } = server.runtime;
// Speech (audio in RecognizeUtterance) when the packages are there: the language model is built now, not on the
// first audio turn.
const speechStarted = performance.now();
const noSpeech = missingSpeech();
if (!noSpeech) await server.runtime.speech.prepare();
console.log(
  `Local Lex V2 runtime listening on ${server.url} (HTTP/2 and HTTP/1.1) - bot ${bot.id}, alias ${bot.aliasId}, ` +
    `locale ${bot.localeId}; started in ${Math.round(server.runtime.startupMs)} ms; speech ` +
    (noSpeech
      ? `off (${noSpeech})`
      : `on, language model built in ${Math.round(performance.now() - speechStarted)} ms`),
);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping`);
  Promise.all([server.close(), progress.close()]).then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
