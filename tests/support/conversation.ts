// Conversation tests as data: tests/conversations/*.yaml hold caller turns and what the line must say or do.
// This module reads them (validated: a typo in a test file is an error, not a silent pass) and plays them
// through the real Lex handler, turn by turn, carrying session attributes as Lex does.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import type { BotModel } from "../../lambda/content/load.js";
import { normalise } from "../../lambda/content/schema.js";
import { handler } from "../../lambda/handler.js";
import { type Channel, lexEvent } from "./lex-events.js";
import { assertValidLexResponse, spokenText } from "./lex-response-schema.js";

const texts = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));

const Expectation = z
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
  })
  .strict();

const Turn = z
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
    bot: Expectation.optional(),
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
    turns: z.array(Turn).min(1),
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

/** Exact-phrase intent lookup over the training data: stands in for Lex NLU in these tests. */
export function intentResolver(model: BotModel): (words: string) => string {
  const byPhrase = new Map<string, string>();
  for (const intent of model.intents)
    for (const u of intent.utterances) byPhrase.set(normalise(u), intent.name);
  return (words) => byPhrase.get(normalise(words)) ?? "FallbackIntent";
}

export interface PlayedTurn {
  said: string;
  response: ReturnType<typeof assertValidLexResponse>;
}

export async function play(conv: Conversation, resolve: (words: string) => string): Promise<void> {
  let attributes: Record<string, string> = {};
  for (const [i, turn] of conv.turns.entries()) {
    const where = `${conv.file} "${conv.name}" turn ${i + 1}`;
    if (turn.tamper !== undefined) attributes = { ...attributes, conversationState: turn.tamper };
    const transcript = turn.caller ?? turn.press ?? "";
    const intent = turn.intent ?? (turn.caller ? resolve(turn.caller) : "FallbackIntent");
    const channel: Channel = conv.channel;
    const event = lexEvent({
      channel,
      intent,
      transcript,
      sessionAttributes: attributes,
      dtmf: turn.press !== undefined,
    });
    const response = assertValidLexResponse(await handler(event));
    const said = spokenText(response);
    attributes = response.sessionState.sessionAttributes ?? attributes;
    if (turn.bot) check(turn.bot, response, said, where);
    if (response.sessionState.dialogAction.type === "Close" && i < conv.turns.length - 1) {
      // Lex ends the session on Close; the next turn starts a new one.
      attributes = {};
    }
  }
}

function check(
  e: z.infer<typeof Expectation>,
  response: PlayedTurn["response"],
  said: string,
  where: string,
) {
  const fail = (what: string) => {
    throw new Error(`${where}: ${what}\n  the line said: "${said}"`);
  };
  const lower = said.toLowerCase();
  for (const text of e.says ?? [])
    if (!lower.includes(text.toLowerCase())) fail(`expected it to say "${text}"`);
  for (const text of e.saysNot ?? [])
    if (lower.includes(text.toLowerCase())) fail(`expected it NOT to say "${text}"`);
  if (e.matches && !new RegExp(e.matches, "i").test(said)) fail(`expected it to match /${e.matches}/`);
  const attrs = response.sessionState.sessionAttributes ?? {};
  if (e.action && response.sessionState.dialogAction.type !== e.action) {
    fail(`expected action ${e.action}, got ${response.sessionState.dialogAction.type}`);
  }
  if (e.nextAction && attrs.nextAction !== e.nextAction)
    fail(`expected nextAction ${e.nextAction}, got ${attrs.nextAction}`);
  if (e.topic && attrs.topic !== e.topic) fail(`expected topic ${e.topic}, got ${attrs.topic}`);
  if (e.step && attrs.step !== String(e.step)) fail(`expected step ${e.step}, got ${attrs.step}`);
}
