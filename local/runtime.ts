// The Lex V2 runtime's operations, independent of HTTP: which bot is addressed, request validation with Lex's
// limits, how text and utterances become a turn (input mode, keyed digits, silence), and session storage.

import { z } from "zod";
import type { BotModel } from "../lambda/content/load.js";
import { type BotIdentity, confidenceThresholdOf, LOCAL_BOT, lexLocaleId, loadBotModel } from "./bot.js";
import { IntentClassifier } from "./classifier.js";
import { Dialog, emptyRecord, type SessionRecord, type TurnInput } from "./dialog.js";
import type { CodeHook } from "./lambda-contract.js";
import { LexError, notFound, validationError } from "./lex-error.js";
import type { InputMode, Message, RuntimeInterpretation, SessionState, TurnResult } from "./lex-types.js";
import { clientSessionStateSchema, firstIssue, messageSchema, stringMapSchema } from "./schemas.js";
import { SessionStore } from "./session-store.js";
import { audioOut } from "./speech/audio.js";
import { Speech } from "./speech/speech.js";

export interface RuntimeOptions {
  /** The fulfilment Lambda; defaults to the real one in lambda/handler.ts. */
  handler?: CodeHook;
  /** How long Lex waits for the code hook before failing the turn (default 3 s). */
  handlerTimeoutMs?: number;
  /** Lex's idleSessionTTLInSeconds (default 900). */
  idleSessionTtlSeconds?: number;
  /** Sessions kept at most; the least recently used goes first (default 10,000). */
  maxSessions?: number;
  /** Defaults to the definition the CDK app deploys, from prompts/. */
  model?: BotModel;
  confidenceThreshold?: number;
  /** For tests of expiry: the clock sessions and contexts are timed with. */
  now?: () => number;
}

/** Request attributes for the local runtime itself; Lex has no such thing, so the Lambda never sees them. */
export const LOCAL_ATTRIBUTE_PREFIX = "x-local:";
/** Tells RecognizeUtterance how a text/plain utterance was given: Speech, DTMF or Text. */
export const INPUT_MODE_ATTRIBUTE = "x-local:input-mode";
export const PLATFORM_ATTRIBUTE = "x-amz-lex:channels:platform";
export const TEXT_CONTENT_TYPE = "text/plain; charset=utf-8";

