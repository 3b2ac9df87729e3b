// Virtual callers for the local runtime, through the official SDK client: each one opens a call on a topic of its
// own, answers the way a caller would (next, no, now and then repeat, which step, back, yes), and checks after
// every turn that the session still speaks about its own topic, so state crossing between sessions shows up.
import { LexRuntimeV2Client, RecognizeTextCommand } from "@aws-sdk/client-lex-runtime-v2";
import { NodeHttp2Handler } from "@smithy/node-http-handler";
import { speech } from "../lambda/content/generated/speech.js";
import { isTopicIntent, TOPIC_INTENTS, type TopicId } from "../lambda/content/intents.js";
import type { BotModel } from "../lambda/content/load.js";
import { seededRandom } from "../local/random.js";

export interface LoadOptions {
  url: string;
  model: BotModel;
  /** Callers talking at the same time. */
  concurrency: number;
  /** Turns in all, across callers. */
  turns: number;
  /** Deterministic choices, so runs are comparable. */
  seed?: number;
  /** The mean pause between a caller's turns, as a person takes to listen and act (default: back to back). */
  thinkMs?: number;
  /** Turns at the start whose latency isn't counted: the client's and server's JIT warming up. */
  warmupTurns?: number;
  /** Keep one HTTP/2 connection per caller instead of the SDK default of one per request. */
  reuseConnections?: boolean;
  /** Hang up after this many turns of a call (default: when the call ends, at most 40). */
  turnsPerCall?: number;
}

export interface LoadResult {
  turns: number;
  conversations: number;
  seconds: number;
  turnsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Errors by SDK exception name. */
  errors: Record<string, number>;
  /** Turns where a session answered about another caller's topic. */
  crossings: number;
}

const BOT = { botId: "LOCALBOTID", botAliasId: "TSTALIASID", localeId: "en_US" };

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

interface Progress {
  turns: number;
  conversations: number;
  latencies: number[];
  errors: Record<string, number>;
  crossings: number;
}

/** The navigation phrases a virtual caller uses: each intent's first training phrase, so they are always known. */
type Say = Record<"Yes" | "No" | "Next" | "Back" | "WhichStep" | "RepeatIntent", string>;

function phrasesOf(model: BotModel): Say {
  const first = (name: keyof Say) => model.intents.find((i) => i.name === name)?.utterances[0] ?? name;
  return {
    Yes: first("Yes"),
    No: first("No"),
    Next: first("Next"),
    Back: first("Back"),
    WhichStep: first("WhichStep"),
    RepeatIntent: first("RepeatIntent"),
  };
}

/** A topic's step (1-based, as the session attribute) that can lead on to another topic: a branch in the content. */
function leadsTo(from: TopicId, step: string | undefined, to: string): boolean {
  const s = speech.topics[from].steps[Number(step) - 1];
  return isTopicIntent(to) && s !== undefined && [s.yes, s.no, s.declined].includes(to);
}

/** What a caller says next, given what the line expects of them. */
function nextWords(say: Say, yesNo: boolean, rand: () => number): string {
  const r = rand();
  if (r < 0.08) return say.RepeatIntent;
  if (r < 0.12) return say.WhichStep;
  if (r < 0.15) return say.Back;
  if (yesNo) return r < 0.22 ? say.Yes : say.No;
  return say.Next;
}

