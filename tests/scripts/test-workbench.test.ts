// `npm run test:workbench` writes test sets in the CSV format the Lex console's Test Workbench imports
// (docs.aws.amazon.com/lexv2/latest/dg/create-test-set-from-CSV.html): checked here against that format, read back
// with an RFC 4180 reader, and against the bot (every expected intent exists, every conversation is one of ours).
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { TOPIC_INTENTS } from "../../lambda/content/intents.js";
import { loadBotModel } from "../../local/bot.js";
import { loadConversations } from "../../local/conversation-files.js";
import { loadRoutingSet } from "../../local/routing-eval.js";
import { exportable, toCsv, WORKBENCH_HEADER } from "../../scripts/lib/workbench.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const out = `${root}dist/test-workbench/`;

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; records end with CRLF. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  expect(cell, "the file ends with a line break").toBe("");
  return rows;
}

const intents = new Set(loadBotModel().intents.map((i) => i.name));

describe("npm run test:workbench", () => {
  let conversations: string[][];
  let routing: string[][];
  let raw: string;

  beforeAll(async () => {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile("npm", ["run", "-s", "test:workbench"], { cwd: root, timeout: 120_000 }, (err, text) =>
        err ? reject(err) : resolve(text),
      ),
    );
    expect(stdout).toMatch(/^Wrote .*conversations\.csv \(\d+ conversations, \d+ rows\) and .*routing\.csv/);
    raw = readFileSync(`${out}conversations.csv`, "utf8");
    conversations = readCsv(raw);
    routing = readCsv(readFileSync(`${out}routing.csv`, "utf8"));
  }, 120_000);

  it("writes the documented columns, in order, UTF-8 without a byte-order mark", () => {
    expect(raw.charCodeAt(0)).not.toBe(0xfeff);
    for (const file of [conversations, routing]) {
      expect(file[0]).toEqual(["Line #", "Conversation #", "Source", "Input", "Expected Output Intent"]);
      for (const row of file) expect(row).toHaveLength(WORKBENCH_HEADER.length);
    }
  });

  it("numbers the lines, keeps each conversation's turns together, a User row then the Agent's prompt", () => {
    const rows = conversations.slice(1);
    expect(rows.map((r) => r[0])).toEqual(rows.map((_, i) => String(i + 1)));
    const numbers = rows.map((r) => r[1] ?? "");
    // Conversation numbers run 1, 2, 3 ... and never come back once another has started.
    const order = numbers.filter((n, i) => n !== numbers[i - 1]);
    expect(order).toEqual(order.map((_, i) => String(i + 1)));
    const playable = loadConversations(`${root}tests/conversations`).filter(exportable);
    expect(order).toHaveLength(playable.length);
    expect(rows.filter((r) => r[2] === "User")).toHaveLength(
      playable.reduce((n, c) => n + c.turns.length, 0),
    );
    rows.forEach((r, i) => {
      expect(r[2]).toBe(i % 2 === 0 ? "User" : "Agent");
      if (r[2] === "User") expect(intents.has(r[4] ?? ""), `${r[3]} -> ${r[4]}`).toBe(true);
      else {
        expect(r[4]).toBe("");
        expect(r[3]?.length).toBeGreaterThan(0);
        expect(r[3]).not.toMatch(/<speak>|<break/);
      }
    });
    // The first conversation starts as its file does.
    expect(rows[0]?.[3]).toBe(playable[0]?.turns[0]?.caller);
  });

  it("writes the routing test set as single inputs expecting their topic", () => {
    const rows = routing.slice(1);
    const set = loadRoutingSet();
    expect(rows).toHaveLength(set.length);
    for (const [i, r] of rows.entries()) {
      expect(r).toEqual([String(i + 1), "N/A", "User", set[i]?.words, set[i]?.intent]);
      expect((TOPIC_INTENTS as readonly string[]).includes(r[4] ?? "")).toBe(true);
    }
  });

  it("quotes what needs quoting", () => {
    const text = toCsv([[1, "1", "Agent", 'Say "next", then wait.\nOkay', ""]]);
    expect(readCsv(text)[1]).toEqual(["1", "1", "Agent", 'Say "next", then wait.\nOkay', ""]);
  });
});
