// Readings a caller gives instead of yes or no: "4.9 of 5 gigabytes", "12 gigs free out of the 50", in digits or
// in words. The share is compared with the question's ratio (answers.ratio in prompts/).
import { cue } from "./cue.js";
import { ONES, TENS } from "./number-words.js";

const UNIT_WORDS = ONES.slice(0, 10);
const TEEN_WORDS = ONES.slice(10);
const TENS_WORDS = TENS.slice(2);
const NUMBER_WORDS: Record<string, number> = {
  ...Object.fromEntries(UNIT_WORDS.map((w, i) => [w, i])),
  ...Object.fromEntries(TEEN_WORDS.map((w, i) => [w, 10 + i])),
  ...Object.fromEntries(TENS_WORDS.map((w, i) => [w, 20 + 10 * i])),
  a: 1,
  half: 0.5,
};
const DIGIT_WORDS = UNIT_WORDS.slice(1).join("|");
/**
 * A number in digits ("4.9", "4 point 9") or words ("forty eight point two", "two hundred", "fifteen"), with "and
 * a half" or "point something" after it ("four and a half", "2 point something": halfway to the next).
 */
const NUMBER = String.raw`((?:\d+(?:\.\d+| point (?:\d+|something))?|(?:(?:${TENS_WORDS.join("|")})(?:[ -](?:${DIGIT_WORDS}))?|${TEEN_WORDS.join("|")}|${UNIT_WORDS.join("|")}|a|half)(?: hundred)?(?: point (?:${UNIT_WORDS.join("|")}|something))?)(?: and an? (?:half|quarter))?)`;
const UNIT = String.raw`(?:\s*(?:gig|gigs|gigabyte|gigabytes|gb|g|tb|terabyte|terabytes|mb|megabytes))?`;
/** The same unit, kept: "200 mb left out of 5 gb" compares megabytes with gigabytes. */
const UNIT_SAID = String.raw`(?:\s*(gig|gigs|gigabyte|gigabytes|gb|g|tb|terabyte|terabytes|mb|megabytes))?`;
/** "4.9 of 5 gigabytes", "one gig out of fifty", "like 1 gig out of 50", "200 mb left out of 5 gb"; not "3 of 3 bars". */
const READING = cue(
  new RegExp(
    `${NUMBER}${UNIT_SAID}(?:\\s+(free|left|available|remaining|spare|used|taken|full))?(?:\\s*,)?\\s+(?:out\\s+)?of\\s+(?:the\\s+|my\\s+)?${NUMBER}${UNIT_SAID}(?!\\s*(?:bars?|steps?|percent|signal|stars?)\\b)`,
  ),
);
/** Gigabytes in one of a unit; a number said without one takes the other number's. */
const IN_GIGABYTES: Record<string, number> = {
  mb: 0.001,
  megabytes: 0.001,
  tb: 1000,
  terabyte: 1000,
  terabytes: 1000,
};
const gigabytes = (unit: string | undefined) => (unit ? (IN_GIGABYTES[unit] ?? 1) : undefined);

const FRACTIONS: Record<string, number> = {
  "and a half": 0.5,
  "and a quarter": 0.25,
  "point something": 0.5,
};
const FRACTION_SAID = / (and an? half|and an? quarter|point something)$/;

function numberOf(said: string): number | undefined {
  const fraction = FRACTION_SAID.exec(said);
  if (fraction?.[1]) {
    const n = numberOf(said.slice(0, fraction.index));
    return n === undefined ? undefined : n + (FRACTIONS[fraction[1].replace(" an ", " a ")] ?? 0);
  }
  return wholeNumberOf(said);
}

function wholeNumberOf(spoken: string): number | undefined {
  // "4.6", or "4 point 6" as a recogniser writes a spoken decimal.
  if (/^\d/.test(spoken)) return Number(spoken.replace(" point ", "."));
  const [whole, fraction] = spoken.split(" point ");
  let n: number | undefined;
  for (const word of (whole ?? "").split(/[ -]/)) {
    if (word === "hundred") n = (n ?? 1) * 100;
    else {
      const value = NUMBER_WORDS[word];
      if (value === undefined) return undefined;
      n = (n ?? 0) + value;
    }
  }
  if (n === undefined) return undefined;
  const f = fraction ? NUMBER_WORDS[fraction] : undefined;
  return f === undefined ? n : n + f / 10;
}

/** "A 100 gig plan and only 20 used": the total named as a plan, then what's used or left. */
const PLAN_READING = cue(
  new RegExp(
    `${NUMBER}${UNIT}\\s+plan\\b.*?\\b${NUMBER}${UNIT}\\s+(used|taken|full|free|left|available|remaining|spare)\\b`,
  ),
);

/** "I've got two hundred gigs and I'm using maybe ten": the total had, then what's used. */
const HAVE_USING = cue(
  new RegExp(
    `\\b(?:got|have|has|with)\\s+${NUMBER}${UNIT}\\b.*?\\b(?:using|used|use)\\s+(?:maybe\\s+|about\\s+|like\\s+|around\\s+|only\\s+)?${NUMBER}${UNIT}`,
  ),
);

