// Conversation tests as data: tests/conversations/*.yaml hold caller turns and what the line must say or do. This
// module reads them, validated (a typo in a test file is an error, not a silent pass). The tests play them through
// the Lex handler and the Alexa handler (tests/support/conversation.ts) and through the local runtime over the
// wire (local/wire-player.ts); npm run nlu:report plays the in-context ones for its per-kind accuracy.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";

const texts = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));

const ExpectationSchema = z
  .object({
    /** Each text must appear in what the line says (case-insensitive). */
    says: texts.optional(),
    /** None of these may appear. */
    saysNot: texts.optional(),
    /** A regular expression what the line says must match. */
    matches: z.string().optional(),
    /** The conversation continues (ElicitIntent) or ends (Close). */
    action: z.enum(["ElicitIntent", "Close"]).optional(),
    /** The hand-off the contact flow sees. */
    nextAction: z.enum(["TRANSFER_TO_AGENT", "HANGUP"]).optional(),
    /** Session attributes the contact flow sees. */
    topic: z.string().optional(),
    step: z.number().int().positive().optional(),
    /** On a hand-off: each text must appear in the summary the agent sees (`handoffSummary`). */
    summary: texts.optional(),
    /** None of these may appear in it: the caller's own words, numbers, addresses. */
    summaryNot: texts.optional(),
    /** Why the caller was handed on (`reason`): requested, noMatch or notFixed. */
    reason: z.enum(["requested", "noMatch", "notFixed"]).optional(),
    /** The steps done (`stepsDone`), by id, in order. */
    stepsDone: z.array(z.string()).optional(),
  })
  .strict();

const TurnSchema = z
  .object({
    /** What the caller says: matched to the intent whose sample utterance it is, else FallbackIntent. */
    caller: z.string().optional(),
    /** Force the intent Lex would pick (when the words are not a sample utterance). */
    intent: z.string().optional(),
    /** A key pressed on the phone. */
    press: z.union([z.string(), z.number()]).transform(String).optional(),
    /** The caller says nothing. */
    silence: z.literal(true).optional(),
    /** Replace the stored conversation state, as a tampering client could. */
    tamper: z.string().optional(),
    /** What kind of in-context turn this is, for npm run nlu:report's per-kind accuracy. */
    kind: z
      .enum([
        "hedgedYes",
        "hedgedNo",
        "unsure",
        "answerInWords",
        "decline",
        "sideQuestion",
        "topicWords",
        "explicitSwitch",
        "secret",
        "problemNotSecret",
        "callBack",
        "notYet",
        "repeat",
      ])
      .optional(),
    bot: ExpectationSchema.optional(),
  })
  .strict()
  .refine((t) => [t.caller, t.press, t.silence].filter((x) => x !== undefined).length === 1, {
    message: "each turn needs exactly one of caller, press or silence",
  });

export const ConversationSchema = z
  .object({
    name: z.string().min(1),
    /** text: typed chat; voice: speech without a keypad (smart speaker, app); phone: Amazon Connect. */
    channel: z.enum(["text", "voice", "phone"]).default("text"),
    /**
     * Who stands in for Lex's NLU: "phrases" (a training phrase is its intent, other words are FallbackIntent:
     * for tests of the engine's rules) or "classifier" (the local runtime's classifier, with its alternatives:
     * for callers' own words, read in context).
     */
    nlu: z.enum(["phrases", "classifier"]).default("phrases"),
    turns: z.array(TurnSchema).min(1),
  })
  .strict();

export type Conversation = z.infer<typeof ConversationSchema> & { file: string };

export function loadConversations(dir: string): Conversation[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .flatMap((file) => {
      const docs = parse(readFileSync(join(dir, file), "utf8"));
      const list = Array.isArray(docs) ? docs : [docs];
      return list.map((doc, i) => {
        const result = ConversationSchema.safeParse(doc);
        if (!result.success) {
          const issue = result.error.issues[0];
          throw new Error(`${file}[${i}]: ${issue?.path.join(".")}: ${issue?.message}`);
        }
        return { ...result.data, file };
      });
    });
}

export type Expectation = z.infer<typeof ExpectationSchema>;

/** What differs from the hand-off expectations (summary, reason, steps done), given the session attributes. */
export function handoffDifferences(e: Expectation, attributes: Record<string, string>): string[] {
  const out: string[] = [];
  const summary = attributes.handoffSummary ?? "";
  const lower = summary.toLowerCase();
  for (const text of e.summary ?? [])
    if (!lower.includes(text.toLowerCase()))
      out.push(`expected the hand-off summary to say "${text}", got "${summary}"`);
  for (const text of e.summaryNot ?? [])
    if (lower.includes(text.toLowerCase()))
      out.push(`expected the hand-off summary NOT to say "${text}", got "${summary}"`);
  if ((e.summary || e.summaryNot) && summary.length > 300) out.push("hand-off summary over 300 characters");
  if (e.reason && attributes.reason !== e.reason)
    out.push(`expected reason ${e.reason}, got ${attributes.reason}`);
  if (e.stepsDone && attributes.stepsDone !== e.stepsDone.join(","))
    out.push(`expected stepsDone ${e.stepsDone.join(",")}, got ${attributes.stepsDone}`);
  return out;
}
export type ConversationTurn = z.infer<typeof TurnSchema>;
export type TurnKind = NonNullable<ConversationTurn["kind"]>;