async function caller(
  id: number,
  o: LoadOptions,
  client: LexRuntimeV2Client,
  openings: Map<TopicId, string[]>,
  say: Say,
  progress: Progress,
): Promise<void> {
  const rand = seededRandom((o.seed ?? 1) * 1000 + id);
  const topics = TOPIC_INTENTS.filter((t) => t !== "ContactSupport");
  let call = 0;
  while (progress.turns < o.turns) {
    const opened = topics[Math.floor(rand() * topics.length)] as TopicId;
    const phrases = openings.get(opened) ?? [];
    let topic = opened;
    let step: string | undefined;
    const sessionId = `load-${id}-${call++}`;
    let words = phrases[Math.floor(rand() * phrases.length)] ?? topic;
    let inTopic = false;
    /** The topic a content branch left, which "back" at the first step it led to goes back to. */
    let cameFrom: TopicId | undefined;
    for (let turn = 0; turn < (o.turnsPerCall ?? 40) && progress.turns < o.turns; turn++) {
      // Jittered, so callers drift apart as real ones do instead of all speaking at the same instant.
      const think = o.thinkMs ?? 0;
      if (think > 0 && turn > 0) await new Promise((resolve) => setTimeout(resolve, think * (0.5 + rand())));
      const started = performance.now();
      const counted = progress.turns >= (o.warmupTurns ?? 0);
      progress.turns++;
      try {
        const r = await client.send(new RecognizeTextCommand({ ...BOT, sessionId, text: words }));
        if (counted) progress.latencies.push(performance.now() - started);
        const attrs = r.sessionState?.sessionAttributes ?? {};
        // The opening phrase is one of the topic's own training phrases: from then on the session is about it.
        if (turn === 0) inTopic = attrs.topic === topic;
        // Another topic is only right where the content branches to it ("the alert says storage is full"), or,
        // going back from there, the topic it branched from.
        if (inTopic && attrs.topic !== undefined && attrs.topic !== topic) {
          if (leadsTo(topic, step, attrs.topic)) {
            cameFrom = topic;
            topic = attrs.topic as TopicId;
          } else if (words === say.Back && attrs.topic === cameFrom) {
            topic = cameFrom;
            cameFrom = undefined;
          } else progress.crossings++;
        }
        step = attrs.step;
        if (r.sessionState?.dialogAction?.type === "Close") break;
        if (!attrs.topic) {
          if (inTopic) break; // the topic ended (resolved or wrapped up): hang up
          words = phrases[0] ?? topic;
          continue;
        }
        // A reply that ends on a question mark asks yes or no; otherwise the caller is told to say next.
        const yesNo = (r.messages ?? []).at(-1)?.content?.trim().endsWith("?") ?? false;
        words = nextWords(say, yesNo, rand);
      } catch (err) {
        const name = (err as Error).name || "Error";
        progress.errors[name] = (progress.errors[name] ?? 0) + 1;
        // A failed turn leaves the session as it was: the caller says the same thing again.
      }
    }
    progress.conversations++;
  }
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const openings = new Map<TopicId, string[]>();
  for (const intent of o.model.intents) {
    if ((TOPIC_INTENTS as readonly string[]).includes(intent.name)) {
      // Statements, not questions: a question gets the short answer first, which is not what this load is about.
      openings.set(
        intent.name as TopicId,
        intent.utterances.filter(
          (u) => !/^(how|what|why|where|when|which|can|could|should|is|are|do|does)\b/i.test(u),
        ),
      );
    }
  }
  const clients = Array.from(
    { length: o.concurrency },
    () =>
      new LexRuntimeV2Client({
        endpoint: o.url,
        region: "us-east-1",
        credentials: { accessKeyId: "load", secretAccessKey: "load" },
        maxAttempts: 1,
        // The SDK's default opens an HTTP/2 connection per request (disableConcurrentStreams: true); an
        // application that keeps one open per caller is what `reuseConnections` measures.
        ...(o.reuseConnections
          ? { requestHandler: new NodeHttp2Handler({ disableConcurrentStreams: false }) }
          : {}),
      }),
  );
  const progress: Progress = { turns: 0, conversations: 0, latencies: [], errors: {}, crossings: 0 };
  const started = performance.now();
  try {
    await Promise.all(
      clients.map((client, i) => caller(i, o, client, openings, phrasesOf(o.model), progress)),
    );
  } finally {
    for (const c of clients) c.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  const sorted = progress.latencies.sort((a, b) => a - b);
  return {
    turns: progress.turns,
    conversations: progress.conversations,
    seconds,
    turnsPerSecond: progress.turns / seconds,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    errors: progress.errors,
    crossings: progress.crossings,
  };
}

/** The same load from a separate Node process (tsx), so client and server don't share a core. */
export async function runLoadInProcess(o: LoadOptions): Promise<LoadResult> {
  const { execFile } = await import("node:child_process");
  const { fileURLToPath } = await import("node:url");
  const script = fileURLToPath(new URL("./load-process.ts", import.meta.url));
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      ["--import", "tsx", script, JSON.stringify(o)],
      { maxBuffer: 64 * 1024 * 1024 },
      (err, out, errOut) => (err ? reject(new Error(`${err.message}\n${errOut}`)) : resolve(out)),
    ),
  );
  const last = stdout.trim().split("\n").at(-1) ?? "{}";
  return JSON.parse(last) as LoadResult;
}
