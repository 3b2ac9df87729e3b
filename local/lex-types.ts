// The Lex V2 shapes the local runtime stores and sends, in their runtime-API form (nluConfidence as {score}).
// The Lambda event form differs in a few places; see lambda-contract.ts.

export type DialogActionType =
  | "Close"
  | "ConfirmIntent"
  | "Delegate"
  | "ElicitIntent"
  | "ElicitSlot"
  | "None";
export type IntentState =
  | "Failed"
  | "Fulfilled"
  | "FulfillmentInProgress"
  | "InProgress"
  | "ReadyForFulfillment"
  | "Waiting";
export type ConfirmationState = "Confirmed" | "Denied" | "None";
export type InputMode = "DTMF" | "Speech" | "Text";

export interface DialogAction {
  type: DialogActionType;
  slotToElicit?: string;
  slotElicitationStyle?: string;
  subSlotToElicit?: unknown;
}

export interface SlotValue {
  originalValue?: string;
  interpretedValue: string;
  resolvedValues?: string[];
}

export interface Slot {
  shape?: "Scalar" | "List" | "Composite";
  value?: SlotValue;
  values?: Slot[];
  subSlots?: Record<string, Slot | null>;
}

export interface Intent {
  name: string;
  slots: Record<string, Slot | null>;
  state: IntentState;
  confirmationState: ConfirmationState;
}

export interface ActiveContext {
  name: string;
  timeToLive: { timeToLiveInSeconds: number; turnsToLive: number };
  contextAttributes: Record<string, string>;
}

export interface SessionState {
  dialogAction?: DialogAction;
  intent?: Intent;
  activeContexts?: ActiveContext[];
  sessionAttributes: Record<string, string>;
  originatingRequestId?: string;
  runtimeHints?: unknown;
}

export interface Message {
  contentType: "PlainText" | "SSML" | "CustomPayload" | "ImageResponseCard";
  content?: string;
  imageResponseCard?: {
    title: string;
    subtitle?: string;
    imageUrl?: string;
    buttons?: Array<{ text: string; value: string }>;
  };
}

export interface RuntimeInterpretation {
  intent: Intent;
  nluConfidence?: { score: number };
  interpretationSource: "Lex";
}

/** What one turn (RecognizeText, RecognizeUtterance, PutSession) answers. */
export interface TurnResult {
  sessionId: string;
  messages: Message[];
  sessionState: SessionState;
  interpretations: RuntimeInterpretation[];
  requestAttributes?: Record<string, string>;
  inputMode: InputMode;
  inputTranscript: string;
  /** RecognizeUtterance's audio stream, when the reply was asked for as audio. */
  audio?: Buffer;
}
