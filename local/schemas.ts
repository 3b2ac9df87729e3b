// Zod shapes shared by the two directions Lex checks: what clients send (RecognizeText, PutSession ...) and what
// the Lambda returns. Limits are Lex's own (runtime API reference and quotas).
import { z } from "zod";

export const intentStateSchema = z.enum([
  "Failed",
  "Fulfilled",
  "FulfillmentInProgress",
  "InProgress",
  "ReadyForFulfillment",
  "Waiting",
]);
export const confirmationStateSchema = z.enum(["Confirmed", "Denied", "None"]);
export const stringMapSchema = z.record(z.string(), z.string());

export const messageSchema = z
  .object({
    contentType: z.enum(["PlainText", "SSML", "CustomPayload", "ImageResponseCard"]),
    content: z.string().min(1).max(1024).optional(),
    imageResponseCard: z
      .object({
        title: z.string().min(1).max(250),
        subtitle: z.string().min(1).max(250).optional(),
        imageUrl: z.string().min(1).max(250).optional(),
        buttons: z
          .array(z.object({ text: z.string().min(1).max(50), value: z.string().min(1).max(50) }))
          .max(5)
          .optional(),
      })
      .optional(),
  })
  .refine((m) => (m.contentType === "ImageResponseCard" ? m.imageResponseCard : m.content !== undefined), {
    message: "a message needs content (or imageResponseCard for ImageResponseCard)",
  });

export const activeContextSchema = z.object({
  name: z.string().regex(/^([A-Za-z]_?)+$/, "must match ^([A-Za-z]_?)+$"),
  timeToLive: z.object({
    timeToLiveInSeconds: z.number().int().min(5).max(86400),
    turnsToLive: z.number().int().min(1).max(20),
  }),
  contextAttributes: z.record(z.string(), z.string().max(1024)).refine((m) => Object.keys(m).length <= 10, {
    message: "at most 10 context attributes",
  }),
});

const dialogActionTypes = ["Close", "ConfirmIntent", "Delegate", "ElicitIntent", "ElicitSlot"] as const;
const dialogActionFields = {
  slotToElicit: z.string().min(1).max(100).optional(),
  slotElicitationStyle: z.enum(["Default", "SpellByLetter", "SpellByWord"]).optional(),
  subSlotToElicit: z.unknown().optional(),
};
export const lambdaDialogActionSchema = z.object({ type: z.enum(dialogActionTypes), ...dialogActionFields });
export const clientDialogActionSchema = z.object({
  type: z.enum([...dialogActionTypes, "None"]),
  ...dialogActionFields,
});

const valueSchema = z.object({
  originalValue: z.string().optional(),
  interpretedValue: z.string(),
  resolvedValues: z.array(z.string()).optional(),
});
// Slots nest (List values, Composite sub-slots); the shape is checked one level deep, the rest passes through.
export const slotSchema = z.looseObject({
  shape: z.enum(["Scalar", "List", "Composite"]).optional(),
  value: valueSchema.optional(),
  values: z.array(z.unknown()).optional(),
  subSlots: z.record(z.string(), z.unknown()).optional(),
});
export const slotsSchema = z.record(z.string(), slotSchema.nullable());

export const clientSessionStateSchema = z.object({
  dialogAction: clientDialogActionSchema.optional(),
  intent: z
    .object({
      name: z.string().min(1).max(100),
      slots: slotsSchema.optional(),
      state: intentStateSchema.optional(),
      confirmationState: confirmationStateSchema.optional(),
    })
    .optional(),
  activeContexts: z.array(activeContextSchema).max(20).optional(),
  sessionAttributes: stringMapSchema.optional(),
  originatingRequestId: z.string().optional(),
  runtimeHints: z.unknown().optional(),
});
export type ClientSessionState = z.infer<typeof clientSessionStateSchema>;

/** Zod's first problem as one readable line: "text: Too big ...". */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid input";
  return issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message;
}
