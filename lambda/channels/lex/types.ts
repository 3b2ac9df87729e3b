// The Lex V2 Lambda contract, where @types/aws-lambda is incomplete: the response lacks activeContexts,
// intent.confirmationState and requestAttributes; the event lacks invocationLabel and interpretationSource.
import type {
  LexV2ActiveContext,
  LexV2Event,
  LexV2IntentState,
  LexV2Interpretation,
  LexV2Message,
  LexV2Result,
  LexV2ResultDialogAction,
  LexV2Slots,
} from "aws-lambda";

export type LexEvent = LexV2Event & {
  invocationLabel?: string;
  interpretations: Array<LexV2Interpretation & { interpretationSource?: "Bedrock" | "Lex" }>;
};

export type ConfirmationState = "Confirmed" | "Denied" | "None";

export interface LexResponse extends Omit<LexV2Result, "sessionState"> {
  sessionState: {
    sessionAttributes?: Record<string, string>;
    activeContexts?: LexV2ActiveContext[];
    dialogAction: LexV2ResultDialogAction;
    intent?: {
      name?: string;
      state: LexV2IntentState;
      slots?: LexV2Slots;
      confirmationState?: ConfirmationState;
    };
  };
  messages?: LexV2Message[];
  requestAttributes?: Record<string, string>;
}

export type InputMode = "DTMF" | "Speech" | "Text";
