// A pronunciation for every word the language model uses: the CMU dictionary that comes with pocketsphinx, a small
// table where the dictionary says it the way callers don't ("iOS" is "eye oh ess"), and festival's letter-to-sound
// rules for the rest, in one batch at start-up.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { CMU_DICT } from "./tools.js";

/** How callers say these, where the dictionary has another reading or none. */
const SAID_AS: Record<string, string[]> = {
  ios: ["AY OW EH S", "IY OW S"],
  icloud: ["AY K L AW D"],
  wifi: ["W AY F AY"],
  ipad: ["AY P AE D"],
  iphone: ["AY F OW N"],
  iforgot: ["AY F ER G AA T"],
  systemstatus: ["S IH S T AH M S T AE T AH S"],
};

let cmu: Map<string, string[]> | undefined;

/** The CMU dictionary, word to its pronunciations ("read(2)" is a second one of "read"). */
function dictionary(): Map<string, string[]> {
  if (cmu) return cmu;
  cmu = new Map();
  for (const line of readFileSync(CMU_DICT, "utf8").split("\n")) {
    const space = line.indexOf(" ");
    if (space < 0) continue;
    const word = line.slice(0, space).replace(/\(\d+\)$/, "");
    const phones = line.slice(space + 1).trim();
    cmu.set(word, [...(cmu.get(word) ?? []), phones]);
  }
  return cmu;
}

/** festival's CMU lexicon phones ("ax", "axr") in the dictionary's set. */
const FESTIVAL_PHONE: Record<string, string> = { ax: "AH", axr: "ER", pau: "" };

/**
 * Pronunciations from festival's lexicon and letter-to-sound rules, for words the dictionary lacks: one festival
 * run for all of them. A word festival can't say is left out (its sentences are cut there).
 */
function letterToSound(words: string[]): Map<string, string> {
  const out = new Map<string, string>();
  if (words.length === 0) return out;
  const script = words.map((w) => `(print (lex.lookup "${w.replace(/["\\]/g, "")}" nil))`).join("\n");
  let text = "";
  try {
    text = execFileSync("festival", ["--pipe"], { input: script, encoding: "utf8", timeout: 30_000 });
  } catch {
    return out;
  }
  for (const line of text.split("\n")) {
    const m = /^\("([^"]+)" \S+ (\(.*\))\)$/.exec(line.trim());
    if (!m?.[1] || !m[2]) continue;
    const phones = [...m[2].matchAll(/[a-z]+/g)]
      .map((p) => FESTIVAL_PHONE[p[0]] ?? p[0].toUpperCase())
      .filter((p) => p.length > 0);
    if (phones.length > 0) out.set(m[1], phones.join(" "));
  }
  return out;
}

/** The dictionary file's lines for these words; words nobody can pronounce are returned apart. */
export function pronunciations(words: string[]): { lines: string[]; unknown: string[] } {
  const dict = dictionary();
  const missing = words.filter((w) => !SAID_AS[w] && !dict.has(w));
  const guessed = letterToSound(missing);
  const lines: string[] = [];
  const unknown: string[] = [];
  for (const w of words) {
    const prons = SAID_AS[w] ?? dict.get(w) ?? (guessed.has(w) ? [guessed.get(w) as string] : []);
    if (prons.length === 0) unknown.push(w);
    prons.forEach((p, i) => {
      lines.push(`${i === 0 ? w : `${w}(${i + 1})`} ${p}`);
    });
  }
  return { lines, unknown };
}

/** Whether a word has a pronunciation without asking festival: the dictionary or the table. */
export const inDictionary = (word: string) => Boolean(SAID_AS[word]) || dictionary().has(word);
