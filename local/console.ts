// `npm start`: the local Lex runtime in-process on a free port, and a conversation with the bot in the terminal
// through the official Lex V2 client, exactly as an application would talk to the deployed bot.

import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTelemetrySink } from "../lambda/telemetry/sink.js";
import { CONSOLE_HELP, runConsole } from "./console-session.js";
import { lexClientFor } from "./local-client.js";
import { startLocalProgressStore } from "./progress-store.js";
import { startLexServer } from "./server.js";
import { espeakSpeaker } from "./speaker.js";
import { missingSpeech } from "./speech/tools.js";

const USAGE = `Usage: npm start -- [--phone] [--text] [--speak] [--voice]
  --phone   start on the phone line (Amazon Connect): keypad hints, DTMF, transfer to an agent
  --text    typed chat (RecognizeText, plain-text replies) instead of a voice call
  --speak   speak the replies aloud with espeak-ng (if installed)
  --voice   every reply as audio from the runtime (audio/pcm), written as WAV files into a folder it names and
            played where there is a sound device; :say FILE.wav sends a recording as your turn

${CONSOLE_HELP}`;

const args = new Set(process.argv.slice(2));
if (args.has("--help") || args.has("-h")) {
  console.log(USAGE);
  process.exit(0);
}
const unknown = [...args].filter((a) => !["--phone", "--text", "--speak", "--voice"].includes(a));
if (unknown.length > 0) {
  console.error(`Unknown option ${unknown.join(" ")}\n\n${USAGE}`);
  process.exit(2);
}

// The SDK warns that Node 20 support ends in 2027; in a local console that is noise, not news.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

// The Lambda's log and metric lines would land in the middle of the conversation: a console has no CloudWatch.
setTelemetrySink(() => {});
// Progress for returning callers goes to an in-process DynamoDB, through the same code as in AWS.
const progress = await startLocalProgressStore();
const server = await startLexServer();
const client = lexClientFor(server.url);
const speaker = espeakSpeaker();
const speak = args.has("--speak");
if (speak && !(await speaker.available())) {
  console.log(
    "[espeak-ng is not installed, so replies stay on screen: apt install espeak-ng / brew install espeak-ng]",
  );
}
const { bot } = server.runtime;
const voice = args.has("--voice");
const voiceDir = voice ? join(tmpdir(), `voice-line-replies-${Date.now()}`) : undefined;
if (voice) {
  const missing = missingSpeech();
  if (missing) console.log(`[--voice needs the speech packages: ${missing}]`);
  else {
    await server.runtime.speech.prepare();
    console.log(`[voice: replies are spoken into ${voiceDir}; :say FILE.wav sends a recording]`);
  }
}
console.log(
  `Local Lex V2 runtime on ${server.url} (bot ${bot.id}, alias ${bot.aliasId}, ${bot.localeId}), ready in ` +
    `${Math.round(server.runtime.startupMs)} ms. ${args.has("--phone") ? "Phone line." : args.has("--text") ? "Text chat." : "Voice call."} :help lists commands.\n`,
);
try {
  await runConsole({
    input: process.stdin,
    output: process.stdout,
    client,
    bot: { botId: bot.id, botAliasId: bot.aliasId, localeId: bot.localeId },
    phone: args.has("--phone"),
    text: args.has("--text"),
    speak: speak && (await speaker.available()),
    speaker,
    ...(voiceDir && !missingSpeech() ? { voiceDir } : {}),
    lastRecognition: () => server.runtime.speech.last,
    callerNumber: "+15550100000",
  });
} finally {
  client.destroy();
  await server.close();
  await progress.close();
}
