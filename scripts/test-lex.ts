// `npm run test:lex`: the conversation tests, played against a Lex V2 bot over the wire with the official SDK.
//   npm run test:lex -- --stack ICloudBackupVoiceLine [--region eu-west-2]   a deployed stack's live alias
//   npm run test:lex -- --bot-id ID --bot-alias-id ID --region REGION        any bot alias
//   npm run test:lex -- --endpoint http://127.0.0.1:8000                     the local runtime (npm run serve)
//   add --routing to send the routing test set as first turns and score the bot's NLU instead.
// Exits 0 when every played conversation passed, 1 when one failed, 2 when the bot isn't ready or the arguments
// are wrong.
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { RecognizeTextCommand } from "@aws-sdk/client-lex-runtime-v2";
import { loadConversations } from "../local/conversation-files.js";
import { formatRouting, loadRoutingSet, scoreRouting } from "../local/routing-eval.js";
import { speakAsCaller } from "../local/speech/synthesizer.js";
import { SPEECH_PACKAGES, speechTools } from "../local/speech/tools.js";
import {
  costOf,
  formatResult,
  PRICE_PER_REQUEST,
  plan,
  rateLimiter,
  runConversations,
  summaryLine,
} from "./lib/lex-runner.js";
import { type LexTarget, readinessProblems, resolveTarget, TargetError } from "./lib/lex-target.js";

const USAGE = `Usage: npm run test:lex -- (--stack NAME | --bot-id ID --bot-alias-id ID | --endpoint URL) [options]
  --region REGION     the bot's region (default: AWS_REGION; with --stack, the alias ARN's region)
  --locale ID         the bot locale (default en_US)
  --rate N            at most N requests a second (default 5 against AWS, unlimited against --endpoint)
  --only TEXT         only conversations whose file or name contains TEXT
  --conversations DIR play the conversation files in DIR (default tests/conversations)
  --routing           score the bot's NLU on the routing test set instead of playing conversations
  --audio             send the voice and phone conversations' words as speech (festival's voice, 16 kHz PCM)
  --dry-run           print what would be sent and what it costs, send nothing`;

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const CONVERSATIONS = fileURLToPath(new URL("../tests/conversations/", import.meta.url));

function options() {
  try {
    return parseArgs({
      options: {
        stack: { type: "string" },
        "bot-id": { type: "string" },
        "bot-alias-id": { type: "string" },
        endpoint: { type: "string" },
        region: { type: "string" },
        locale: { type: "string" },
        rate: { type: "string" },
        only: { type: "string" },
        conversations: { type: "string" },
        routing: { type: "boolean", default: false },
        audio: { type: "boolean", default: false },
        "dry-run": { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
      strict: true,
    }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
}

const o = options();
if (o.help) {
  console.log(USAGE);
  process.exit(0);
}
const rate = o.rate === undefined ? (o.endpoint ? Number.POSITIVE_INFINITY : 5) : Number(o.rate);
if (!(rate > 0)) {
  console.error(`--rate must be a number above 0, got "${o.rate}"`);
  process.exit(2);
}

let target: LexTarget;
try {
  target = await resolveTarget({
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    ...(o["bot-id"] ? { botId: o["bot-id"] } : {}),
    ...(o["bot-alias-id"] ? { botAliasId: o["bot-alias-id"] } : {}),
    ...(o.locale ? { localeId: o.locale } : {}),
    ...(o.region ? { region: o.region } : {}),
    ...(o.stack ? { stack: o.stack } : {}),
  });
} catch (err) {
  if (!(err instanceof TargetError)) throw err;
  console.error(`${err.message}\n\n${USAGE}`);
  process.exit(2);
}

const dollars = (n: number) => `$${n.toFixed(2)}`;
const pace = Number.isFinite(rate) ? `at most ${rate} requests a second` : "as fast as it answers";

async function routing(t: LexTarget): Promise<number> {
  const set = loadRoutingSet();
  const cost = t.endpoint ? 0 : set.length * PRICE_PER_REQUEST.text;
  console.log(
    `Routing: ${set.length} first turns to ${t.describe}, ${pace}; estimated cost ${dollars(cost)}.`,
  );
  if (o["dry-run"]) return 0;
  const wait = rateLimiter(rate);
  const run = randomUUID().slice(0, 8);
  let n = 0;
  const report = await scoreRouting(
    set,
    async (words) => {
      await wait();
      const r = await t.runtime.send(
        new RecognizeTextCommand({
          botId: t.botId,
          botAliasId: t.botAliasId,
          localeId: t.localeId,
          sessionId: `test-lex-routing-${run}-${n++}`,
          text: words,
        }),
      );
      const top = r.interpretations?.[0];
      return {
        intent: top?.intent?.name ?? r.sessionState?.intent?.name ?? "FallbackIntent",
        ...(top?.nluConfidence?.score !== undefined ? { score: top.nluConfidence.score } : {}),
      };
    },
    t.endpoint ? `the Lex runtime at ${t.endpoint}` : `Lex's NLU (${t.describe})`,
  );
  console.log(formatRouting(report));
  return 0;
}

async function conversations(t: LexTarget): Promise<number> {
  const all = loadConversations(o.conversations ?? CONVERSATIONS).filter(
    (c) => !o.only || `${c.file} ${c.name}`.toLowerCase().includes(o.only.toLowerCase()),
  );
  const audio = o.audio === true;
  const planned = plan(all, t, { audio });
  const cost = costOf(planned, t, { audio });
  const played = planned.filter((p) => !p.skip).length;
  console.log(
    `Playing ${played} of ${all.length} conversations (${cost.requests} requests) against ${t.describe}, ${pace}; ` +
      `estimated cost ${dollars(cost.dollars)}${t.endpoint ? "" : ` (text requests at $${PRICE_PER_REQUEST.text}${audio ? `, speech at $${PRICE_PER_REQUEST.speech}` : ""} each, US East)`}` +
      `${audio ? "; voice and phone conversations by voice" : ""}.`,
  );
  if (o["dry-run"]) {
    for (const p of planned)
      if (p.skip) console.log(`skip  ${p.conversation.file}: ${p.conversation.name}: ${p.skip}`);
    return 0;
  }
  const results = await runConversations(t, planned, {
    perSecond: rate,
    runId: randomUUID().slice(0, 8),
    onResult: (r) => console.log(formatResult(r)),
    ...(audio ? { voice: cachedVoice() } : {}),
  });
  console.log(summaryLine(results));
  return results.some((r) => r.failure) ? 1 : 0;
}

/** festival's caller voice, each phrase synthesised once. */
function cachedVoice() {
  const spoken = new Map<string, Promise<Buffer>>();
  return (words: string) => {
    if (!spoken.has(words)) spoken.set(words, speakAsCaller(words));
    return spoken.get(words) as Promise<Buffer>;
  };
}

if (o.audio && !speechTools().festival) {
  console.error(
    `--audio needs festival to speak the caller's words: sudo apt-get install ${SPEECH_PACKAGES}`,
  );
  process.exit(2);
}

let code: number;
try {
  const problems = o["dry-run"] ? [] : await readinessProblems(target);
  if (problems.length > 0) {
    console.error(`${target.describe} is not ready:\n${problems.join("\n")}`);
    code = 2;
  } else code = o.routing ? await routing(target) : await conversations(target);
} catch (err) {
  const e = err as Error;
  console.error(`Stopped: ${e.name}: ${e.message}`);
  code = e.name === "ThrottlingException" ? 2 : 1;
} finally {
  target.runtime.destroy();
  target.models.destroy();
}
process.exit(code);
