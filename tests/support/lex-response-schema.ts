// The Lex V2 Lambda response contract (lex-v2-contract.md section 2), as a schema every response must satisfy,
// plus the SSML rules: well-formed XML, only tags Polly neural voices support.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { z } from "zod";

const message = z.object({
  contentType: z.enum(["PlainText", "SSML", "CustomPayload"]),
  content: z.string().min(1).max(1024),
});

const intentState = z.enum([
  "Failed",
  "Fulfilled",
  "FulfillmentInProgress",
  "InProgress",
  "ReadyForFulfillment",
  "Waiting",
]);

export const LexResponseSchema = z
  .object({
    sessionState: z.object({
      sessionAttributes: z.record(z.string(), z.string()).optional(),
      dialogAction: z.object({
        type: z.enum(["Close", "ConfirmIntent", "Delegate", "ElicitIntent", "ElicitSlot"]),
        slotToElicit: z.string().optional(),
      }),
      intent: z
        .object({
          name: z.string().min(1),
          state: intentState,
          confirmationState: z.enum(["Confirmed", "Denied", "None"]).optional(),
          slots: z.record(z.string(), z.unknown()).optional(),
        })
        .optional(),
    }),
    messages: z.array(message).optional(),
    requestAttributes: z.record(z.string(), z.string()).optional(),
  })
  .superRefine((r, ctx) => {
    const type = r.sessionState.dialogAction.type;
    if ((type === "ElicitIntent" || type === "ConfirmIntent") && !r.messages?.length) {
      ctx.addIssue({ code: "custom", message: `${type} requires messages` });
    }
    if ((type === "Close" || type === "ConfirmIntent" || type === "ElicitSlot") && !r.sessionState.intent) {
      ctx.addIssue({ code: "custom", message: `${type} requires an intent` });
    }
    if (Buffer.byteLength(JSON.stringify(r)) > 25 * 1024)
      ctx.addIssue({ code: "custom", message: "response over 25 KB" });
    const attrs = JSON.stringify(r.sessionState.sessionAttributes ?? {});
    if (Buffer.byteLength(attrs) > 12 * 1024)
      ctx.addIssue({ code: "custom", message: "session attributes over 12 KB" });
  });

const ALLOWED_SSML_TAGS = new Set([
  "speak",
  "break",
  "lang",
  "mark",
  "p",
  "phoneme",
  "s",
  "sub",
  "w",
  "prosody",
  "say-as",
]);

function tagsOf(node: unknown, into: string[]): string[] {
  if (Array.isArray(node)) for (const n of node) tagsOf(n, into);
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === ":@" || key === "#text") continue; // attributes and text are not tags
      into.push(key);
      tagsOf(value, into);
    }
  }
  return into;
}

/** Throws with a reason unless the SSML is well-formed, wrapped in <speak>, and uses only allowed tags. */
export function assertValidSsml(ssml: string): void {
  const valid = XMLValidator.validate(ssml);
  if (valid !== true) throw new Error(`SSML is not well-formed XML: ${valid.err.msg} in ${ssml}`);
  if (!/^<speak>[\s\S]*<\/speak>$/.test(ssml)) throw new Error(`SSML must be wrapped in <speak>: ${ssml}`);
  const tree = new XMLParser({ preserveOrder: true, ignoreAttributes: false }).parse(ssml);
  const bad = tagsOf(tree, []).filter((t) => !ALLOWED_SSML_TAGS.has(t));
  if (bad.length) throw new Error(`SSML uses tags Polly neural voices don't support: ${bad.join(", ")}`);
}

/** Validates a whole handler response; returns it typed. */
export function assertValidLexResponse(response: unknown) {
  const parsed = LexResponseSchema.parse(response);
  for (const m of parsed.messages ?? []) {
    if (m.contentType === "SSML") assertValidSsml(m.content);
    else if (/<\/?[a-z]+[^>]*>/i.test(m.content)) throw new Error(`plain text carries markup: ${m.content}`);
  }
  return parsed;
}

/** What a caller hears or reads: the messages without markup, entities decoded. */
export function spokenText(response: { messages?: { content: string }[] }): string {
  return (response.messages ?? [])
    .map((m) =>
      m.content
        .replace(/<break[^>]*\/>/g, " ")
        .replace(/<[^>]+>/g, "")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, "&"),
    )
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
}
