// A phone call in a terminal: what the person types goes to the bot through the official Lex V2 client, the
// bot's replies are shown as a caller would hear them (or spoken), and a few commands stand in for what a phone
// does besides talking: keys, silence, hanging up and calling again. Streams are injected so tests can drive it.
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { gunzipSync, gzipSync } from "node:zlib";
import {
  type LexRuntimeV2Client,
  PutSessionCommand,
  RecognizeTextCommand,
  RecognizeUtteranceCommand,
} from "@aws-sdk/client-lex-runtime-v2";
import { FALLBACK } from "./bot.js";
import { readRecording, replyFiles } from "./console-voice.js";
import type { Message, RuntimeInterpretation, SessionState } from "./lex-types.js";
import { INPUT_MODE_ATTRIBUTE, PLATFORM_ATTRIBUTE, TEXT_CONTENT_TYPE } from "./runtime.js";
import type { Speaker } from "./speaker.js";
import { messageText } from "./ssml-text.js";

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  client: LexRuntimeV2Client;
  bot: { botId: string; botAliasId: string; localeId: string };
  /** Start on the phone line (Amazon Connect): keypad hints, transfer to an agent, DTMF. */
  phone?: boolean;
  /** Typed chat (RecognizeText, plain text replies) instead of a voice call. */
  text?: boolean;
  speak?: boolean;
  speaker?: Speaker;
  /** Ask for every reply as audio (the runtime speaks it), written to this folder and played where possible. */
  voiceDir?: string;
  /** How the runtime's recogniser heard the last recording: its confidence, for :why. */
  lastRecognition?: () => { confidence?: number; ms: number } | undefined;
  newSessionId?: () => string;
  /**
   * The caller's number on the phone line, passed to the bot as the contact flow does (session attribute
   * customerNumber), so a new call from the same number is offered to pick up where the last one stopped.
   */
  callerNumber?: string;
}

export const CONSOLE_HELP = `Type what a caller would say. Commands:
  :press <keys>  press phone keys (DTMF on the phone line), e.g. :press 1
  :silence       say nothing (the caller stays silent: a no-input turn)
  :why           what the bot understood: intent, confidence, alternatives, conversation state
  :new           hang up and call again (the phone: the same number; chat and voice: the same device)
  :phone         switch the phone line (Amazon Connect) on or off
  :speak         switch speaking the replies aloud (espeak-ng) on or off
  :say FILE.wav  send a recording (16-bit mono WAV, 16 or 8 kHz) as what the caller says
  :help          this list
  :quit          leave`;

interface Turn {
  messages: Message[];
  interpretations: RuntimeInterpretation[];
  sessionState?: SessionState;
  transcript?: string;
  inputMode?: string;
  /** The recogniser's confidence in the transcript, when the caller's turn was audio. */
  heardConfidence?: number;
}

const decode = <T>(header: string | undefined): T | undefined =>
  header ? (JSON.parse(gunzipSync(Buffer.from(header, "base64")).toString("utf8")) as T) : undefined;
const encode = (value: unknown) => gzipSync(JSON.stringify(value)).toString("base64");