/**
 * A word each reading can't do without, looked for first: the patterns above are large (every number word, twice),
 * and compiling one costs a cold process milliseconds, which most turns (no numbers at all) need not pay.
 */
const SAYS_USE = cue(/\bus(?:e|ed|ing)\s/);
const SAYS_OF = cue(/\sof\s/);

/** What a reading of storage says is used, and of how much, in gigabytes where units are said (else as said). */
export interface Usage {
  used: number;
  total: number;
}

export function readUsage(text: string): Usage | undefined {
  const had = SAYS_USE.test(text) ? HAVE_USING.exec(text) : null;
  if (had) {
    const total = had[1] ? numberOf(had[1]) : undefined;
    const used = had[2] ? numberOf(had[2]) : undefined;
    if (total && used !== undefined && used <= total) return { used, total };
  }
  const plan = text.includes("plan") ? PLAN_READING.exec(text) : null;
  if (plan) {
    const total = plan[1] ? numberOf(plan[1]) : undefined;
    const amount = plan[2] ? numberOf(plan[2]) : undefined;
    if (total && amount !== undefined && amount <= total) {
      const left = /^(free|left|available|remaining|spare)$/.test(plan[3] ?? "");
      return { used: left ? total - amount : amount, total };
    }
  }
  const m = SAYS_OF.test(text) ? READING.exec(text) : null;
  const amountUnit = gigabytes(m?.[2]);
  const totalUnit = gigabytes(m?.[5]);
  const said = m?.[1] ? numberOf(m[1]) : undefined;
  const whole = m?.[4] ? numberOf(m[4]) : undefined;
  const amount = said === undefined ? undefined : said * (amountUnit ?? totalUnit ?? 1);
  const total = whole === undefined ? undefined : whole * (totalUnit ?? amountUnit ?? 1);
  if (amount === undefined || total === undefined || total <= 0 || amount > total) return undefined;
  // "12 gigs free out of 50" is what's left, not what's used.
  const left = m?.[3] !== undefined && /^(free|left|available|remaining|spare)$/.test(m[3]);
  return { used: left ? total - amount : amount, total };
}

/** The share used, from a reading of the form "X of Y" (0.98 for "4.9 of 5"), if the words have one. */
export function readRatio(text: string): number | undefined {
  const usage = readUsage(text);
  return usage ? usage.used / usage.total : undefined;
}

/** A stall, said: "it gets halfway and stops", "it hasn't moved", "froze at 12%". */
const STALLED = cue(
  /\b(?:stops|stopped|stalls|stalled|freezes|froze|frozen|gets stuck|got stuck|hangs|hung|hasn't moved|has not moved|not moving|isn't moving|won't move|doesn't move|not budging|hasn't budged|hasn't changed|not changed|not going down|isn't going down|not counting down)\b/,
);
/** The same time or share still showing: "still about 3 hours", "still says 2 hours remaining", "still at 12%". */
const STILL_AT = cue(
  /\bstill\b(?! (?:going|backing|running|moving|counting|working|uploading|coming|dropping|ticking))[^,.?!]{0,30}\b(?:hours?|hrs?|minutes?|mins?|percent|days?|remaining|left)\b/,
);
/** Time counting down: "about two hours left now", "an hour to go", "it's counting down". */
const COUNTING = cue(
  new RegExp(
    String.raw`\b(?:${NUMBER}|an|few|couple of|couple)\s+(?:more\s+)?(?:hours?|hrs?|minutes?|mins?)\s+(?:left|to go|remaining)\b|\b(?:counting|going|coming|ticking) down\b`,
  ),
);

/**
 * A backup's progress read from the caller's words: moving when time counts down, stalled when it stops or the
 * same time is still there. Undefined when the words give no reading.
 */
export function readBackupProgress(text: string): "moving" | "stalled" | "long" | undefined {
  if (STALLED.test(text) || STILL_AT.test(text)) return "stalled";
  if (!COUNTING.test(text)) return undefined;
  // "It says 9 hours remaining": a reading that long, with no word of it going down, is too soon to call.
  const hours = HOURS_LEFT.exec(text)?.[1];
  const many = hours !== undefined && (NUMBER_WORDS[hours] ?? Number(hours)) > MOVING_HOURS;
  return many && !GOING_DOWN.test(text) ? "long" : "moving";
}
/** More hours left than this, said once, is no sign yet that the backup moves. */
const MOVING_HOURS = 2;
const HOURS_LEFT = cue(/\b(\d+(?:\.\d+)?|[a-z]+)\s+(?:more\s+)?(?:hours?|hrs?)\s+(?:left|to go|remaining)\b/);
const GOING_DOWN = cue(/\b(?:counting|going|coming|ticking|dropping) down\b|\bdropped\b|\bwas \d/);