const MAX_TEXT = 1024;
const SESSION_ID = /^[0-9a-zA-Z._:-]{2,100}$/;
const DTMF_KEYS = /^[0-9A-D#*]+$/;

export interface BotTarget {
  botId: string;
  botAliasId: string;
  localeId: string;
}

export interface UtteranceRequest {
  requestContentType: string;
  responseContentType?: string;
  sessionState?: unknown;
  requestAttributes?: unknown;
  body: Buffer;
}

export interface SessionView {
  sessionId: string;
  messages: Message[];
  interpretations: RuntimeInterpretation[];
  sessionState: SessionState;
}

const recognizeTextSchema = z.object({
  // Lex counts characters in UTF-16 code units (its quotas page), as String.length does; zod's max counts code
  // points, so the limit is checked here, the same way as for RecognizeUtterance.
  text: z
    .string()
    .min(1, "must not be empty")
    .refine((t) => t.length <= MAX_TEXT, `must be at most ${MAX_TEXT} characters`),
  sessionState: clientSessionStateSchema.optional(),
  requestAttributes: stringMapSchema.optional(),
});

const putSessionSchema = z.object({
  sessionState: clientSessionStateSchema,
  messages: z.array(messageSchema).max(10).optional(),
  requestAttributes: stringMapSchema.optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(firstIssue(result.error));
  return result.data;
}

/** What Lex collects from a keypad: '*' clears what was keyed so far, '#' ends the input. */
export function keyedDigits(text: string): string {
  const ended = text.split("#")[0] ?? "";
  return (ended.split("*").pop() ?? "").replace(/\s/g, "");
}

/** The bot locale as built at start-up: what DescribeBotLocale reports. */
export interface LocaleBuild {
  threshold: number;
  intents: number;
  /** Epoch seconds, as Lex's timestamps. */
  builtAt: number;
}

export class LexRuntime {
  readonly bot: BotIdentity;
  /** Start-up time, training included, in milliseconds. */
  readonly startupMs: number;
  /** What the models API reports of the bot's one locale: its build, done at start-up. */
  readonly build: LocaleBuild;
  /** Audio in and out for RecognizeUtterance (local/speech/). */
  readonly speech: Speech;
  private readonly sessions: SessionStore<SessionRecord>;
  private readonly busy = new Set<string>();

  private constructor(
    private readonly dialog: Dialog,
    bot: BotIdentity,
    options: RuntimeOptions,
    startupMs: number,
    build: LocaleBuild,
    model: BotModel,
  ) {
    this.bot = bot;
    this.startupMs = startupMs;
    this.build = build;
    this.speech = new Speech(model);
    this.sessions = new SessionStore({
      idleTtlMs: (options.idleSessionTtlSeconds ?? 900) * 1000,
      maxSessions: options.maxSessions ?? 10_000,
      ...(options.now ? { now: options.now } : {}),
    });
  }

  static async create(options: RuntimeOptions = {}): Promise<LexRuntime> {
    const started = performance.now();
    const model = options.model ?? loadBotModel();
    const bot = { ...LOCAL_BOT, localeId: lexLocaleId(model.locale) };
    const [classifier, handler] = await Promise.all([
      IntentClassifier.fromModel(model),
      options.handler ?? import("../lambda/handler.js").then((m) => m.handler as CodeHook),
    ]);
    const threshold = options.confidenceThreshold ?? confidenceThresholdOf(model);
    const dialog = new Dialog({
      bot,
      classifier,
      threshold,
      intentNames: new Set(model.intents.map((i) => i.name)),
      hook: handler,
      hookTimeoutMs: options.handlerTimeoutMs ?? 3000,
      now: options.now ?? Date.now,
    });
    const build = { threshold, intents: model.intents.length, builtAt: Date.now() / 1000 };
    return new LexRuntime(dialog, bot, options, performance.now() - started, build, model);
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  /** Drops every idle-expired session now (the sweep timer does this every minute); returns how many went. */
  sweepExpired(): number {
    return this.sessions.sweep();
  }

  async recognizeText(target: BotTarget, sessionId: string, body: unknown): Promise<TurnResult> {
    this.checkTarget(target, sessionId);
    const request = parse(recognizeTextSchema, body);
    return this.turn(target, sessionId, {
      sessionId,
      text: request.text,
      inputMode: "Text",
      responseContentType: TEXT_CONTENT_TYPE,
      ...this.attributes(request.requestAttributes),
      ...(request.sessionState ? { sessionState: request.sessionState } : {}),
    });
  }

  /**
   * Text utterances only: an empty text/plain body is the caller saying nothing (a no-input turn, as a voice
   * channel reports silence), and the input mode comes from x-local:input-mode or the channel.
   */
  async recognizeUtterance(
    target: BotTarget,
    sessionId: string,
    request: UtteranceRequest,
  ): Promise<TurnResult> {
    this.checkTarget(target, sessionId);
    const type = request.requestContentType.toLowerCase();
    const audio = type.startsWith("audio/");
    if (!audio && !type.startsWith("text/plain"))
      throw validationError(`Unsupported requestContentType: ${type || "(none)"}`);
    const responseContentType = request.responseContentType || TEXT_CONTENT_TYPE;
    const speakReply = audioOut(responseContentType);
    if (!speakReply && !responseContentType.toLowerCase().startsWith("text/plain"))
      throw validationError(
        `Unsupported responseContentType "${responseContentType}": ask for audio/pcm (16 kHz) or ${TEXT_CONTENT_TYPE}`,
      );
    if (speakReply) this.speech.checkVoice();
    const sessionState =
      request.sessionState === undefined ? undefined : parse(clientSessionStateSchema, request.sessionState);
    const requestAttributes =
      request.requestAttributes === undefined ? undefined : parse(stringMapSchema, request.requestAttributes);
    // Audio is recognised first (silence is heard as nothing said); the words then take the text's path.
    const raw = audio
      ? (await this.speech.hear(request.requestContentType, request.body)).transcript
      : request.body.toString("utf8");
    if (raw.length > MAX_TEXT) throw validationError(`text: must be at most ${MAX_TEXT} characters`);
    const inputMode = audio ? "Speech" : utteranceMode(raw, requestAttributes ?? {});
    if (inputMode === "DTMF" && !DTMF_KEYS.test(raw.trim())) {
      throw validationError("DTMF input may only contain the keys 0-9, A-D, * and #");
    }
    const result = await this.turn(target, sessionId, {
      sessionId,
      text: inputMode === "DTMF" ? keyedDigits(raw) : raw.trim(),
      inputMode,
      responseContentType,
      ...this.attributes(requestAttributes),
      ...(sessionState ? { sessionState } : {}),
    });
    return speakReply ? { ...result, audio: await this.speech.voice(result.messages, speakReply) } : result;
  }

  async putSession(
    target: BotTarget,
    sessionId: string,
    body: unknown,
    responseContentType?: string,
  ): Promise<TurnResult> {
    this.checkTarget(target, sessionId);
    const request = parse(putSessionSchema, body);
    const action = request.sessionState.dialogAction;
    if (action && action.type !== "Close" && action.type !== "ElicitIntent" && !request.sessionState.intent) {
      throw validationError(`sessionState.intent is required when dialogAction.type is ${action.type}`);
    }
    if (action?.type === "ElicitSlot" && !action.slotToElicit) {
      throw validationError("dialogAction.slotToElicit is required when dialogAction.type is ElicitSlot");
    }
    this.checkIntent(request.sessionState.intent?.name);
    const given = request.requestAttributes ?? {};
    return this.exclusive(target, sessionId, async (previous) =>
      this.dialog.put(previous, {
        sessionId,
        text: "",
        // A Delegate runs the code hook with no input; the channel still decides how the reply is rendered.
        inputMode: utteranceMode("", given),
        responseContentType: responseContentType || TEXT_CONTENT_TYPE,
        ...this.attributes(given),
        // PutSession echoes its request attributes (RecognizeText never does), minus the runtime's own.
        echoedAttributes: this.attributes(given).requestAttributes,
        sessionState: request.sessionState,
        messages: request.messages ?? [],
      }),
    );
  }

  getSession(target: BotTarget, sessionId: string): SessionView {
    this.checkTarget(target, sessionId);
    const record = this.sessions.get(this.key(target, sessionId));
    if (!record) throw notFound(`Session ${sessionId} not found`);
    return {
      sessionId,
      messages: record.messages,
      interpretations: record.interpretations,
      sessionState: record.state,
    };
  }

  deleteSession(target: BotTarget, sessionId: string): BotTarget & { sessionId: string } {
    this.checkTarget(target, sessionId);
    // A turn in flight would write the session back when it finishes: refuse, as for a second turn.
    if (this.busy.has(this.key(target, sessionId))) {
      throw new LexError("ConflictException", `A request for session ${sessionId} is in progress`);
    }
    if (!this.sessions.delete(this.key(target, sessionId))) throw notFound(`Session ${sessionId} not found`);
    return { botId: target.botId, botAliasId: target.botAliasId, localeId: target.localeId, sessionId };
  }

  close(): void {
    this.sessions.close();
  }

  private async turn(target: BotTarget, sessionId: string, input: TurnInput): Promise<TurnResult> {
    this.checkIntent(input.sessionState?.intent?.name);
    return this.exclusive(target, sessionId, (previous) => this.dialog.recognize(previous, input));
  }

  /** One request per session at a time, as Lex does; the session is only updated when the turn succeeds. */
  private async exclusive(
    target: BotTarget,
    sessionId: string,
    run: (previous: SessionRecord) => Promise<{ record: SessionRecord; result: TurnResult }>,
  ): Promise<TurnResult> {
    const key = this.key(target, sessionId);
    if (this.busy.has(key)) {
      throw new LexError("ConflictException", `A request for session ${sessionId} is already in progress`);
    }
    this.busy.add(key);
    try {
      const { record, result } = await run(this.sessions.get(key) ?? emptyRecord());
      this.sessions.set(key, record);
      return result;
    } finally {
      this.busy.delete(key);
    }
  }

  /** The Lambda gets the client's request attributes minus the runtime's own; they are never stored. */
  private attributes(given: Record<string, string> | undefined): {
    requestAttributes: Record<string, string>;
  } {
    const requestAttributes = Object.fromEntries(
      Object.entries(given ?? {}).filter(([key]) => !key.startsWith(LOCAL_ATTRIBUTE_PREFIX)),
    );
    return { requestAttributes };
  }

  private checkTarget(target: BotTarget, sessionId: string): void {
    if (target.botId !== this.bot.id) throw notFound(`Bot ${target.botId} not found`);
    if (target.botAliasId !== this.bot.aliasId) throw notFound(`Bot alias ${target.botAliasId} not found`);
    if (target.localeId !== this.bot.localeId)
      throw notFound(`Locale ${target.localeId} not found for this bot`);
    if (!SESSION_ID.test(sessionId)) {
      throw validationError("sessionId must be 2-100 characters of letters, digits and . _ : -");
    }
  }

  private checkIntent(name: string | undefined): void {
    if (name !== undefined && !this.dialog.knowsIntent(name))
      throw validationError(`Intent ${name} not found`);
  }

  private key(target: BotTarget, sessionId: string): string {
    return `${target.botId}/${target.botAliasId}/${target.localeId}/${sessionId}`;
  }
}

/** Keys on the phone line (Connect) are DTMF and words there are speech; elsewhere the client says which. */
function utteranceMode(text: string, attributes: Record<string, string>): InputMode {
  const declared = attributes[INPUT_MODE_ATTRIBUTE];
  if (declared === "Speech" || declared === "DTMF" || declared === "Text") return declared;
  if (attributes[PLATFORM_ATTRIBUTE] === "Connect") return DTMF_KEYS.test(text.trim()) ? "DTMF" : "Speech";
  return "Text";
}
