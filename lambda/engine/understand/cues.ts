// Small cues in a caller's words that change what a turn means, whatever the NLU guessed: stalling ("okay, hang
// on"), taking leave ("okay thanks, bye"), correcting an answer ("no wait, I meant yes"), and whether the words
// really ask for a command that ends or undoes something (an NLU can file "it says never" under "never mind").
import type { Recognised } from "../types.js";
import { type Cue, cue } from "./cue.js";

/** How long a caller asks to wait: "a sec", "one minute", "just a moment" (after "hold on", "wait", "give me"). */
const UNIT = "(?:sec|second|minute|moment|mo|bit)";
const A_MOMENT = String.raw`(?:a|one|just a)\s+${UNIT}`;

/**
 * "Hang on", "hold on a sec", "let me check", "let me find my glasses": the caller needs a moment; a leading
 * "okay" or "yeah, sorry" is not a yes.
 */
const STALL = cue(
  new RegExp(
    String.raw`^(?:(?:okay|ok|alright|all right|yeah|yes|sure|right|no|sorry|oh|well)\s*,?\s+)*(?:(?:can|could|would) you (?:just )?)?(?:hang on|hold on|wait(?! what)|one sec|one second|one moment|just a ${UNIT}|give me a ${UNIT}|let me (?:look|check|see|have a look|(?:find|get|grab|fetch|put on|open|pull up|bring up|get into|go into) (?:it|my|the|a|some|that|this|settings)(?: \w+)?)|bear with me|brb|be right back|i'll be right back|back in a ${UNIT}|i'll wait)(?:\s+${A_MOMENT})?\b[\s,]*`,
  ),
);

/** A turn that ends on a stall: "ehm, I'd have to look, hang on", "it says something, one sec". */
const STALL_AT_END = cue(
  new RegExp(
    String.raw`(?:^|\s*,\s*)(?:(?:okay|ok|so|um|uh|ehm|erm)\s*,?\s*)?(?:hang on|hold on|one sec|one second|one moment|just a ${UNIT}|give me a ${UNIT}|bear with me|let me (?:look|check|see|have a look)|i(?:'ll| will|'d| would) (?:have|need) to (?:look|check|see))(?:\s+${A_MOMENT})?[\s,]*$`,
  ),
);
/** The words before a stall the turn ends on ("" when it is all stall), or undefined when it doesn't end on one. */
export function beforeStallAtEnd(text: string): string | undefined {
  const m = STALL_AT_END.exec(text);
  return m ? text.slice(0, m.index).trim() : undefined;
}

/**
 * The words after a stall ("hang on, does that delete my photos?" gives "does that delete my photos?"), "" when
 * the stall is all there is, undefined when the words don't open with one.
 */
export function afterStall(text: string): string | undefined {
  const m = STALL.exec(text);
  if (!m) return undefined;
  // "Wait, sorry, um, what was step one?": the fillers and apologies after the stall are not the words either.
  const rest = text
    .slice(m[0].length)
    .replace(/^(?:(?:,|sorry|um+|uh+|er+|erm|hmm+|oh)(?:\s*,)?\s*)+/, "")
    .trim();
  // A second stall ("hang on, let me look") is still a stall.
  return rest && STALL.test(rest) ? (afterStall(rest) ?? "") : rest;
}

