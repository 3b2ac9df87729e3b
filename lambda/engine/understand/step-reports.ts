// What a caller reports about a step and the phone, in their own words, as opposed to answering the question the
// line asked: "done that", "it's plugged into the charger", "I'm on the home network", "full bars", and the words
// that say the backup itself worked. read-turn.ts weighs them against the open question ("is your backup working
// now?", "do you want to go ahead?").
import { saysNegation } from "./answer-phrases.js";
import { cue } from "./cue.js";
import { isQuestion } from "./cues.js";

/** "Done that", "did it", "okay, finished": the step carried out. */
const DID_THE_STEP = cue(
  /\b(did that|done that|done it|did it|all done)\b|^(ok |okay |right |alright )?(done|finished)\b|\bi(?:'ve| have)? (?:just |already )?(?:deleted|removed|turned|switched|tapped|pressed|restarted|rebooted|updated|installed|plugged|connected|reset|moved|toggled|cleared|erased|wiped|got rid of|gotten rid of|opened|found|checked|entered|typed|put in|signed in|logged in|signed back in|logged back in)\b|\b(?:it|that) (?:let|lets|has let) me (?:in|sign in|log in|through)\b|\b(?:accepted|took) (?:my|the) (?:password|code)\b|\b(?:it's|its|it is|is|update is|update's) (?:now )?(?:finish|finished|done|complete|completed|over)\b/,
);
export const didTheStep = (text: string) => DID_THE_STEP.test(text);

/** "It's got full bars", "the signal's good": the Wi-Fi as a step asked to check it. */
const SIGNAL = cue(
  /\b(full|all the|good|strong|great|three|four|five) (bars|signal)\b|\b(signal|signal's|connection|connection's|wifi|wifi's) (is )?(really |pretty )?(good|great|strong|fine|full|ok|okay)\b/,
);
/** "It's plugged in now", "deleted them": the step's result, said. */
const DONE_REPORT = cue(
  /\b(it's|its|it is|i'm|i am|phone is|iphone is) (now )?(plugged in|charging|connected|on wifi|on the wifi|restarted|updated|on)( now)?\b|\b(deleted|removed|bought|upgraded|installed|changed|turned on|switched on) (it|them|that|the)\b|\b(switch|toggle)(?:'s| is) (now |already )?(green|on)\b|\b(?:it|phone|iphone) (?:has )?(?:restarted|rebooted|come back on|came back on|turned back on)\b/,
);
/** The phone's state as a step asked for it: "I'm on Wi-Fi", "it's plugged in", "it's on my home wifi". */
const DEVICE_STATE = cue(
  /\b(i'm|i am|it's|its|it is|phone's|phone is|iphone is|we're|we are)\s+(now\s+|already\s+|definitely\s+)?(on (the |my |our |home |a )*(wifi|network|charger)|plugged in(?:to)?|charging|connected|restarted|restart|rebooted|updated|back on|on again)\b|\b(?:it|phone|iphone) (?:has )?(?:restarted|rebooted|updated|come back on|came back on|turned back on)\b/,
);
/**
 * "The Wi-Fi is on", "wifi's connected", "hooked up to our home network", the screen read out ("Wi-Fi: On"): the
 * Wi-Fi as a step asked to check it.
 */
const WIFI_STATE = cue(
  /\b(wifi|network|internet|connection)('s| is)( now| definitely| already)? (on|connected|working|fine|good)\b|\b(connected|joined|hooked up) (to|on) (the |my |our |home |a |your )*(wifi|network|router|internet|home)\b|\b(wifi|network) ,? (on|connected)(?: ,|$)/,
);
/** "Yep, connected", "yeah it's charging": a yes, then the state the step asked for, said alone. */
const YES_THEN_STATE = cue(
  /^(?:(?:yes|yeah|yep|yup|mhm|uhhuh|sure|ok|okay|right)\b ?,? ?)+(?:it's |its |it is |i'm |i am |phone's |phone is )?(?:now |already |all )?(?:connected|charging|plugged in|on|green|updated|installed|restarted|deleted|removed)\b/,
);
/** The Wi-Fi as a step asked to check it: on, connected, a strong signal. */
export const reportsWifi = (text: string) => WIFI_STATE.test(text) || SIGNAL.test(text);
/** What the caller said about the phone's state, as a step asked for it. */
export const reportsDevice = (text: string) =>
  DEVICE_STATE.test(text) || YES_THEN_STATE.test(text) || reportsWifi(text);
/** A report of the step done: carried out, its result, or the Wi-Fi as it asked. */
export const reportsDone = (text: string) => DONE_REPORT.test(text) || didTheStep(text) || reportsWifi(text);

/** "Everything else works", "the internet's fine": other things working, not the backup. */
const OTHERS_WORK =
  /\b(everything else|everything|other apps|other stuff|the internet|internet|wifi|the wifi|my wifi|network|connection|netflix|youtube|browsing)('s| is| are)?( still)? (works|work|working|fine|ok|okay)\b/g;
/** Words that say the backup itself worked. */
const SUCCESS = cue(
  /\b(work|works|working|worked|fixed|backed up|backing up|finished|completed|success|successful)\b/,
);
/** Whether the words say something worked at all ("it worked", "it's backing up"). */
export const successWord = (text: string) => SUCCESS.test(text);
/** Whether they say the backup worked, not only other things ("the internet works fine"). */
export const saysBackupWorked = (text: string) =>
  SUCCESS.test(text.replace(OTHERS_WORK, "").replace(SCREEN_LABEL, ""));
/** "Last successful backup: 14 May": the screen's label, which says nothing about whether it works now. */
const SCREEN_LABEL = /\blast successful backup\b/g;

/** A clause that says the backup itself works: "the backup is working", "it's backing up now, 10 minutes left". */
const BACKUP_WORKING = cue(
  /\b(?:backup|back up)(?: now)?(?:'s| is| has| was)? (?:working|worked|going|running|done|finished|complete|completed|moving)\b|\b(?:it's|it is|it has|it) (?:backing up|backed up)\b/,
);
const backupWorks = (clause: string) =>
  BACKUP_WORKING.test(clause) &&
  !saysNegation(clause) &&
  !isQuestion(clause) &&
  !/\b(still|stuck)\b/.test(clause);
/**
 * "I'd rather not restart it, the backup is going now", "I don't know what did it but the backup is running":
 * a clause of its own that says the backup works, with no "not" or question in that clause.
 */
export const saysBackupWorksNow = (text: string) => text.split(/ , | but | and /).some(backupWorks);

/** "Okay, I'll try that", "let me give it a go": the step about to be done. */
const WILL_TRY = cue(
  /^(?:(?:ok|okay|alright|all right|right|sure|yeah|yes)\b[ ,]*)*(?:i'll|i will|let me|lemme|i'm gonna|i'm going to|gonna|i) (?:try|do|give) (?:that|it|this)(?: one)?(?: a go| a try)?(?: now| then| first)?$/,
);
export const willTryStep = (text: string) => WILL_TRY.test(text);

/** A step to carry out that can't be done: "it's greyed out", "it won't let me", "nothing happens". */
const STEP_BLOCKED = cue(
  /\b(gr[ae]y(?:ed)? out|won't let me|doesn't let me|does not let me|isn't letting me|not letting me|not available|is disabled|didn't do anything|nothing happens|nothing happened|i can't (?:do|tap|install|update|reset|get) (?:it|that|this|the)|(?:it|that) won't (?:install|download|update|go through|reset)|(?:don't|do not|no longer) have (?:that|the|my old|access)|can't get (?:the|a|that) code)\b/,
);
export const stepBlocked = (text: string) => STEP_BLOCKED.test(text);

/** The step done before now: "already", "did that too", "restarted it twice". */
const DONE_BEFORE = cue(
  /\balready\b|\b(did|done|tried) (that|it|this|those)( one)? (too|as well|before|earlier)\b|\b(twice|three times|a few times|several times|a bunch of times)\b/,
);
export const doneBefore = (text: string) => DONE_BEFORE.test(text);

/** What a report about the phone is about, by the words it says it in. */
const SUBJECTS: ReadonlyArray<readonly [string, RegExp]> = [
  ["wifi", /\b(?:wifi|network|internet|router|connected|signal|bars)\b/],
  ["charging", /\b(?:charging|charger|charged|plugged|battery)\b/],
  ["update", /\b(?:updated|update|updating|installed|ios|up to date)\b/],
  ["restart", /\b(?:restarted|rebooted|restart|turned it off)\b/],
];

/**
 * "Yes I think so, it's connected to the wifi" at "is your iCloud storage full?": a report about the phone whose
 * subject (Wi-Fi, charging, an update, a restart) the question's own words never mention, so the yes in it is no
 * answer to the question. `question` is the step's words, normalised.
 */
export function reportsOtherSubject(text: string, question: string): boolean {
  if (!reportsDevice(text)) return false;
  const subjects = SUBJECTS.filter(([, words]) => words.test(text));
  return subjects.length > 0 && subjects.every(([, words]) => !words.test(question));
}

/** The fix changed nothing: "nothing", "same crap", "didn't change anything", "still slow". */
const NO_CHANGE = cue(
  /\b(?:nothing(?:'s| has)? (?:changed|happened|different)|nothing(?: \.| ,|$)|no (?:change|difference|luck|joy|dice)|same (?:crap|thing|problem|again|as before|old)|(?:didn't|did not|doesn't|hasn't|has not) (?:change|help|fix|do) (?:anything|a thing|much|it)|(?:didn't|did not|doesn't|hasn't) (?:help|change)|still (?:slow|stuck|the same|nothing|not|failing|no good))\b/,
);
export const saysNoChange = (text: string) => NO_CHANGE.test(text);

/** On to the next fix, in so many words: "skip it", "next one", "let's try the next thing". */
const MOVE_ON = cue(
  /\b(?:skip (?:it|this|that|this one|that one)|next one|next fix|next thing|next step please|move on|try (?:something else|the next)|another fix|what else can i try)\b/,
);
export const asksToMoveOn = (text: string) => MOVE_ON.test(text);

/** Other things working, said at "is your backup working now?": "the website loads fine", "safari's fast". */
const OTHER_THINGS_FINE = cue(
  /\b(?:websites?|sites?|pages?|safari|internet|youtube|netflix|other apps|everything else|speed test|browsing)\b[^,]{0,25}\b(?:fine|loads?|loading|works|working|ok|okay|good|fast|quick)\b/,
);
export const saysOthersWork = (text: string) => OTHER_THINGS_FINE.test(text);

/** What the step says to look at isn't there: "there's no bar on mine", "I don't see a Backups button". */
const NOT_THERE = cue(
  /\b(?:there's no|there is no|there isn't an?|there's not an?|i (?:don't|do not|can't|cannot) see (?:a|an|the|any)|i (?:can't|cannot) find (?:a|an|the|any)|(?:mine|my screen|it) (?:doesn't|does not) (?:have|show) (?:a|an|the|any))\b/,
);
export const saysNotThere = (text: string) => NOT_THERE.test(text);

/**
 * "It's done, says up to date" at "is your backup working now?" after the update step: the question's own words
 * ("done"), said of something else the phone did (an update, a restart, the Wi-Fi), with no word of the backup.
 */
export const doneOfOtherThing = (text: string) =>
  SUBJECTS.some(([, words]) => words.test(text)) && !mentionsBackup(text);

/** Whether the words name the backup at all ("back up", "backing up", "backups"). */
export const mentionsBackup = (text: string) => /\bback(?:ing|ed)? ?up\b|\bbackups?\b/.test(text);
