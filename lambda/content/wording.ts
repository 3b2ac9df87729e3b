// Words per channel, at build time: a phrase in prompts/ is one text or one per channel ({ default, phone,
// speaker, voice, text }). This resolves the content for each channel, lists what each channel words differently
// from the default (all the Lambda carries besides the default), and checks every channel's words against what
// that channel may not say. Build-time and tooling only, like load.ts.
import { CHANNELS, type Channel } from "./schema.js";
import type { ChannelWording, WordingOverride } from "./types.js";

const VARIANT_KEYS = new Set<string>(["default", ...CHANNELS]);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A phrase worded per channel, as the schema accepts it. */
const isVariants = (v: unknown): v is Record<string, string> =>
  isRecord(v) && typeof v.default === "string" && Object.keys(v).every((k) => VARIANT_KEYS.has(k));

/**
 * "Say no", "say pick up": a command the caller is told to say. In a chat it is typed, so where a phrase has no
 * text words of its own, the text channel gets "type no", "type pick up" (a phrase's own text words are kept as
 * written). Only before a command: "does it say there isn't enough storage" is what the screen says.
 */
const SAY_COMMAND =
  /\b([Ss])ay (?=(yes|no|next|not sure|pick up|repeat|continue|agent|back|start over|wait|help|my)\b)/g;
const typed = (text: string) => text.replace(SAY_COMMAND, (_m, s: string) => (s === "S" ? "Type " : "type "));

/**
 * The value with every phrase resolved to `channel`'s words (`default` where the channel has none). `spoken` is
 * false below a field that is never spoken (answer words, targets) or is only for one channel (the keypad's
 * words): those are never retyped.
 */
export function wordFor<T>(value: T, channel: Channel | "default", spoken = true): T {
  const retype = spoken && channel === "text";
  if (isVariants(value)) {
    const own = value[channel];
    if (own !== undefined) return own as T;
    const words = value.default as string;
    return (retype ? typed(words) : words) as T;
  }
  if (typeof value === "string") return (retype ? typed(value) : value) as T;
  if (Array.isArray(value)) return value.map((v) => wordFor(v, channel, spoken)) as T;
  if (isRecord(value))
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        wordFor(v, channel, spoken && !NOT_SPOKEN.has(k) && !ONLY_ON[k]),
      ]),
    ) as T;
  return value;
}

/** Where two resolutions of the same content differ, with the words of the second. */
function differences(base: unknown, worded: unknown, path: Array<string | number>, out: WordingOverride[]) {
  if (typeof worded === "string") {
    if (worded !== base) out.push([path, worded]);
    return;
  }
  if (Array.isArray(worded) && Array.isArray(base)) {
    for (const [i, v] of worded.entries()) differences(base[i], v, [...path, i], out);
  } else if (isRecord(worded) && isRecord(base))
    for (const [k, v] of Object.entries(worded)) differences(base[k], v, [...path, k], out);
}

/** What each channel words differently from the default: the content the Lambda carries besides the default. */
export function channelWording(unresolved: unknown): ChannelWording {
  const base = wordFor(unresolved, "default");
  const wording = {} as ChannelWording;
  for (const channel of CHANNELS) {
    const out: WordingOverride[] = [];
    differences(base, wordFor(unresolved, channel), [], out);
    wording[channel] = out;
  }
  return wording;
}

// ---------------------------------------------------------------------------------------------------------------
// What a channel may not say. Only the phone is a call with a keypad; a smart speaker, a voice app and a chat are
// not, so they never thank anyone for calling, mention a line, or tell anyone to press a key.

interface Rule {
  pattern: RegExp;
  why: string;
}

const NOT_A_CALL: Rule[] = [
  { pattern: /\b(call|calls|calling|caller|callers)\b/i, why: "speaks of a call" },
  { pattern: /\b(help line|this line|on the line|phone line|hang up)\b/i, why: "speaks of a phone line" },
  {
    pattern: /\b(press|pressing) (\d|zero|one|two|three|nine|the pound|the star|the hash)\b|\bkeypad\b/i,
    why: "speaks of a keypad",
  },
];

export const CHANNEL_RULES: Record<Channel, Rule[]> = {
  phone: [],
  speaker: NOT_A_CALL,
  voice: NOT_A_CALL,
  text: [
    ...NOT_A_CALL,
    {
      pattern: new RegExp(SAY_COMMAND.source, "i"),
      why: "tells someone typing to say a command (write type)",
    },
  ],
};

/** Fields that are never spoken, or spoken on one channel only: not checked against the others' rules. */
export const NOT_SPOKEN = new Set([
  "locale",
  "intent",
  "id",
  "then",
  "yes",
  "no",
  "declined",
  "leadsTo",
  "finish",
  "restartsPhone",
  "answers",
  "fixedAnswers",
  "confirmAnswers",
  "mentions",
  "invocationName",
  "topic",
  "step",
]);
const ONLY_ON: Record<string, Channel | undefined> = { keypad: "phone", speaker: "speaker" };

/** Every spoken text of a resolved content, with its path ("shared.replies.goodbye"). */
export function spokenTexts(value: unknown, channel: Channel, path = ""): Array<[string, string]> {
  if (typeof value === "string") return [[path, value]];
  const at = (k: string | number) => (path ? `${path}.${k}` : String(k));
  if (Array.isArray(value)) return value.flatMap((v, i) => spokenTexts(v, channel, at(i)));
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => {
    if (NOT_SPOKEN.has(k)) return [];
    const only = ONLY_ON[k];
    if (only && only !== channel) return [];
    return spokenTexts(v, channel, at(k));
  });
}

/** Each phrase a channel would say that it may not: where it is, and what is wrong on which channel. */
export function channelProblems(unresolved: unknown): Array<{ path: string; problem: string }> {
  const problems: Array<{ path: string; problem: string }> = [];
  for (const channel of CHANNELS) {
    for (const [path, text] of spokenTexts(wordFor(unresolved, channel), channel)) {
      for (const rule of CHANNEL_RULES[channel]) {
        if (rule.pattern.test(text))
          problems.push({
            path,
            problem: `on the ${channel} channel it ${rule.why} ("${text.slice(0, 50)}..."): give it ${channel} or default words that don't`,
          });
      }
    }
  }
  return problems;
}
