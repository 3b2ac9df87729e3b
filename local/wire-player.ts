// Plays a conversation file (tests/conversations/*.yaml) through a Lex V2 runtime over the wire, with the official
// SDK client: typed chat as RecognizeText, voice and the phone line as RecognizeUtterance (speech, keys as DTMF,
// the phone on the Connect platform), one session per conversation and a new one after the line closes it. Used
// by the end-to-end tests against the local runtime and by npm run nlu:report's in-context section.
import { gunzipSync, gzipSync } from "node:zlib";
import {
  type LexRuntimeV2Client,
  type Message,
  RecognizeTextCommand,
  RecognizeUtteranceCommand,
} from "@aws-sdk/client-lex-runtime-v2";
import {
  type Conversation,
  type ConversationTurn,
  type Expectation,
  handoffDifferences,
} from "./conversation-files.js";
import { INPUT_MODE_ATTRIBUTE } from "./runtime.js";
import { messageText } from "./ssml-text.js";

export interface Target {
  client: LexRuntimeV2Client;
  botId: string;
  botAliasId: string;
  localeId: string;
}

export interface PlayedTurn {
  turn: ConversationTurn;
  said: string;
  /** Why the turn's expectations failed; empty when they held (or it had none). */
  problems: string[];
}

const TEXT = "text/plain; charset=utf-8";
const encode = (value: unknown) => gzipSync(JSON.stringify(value)).toString("base64");
const decode = <T>(header: string | undefined): T | undefined =>
  header === undefined
    ? undefined
    : (JSON.parse(gunzipSync(Buffer.from(header, "base64")).toString("utf8")) as T);

interface Reply {
  said: string;
  dialogAction?: string;
  attributes: Record<string, string>;
}

/** Speaks a caller's words as 16 kHz PCM: voice and phone turns then go out as audio, as a caller's voice does. */
export type Voice = (words: string) => Promise<Buffer>;
const L16 = "audio/l16; rate=16000; channels=1";

async function send(
  target: Target,
  conv: Conversation,
  sessionId: string,
  turn: ConversationTurn,
  voice?: Voice,
): Promise<Reply> {
  const bot = { botId: target.botId, botAliasId: target.botAliasId, localeId: target.localeId, sessionId };
  const words = turn.caller ?? "";
  if (conv.channel === "text" && turn.press === undefined && !turn.silence) {
    const r = await target.client.send(new RecognizeTextCommand({ ...bot, text: words }));
    return {
      said: (r.messages ?? []).map(messageText).join(" "),
      ...(r.sessionState?.dialogAction?.type ? { dialogAction: r.sessionState.dialogAction.type } : {}),
      attributes: r.sessionState?.sessionAttributes ?? {},
    };
  }
  // Spoken words as audio when there is a voice (silence as a second of it); otherwise text with the input mode
  // declared, which only the local runtime understands.
  const audio = voice && turn.press === undefined;
  const requestAttributes: Record<string, string> = audio
    ? {}
    : { [INPUT_MODE_ATTRIBUTE]: turn.press !== undefined ? "DTMF" : "Speech" };
  if (conv.channel === "phone") requestAttributes["x-amz-lex:channels:platform"] = "Connect";
  const r = await target.client.send(
    new RecognizeUtteranceCommand({
      ...bot,
      requestContentType: audio ? L16 : TEXT,
      responseContentType: TEXT,
      requestAttributes: encode(requestAttributes),
      inputStream: audio
        ? new Uint8Array(turn.silence ? Buffer.alloc(32000) : await voice(words))
        : turn.silence
          ? ""
          : (turn.press ?? words),
    }),
  );
  await r.audioStream?.transformToByteArray();
  const messages = decode<Message[]>(r.messages) ?? [];
  const state = decode<{ sessionAttributes?: Record<string, string>; dialogAction?: { type?: string } }>(
    r.sessionState,
  );
  return {
    said: messages.map(messageText).join(" "),
    ...(state?.dialogAction?.type ? { dialogAction: state.dialogAction.type } : {}),
    attributes: state?.sessionAttributes ?? {},
  };
}

/** What differs from the expectation, as sentences ("expected it to say ..."). */
export function differences(e: Expectation, reply: Reply): string[] {
  const out: string[] = [];
  const lower = reply.said.replace(/\s+/g, " ").toLowerCase();
  for (const text of e.says ?? [])
    if (!lower.includes(text.toLowerCase())) out.push(`expected it to say "${text}"`);
  for (const text of e.saysNot ?? [])
    if (lower.includes(text.toLowerCase())) out.push(`expected it NOT to say "${text}"`);
  if (e.matches && !new RegExp(e.matches, "i").test(reply.said))
    out.push(`expected it to match /${e.matches}/`);
  if (e.action && reply.dialogAction !== e.action)
    out.push(`expected ${e.action}, got ${reply.dialogAction}`);
  const a = reply.attributes;
  if (e.nextAction && a.nextAction !== e.nextAction)
    out.push(`expected nextAction ${e.nextAction}, got ${a.nextAction}`);
  if (e.topic && a.topic !== e.topic) out.push(`expected topic ${e.topic}, got ${a.topic}`);
  if (e.step && a.step !== String(e.step)) out.push(`expected step ${e.step}, got ${a.step}`);
  out.push(...handoffDifferences(e, a));
  return out;
}

/**
 * Plays every turn, checking each against its expectations, and returns them all (a failed turn doesn't stop the
 * conversation: the report wants every turn). Turns that tamper with the state can't be sent over the wire.
 */
export async function playOverWire(
  target: Target,
  conv: Conversation,
  sessionPrefix: string,
  /** Awaited before each request: a rate limit against a deployed bot. */
  beforeEach: () => Promise<void> = async () => {},
  /** Sends voice and phone conversations' words as speech in this voice. */
  voice?: Voice,
): Promise<PlayedTurn[]> {
  if (conv.turns.some((t) => t.tamper !== undefined || t.intent !== undefined))
    throw new Error(`${conv.file} "${conv.name}": tamper and intent can't be sent to a Lex runtime`);
  let session = 0;
  const played: PlayedTurn[] = [];
  for (const turn of conv.turns) {
    await beforeEach();
    const reply = await send(
      target,
      conv,
      `${sessionPrefix}-${session}`,
      turn,
      conv.channel === "text" ? undefined : voice,
    );
    played.push({ turn, said: reply.said, problems: turn.bot ? differences(turn.bot, reply) : [] });
    if (reply.dialogAction === "Close") session++;
  }
  return played;
}
