// Realistic Lex V2 events, as Lex sends them to the fulfilment Lambda, for the handler tests.
import type { LexEvent } from "../../lambda/channels/lex/types.js";

export type Channel = "text" | "voice" | "phone";

export interface EventOptions {
  channel: Channel;
  intent: string;
  transcript: string;
  sessionAttributes?: Record<string, string>;
  /** Keyed digits on the phone: inputMode DTMF. */
  dtmf?: boolean;
  sessionId?: string;
  confidence?: number;
  /** Lex's alternatives after the chosen intent, best first, as the NLU ranked them. */
  alternatives?: Array<{ intent: string; confidence?: number }>;
}

export function lexEvent(o: EventOptions): LexEvent {
  const inputMode = o.dtmf ? "DTMF" : o.channel === "text" ? "Text" : "Speech";
  const intent = {
    name: o.intent,
    slots: {},
    state: "InProgress" as const,
    confirmationState: "None" as const,
  };
  return {
    messageVersion: "1.0",
    invocationSource: "DialogCodeHook",
    inputMode,
    responseContentType: o.channel === "text" ? "text/plain; charset=utf-8" : "audio/pcm",
    sessionId: o.sessionId ?? "test-session-0001",
    inputTranscript: o.transcript,
    bot: {
      id: "ABCDEFGHIJ",
      name: "ICloudBackupHelp",
      aliasId: "TSTALIASID",
      aliasName: "TestBotAlias",
      localeId: "en_US",
      version: "DRAFT",
    },
    interpretations: [
      {
        intent,
        ...(o.intent === "FallbackIntent" ? {} : { nluConfidence: o.confidence ?? 0.92 }),
        interpretationSource: "Lex",
      },
      ...(o.alternatives ?? [{ intent: "FallbackIntent" }])
        .filter((a) => a.intent !== o.intent)
        .map((a) => ({
          intent: {
            name: a.intent,
            slots: {},
            state: "InProgress" as const,
            confirmationState: "None" as const,
          },
          ...(a.confidence !== undefined ? { nluConfidence: a.confidence } : {}),
          interpretationSource: "Lex" as const,
        })),
    ],
    proposedNextState: undefined as unknown as LexEvent["proposedNextState"],
    requestAttributes: o.channel === "phone" ? { "x-amz-lex:channels:platform": "Connect" } : {},
    sessionState: {
      sessionAttributes: o.sessionAttributes ?? {},
      intent,
      originatingRequestId: "00000000-0000-4000-8000-000000000000",
    },
    transcriptions:
      inputMode === "Speech"
        ? [
            {
              transcription: o.transcript,
              transcriptionConfidence: 0.9,
              resolvedContext: { intent: o.intent },
              resolvedSlots: {},
            },
          ]
        : [],
  };
}