/** "It's still restarting", "still running the test": not done, not an answer either. */
const STILL_WORKING = cue(
  /\b(it's|its|it is|phone is|iphone is) (now )?(updating|installing|downloading|restarting|rebooting|preparing|verifying)\b|\bstill (restarting|rebooting|installing|running|updating|downloading|checking|loading|starting up|turning on|booting|preparing|verifying|doing it|working on it|looking|searching|trying)\b/,
);
/** "Haven't tried it yet", "not yet": the step isn't done, so whether it worked can't be said. */
const NOT_TRIED = cue(
  /\b(not yet|haven't (tried|done|got|gotten|had|checked|looked)|have not (tried|done)|didn't (try|get to)|yet to try)\b/,
);
export const stillWorking = (text: string) => STILL_WORKING.test(text) || NOT_TRIED.test(text);

/** "Okay thanks, bye", "I'll call back later": leaving, not answering. */
const LEAVING = cue(
  /\b(bye|goodbye|good bye|bye bye|cheerio|ta ta|see ya|see you later|see you soon|catch you later|speak (to you )?(later|soon)|call (you )?back later|call (you )?back another time|another time|some other time|i'll call back|i will call back|i'll ring back|talk (to you )?later|gotta go|got to go|have to go|gotta run|got to run|have to run|need to run|(?:finish|do|continue|carry on with) (?:this|it|the rest) later|carry on later|i'll try later|try (it )?again (?:later|tomorrow|tonight|another day)|that's all for now|i'm hanging up|i'll hang up|i am hanging up|going to hang up|gonna hang up|(?:i'll|i will|i'll have to|i have to|i need to|i'm going to|i'm gonna|gonna|let me) (?:call|ring|phone) (?:you )?back|(?:figure|sort|work) (?:it|the rest) out (?:from here|myself|on my own)|take it from here|i can manage (?:from here|now)|let you get on|get on with your day|god bless|peace out|flip side|over and out|ta-ra|tara|laters|take care|have a good one|have a good day|toodles|toodle-oo|see you(?= *$)|that's me (?:finished|done|sorted|off))\b/,
);
export const isLeaving = (text: string) => LEAVING.test(text);

/** A whole turn of thanks or "that's all": at "anything else?", the caller is done. */
const DONE_HERE = cue(
  /^(?:(?:great|good|ok|okay|perfect|lovely|brilliant|awesome|cool|fine|no|nope|thanks|thank you|that's (?:all|it|everything)|nothing else|all good|i'm good|i'm all set)[ ,.!]*)*(?:(?:thanks|thank you|many thanks|cheers)(?: (?:so much|very much|a lot|again))?|that's (?:all|it|everything)|nothing else|i'm good|i'm all set|all set)(?: then)?[ ,.!]*$/,
);
export const isDoneHere = (text: string) => DONE_HERE.test(text.trim());

/** "No wait, I meant yes", "it's green... no sorry, it's grey": what comes after the last correction. */
const CORRECTION =
  /\b(i meant to say|meant to say|i meant|i mean|no sorry|sorry|actually|wait(?: a (?:sec|second|minute|moment|mo|bit))?|no wait|no (?:, )?(?:hang|hold) on|correction|oops|my mistake|scratch that|or rather|i misread|misread|i misheard|i was wrong|i got that wrong|let me correct that)\b[\s,]*/g;
/** Words that say an earlier answer was wrong, not only what the answer is now. */
const EARLIER = cue(
  /\b(i meant|meant to say|oops|my mistake|scratch that|wrong answer|i said the wrong|should have said|take that back|i said|misread|misheard|i was wrong|got that wrong)\b/,
);

/** "I just said yes", "like I told you, no": the answer given again (after a reprompt), not a change of it. */
const SAID_BEFORE = cue(
  /\b(?:like i said|as i said|like i told you|as i told you|i (?:just |already )?(?:said|told you)(?: that)?|i've (?:already )?(?:said|told you)(?: that)?)[\s,:.!-]*(.+)$/,
);
export const saidAgain = (text: string): string | undefined =>
  SAID_BEFORE.exec(text)?.[1]?.trim() || undefined;

/**
 * What follows each correction marker, last first ("wait, my mistake, it is green actually" gives "it is green
 * actually", then "my mistake, ..."): the caller reads them until one answers.
 */
export function correctionIn(text: string): { tails: string[]; earlier: boolean; head: string } | undefined {
  const marks = [...text.matchAll(CORRECTION)];
  const tails = marks
    .map((m) => text.slice((m.index ?? 0) + m[0].length).trim())
    .filter((t) => t.length > 0)
    .reverse();
  // What came before the first marker: "no." in "no. wait, I meant yes", nothing in "no wait, I meant yes".
  const head = text.slice(0, marks[0]?.index ?? 0).replace(/[\s,.]+$/, "");
  return tails.length > 0 ? { tails, earlier: EARLIER.test(text), head } : undefined;
}

/** "Could you say all that once more, slowly?": the step again, whatever the NLU made of it. */
const REPEAT_REQUEST = cue(
  /\b(say (that|it|all that|this) (again|once more|one more time|slower|more slowly)|repeat (that|it|this|the step|all that)|once more|one more time|more slowly|slower please|say it slower|what was the question|what's the question|what did you ask|what was that question|what did you say|what did you just say)\b|^(?:(?:sorry|pardon|huh|um|uh|oh) ,? ?)+what was that\b(?! (?:step|about|for|thing|bit|part))/,
);
/** A whole turn that only says the caller didn't hear: "what?", "sorry?", "hmm, come again?", "I missed that". */
const DIDNT_HEAR = cue(
  /^(?:(?:um+|uh+|hmm+|er+|erm|oh|ah|sorry|i'm sorry)[ ,.!?]+)*(?:what|huh|pardon|pardon me|sorry|come again|excuse me|what was that|what did you say|say again|i didn't (?:catch|hear|get) (?:that|you|it|what you said)|i missed (?:that|it|what you said)|i couldn't hear (?:you|that))(?:[ ,.!?]+(?:sorry|again|please))*[ ,.!?]*$/,
);
/** A whole turn asking what the line meant, about nothing named: "what do you mean?", "sorry, I don't follow". */
const WHAT_MEANT = cue(
  /^(?:(?:um+|uh+|hmm+|er+|erm|oh|ah|sorry|i'm sorry|wait|hang on|okay|ok)[ ,.!?]+)*(?:what do you mean|what did you mean|what does that mean|what does this mean|what's that mean|whats that mean|what is that supposed to mean|meaning what|i don't get it|i don't get what you mean|i don't follow|i'm not following|i'm lost|you lost me|what are you on about|what are you talking about)(?:[ ,]+(?:by that|by it|by this|exactly|sorry|please|here))*[ ,.!?]*$/,
);
/** "Now what was I meant to press?", "what am I supposed to tap again?": the step's instruction, asked for. */
const WHAT_TO_DO = cue(
  /\bwhat (?:was|am|were) (?:i|we) (?:meant|supposed) to (?:press|tap|do|look for|look at|find|check|open)\b|\bwhat do i (?:press|tap) (?:again|now|next)\b/,
);
export const asksRepeat = (text: string) =>
  REPEAT_REQUEST.test(text) ||
  DIDNT_HEAR.test(text.trim()) ||
  WHAT_MEANT.test(text.trim()) ||
  WHAT_TO_DO.test(text);

/** "Why are we checking storage?", "but why?", "what's this step for?": why the step under way, asked. */
const WHY_STEP = cue(
  /(?:^|, )(?:(?:but|and|so|okay|ok|wait|sorry|hmm|um|just|hang on|hold on) ,? ?)*(?:why|how come|what for|what's (?:this|that) (?:step )?for|what's the point(?: of (?:this|that|it|doing this))?|what does (?:this|that) (?:step )?do)(?: (?:are|do|should|would|must|am|is|does|did) (?:we|i|you|this|that|it)| (?:we're|we are|i'm|i am|we|i|you))?(?: (?:need to|have to|got to|gotta|going to|want me to))?(?: (?:do|doing|check|checking|look|looking|try|trying|restart|restarting|delete|deleting|update|updating|sign|signing|turn|turning|reset|resetting|plug|plugging)(?: [a-z']+){0,3})?(?: (?:though|exactly|again|first|then|for|now))?[ ?!.]*$/,
);
export const asksWhyStep = (text: string) => WHY_STEP.test(text);

/** "Can you connect me with somebody?", "I'd rather have someone from Apple do it": a person, in so many words. */
const WANTS_PERSON = cue(
  /\b(talk|talking|speak|speaking|connect me|connect|put me through|transfer me|get me|get|want|need|rather have|prefer|i'd like|i would like)\b(?: to| with)?(?: an?| the| some| a real| a live| an actual| a proper)? (someone|somebody|person|human|real person|agent|representative|operator|advisor|technician)\b(?!'s| else's)/,
);
/** "Is there a human I could talk to?": the person named first, then talking to them. */
const PERSON_TO_TALK_TO = cue(
  /\b(someone|somebody|person|human|agent|representative|operator|advisor|technician) (?:that |who )?(?:i|we) (?:can|could|might) (?:talk|speak|chat) (?:to|with)\b/,
);
export const wantsPerson = (text: string) => WANTS_PERSON.test(text) || PERSON_TO_TALK_TO.test(text);
/** A clause that turns a person down: "no, ...", "I don't need a person", "not an agent". */
const NOT_A_PERSON = cue(
  /^(no|not)\b|^(don't|dont)\b(?! know)|\b(don't|do not|dont|not|never|no need to)( really| even| actually)? (need|want|wanna|have to|talk|talking|speak|speaking|ask for|get)\b|\bno need for\b|\bnot (an?|the|some) (agent|person|human|someone|somebody)\b/,
);
/**
 * A person in so many words, read clause by clause: "no no, I want a human" asks for one (the clause that asks
 * counts, not a no before it); "maybe I should talk to someone?" only wonders (tentative); "I want an agent.
 * Actually no, let's try it" takes it back (withdrawn); "I don't need a person, just tell me" turns one down
 * (declined); undefined when none is named.
 */
export function personRequest(text: string): "asked" | "tentative" | "withdrawn" | "declined" | undefined {
  const clauses = text.split(" , ");
  const naming = clauses.filter(wantsPerson);
  if (naming.length === 0) return undefined;
  const asking = naming.filter((clause) => !NOT_A_PERSON.test(clause));
  if (asking.length === 0) return "declined";
  // "I want an agent. Actually no, never mind, let's try it": what the caller ends on counts.
  const last = clauses.lastIndexOf(asking.at(-1) as string);
  if (clauses.slice(last + 1).some((clause) => TAKEN_BACK.test(clause))) return "withdrawn";
  // "Maybe I should just talk to someone? I dunno", "is there a person I could talk to if this doesn't work?"
  return asking.some((clause) => !TENTATIVE.test(clause)) && !TENTATIVE.test(text) ? "asked" : "tentative";
}
/** Words that take a request back: "actually no", "never mind", "let's try it". */
const TAKEN_BACK = cue(
  /^(actually |oh )?(no|nah|nope)\b|\b(never ?mind|forget (it|that)|let's (just )?(try|keep|carry on|do this|give it)|i'll try|scratch that)\b/,
);
/**
 * A person thought about, not asked for: "maybe I should talk to someone", "is there a human if it doesn't work",
 * "I'd rather talk to someone, unless this is quick".
 */
const TENTATIVE = cue(
  /\b(maybe|perhaps|should i|i dunno|i don't know|idk|not sure|if (this|it|that) (doesn't|does not|won't|don't) work|in case|later|unless|if (this|it) (takes|is) (long|ages|too long|a while))\b/,
);

/**
 * The words a command must contain for an NLU guess of it to be followed: StopIntent for "do I need to hang up?",
 * CancelIntent for "it says never", Back for "okay, it's back on" or Next for "I think my Apple ID got locked" are
 * not. Every training phrase of each command passes its own test (tests/engine/read-turn-guards.test.ts).
 */
const MUST_SAY: Partial<Record<Recognised, Cue>> = {
  yes: cue(
    /\b(yes|yeah|yea|yep|yup|ya|sure|correct|right|ok|okay|go ahead|do it|it is|it does|it did|i did|it worked|working|works|fixed|definitely|absolutely|uh huh|uhhuh|mhm|affirmative|of course|please|it's|yes please)\b/,
  ),
  no: cue(
    /\b(no|nope|nah|not|n't|negative|nothing|still|never|luck|broken|fails|didn't|doesn't|isn't|don't)\b|n't\b/,
  ),
  maybe: cue(
    /\b(maybe|possibly|perhaps|sure|know|idea|tell|check|unsure|dunno|say|certain|think maybe|possible)\b/,
  ),
  next: cue(
    /\b(next|done|finished|finish|go on|move on|got it|did it|done it|ok|okay|ready|what's next|carry on|keep going)\b/,
  ),
  returning: cue(
    /\b(cut off|disconnected|dropped|talking to you|on the phone with you|just called|called|calling back|middle of|halfway|lost the call|went dead|a minute ago|earlier|restart|restarted|call ended|before)\b/,
  ),
  pause: cue(/\b(wait|hold on|hang on|pause|moment|sec|second|minute|give me|more time)\b/),
  resume: cue(/\b(continue|resume|back|pick up|carry on|ready|go on)\b/),
  skip: cue(/\b(skip|already|tried|done that|did that)\b/),
  whichStep: cue(
    /\b(step|steps|where am|where are|where we are|where was i|where were we|where did we (get|leave off|stop)|lost track|whereabouts|how many|how far|which (step|part|bit|stage|one are we|one am i on)|number|so far|recap|already|what we've (done|tried)|what have we|what (?:was|were) (?:i|we) (?:doing|on|fixing|working on)|which (?:problem|issue|thing) was|what was (?:it|that|the problem) (?:about|again)|left off|remind me|(?:don't|can't|cannot|do not) (?:remember|recall)|forg[eo]t what)\b/,
  ),
  startOver: cue(/\b(start|over|beginning|top|scratch|begin)\b/),
  repeat: cue(
    /\b(repeat|again|say that|say it|pardon|what did you say|what did you just say|what was that|catch|hear|missed|come again|one more time|once more|slowly|slower)\b/,
  ),
  help: cue(
    /\b(help|confused|confusing|lost|what can i|options|how does|what do i|understand|what should|how do i use)\b/,
  ),
  stop: cue(
    /\b(stop|bye|goodbye|hang up|end (the |this )?call|that's all|that's it|all set|nothing else|i'm done|quit|exit|enough|finish)\b/,
  ),
  cancel: cue(
    /\b(cancel|never ?mind|forget (it|about it|that|this)|quit|exit|give up|leave it|drop it|don't bother)\b/,
  ),
  // What the line keeps about the caller, not their backup: "delete my backup?" is about the steps.
  deleteMyData: cue(
    /\b(delete|erase|remove|forget|clear|wipe)\b.*\b(me|my (data|information|info|details|progress|saved progress|number|phone number|record|records|place|saved place|history|call|stuff you)|what you(?:'ve)? (saved|have|stored|kept|know|got)|everything|anything you|that you saved|the saved)\b|\b(don't|do not) (keep|store|save)\b/,
  ),
  back: cue(/\b(back|previous|before|last one|undo)\b/),
};
/** "It's back on", "it came back up": news about the iPhone, not the back command. */
const IT_CAME_BACK = cue(
  /\b(it's|its|it is|it has|it came|came|come|comes|coming|turned|phone is|iphone is|phone's) back\b|\b(came|comes|come|coming|turned|switched) (it )?back (on|up)\b/,
);
/** "Sign out and back in", "log back in": not the back command either. */
const BACK_IN = cue(/\bback in(to)?\b|\b(sign|log|signing|logging|get|getting|got) (\w+ )?back\b/);

/** "I don't want to delete anything", "don't hang up": the command's word, negated. */
const NEGATED = cue(
  /\b(don't|do not|dont|not|never|no need to|without)\b(?:\s+\w+){0,3}\s+(delete|erase|remove|wipe|stop|cancel|hang up|quit|exit|end)\b/,
);

/** Something other than the caller starting over: "will the backup start over", "it starts again from scratch". */
const BACKUP_STARTS_OVER = cue(
  /\b(it|backup|upload|that|this|everything|progress|the whole thing)(?: will| would| might| gonna| going to| has to| have to)? (start|starts|started|starting|begin|begins) (over|again|from)\b/,
);

/** Whether words the NLU filed under `command` really ask for it. */
export function saysCommand(command: Recognised, text: string): boolean {
  if (command === "back" && (IT_CAME_BACK.test(text) || BACK_IN.test(text))) return false;
  // "I haven't tried it yet" is not "I already tried that".
  if (command === "skip" && /\b(haven't|have not|not yet|didn't|did not|never)\b/.test(text)) return false;
  // "Will the backup start over from zero?", "does it start again if I restart?": the backup starting over, not
  // the caller asking to.
  if (command === "startOver" && BACKUP_STARTS_OVER.test(text)) return false;
  if ((command === "stop" || command === "cancel" || command === "deleteMyData") && NEGATED.test(text))
    return false;
  const must = MUST_SAY[command];
  return !must || must.test(text);
}

/** "It's back on now": the step to carry out is done. */
export const cameBack = (text: string) => IT_CAME_BACK.test(text);

/**
 * Asked as a question: "how long does it take", "will I lose my photos", "is that an app"; not "did that, still
 * stuck" (the "I" left out of "I did that").
 */
const QUESTION = cue(
  /^(?:(?:okay|ok|alright|all right|right|well|so|and|but|hmm|wait|sorry) ,? ?)*(how|what|what's|whats|why|where|where's|when|which|who)\b|^(if|but will|and will)\b|^(is|are|was|were|do|does|did|can|could|will|would|should|shall|am|have|has)\b(?! (?:already |still |now |all )?(grey|gray|green|white|off|on|full|empty|fine|good|ok|okay|done)\b)(?! (that|it|this|both|everything)(?: ,|$))(?! (?:that|it|this|those)(?: one)? (?:too|as well|already|before|earlier)\b)(?!(?<=\bdid) (?:the|my) [a-z']+(?: [a-z']+)? ,)(?! a (?:good|nice|great|lovely) (?:one|day|night|evening|weekend)\b)(?!(?<=\bdid) (?:the|my) [a-z']+$)/,
);
/** "It back up by itself, when?": a question word at the end. */
const QUESTION_AT_END = cue(
  /\b(?<!(know|sure|idea|understand|wonder|tell|see|clue) )(when|why|how|where|what|which)$/,
);
/** "It's been going all day, is that normal?": a question tacked on at the end. */
const QUESTION_TAIL = cue(
  /\b(is that|is it|is this|was that) (normal|right|ok|okay|supposed to|expected|bad|good|a problem)( though)?( or (?:is it|is that|has it|did it|it's|has that) [a-z' ]{1,30})?$/,
);
const QUESTION_INSIDE = cue(
  /\b(but|and|so|though|also)\s+(will|does|do|is|what|how|why|can|would)\b.*\b(i|my|it|this|that)\b/,
);
/** Words that open as a question ("what's a progress bar?"), not only hold one. */
export const opensAsQuestion = (text: string) => QUESTION.test(text);
/** Only a tag question after a statement: "it says 2 hours remaining, is that normal?". */
export const onlyTagQuestion = (text: string) =>
  QUESTION_TAIL.test(text) && !QUESTION.test(text) && !QUESTION_INSIDE.test(text);
export const isQuestion = (text: string) =>
  QUESTION.test(text) ||
  QUESTION_INSIDE.test(text) ||
  QUESTION_AT_END.test(text) ||
  QUESTION_TAIL.test(text) ||
  // "Ok, I deleted it. How do I know if it's working now?": a later sentence that opens as a question.
  text
    .split(" , ")
    .slice(1)
    .some((clause) => QUESTION.test(clause));

const ORDINALS = [
  "first",
  "second",
  "third",
  "fourth",
  "fifth",
  "sixth",
  "seventh",
  "eighth",
  "ninth",
  "tenth",
];
const NUMBERS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
/** "Go back two steps", "a couple of steps back": how many steps back, said as a count. */
const STEPS_BACK = cue(
  new RegExp(
    `\\bback (${NUMBERS.join("|")}|a couple of|a couple|\\d) steps?\\b|\\b(${NUMBERS.join("|")}|a couple of|a couple|\\d) steps? back\\b`,
  ),
);
/** The number of steps a caller asks to go back ("go back two steps" gives 2), or undefined. */
export function stepsBack(text: string): number | undefined {
  const m = STEPS_BACK.exec(text);
  const said = m?.[1] ?? m?.[2];
  if (said === undefined) return undefined;
  if (said.startsWith("a couple")) return 2;
  const n = /^\d$/.test(said) ? Number(said) : NUMBERS.indexOf(said) + 1;
  return n > 0 ? n : undefined;
}

/** "Step one", "step 2", "the first step". */
const STEP_NAMED = cue(
  new RegExp(`\\bstep (${NUMBERS.join("|")}|\\d{1,2})\\b|\\b(?:the )?(${ORDINALS.join("|")}) step\\b`),
);
/** Asking to hear a step again, or to go to it: "what was step one again?", "go back to the first step". */
/** Going to a step: "go back to step two", "can we redo the first step". */
const GOES_TO_STEP = cue(/\b(go back to|back to|take me to|return to|redo|do|start (?:again )?from|from)\b/);
/** Hearing what a step was: "what was step one again?", "repeat step 2". */
const ASKS_ABOUT_STEP = cue(/\b(what was|what's|what is|repeat|read|say|hear|tell me)\b/);
/**
 * The step number a caller asks to go back to ("can we go back to the second step", "no, step four") or to hear
 * again where they are ("what was step one again?"), or undefined. Only "the first step" or a number said with
 * "step": "first" alone is not.
 */
export function stepAskedFor(text: string): { n: number; go: boolean } | undefined {
  const m = STEP_NAMED.exec(text);
  if (!m) return undefined;
  const before = text.slice(0, m.index);
  // "No, the router one. Step four": a clause that is only a step number goes there.
  const alone = new RegExp(`(^|, )(?:no |yes |um |the )?${m[0]}(?: please| again)?( ,|$)`).test(text);
  const go = GOES_TO_STEP.test(before) || alone;
  if (!go && !ASKS_ABOUT_STEP.test(before)) return undefined;
  const said = m[1] ?? m[2] ?? "";
  const n = /^\d+$/.test(said) ? Number(said) : NUMBERS.indexOf(said) + 1 || ORDINALS.indexOf(said) + 1;
  return n > 0 ? { n, go } : undefined;
}
