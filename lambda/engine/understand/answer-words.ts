// Reads a caller's words as an answer to the question the line just asked: the question's own answer words
// (from content: "gray" at "is the switch green?", a negation flipping them), then the ways people say yes, no
// and "not sure", hedged or not ("um, I think so", "I'd rather not", "dunno"). Pure string work, no NLU.
import type { AnswerWords } from "../../content/types.js";
import { matchAnswerWords } from "./answer-phrases.js";
import { type Cue, cue } from "./cue.js";
import { opensAsQuestion } from "./cues.js";
import { readBackupProgress, readRatio, readUsage } from "./readings.js";

export { matchAnswerWords, readRatio };

export type Answer = "yes" | "no" | "maybe";
/**
 * How the words answer: clearly (they open with yes or no, or say not sure), in the question's own words, with a
 * hedge ("I think so"), or loosely (a "doesn't" or "it is" somewhere in a sentence that may be about something
 * else: "it keeps saying it can't connect").
 */
export type Strength = "clear" | "words" | "hedge" | "loose";
export interface ReadAnswer {
  answer: Answer;
  strength: Strength;
}

/** Sounds and fillers that carry no answer: dropped wherever they are. */
const FILLERS = new Set([
  "um",
  "umm",
  "uhm",
  "uh",
  "uhh",
  "er",
  "erm",
  "hmm",
  "hm",
  "ah",
  "eh",
  "oh",
  "ooh",
  "ahh",
]);
/** Openers that carry no answer, dropped at the start. */
const OPENERS = /^(?:(?:well|so|okay so|ok so|right so|hmm|honestly|i mean|you know)\s*,?\s+)+/;

/**
 * How people type in a chat, and a few common misspellings, as the words they stand for: "yh" is yes, "idk" is
 * I don't know, "havent" is haven't, "nite" is night. Applied word by word, before anything else reads them.
 */
const SPELLINGS: Record<string, string> = {
  yh: "yes",
  ye: "yes",
  ya: "yes",
  yea: "yes",
  yeh: "yeah",
  yas: "yes",
  ys: "yes",
  yess: "yes",
  yesss: "yes",
  na: "no",
  nop: "nope",
  nopes: "nope",
  noo: "no",
  nooo: "no",
  idk: "i don't know",
  dk: "don't know",
  idc: "i don't mind",
  k: "okay",
  kk: "okay",
  okk: "ok",
  okey: "okay",
  okie: "okay",
  oki: "okay",
  pls: "please",
  plz: "please",
  thx: "thanks",
  ty: "thanks",
  tnx: "thanks",
  np: "no problem",
  u: "you",
  ur: "your",
  r: "are",
  rn: "right now",
  tho: "though",
  thru: "through",
  nite: "night",
  tmrw: "tomorrow",
  prev: "previous",
  min: "minute",
  mins: "minutes",
  hr: "hour",
  hrs: "hours",
  yse: "yes",
  yeas: "yes",
  wat: "what",
  wut: "what",
  msg: "message",
  pw: "password",
  im: "i'm",
  ive: "i've",
  dont: "don't",
  doesnt: "doesn't",
  didnt: "didn't",
  isnt: "isn't",
  wasnt: "wasn't",
  havent: "haven't",
  hasnt: "hasn't",
  cant: "can't",
  couldnt: "couldn't",
  wont: "won't",
  wouldnt: "wouldn't",
  aint: "isn't",
  thats: "that's",
  whats: "what's",
  theres: "there's",
  lets: "let's",
  youre: "you're",
  wheres: "where's",
  arent: "aren't",
  werent: "weren't",
  shouldnt: "shouldn't",
  storgae: "storage",
  stoarge: "storage",
  storag: "storage",
  backp: "backup",
  bakup: "backup",
  fien: "fine",
  iclould: "icloud",
  icoud: "icloud",
  wif: "wifi",
  wifis: "wifi's",
  its: "it's",
  b4: "before",
  w: "with",
  bc: "because",
  cuz: "because",
  nvm: "never mind",
  ttyl: "talk to you later",
  cya: "see you",
  tmr: "tomorrow",
};

/**
 * Words written as one, two or hyphenated ("wifi", "wi fi", "Wi-Fi"; a recogniser hears the hyphenated word as two)
 * spelled one way, so "my wi fi is slow" reads as "my wifi is slow".
 */
const COMPOUND = /\b(wi)[\s-]+(fi)\b|\b(e)[\s-]+(mail)\b/gi;
const joined = (text: string) => text.replace(COMPOUND, (m) => m.replace(/[\s-]+/g, ""));

