// Lex's dialog bookkeeping around the code hook: which intent a turn belongs to (a new one, or the intent still
// waiting for a confirmation or a slot), the event the Lambda gets, and what its dialogAction means for the next
// turn. The product logic stays in the Lambda; this only does what Lex itself does.
import { randomUUID } from "node:crypto";
import { type BotIdentity, FALLBACK } from "./bot.js";
import type { IntentClassifier, Interpretation, Ranked } from "./classifier.js";
import { interpret } from "./classifier.js";
import { ageContexts, type ContextClock, startClocks } from "./contexts.js";
import {
  buildLambdaEvent,
  type CodeHook,
  type InvocationSource,
  invokeCodeHook,
  type LambdaResponse,
  type ProposedNextState,
  parseLambdaResponse,
} from "./lambda-contract.js";
import type {
  ConfirmationState,
  DialogAction,
  InputMode,
  Intent,
  Message,
  RuntimeInterpretation,
  SessionState,
  Slot,
  TurnResult,
} from "./lex-types.js";
import type { ClientSessionState } from "./schemas.js";

/** Everything kept for a session between turns. */
export interface SessionRecord {
  state: SessionState;
  /** The last turn's messages and interpretations, for GetSession. */
  messages: Message[];
  interpretations: RuntimeInterpretation[];
  /** Failed answers in a row to the same confirmation prompt: Retry1, Retry2 ... in proposedNextState. */
  retries: number;
  contextClocks: Record<string, ContextClock>;
}

export interface TurnInput {
  sessionId: string;
  text: string;
  inputMode: InputMode;
  responseContentType: string;
  /** What the Lambda sees: the client's request attributes minus the runtime's own control attributes. */
  requestAttributes: Record<string, string>;
  /** A sessionState the client sent with the turn overrides what is stored. */
  sessionState?: ClientSessionState;
}

export interface DialogOptions {
  bot: BotIdentity;
  classifier: IntentClassifier;
  threshold: number;
  intentNames: ReadonlySet<string>;
  hook: CodeHook;
  hookTimeoutMs: number;
  now: () => number;
}

/** One turn as the code hooks see it. */
interface HookTurn {
  input: TurnInput;
  requestId: string;
  intent: Intent;
  state: SessionState;
  interpretations: Interpretation[];
  proposed?: ProposedNextState;
}

interface HookOutcome {
  state: SessionState;
  messages: Message[];
  requestAttributes?: Record<string, string>;
  contextsReplaced: boolean;
}

export const INTENT_SWITCH = "x-amz-lex:intent-switch";

export const newIntent = (name: string): Intent => ({
  name,
  slots: {},
  state: "InProgress",
  confirmationState: "None",
});

export const emptyRecord = (): SessionRecord => ({
  state: { sessionAttributes: {} },
  messages: [],
  interpretations: [],
  retries: 0,
  contextClocks: {},
});

// Lex resolves confirmation answers with its own yes/no grammar; these cover the common words, and the bot's
// own Yes/No intents (when they win clearly) cover the rest.
const YES =
  /^(yes|yeah|yep|yup|sure|ok|okay|correct|right|affirmative|absolutely|of course|go ahead|do it)\b/i;
