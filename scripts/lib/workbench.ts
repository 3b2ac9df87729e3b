// The conversation tests and the routing test set as Amazon Lex Test Workbench test sets: CSV files in the format
// the Lex console imports ("Creating a test set from a CSV file", docs.aws.amazon.com/lexv2/latest/dg/
// create-test-set-from-CSV.html). Columns: Line #, Conversation #, Source (User or Agent), Input (the caller's words
// in User rows, the bot's prompt in Agent rows), Expected Output Intent. The bot has no slots, so no Expected Output
// Slot columns. The agent prompts and expected intents are what the local runtime does with the same words.
import type { Conversation } from "../../local/conversation-files.js";
import type { RoutingSet } from "../../local/routing-eval.js";
import type { LexRuntime } from "../../local/runtime.js";
import { messageText } from "../../local/ssml-text.js";

export const WORKBENCH_HEADER = [
  "Line #",
  "Conversation #",
  "Source",
  "Input",
  "Expected Output Intent",
] as const;

export type Row = [
  line: number,
  conversation: string,
  source: "User" | "Agent",
  input: string,
  intent: string,
];

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
const field = (value: string | number) => {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const toCsv = (rows: Row[]) =>
  `${[WORKBENCH_HEADER, ...rows].map((r) => r.map(field).join(",")).join("\r\n")}\r\n`;

/**
 * Which conversations a text test set can hold: typed chat whose caller turns are words (no keys, silence, forced
 * intents or tampered state) and whose words are training phrases or plainly not understood (`nlu: phrases`), so
 * the expected intent is certain. Callers' own words read in context are for `npm run test:lex`, which checks what
 * the line does with them rather than which intent the NLU names.
 */
export function exportable(c: Conversation): boolean {
  return (
    c.channel === "text" &&
    c.nlu === "phrases" &&
    c.turns.every((t) => t.caller !== undefined && t.tamper === undefined && t.intent === undefined)
  );
}

/** Plays each conversation on the local runtime and writes its turns as User and Agent rows. */
export async function conversationRows(runtime: LexRuntime, conversations: Conversation[]): Promise<Row[]> {
  const rows: Row[] = [];
  const target = { botId: runtime.bot.id, botAliasId: runtime.bot.aliasId, localeId: runtime.bot.localeId };
  for (const [n, c] of conversations.filter(exportable).entries()) {
    const number = String(n + 1);
    let session = 0;
    for (const turn of c.turns) {
      const words = turn.caller ?? "";
      const r = await runtime.recognizeText(target, `workbench-${n}-${session}`, { text: words });
      const intent = r.interpretations[0]?.intent?.name ?? "FallbackIntent";
      rows.push([rows.length + 1, number, "User", words, intent]);
      rows.push([rows.length + 1, number, "Agent", r.messages.map(messageText).join(" "), ""]);
      if (r.sessionState.dialogAction?.type === "Close") session++;
    }
  }
  return rows;
}

/** The routing test set as single inputs: one User row each, no conversation. */
export const routingRows = (set: RoutingSet): Row[] =>
  set.map((p, i) => [i + 1, "N/A", "User", p.words, p.intent]);