/** Chat shorthand and contractions typed without the apostrophe ("wont", "thx") spelled out, the rest as it is. */
export const respelled = (text: string): string =>
  joined(text).replace(/[a-z]+/gi, (w) => {
    const lower = w.toLowerCase();
    return Object.hasOwn(SPELLINGS, lower) ? (SPELLINGS[lower] as string) : w;
  });

/** Lowercase words and commas (clause breaks), fillers and openers removed. */
export function normaliseWords(text: string): string {
  const words = joined(text.toLowerCase())
    .replace(/[\u2018\u2019\u02BC`]/g, "'")
    .replace(/\bmm+[ -]?hm+\b/g, "mhm")
    .replace(/\buh[ -]huh\b/g, "uhhuh")
    // The end of a sentence is a clause break, like a comma.
    .replace(/[!?;:]+/g, ",")
    .replace(/[^a-z0-9',.\s-]/g, " ")
    // Quotation marks, not apostrophes: "it says 'not enough storage'" has the word "not".
    .replace(/(^|[\s,.])'+|'+(?=$|[\s,.])/g, "$1")
    // A decimal point stays ("4.9 of 5"); any other full stop ends a clause.
    .replace(/(?<!\d)\.+|\.(?!\d)/g, ",")
    .replace(/,/g, " , ")
    .split(/\s+/)
    .filter((w) => w.length > 0 && !FILLERS.has(w))
    .map((w) => (Object.hasOwn(SPELLINGS, w) ? (SPELLINGS[w] as string) : w));
  const said = words
    .join(" ")
    // "Sorry, um, hang on": a filler between two commas leaves one clause break, not two.
    .replace(/ ,( ,)+/g, " ,")
    .replace(/^(, )+/, "")
    .replace(/( ,)+$/, "")
    .replace(OPENERS, "")
    .trim();
  const before = TAG_QUESTION.exec(said)?.[1];
  // "No, that isn't it" denies; "it's full, isn't it?" asks to be agreed with.
  return before && !/\b(that|this|which|what|it|my \w+|the \w+)$/.test(before) ? before : said;
}

/**
 * "It's working now, isn't it?": a tag asking to be agreed with, after something said; no "no". The words before
 * it are what the caller said (at least two of them: "isn't it?" alone is left as it is).
 */
const TAG_QUESTION = cue(
  /^(\S+(?: \S+)+?)(?: ,)? (?:isn't|doesn't|wasn't|didn't|aren't|won't|hasn't|haven't|shouldn't|can't) (?:it|that|they|there|this|i|you)(?: ,)?(?: right)?$/,
);

const MAYBE = [
  cue(
    /\b(not|don't|do not|dont) (really |quite |totally |a hundred percent |100 percent )?(sure|certain|positive)\b/,
  ),
  cue(
    /\b(unsure|dunno|no idea|no clue|not a clue|haven't a clue|haven't got a clue|hard to say|can't say|cannot say|hard to tell|beats me)\b/,
  ),
  cue(/\b(i|i really|i honestly) (don't|do not|dont) (really |honestly |actually )?know\b/),
  cue(/\b(if|whether) .*\bor not\b/),
  cue(/^(don't|dont) know\b/),
  cue(
    /\b(can't|cannot|can not|couldn't|could not) (really )?(tell|see|find|remember|say|read|make (it|that|them) out)\b/,
  ),
  cue(/\b(hard to read|hard to see|can't make out|couldn't make out)\b/),
  cue(/\b(don't|do not) (see|remember)\b/),
  cue(/^(maybe|perhaps|possibly)\b/),
  cue(
    /\bhow (do|can|would|should|could) (i|you|we) (check|tell|know|find out|see|be sure)( (if|whether|that)\b|$)/,
  ),
  cue(/\b(where|what) (do|should) i (look|check)\b/),
  cue(/\bi forget\b/),
];

const NO_LEAD = cue(
  /^(no|nope|nah|naw|nay|negative|not really|not yet|not quite|not at all|no way|never(?! mind)|nothing|not)\b/,
);
/** A no in so many words, wherever it comes: "I'd rather not", "I'm afraid not", "there isn't one". */
/** A yes said by denying the failure: "it didn't fail this time", "no errors", "not not working". */
const YES_BY_DENIAL = [
  cue(
    /\b(didn't|did not|hasn't|has not|doesn't|does not|isn't|is not|wasn't) (fail|failing|failed|give (me )?(an|any) error|error|get stuck|complain)\b/,
  ),
  cue(/\bno (errors?|warnings?|problems?|issues?) (this time|now|anymore)\b/),
  cue(
    /\b(not not|wouldn't say (it's|it is) not|can't say (it|it's) (isn't|is not|not)|couldn't say (it|it's) (isn't|is not|not))\b/,
  ),
];
const NO_CLEAR = [
  cue(/\bstill (not|no|failing|fails|stuck|broken|doesn't|won't|isn't|hasn't|can't|cannot|didn't)\b/),
  cue(/\b(i'd|i would|i'll|i will)? ?rather not\b/),
  cue(/\b(i'd|i would)? ?prefer (not|you didn't|to wait|to leave it)\b|\brather you didn't\b/),
  cue(/\b(afraid|guess|think|suppose|hope|believe) not\b/),
  cue(/\b(don't|do not|dont) (really |actually )?(want|wanna) (to|that|it|anything)\b/),
  cue(
    /\b(don't|do not|dont) (really )?(think|feel like|believe) (i|we) (want|wanna|should|need) (to|that|it)\b/,
  ),
  cue(
    /\b(not|isn't|not really) (comfortable|happy|keen|sure i want)\b|\b(i'd|i would) rather (keep|leave|wait)\b/,
  ),
  cue(/^(please )?(don't|do not)( (do|delete|reset|erase|touch) (it|that|them|anything))?( please)?$/),
  cue(/\bthere (isn't|is not|wasn't|was not|aren't|are not)\b|\bthere's no\b|\bthere is no\b/),
  // "It's the same", "no difference": nothing changed, said plainly.
  cue(
    /\b(it's|its|it is|that's|thats|looks|seems|still|exactly) (just )?(the )?same\b|\bno (change|difference)\b/,
  ),
  cue(
    /\b(not now|not today|not right now|no thanks|no thank you|i'll pass|i will pass|let's not|better not)\b/,
  ),
];
const NO_ANYWHERE = [
  cue(/\b(i )?(don't|do not|dont) think so\b/),
  cue(/\b(guess|think|suppose|hope|believe) not\b/),
  cue(/\b(don't|do not|dont|didn't|did not) (really )?(think|believe|reckon|suppose|feel like)\b/),
  cue(/\b(probably|likely|definitely|certainly) not\b/),
  cue(/\b(i )?doubt it\b/),
  cue(/\b(i'd|i would|i'll|i will)? ?rather not\b/),
  cue(/\b(don't|do not|dont) (want|wanna|need) (to|that|it|anything)\b/),
  cue(/\bi (don't|do not) want\b/),
  cue(/\b(let's|let us|better) not\b/),
  cue(/\b(not now|not today|not right now|no thanks|no thank you|i'll pass|i will pass|hold off|leave it)\b/),
  cue(
    /\bit (isn't|is not|wasn't|was not|didn't|did not|doesn't|does not|hasn't|has not|won't|will not|can't)\b/,
  ),
  cue(/\b(it's|its|that's|thats) not\b/),
  cue(
    /\b(didn't|doesn't|did not|does not|isn't|hasn't|won't|wouldn't) (work|help|fix|change|finish|complete|go)\b/,
  ),
  cue(/\bnot (working|fixed|finished|done|yet|really|quite|backing up)\b/),
  cue(/\bstill (the same|spinning|says|saying|loading|going)\b/),
  cue(/\b(same|that) (thing|error|problem|message|issue) (again|as before)?\b/),
  cue(/\bnothing (changed|happened|has changed|has happened|different)\b/),
  cue(/\b(don't|do not) (do|delete|reset|erase) (it|that|anything)\b/),
];

const YES_LEAD = cue(
  /^(yes|yeah|yea|yep|yup|ya|yah|aye|uhhuh|mhm|correct|right|absolutely|definitely|certainly|of course|affirmative|indeed|exactly|totally|go ahead|do it|please do|it is|it does|it did|it has|it was|i do|i did|i have|that's right|that is right|that's correct|true)\b/,
);
/**
 * "Okay", "alright": a yes on their own, an acknowledgement before other words ("okay, I'm on the backups screen
 * now"), which is not enough to go ahead with something that can't be undone.
 */
const ACK = cue(/^(okay|ok|alright|all right|fine|right|sure thing|sure)\b/);
const ACK_ONLY = cue(
  /^(okay|ok|alright|all right|fine|right|sure thing|sure)( then| please| sure| go ahead| do it| yes| yeah| thing| is| does)?$/,
);
/** "Okay", "alright then": the words heard, and nothing said about them. */
export const acknowledgesOnly = (text: string) => /^(okay|ok|alright|all right|right)( then)?$/.test(text);
/** Yes said with doubt: fine for "is it green?", not enough to go ahead with something that can't be undone. */
const YES_HEDGED = [
  cue(/\b(i )?(think|guess|believe|suppose|reckon) (so|it is|it does|it did|it has|it's|yes|that's it)\b/),
  cue(
    /^(?:(?:yes|yeah|sure|ok|okay|right|um|uh|hmm) ,? ?)*(i guess|i think|i believe|i suppose|kinda|kind of|sort of|sorta)$/,
  ),
  cue(/\b(i'd|i would) (say|guess) (so|yes|it is)\b/),
  cue(/\b(probably|pretty sure|fairly sure|i'm sure|most likely|likely)\b/),
  cue(/\b(looks|seems|sounds) (like it|like yes|so|that way|right|good|like it is)( ,| yeah| yes| yep|$)/),
  cue(/\bshould be\b/),
  cue(/\b(seems|looks) to be (going|working|moving|fine|ok|okay|uploading|backing up)\b/),
  // "Kind of", "sort of, yeah": partly, which is a yes held back; "I guess, whatever you think": leaving it to us.
  cue(/^(kind of|kinda|sort of|sorta|somewhat|more or less|a bit|a little)( ,| yeah| yes|$)/),
  cue(/^i (guess|suppose)( ,|$)/),
  cue(/\b(whatever you think|up to you|if you think so|if you say so|your call)\b/),
];
/** A go-ahead said in so many words is clear, whatever hedge comes before it ("I suppose so, go for it"). */
const GO_AHEAD = cue(
  /(^|, |\b(?:yes|yeah|okay|ok|sure|alright|fine|so|then|just|please) )(go for it|go ahead|go on|do it|let's do it|please do|yes please|let's go ahead|let's try it|let's try that|let's give it a go|give it a go|give it a try|let's do that)( ,| please| then| now|$)|(^|, |\b(?:yes|ok|okay|right|alright) )go$|\bif that's what it takes\b|(^|, |\bso |\bthen )(yes|yeah|yep)( please| then)?$/,
);
/** "Go ahead", "let's do it": a yes to doing something, not news that something is so (a bare "yes" isn't one). */
const GOING_AHEAD = cue(
  /\b(go for it|go ahead|go on|carry on|keep going|move on|do it|do that|let's do it|let's do that|please do|let's go ahead|let's try it|let's try that|let's give it a go|give it a go|give it a try|if that's what it takes)\b/,
);
export const goesAhead = (text: string) => GOING_AHEAD.test(text);

const YES_ANYWHERE = [
  cue(/\b(it|that) (is|does|did|has|worked|works)\b/),
  cue(/\b(it's|its|that's) (working|fixed|done|done it|it|right|correct|fine|good)\b/),
  cue(/\b(that|it) (worked|did it|fixed it|helped)\b/),
  cue(/\b(go for it|let's do it|let's go ahead|go on then|go ahead|do it|sounds good)\b/),
];

function has(patterns: Cue[], text: string): boolean {
  return patterns.some((p) => p.test(text));
}

/** Doubt said outside the answer words ("I'm not sure it finished"): the caller doesn't know yet. */
const DOUBT = [
  ...MAYBE.slice(0, 5),
  cue(/\b(can't|cannot|couldn't|could not) (really )?tell\b/),
  cue(/^(maybe|perhaps|possibly)\b/),
].filter((p): p is Cue => p !== undefined);

/**
 * The answer in these words (normalised with normaliseWords), to a yes/no question whose own answer words are
 * `words`; undefined when they don't answer it.
 */
export function readAnswer(text: string, words?: AnswerWords): ReadAnswer | undefined {
  if (text.length === 0) return undefined;
  // "Okay, yes, I know it", "I'm back, no, still nothing": the acknowledgement says nothing; the answer follows it.
  const acked =
    /^(?:(?:okay|ok|alright|all right|right|i'm back|i'm back now|i'm here|sorry) ,? ?)+(?=(yes|yeah|yep|no|nope)\b)/.exec(
      text,
    );
  if (acked) return readAnswer(text.slice(acked[0].length), words);
  // "No, it's not working. Is the iCloud server down today?": words inside a question the caller asks are no
  // answer ("today" there is no "it says today"), nor are they in a wish ("I need to get my storage sorted out"
  // is no "sorted"); what they said around it is.
  const clauses = text.split(" , ").filter((c) => !WISH.test(c));
  if (clauses.length === 0) return undefined;
  const told = clauses.filter((c) => !opensAsQuestion(c));
  if (told.length > 0 && told.length < clauses.length) return readAnswer(told.join(" , "), words);
  if (clauses.length < text.split(" , ").length) return readAnswer(clauses.join(" , "), words);
  // "I don't know my Wi-Fi password, so no, let's not": a plain answer at the end settles it.
  const last = text.split(" , ").at(-1);
  if (last && last !== text && LAST_WORD.test(last)) {
    const settled = readClause(last.replace(/^(so|then|and) /, ""), words);
    if (settled && settled.answer !== "maybe" && settled.strength === "clear") return settled;
  }
  // "It started, but then it stopped halfway": after a "but", what the caller ends on is the answer.
  const turn = text.lastIndexOf(" but ");
  if (turn > 0) {
    const ended = readClause(text.slice(turn + " but ".length).replace(/^then /, ""), words);
    if (ended && ended.answer !== "maybe" && (ended.strength === "words" || ended.strength === "clear"))
      return ended;
  }
  const reading = readClause(text, words);
  // "I think so, it keeps saying it's wrong though": a hedged yes with trouble said beside it is not sure.
  if (reading?.answer === "yes" && reading.strength === "hedge" && troubleBeside(text))
    return { answer: "maybe", strength: "clear" };
  return reading;
}

/** A wish or a need, not news: "I need to get it sorted", "I want it working". */
const WISH = cue(
  /\b(?:i|we) (?:need|want|wanna|have|got)(?: to)? (?:get|have|make|fix|sort)\b|\b(?:i'd|i would|we'd) like(?: to)? (?:get|have|make|fix|sort)\b|\b(?:i|we) (?:need|want) (?:it|this|that|my)\b/,
);

/** Trouble said beside an answer: something wrong, rejected, failing, that won't work. */
const TROUBLE_BESIDE = cue(
  /\b(wrong|incorrect|invalid|rejected|error|fails|failed|failing|won't (work|accept|take|let)|not working|doesn't work|didn't work|never works|not enough|no (space|storage|room|internet|connection))\b/,
);
/** Trouble denied ("it didn't fail this time", "no error"): the yes itself, not trouble beside it. */
const TROUBLE_DENIED =
  /\b(didn't|doesn't|hasn't|haven't|never|no|not|isn't|wasn't|without)( \w+)? (fail|fails|failed|failing|error|errors|wrong)\b/g;
const troubleBeside = (text: string) => TROUBLE_BESIDE.test(text.replace(TROUBLE_DENIED, ""));

/** Words saying a state has lasted: a too-soon-to-tell answer said with them is a no. */
const LASTING = cue(
  /\b(still|keeps|kept|forever|since|ages|all (day|night|morning|afternoon|evening)|for (hours|days|ages|a while|an hour|a long time|the last|over))\b/,
);

/** A last clause that is itself an answer ("so no, let's not"), not news ("green, backup still not working"). */
const LAST_WORD = cue(
  /^(so |then |and )?((yes|yeah|yep|no|nope|nah)$|(yes|yeah|no|nope) (please|thanks|thank you)$|let's not|let's do it|go ahead|go for it|do it|don't)\b/,
);

function readClause(text: string, words?: AnswerWords): ReadAnswer | undefined {
  const usage = words?.ratio ? readUsage(text) : undefined;
  if (usage !== undefined && words?.ratio) {
    const { yesFrom, yesUnderFree, noOverFree } = words.ratio;
    const free = usage.total - usage.used;
    const full =
      (usage.used / usage.total >= yesFrom && free <= (noOverFree ?? Number.POSITIVE_INFINITY)) ||
      free < (yesUnderFree ?? 0);
    return { answer: full ? "yes" : "no", strength: "words" };
  }
  const progress = words?.progress ? readBackupProgress(text) : undefined;
  if (progress)
    return {
      answer: progress === "moving" ? "yes" : progress === "long" ? "maybe" : "no",
      strength: "words",
    };
  const matched = matchAnswerWords(text, words);
  // Words let into a phrase make it a guess: a plain yes or no the caller opened with comes first.
  const own = matched?.gapped && (NO_LEAD.test(text) || YES_LEAD.test(text)) ? undefined : matched;
  // Too soon to tell ("it says estimating"), unless it has been that way a while ("still estimating, for hours")
  // or trouble came after it ("it started, but now it says not enough storage").
  if (own?.answer === "maybe")
    return { answer: LASTING.test(text) || troubleBeside(text) ? "no" : "maybe", strength: "words" };
  if (own && has(DOUBT, own.rest)) return { answer: "maybe", strength: "clear" };
  if (own) return { answer: own.answer, strength: "words" };
  if (has(MAYBE, text)) return { answer: "maybe", strength: "clear" };
  if (NO_LEAD.test(text)) return { answer: "no", strength: "clear" };
  if (has(YES_BY_DENIAL, text)) return { answer: "yes", strength: "hedge" };
  if (has(NO_CLEAR, text)) return { answer: "no", strength: "clear" };
  if (has(NO_ANYWHERE, text)) return { answer: "no", strength: "loose" };
  if (GO_AHEAD.test(text)) return { answer: "yes", strength: "clear" };
  if (has(YES_HEDGED, text)) return { answer: "yes", strength: "hedge" };
  if (YES_LEAD.test(text) || ACK_ONLY.test(text)) return { answer: "yes", strength: "clear" };
  // "Okay, I'm on Wi-Fi, it's connected" at "is your backup working now?": an acknowledgement and news, no answer.
  if (ACK.test(text)) return undefined;
  if (has(YES_ANYWHERE, text)) return { answer: "yes", strength: "loose" };
  return undefined;
}

/** "Joined it again", "I've restarted it": what the caller did, said first; stronger than any command guess. */
const DID_IT = cue(
  /^(?:(?:okay|ok|alright|all right|right|so)(?: ,)? )*(i've |i have |i )?(just )?(joined|connected|tapped|opened|turned|restarted|installed|updated|deleted|signed|logged|plugged|found|reset|changed|moved|switched|checked|tried|clicked|pressed|went|rebooted|unplugged|flicked|toggled|put|set|unlocked|verified|entered|typed|ran|did|removed|cleared|erased|bought|upgraded)\b/,
);
export const saysItIsDone = (text: string) => DID_IT.test(text) && !has(NOT_DONE, text);
/** Words that say a step to carry out is done ("done", "okay, got it"), or not yet. */
const DONE = [
  cue(
    /^(next|done|finished|ready|got it|okay|ok|alright|all right|yes|yeah|yep|yup|sure|right|cool|great|perfect|good|found it|i see it)\b/,
  ),
  cue(
    /\b(i've|i have|i) (done|did|finished|found|tapped|opened|turned|restarted|got) (it|that|this|them|the|my|there)\b/,
  ),
  cue(/\b(that's|thats|it's|its) (done|open|there|on|finished)\b/),
  cue(/\b(i'm|im) (there|in|done|ready|back|on it now)\b/),
  cue(/\b(done|finished|did it|did that|got it)\b/),
  DID_IT,
];
const DONE_STATE = [
  cue(/\b(it's|its|it is|switch is) (now )?(green|on|off) now\b/),
  cue(/\b(logo|apple logo|screen|it) (just )?(came up|comes up|is up|showed up|appeared)\b/),
  cue(/\b(says|shows|seems|looks|it's|that's) (fine|ok|okay|good|normal|alright)\b/),
  cue(
    /\b(it's|its|it is|it has|phone is|iphone is|it) (now )?(connected|installed|open|restarted|updated|rebooted|plugged in|charging|on now)\b/,
  ),
];
const NOT_DONE = [
  cue(/^(no|nope|nah|not yet|not quite|hang on|hold on|wait|one sec|just a sec)\b/),
  cue(
    /\b(not yet|not done|not finished|haven't|have not|didn't|did not|still (doing|going|working|looking|trying|waiting|loading|turning)|working on it|doing it now|in a (sec|second|minute|moment))\b/,
  ),
  // "Okay, restarting now", "it's installing": under way, not done yet.
  cue(
    /\b(restarting|rebooting|updating|installing|downloading|resetting|signing out|signing in|deleting|shutting down|turning off|powering off|backing up)( it| the phone| my phone)? now\b|\b(it's|its|it is) (restarting|rebooting|updating|installing|downloading|resetting|signing out|shutting down|turning off)\b/,
  ),
];

export function readProgress(text: string): "next" | "no" | "maybe" | undefined {
  if (text.length === 0) return undefined;
  if (has(MAYBE, text)) return "maybe";
  if (has(NOT_DONE, text)) return "no";
  if (has(DONE, text) || has(DONE_STATE, text)) return "next";
  return undefined;
}
