// The Alexa custom skill response contract, as a schema every handler response must satisfy: one SSML document
// per speech (well-formed, allowed tags only), Alexa's size limits, and a reprompt whenever the session stays
// open, so the microphone never opens on silence the listener can't answer.
import { z } from "zod";
import { assertValidSsml, spokenText } from "../../support/lex-response-schema.js";

export const MAX_SPEECH_CHARS = 8000;
export const MAX_RESPONSE_BYTES = 24 * 1024;

const speech = z
  .object({ type: z.literal("SSML"), ssml: z.string().min(1).max(MAX_SPEECH_CHARS) })
  .strict()
  .superRefine((s, ctx) => {
    try {
      assertValidSsml(s.ssml);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: (err as Error).message });
    }
  });

export const AlexaResponseSchema = z
  .object({
    version: z.literal("1.0"),
    sessionAttributes: z.record(z.string(), z.string()).optional(),
    response: z
      .object({
        outputSpeech: speech.optional(),
        reprompt: z.object({ outputSpeech: speech }).strict().optional(),
        shouldEndSession: z.boolean().optional(),
      })
      .strict(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (Buffer.byteLength(JSON.stringify(r)) > MAX_RESPONSE_BYTES)
      ctx.addIssue({ code: "custom", message: "response over 24 KB" });
    const { outputSpeech, reprompt, shouldEndSession } = r.response;
    if (outputSpeech && shouldEndSession === undefined)
      ctx.addIssue({ code: "custom", message: "a spoken response must say whether the session ends" });
    if (shouldEndSession === false && !reprompt)
      ctx.addIssue({ code: "custom", message: "an open session needs a reprompt" });
    if (shouldEndSession === false && !outputSpeech)
      ctx.addIssue({ code: "custom", message: "an open session needs something said" });
    if (shouldEndSession === true && (reprompt || r.sessionAttributes))
      ctx.addIssue({ code: "custom", message: "an ended session carries no reprompt or attributes" });
  });

export type AlexaResponse = z.infer<typeof AlexaResponseSchema>;

/** Validates a spoken response (LaunchRequest, IntentRequest); returns it typed. */
export function assertValidAlexaResponse(response: unknown): AlexaResponse {
  return AlexaResponseSchema.parse(response);
}

/** A SessionEndedRequest may not be answered with speech, a reprompt or directives. */
export function assertSpeechless(response: unknown): AlexaResponse {
  const parsed = AlexaResponseSchema.parse(response);
  if (parsed.response.outputSpeech || parsed.response.reprompt)
    throw new Error("a SessionEndedRequest must not be answered with speech");
  return parsed;
}

/** What the listener hears: the output speech without markup. */
export const said = (r: AlexaResponse) =>
  spokenText({ messages: r.response.outputSpeech ? [{ content: r.response.outputSpeech.ssml }] : [] });

/** What Alexa says again if the listener stays silent. */
export const reprompted = (r: AlexaResponse) =>
  spokenText({ messages: r.response.reprompt ? [{ content: r.response.reprompt.outputSpeech.ssml }] : [] });