export async function runConsole(o: ConsoleOptions): Promise<void> {
  const say = (line = "") => o.output.write(`${line}\n`);
  const newSessionId = o.newSessionId ?? (() => `console-${randomUUID()}`);
  let phone = o.phone ?? false;
  let speak = o.speak ?? false;
  let sessionId = newSessionId();
  let last: Turn | undefined;
  let ended = false;

  const attributes = (extra: Record<string, string> = {}): Record<string, string> => ({
    ...(phone ? { [PLATFORM_ATTRIBUTE]: "Connect" } : {}),
    ...(!phone && !o.text ? { [INPUT_MODE_ATTRIBUTE]: "Speech" } : {}),
    ...extra,
  });
  const ids = () => ({ ...o.bot, sessionId });

  const show = async (turn: Turn) => {
    last = turn;
    for (const message of turn.messages) {
      say(`bot> ${messageText(message).replace(/\n/g, "\n     ")}`);
      if (speak && o.speaker) await o.speaker.speak(message);
    }
    const state = turn.sessionState;
    if (state?.dialogAction?.type === "Close") {
      ended = true;
      const next = state.sessionAttributes?.nextAction;
      const how =
        next === "TRANSFER_TO_AGENT"
          ? "transferred to an agent"
          : next === "HANGUP"
            ? "the bot hung up"
            : "closed";
      say(
        `[call ended: ${how} (nextAction=${next ?? "none"}). Type :new to call again, or just talk to start a new call.]`,
      );
    }
  };

  let calls = 0;
  /**
   * A call opens with the greeting: PutSession with Delegate runs the code hook with no input, like a caller who
   * has not spoken yet. A new phone call is a new session (the contact flow passes the number); a chat or voice
   * app that comes back is the same device, so the same session id, which is what its saved place is kept by.
   */
  const startCall = async () => {
    if (phone || calls++ === 0) sessionId = newSessionId();
    ended = false;
    last = undefined;
    const r = await o.client.send(
      new PutSessionCommand({
        ...ids(),
        sessionState: {
          dialogAction: { type: "Delegate" },
          intent: { name: FALLBACK },
          // A new conversation: the last one's state goes (the saved place, kept by the store, stays).
          sessionAttributes: phone && o.callerNumber ? { customerNumber: o.callerNumber } : {},
        },
        requestAttributes: attributes(),
        responseContentType: TEXT_CONTENT_TYPE,
      }),
    );
    await r.audioStream?.transformToByteArray();
    await show({
      messages: decode<Message[]>(r.messages) ?? [],
      interpretations: [],
      sessionState: decode(r.sessionState),
    });
  };

  const replies = o.voiceDir ? replyFiles(o.voiceDir) : undefined;
  const utterance = async (
    body: string | Uint8Array,
    extra: Record<string, string> = {},
    contentType = TEXT_CONTENT_TYPE,
  ) => {
    if (ended) await startCall();
    const r = await o.client.send(
      new RecognizeUtteranceCommand({
        ...ids(),
        requestContentType: contentType,
        responseContentType: replies ? "audio/pcm" : TEXT_CONTENT_TYPE,
        requestAttributes: encode(attributes(extra)),
        inputStream: body,
      }),
    );
    const audio = await r.audioStream?.transformToByteArray();
    const heard = contentType === TEXT_CONTENT_TYPE ? undefined : o.lastRecognition?.();
    if (contentType !== TEXT_CONTENT_TYPE)
      say(
        `[heard: "${decode<string>(r.inputTranscript) ?? ""}"${heard?.confidence !== undefined ? `, confidence ${heard.confidence.toFixed(2)}` : ""}]`,
      );
    if (replies && audio && audio.length > 0) {
      const reply = await replies.add(audio);
      say(
        `[reply spoken: ${reply.file}, ${reply.seconds.toFixed(1)} s${reply.played ? "" : ", not played: no sound device"}]`,
      );
    }
    await show({
      ...(heard?.confidence !== undefined ? { heardConfidence: heard.confidence } : {}),
      messages: decode<Message[]>(r.messages) ?? [],
      interpretations: decode<RuntimeInterpretation[]>(r.interpretations) ?? [],
      sessionState: decode(r.sessionState),
      transcript: decode<string>(r.inputTranscript) ?? "",
      ...(r.inputMode ? { inputMode: r.inputMode } : {}),
    });
  };

  const text = async (line: string) => {
    if (!o.text) return utterance(line);
    if (ended) await startCall();
    const r = await o.client.send(
      new RecognizeTextCommand({ ...ids(), text: line, requestAttributes: attributes() }),
    );
    await show({
      messages: (r.messages ?? []) as Message[],
      interpretations: (r.interpretations ?? []) as RuntimeInterpretation[],
      sessionState: r.sessionState as SessionState | undefined,
      transcript: line,
      inputMode: "Text",
    });
  };

  const command = async (line: string): Promise<boolean> => {
    const [name = "", ...rest] = line.slice(1).trim().split(/\s+/);
    switch (name.toLowerCase()) {
      case "quit":
      case "exit":
        return false;
      case "help":
        say(CONSOLE_HELP);
        break;
      case "new":
        say("[new call]");
        await startCall();
        break;
      case "phone":
        phone = !phone;
        say(
          phone
            ? "[phone line on: Amazon Connect, keypad hints, DTMF]"
            : `[phone line off: ${o.text ? "text chat" : "voice"}]`,
        );
        break;
      case "speak":
        speak = !speak;
        if (speak && !(await o.speaker?.available())) {
          speak = false;
          say(
            "[espeak-ng is not installed, so replies stay on screen: apt install espeak-ng / brew install espeak-ng]",
          );
        } else say(speak ? "[speaking replies aloud]" : "[replies on screen only]");
        break;
      case "press": {
        const keys = rest.join("");
        if (!/^[0-9A-D#*]+$/.test(keys)) say("[usage: :press <keys>, keys being 0-9, A-D, * and #]");
        else await utterance(keys, { [PLATFORM_ATTRIBUTE]: "Connect", [INPUT_MODE_ATTRIBUTE]: "DTMF" });
        break;
      }
      case "say": {
        const path = rest.join(" ");
        if (!path) {
          say("[usage: :say FILE.wav, a 16-bit mono recording at 16000 or 8000 Hz]");
          break;
        }
        const recording = readRecording(path);
        await utterance(new Uint8Array(recording.audio), {}, recording.contentType);
        break;
      }
      case "silence":
        // An empty text/plain utterance is the local runtime's no-input: the Lambda sees an empty transcript.
        await utterance("");
        break;
      case "why":
        say(explain(last));
        break;
      default:
        say(`[unknown command :${name}; :help lists them]`);
    }
    return true;
  };

  const rl = createInterface({ input: o.input, output: o.output, terminal: false });
  // The iterator must exist before the first await: lines that arrive while the greeting loads would be lost.
  const lines = rl[Symbol.asyncIterator]();
  const prompt = () => o.output.write("you> ");
  try {
    await startCall();
    prompt();
    for await (const raw of { [Symbol.asyncIterator]: () => lines }) {
      const line = raw.trim();
      try {
        if (line.startsWith(":")) {
          if (!(await command(line))) break;
        } else if (line.length > 0) {
          await text(line);
        }
      } catch (err) {
        const e = err as Error;
        say(`[error] ${e.name}: ${e.message}`);
      }
      prompt();
    }
  } finally {
    rl.close();
  }
  say("[bye]");
}

const pct = (score: number | undefined) => (score === undefined ? "below threshold" : score.toFixed(2));

/** What the bot understood on the last turn, for a person tuning utterances or following the dialog. */
export function explain(turn: Turn | undefined): string {
  if (!turn) return "[nothing yet: say something first]";
  const lines: string[] = [];
  if (turn.transcript !== undefined)
    lines.push(
      `heard:        "${turn.transcript}" (${turn.inputMode ?? "?"}${turn.heardConfidence !== undefined ? `, recognised with confidence ${turn.heardConfidence.toFixed(2)}` : ""})`,
    );
  const [top, ...alternatives] = turn.interpretations;
  if (top?.intent)
    lines.push(`intent:       ${top.intent.name} (confidence ${pct(top.nluConfidence?.score)})`);
  else lines.push("intent:       (none: the call was started without input)");
  if (alternatives.length > 0) {
    lines.push(
      `alternatives: ${alternatives.map((a) => `${a.intent?.name} ${pct(a.nluConfidence?.score)}`).join(", ")}`,
    );
  }
  const state = turn.sessionState;
  if (state) {
    lines.push(
      `dialog:       ${state.dialogAction?.type ?? "?"}${state.intent ? `, intent ${state.intent.name} ${state.intent.state}` : ""}`,
    );
    for (const [key, value] of Object.entries(state.sessionAttributes ?? {}))
      lines.push(`  ${key} = ${value}`);
  }
  return lines.join("\n");
}