const NO = /^(no|nope|nah|negative|not now|don't|do not)\b/i;

function confirmationAnswer(
  text: string,
  ranked: Ranked[],
  threshold: number,
): ConfirmationState | undefined {
  const t = text.trim();
  if (NO.test(t)) return "Denied";
  if (YES.test(t)) return "Confirmed";
  const top = ranked[0];
  if (top && top.score >= threshold && top.intent === "Yes") return "Confirmed";
  if (top && top.score >= threshold && top.intent === "No") return "Denied";
  return undefined;
}

const scalar = (text: string): Slot => ({
  shape: "Scalar",
  value: { originalValue: text, interpretedValue: text, resolvedValues: [text] },
});

export class Dialog {
  constructor(private readonly o: DialogOptions) {}

  knowsIntent(name: string): boolean {
    return this.o.intentNames.has(name);
  }

  /** One RecognizeText / RecognizeUtterance turn. */
  async recognize(
    previous: SessionRecord,
    input: TurnInput,
  ): Promise<{ record: SessionRecord; result: TurnResult }> {
    const requestId = randomUUID();
    const base = this.withClientState(previous, input.sessionState);
    const contexts = ageContexts(base.state.activeContexts, base.contextClocks, this.o.now());
    const ranked = await this.o.classifier.rank(input.text);
    const interpretations = interpret(ranked, this.o.threshold);
    const switchOff = input.requestAttributes[INTENT_SWITCH]?.toUpperCase() === "DISABLE";
    const chosen = this.chooseIntent(base, interpretations, ranked, input.text, switchOff);

    const outcome = await this.runHooks({
      input,
      requestId,
      intent: chosen.intent,
      state: { ...base.state, activeContexts: contexts.active },
      interpretations,
      proposed: chosen.proposed,
    });
    const record: SessionRecord = {
      state: outcome.state,
      messages: outcome.messages,
      interpretations: runtimeInterpretations(interpretations, outcome.state.intent),
      retries: chosen.proposed ? base.retries + 1 : 0,
      contextClocks: outcome.contextsReplaced
        ? startClocks(outcome.state.activeContexts, this.o.now())
        : contexts.clocks,
    };
    return { record, result: this.result(input, record, outcome.requestAttributes) };
  }

  /** PutSession: sets the state; a Delegate asks Lex to run the code hook for the given intent right away. */
  async put(
    previous: SessionRecord,
    input: TurnInput & {
      sessionState: ClientSessionState;
      messages: Message[];
      /** PutSession answers with the request attributes it was sent. */
      echoedAttributes: Record<string, string>;
    },
  ): Promise<{ record: SessionRecord; result: TurnResult }> {
    const base = this.withClientState(previous, input.sessionState);
    const intent = base.state.intent;
    if (base.state.dialogAction?.type !== "Delegate" || !intent) {
      const record: SessionRecord = { ...base, messages: input.messages, interpretations: [], retries: 0 };
      return { record, result: { ...this.result(input, record), requestAttributes: input.echoedAttributes } };
    }
    const outcome = await this.runHooks({
      input,
      requestId: randomUUID(),
      intent,
      state: base.state,
      interpretations: [],
    });
    const record: SessionRecord = {
      state: outcome.state,
      messages: [...input.messages, ...outcome.messages],
      interpretations: [],
      retries: 0,
      contextClocks: outcome.contextsReplaced
        ? startClocks(outcome.state.activeContexts, this.o.now())
        : base.contextClocks,
    };
    return { record, result: { ...this.result(input, record), requestAttributes: input.echoedAttributes } };
  }

  private withClientState(previous: SessionRecord, client: ClientSessionState | undefined): SessionRecord {
    if (!client) return previous;
    const state: SessionState = { ...previous.state };
    if (client.sessionAttributes) state.sessionAttributes = client.sessionAttributes;
    if (client.dialogAction) state.dialogAction = client.dialogAction;
    if (client.intent) {
      const { name, slots, state: intentState, confirmationState } = client.intent;
      state.intent = {
        name,
        slots: (slots as Intent["slots"] | undefined) ?? {},
        state: intentState ?? "InProgress",
        confirmationState: confirmationState ?? "None",
      };
    }
    if (client.runtimeHints) state.runtimeHints = client.runtimeHints;
    let clocks = previous.contextClocks;
    if (client.activeContexts) {
      state.activeContexts = client.activeContexts;
      clocks = startClocks(client.activeContexts, this.o.now());
    }
    return { ...previous, state, contextClocks: clocks };
  }

  /**
   * A pending confirmation or slot keeps the turn on its intent unless the caller clearly asked for another one
   * and intent switching is allowed; otherwise the best interpretation starts a new intent.
   */
  private chooseIntent(
    base: SessionRecord,
    interpretations: Interpretation[],
    ranked: Ranked[],
    text: string,
    switchOff: boolean,
  ): { intent: Intent; proposed?: ProposedNextState } {
    const top = interpretations[0]?.intent ?? FALLBACK;
    const current = base.state.intent;
    const pending = base.state.dialogAction;
    const switching = !switchOff && top !== FALLBACK && current !== undefined && top !== current.name;
    if (pending?.type === "ConfirmIntent" && current) {
      const answer = confirmationAnswer(text, ranked, this.o.threshold);
      if (answer) return { intent: { ...current, confirmationState: answer } };
      if (switching) return { intent: newIntent(top) };
      // Not understood as yes or no: the hook sees confirmationState None and what Lex would do next.
      const retry = `Retry${Math.min(base.retries + 1, 5)}`;
      return {
        intent: { ...current, confirmationState: "None" },
        proposed: { dialogAction: { type: "ConfirmIntent" }, intent: current, prompt: { attempt: retry } },
      };
    }
    if (pending?.type === "ElicitSlot" && pending.slotToElicit && current) {
      if (switching) return { intent: newIntent(top) };
      const value = text.trim();
      return {
        intent: {
          ...current,
          slots: { ...current.slots, [pending.slotToElicit]: value ? scalar(value) : null },
        },
      };
    }
    return { intent: newIntent(top) };
  }

  private async runHooks(t: HookTurn): Promise<HookOutcome> {
    const call = (source: InvocationSource, intent: Intent, state: SessionState) =>
      this.callHook(source, { ...t, intent, state });
    let state = t.state;
    let response = await call("DialogCodeHook", t.intent, state);
    let applied = apply(state, t.intent, response);
    const messages = [...(response.messages ?? [])];
    let contextsReplaced = response.sessionState.activeContexts !== undefined;
    let requestAttributes = response.requestAttributes;
    if (applied.dialogAction.type === "Delegate") {
      // The bot defines no slots and no confirmation prompts, so after a Delegate Lex goes straight to fulfilment.
      if (applied.intent.state === "Failed") {
        applied = { ...applied, dialogAction: { type: "Close" } };
      } else {
        state = applied.state;
        const ready: Intent = { ...applied.intent, state: "ReadyForFulfillment" };
        response = await call("FulfillmentCodeHook", ready, state);
        applied = apply(state, ready, response);
        messages.push(...(response.messages ?? []));
        contextsReplaced ||= response.sessionState.activeContexts !== undefined;
        requestAttributes = response.requestAttributes ?? requestAttributes;
        if (applied.dialogAction.type === "Delegate") {
          applied = {
            ...applied,
            dialogAction: { type: "Close" },
            intent: { ...applied.intent, state: "Fulfilled" },
          };
        }
      }
    }
    const final: SessionState = {
      ...applied.state,
      dialogAction: applied.dialogAction,
      intent: applied.intent,
      originatingRequestId: t.requestId,
    };
    return { state: final, messages, contextsReplaced, ...(requestAttributes ? { requestAttributes } : {}) };
  }

  private async callHook(source: InvocationSource, t: HookTurn): Promise<LambdaResponse> {
    const event = buildLambdaEvent({
      bot: this.o.bot,
      invocationSource: source,
      inputMode: t.input.inputMode,
      responseContentType: t.input.responseContentType,
      sessionId: t.input.sessionId,
      inputTranscript: t.input.text,
      intent: t.intent,
      interpretations: t.interpretations.map((i) => ({
        intent: i.intent === t.intent.name ? t.intent : newIntent(i.intent),
        ...(i.score !== undefined ? { nluConfidence: i.score } : {}),
        interpretationSource: "Lex" as const,
      })),
      sessionAttributes: t.state.sessionAttributes,
      ...(t.state.activeContexts ? { activeContexts: t.state.activeContexts } : {}),
      requestAttributes: t.input.requestAttributes,
      originatingRequestId: t.requestId,
      ...(source === "DialogCodeHook" && t.proposed ? { proposedNextState: t.proposed } : {}),
    });
    const raw = await invokeCodeHook(this.o.hook, event, this.o.hookTimeoutMs);
    return parseLambdaResponse(raw, this.o.intentNames);
  }

  private result(
    input: TurnInput,
    record: SessionRecord,
    requestAttributes?: Record<string, string>,
  ): TurnResult {
    return {
      sessionId: input.sessionId,
      messages: record.messages,
      sessionState: record.state,
      interpretations: record.interpretations,
      ...(requestAttributes ? { requestAttributes } : {}),
      inputMode: input.inputMode,
      inputTranscript: input.text,
    };
  }
}

/** Folds one Lambda response into the session: attributes replaced (kept when omitted), intent updated. */
function apply(
  state: SessionState,
  intent: Intent,
  response: LambdaResponse,
): { state: SessionState; intent: Intent; dialogAction: DialogAction } {
  const r = response.sessionState;
  const returned = r.intent;
  const next: Intent = returned
    ? {
        name: returned.name ?? intent.name,
        slots: (returned.slots as Intent["slots"] | undefined) ?? intent.slots,
        state: returned.state ?? (r.dialogAction.type === "Close" ? "Fulfilled" : "InProgress"),
        confirmationState: returned.confirmationState ?? "None",
      }
    : { ...intent, state: r.dialogAction.type === "Close" ? "Fulfilled" : intent.state };
  const dialogAction: DialogAction = { type: r.dialogAction.type };
  if (r.dialogAction.slotToElicit) dialogAction.slotToElicit = r.dialogAction.slotToElicit;
  if (r.dialogAction.slotElicitationStyle)
    dialogAction.slotElicitationStyle = r.dialogAction.slotElicitationStyle;
  return {
    state: {
      ...state,
      sessionAttributes: r.sessionAttributes ?? state.sessionAttributes,
      ...(r.activeContexts ? { activeContexts: r.activeContexts } : {}),
    },
    intent: next,
    dialogAction,
  };
}

/** The runtime API form: nluConfidence as {score}; the intent the turn ended on carries its final state. */
function runtimeInterpretations(list: Interpretation[], final: Intent | undefined): RuntimeInterpretation[] {
  return list.map((i) => ({
    intent: final && i.intent === final.name ? final : newIntent(i.intent),
    ...(i.score !== undefined ? { nluConfidence: { score: i.score } } : {}),
    interpretationSource: "Lex",
  }));
}
