// How well the line understands callers in context: every labelled caller turn of the in-context conversations
// (tests/conversations/*.yaml with nlu: classifier) played through the local runtime over the wire, and counted by
// kind (hedged yes, answer in words, side question ...). A turn is understood when everything its test expects
// holds. None of these words is a training phrase, so the whole set is held out from what the NLU learned.
import { fileURLToPath } from "node:url";
import { LexRuntimeV2Client } from "@aws-sdk/client-lex-runtime-v2";
import type { BotModel } from "../lambda/content/load.js";
import { normalise } from "../lambda/content/schema.js";
import { setTelemetrySink } from "../lambda/telemetry/sink.js";
import { LOCAL_BOT } from "./bot.js";
import { loadConversations, type TurnKind } from "./conversation-files.js";
import { startLexServer } from "./server.js";
import { playOverWire } from "./wire-player.js";

export const CONVERSATIONS_DIR = fileURLToPath(new URL("../tests/conversations/", import.meta.url));

export interface KindScore {
  kind: TurnKind;
  turns: number;
  understood: number;
  accuracy: number;
}

export interface InContextReport {
  turns: number;
  understood: number;
  accuracy: number;
  /** Caller words in the set that are also training phrases: 0 keeps the set held out. */
  trainingOverlap: number;
  byKind: KindScore[];
  misunderstood: Array<{
    kind: TurnKind;
    conversation: string;
    words: string;
    problems: string[];
    said: string;
  }>;
}

export async function evaluateInContext(model: BotModel, dir = CONVERSATIONS_DIR): Promise<InContextReport> {
  const trained = new Set(model.intents.flatMap((i) => i.utterances.map(normalise)));
  const conversations = loadConversations(dir).filter((c) => c.nlu === "classifier");
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  // The handler's log and metric lines would bury the report.
  const previousSink = setTelemetrySink(() => {});
  const server = await startLexServer({ port: 0, host: "127.0.0.1" });
  const client = new LexRuntimeV2Client({
    endpoint: server.url,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  const counts = new Map<TurnKind, { turns: number; understood: number }>();
  const misunderstood: InContextReport["misunderstood"] = [];
  let overlap = 0;
  try {
    let n = 0;
    for (const conv of conversations) {
      const played = await playOverWire(
        { client, botId: LOCAL_BOT.id, botAliasId: LOCAL_BOT.aliasId, localeId: LOCAL_BOT.localeId },
        conv,
        `eval-${process.pid}-${n++}`,
      );
      for (const p of played) {
        const kind = p.turn.kind;
        if (!kind || p.turn.caller === undefined) continue;
        if (trained.has(normalise(p.turn.caller))) overlap++;
        const c = counts.get(kind) ?? { turns: 0, understood: 0 };
        c.turns++;
        if (p.problems.length === 0) c.understood++;
        else
          misunderstood.push({
            kind,
            conversation: `${conv.file}: ${conv.name}`,
            words: p.turn.caller,
            problems: p.problems,
            said: p.said,
          });
        counts.set(kind, c);
      }
    }
  } finally {
    client.destroy();
    await server.close();
    setTelemetrySink(previousSink);
  }
  const byKind = [...counts.entries()]
    .map(([kind, c]) => ({ kind, ...c, accuracy: c.turns ? c.understood / c.turns : 0 }))
    .sort((a, b) => a.kind.localeCompare(b.kind));
  const turns = byKind.reduce((sum, k) => sum + k.turns, 0);
  const understood = byKind.reduce((sum, k) => sum + k.understood, 0);
  return {
    turns,
    understood,
    accuracy: turns ? understood / turns : 0,
    trainingOverlap: overlap,
    byKind,
    misunderstood,
  };
}

export function formatInContext(r: InContextReport): string {
  const lines = [
    `In context: ${r.turns} labelled caller turns through the local runtime, ${r.understood} understood ` +
      `(${(r.accuracy * 100).toFixed(1)}%); ${r.trainingOverlap} of them are training phrases`,
    "",
    `${"kind".padEnd(18)}${"turns".padStart(7)}${"understood".padStart(12)}${"accuracy".padStart(10)}`,
    ...r.byKind.map(
      (k) =>
        `${k.kind.padEnd(18)}${String(k.turns).padStart(7)}${String(k.understood).padStart(12)}${`${(k.accuracy * 100).toFixed(0)}%`.padStart(10)}`,
    ),
  ];
  if (r.misunderstood.length > 0) {
    lines.push("", "Misunderstood:");
    for (const m of r.misunderstood)
      lines.push(`  [${m.kind}] "${m.words}" (${m.conversation}): ${m.problems.join("; ")}`);
  }
  return lines.join("\n");
}
