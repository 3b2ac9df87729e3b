// Reads one caller turn against what the line just asked. The NLU (Lex, Alexa, the local classifier) says which
// intents the words resemble; this decides what they mean here: an answer to the open question (in its own words,
// hedged, or plain), a step command, a side question, or a problem of another topic, which only leaves the topic
// under way when the caller clearly asks to. Pure and channel-neutral: words and intents in, an engine Input out.
import { FALLBACK_INTENT, isTopicIntent, navCommand, type TopicId } from "../../content/intents.js";
import { mentionsAny } from "../../content/mentions.js";
import type { AnswerWords, SpeechContent } from "../../content/types.js";
import { stepNumber } from "../path.js";
import { looksPersonal } from "../privacy.js";
import { type State, understoodAnswer } from "../state.js";
import type { Input } from "../types.js";
import {
  aboutAnotherProblem,
  answeredBy,
  answerInContext,
  FAILING,
  failsAgain,
  GENERAL_TOPIC,
  NOTHING_ELSE,
  STILL_FAILING,
  SURE_OF_TOPIC,
  troubleBesideReport,
  yesToSomethingElse,
} from "./answer-context.js";
import { saysNegation } from "./answer-phrases.js";
import {
  acknowledgesOnly,
  goesAhead,
  normaliseWords,
  readAnswer,
  readProgress,
  saysItIsDone,
} from "./answer-words.js";
import { byIntent, readQuestion, SWITCH, topicInContext } from "./by-intent.js";
import { cue } from "./cue.js";
import {
  afterStall,
  asksRepeat,
  asksWhyStep,
  beforeStallAtEnd,
  cameBack,
  correctionIn,
  isDoneHere,
  isLeaving,
  isQuestion,
  onlyTagQuestion,
  opensAsQuestion,
  personRequest,
  saidAgain,
  saysCommand,
  stepAskedFor,
  stepsBack,
  stillWorking,
} from "./cues.js";
import {
  atFixedStep,
  atQuestionStep,
  earlierAnswer,
  earlierQuestion,
  justResolved,
  waitingFor,
} from "./expectation.js";
import {
  ALTERNATIVE_MIN_CONFIDENCE,
  type Heard,
  type Interpretation,
  isSideQuestion,
  PLAUSIBLE,
} from "./heard.js";
import { readBackupProgress, readUsage } from "./readings.js";
import { readResumeAnswer } from "./resume-answer.js";
import {
  doneStepAhead,
  earlierTopicAsked,
  problemGoneBackTo,
  stepGoneBackTo,
  stepNamed,
} from "./step-by-name.js";
import { saysItWorks, stepAboutSecret, stepCovers, wantsDeclinedStep } from "./step-context.js";
import {
  asksToMoveOn,
  didTheStep,
  doneBefore,
  doneOfOtherThing,
  mentionsBackup,
  reportsDevice,
  reportsDone,
  saysBackupWorked,
  saysBackupWorksNow,
  saysNoChange,
  saysNotThere,
  saysOthersWork,
  stepBlocked,
  willTryStep,
} from "./step-reports.js";
import {
  aboutTheLine,
  asksByNotKnowing,
  asksInWritingOrTone,
  asksWhatAgain,
  holdsForQuestion,
  isGreetingOnly,
  saysYesFirst,
} from "./turn-shapes.js";

export type { Heard, Interpretation };

/** Asking for the next step, at a step to carry out. */
const ASKS_WHAT_NEXT = cue(
  /\b(now what|what now|then what|what's next|whats next|what next|what do i do (now|next)|what should i do (now|next)|what comes next|where do i go from here)\b/,
);

/** Asking how to carry out what was just agreed to: "where do I go?", "how do I do that?". */
const HOW_DO_I_DO_IT = cue(
  /\b(where|how) (do|can|should|would) i (go|do (that|it|this)|find (it|that|them)|start|begin|get there)\b|\bwhere do i (tap|click|look)\b/,
);

/** Back after a pause: "right, I'm back", "okay, sorry about that, I'm here", "ready now". */
const BACK_FROM_PAUSE = cue(
  /^(?:(?:okay|ok|alright|all right|right|so|sorry|sorry about that|um|uh)\s*,?\s*)*(?:i'm back now|i am back now|i'm back|i am back|back now|i'm here now|i'm here|i'm ready now|i'm ready|ready now)\b\s*,?\s*/,
);

/** A side question the NLU is this sure of outweighs a loose answer in the same words. */
const SURE_OF_SIDE_QUESTION = 0.7;
/** A side question the NLU is this sure of outweighs even a clear "not sure" ("I can't find General"). */
const CERTAIN_OF_SIDE_QUESTION = 0.9;

/** "Go back", "back up a step", "can we go back": the back command, said first. */
const GO_BACK = cue(
  /^(?:(?:okay|ok|sorry|wait|hang on|um|so)\s*,?\s+)?(go back|back up a step|take me back|can we go back|could we go back|previous step|the step before)\b/,
);

/**
 * The interpretations with every command the words don't ask for taken out ("I think my Apple ID got locked" is
 * not Next, "looks like it was back in January" not Back), and every side question whose mentions the words
 * hold none of ("still won't go, now it says my iCloud is full" is no question about losing data): the next one
 * the NLU found plausible leads instead, or FallbackIntent. An NLU unsure of everything (FallbackIntent first)
 * stays unsure.
 */
function supported(
  heard: Heard,
  text: string,
  covered: string | undefined,
  questions: SpeechContent["questions"],
): Heard {
  if (!text) return heard;
  const kept: Interpretation[] = [];
  let dropped = false;
  for (const i of heard.interpretations) {
    const command = navCommand(i.intent);
    // The topic the step under way is a part of ("it's green now" at the general topic's backup-settings step,
    // words of checking iCloud Backup is on): the step's own words, never a reason to offer that topic.
    const mentions = questions[i.intent]?.mentions;
    if (
      (command && !saysCommand(command, text)) ||
      i.intent === covered ||
      (mentions && !mentionsAny(text, mentions))
    ) {
      dropped = true;
      continue;
    }
    kept.push(i);
  }
  if (!dropped) return heard;
  // The step's own topic led: the words are about the step, and no other guess leads in its place.
  if (covered !== undefined && heard.interpretations[0]?.intent === covered)
    return { ...heard, interpretations: [{ intent: FALLBACK_INTENT }, ...kept] };
  const lead = kept[0];
  if (!lead || lead.intent === FALLBACK_INTENT || (lead.confidence ?? 0) < PLAUSIBLE)
    return {
      ...heard,
      interpretations: [
        { intent: FALLBACK_INTENT },
        ...kept.filter((i) => i !== lead || lead.intent !== FALLBACK_INTENT),
      ],
    };
  return { ...heard, interpretations: kept };
}

/** A yes, or "actually", leading into what the caller wants: "yeah actually, ...". */
const YES_THEN = cue(/^(?:(?:yes|yeah|yep|yup|sure|actually|well|oh|okay|ok)\b ?,? ?)+/);
/** "One more thing", "actually, I've got another question": something else to ask, at "anything else?". */
const ONE_MORE = cue(
  /\b(?:one more(?: quick)?(?: thing| question)?|(?:another|a quick|one quick)(?: question| thing)|i (?:also )?(?:have|got|'ve got) (?:another|a|one more)(?: quick)? (?:question|thing))\b(?: (?:actually|though|sorry|please))?/,
);

/**
 * At "anything else?", what the caller goes on to: whatever follows "one more" ("nope, that's it. Oh wait, one
 * more: will it back up every night?"; "" for "one more thing" alone), a question after a change of mind ("no,
 * that's all. Oh wait, actually, do I need to update first?") or after a yes ("yeah actually, how much is more
 * storage?"). Undefined when the words go on to nothing of the kind.
 */
function goesOnTo(text: string): string | undefined {
  const more = ONE_MORE.exec(text);
  if (more) return text.slice((more.index ?? 0) + more[0].length).replace(/^[\s,]+/, "");
  const changed = correctionIn(text)?.tails[0];
  if (changed && isQuestion(changed)) return changed;
  const yesThen = YES_THEN.exec(text);
  const asking = yesThen ? text.slice(yesThen[0].length).trim() : "";
  return asking && isQuestion(asking) ? asking : undefined;
}

export function readTurn(content: SpeechContent, state: State | undefined, given: Heard): Input {
  const raw = given.text.trim();
  const secretAsked = stepAboutSecret(content, state);
  if (raw.length > 0 && looksPersonal(raw, { secretAsked })) return { type: "personalData" };
  const text = normaliseWords(raw);
  const s = state;
  const covered = s?.phase === "step" || s?.phase === "confirm" ? stepCovers(content, s) : undefined;
  const heard = supported(given, text, covered, content.questions);
  const top = heard.interpretations[0]?.intent ?? FALLBACK_INTENT;
  const topConfidence = heard.interpretations[0]?.confidence ?? 0;
  const inTopic = s?.phase === "step" || s?.phase === "confirm";
  const { waiting, words } = waitingFor(content, s);

  // "Hello?", "hey there", "good morning": a greeting alone is someone checking the line is there, and hearing
  // what it asked (never a guess at a problem). So is "wait, what?".
  if (isGreetingOnly(text) || asksWhatAgain(text)) return { type: "repeat" };
  // The channel sent no words (Alexa): the intent is all there is.
  if (text.length === 0) {
    if (raw.length === 0 && heard.interpretations.length === 0) return { type: "noInput" };
    return byIntent(content, s, top, "", inTopic);
  }

  // Right after a side answer, "no, I asked if the call is free", "no, the update, how long does the update
  // take": that answer missed; the question again, never an answer to the step's. The same answer again would
  // miss again: an honest "I don't have that" instead.
  const missed = s?.said && isSideQuestion(content, s.said) ? REASKED.exec(text) : null;
  if (missed) {
    const again = readQuestion(content, s, heard, text.slice(missed[0].length), inTopic);
    return again.type === "sideQuestion" && again.intent === s?.said ? { type: "sideQuestion" } : again;
  }
  // "Right, I'm back" after a pause: back, and nothing answered (the "right" is no yes to a warning read before
  // the pause). What follows it ("okay, I'm back, no, still nothing") is read as the turn.
  const cameBackFromPause = s?.paused ? BACK_FROM_PAUSE.exec(text) : null;
  if (cameBackFromPause) {
    const rest = text.slice(cameBackFromPause[0].length).trim();
    return rest ? readTurn(content, s, { ...given, text: rest }) : { type: "resume" };
  }
  // "Back" alone after "brb": the caller is back, not asking for the step before.
  if (s?.paused && /^(?:(?:ok|okay|k|right)\s*,?\s*)?back[ !.]*$/.test(text)) return { type: "resume" };
  // At "anything else?", what the caller goes on to is the turn ("one more thing" on its own is a yes).
  const goneOn = waiting === "anythingElse" ? goesOnTo(text) : undefined;
  if (goneOn !== undefined)
    return goneOn ? readTurn(content, s, { ...given, text: goneOn }) : { type: "yes", answered: true };
  // "Hang on, does that mean my Wi-Fi is broken?": a question after a stall is a question.
  const stalled = afterStall(text);
  const asked =
    isQuestion(text) ||
    (stalled !== undefined && stalled.length > 0 && isQuestion(stalled)) ||
    asksInWritingOrTone(raw) ||
    asksByNotKnowing(text);
  // "How do I turn it off?" at the general fix's restart step: a question about what the step covers, whose
  // answer is the step itself.
  const aboutStep = covered !== undefined && given.interpretations[0]?.intent === covered;
  if (asked && aboutStep && /^(?:(?:um|uh|so|ok|okay|sorry|wait) ,? )*how\b/.test(text))
    return { type: "repeat" };
  const answering = waiting === "answer" || waiting === "confirm" || waiting === "anythingElse";
  const reply = answering ? readAnswer(text, words) : undefined;
  // 1. Cues that decide the turn whatever the NLU guessed: leaving, correcting an answer, needing a moment.
  if (!asked && isLeaving(text)) {
    // "It's working, it's backing up. Bye": the question answered on the way out.
    // Not "that's me done for today": the caller's own "done" and "today" are no news of the backup.
    const fixed =
      atFixedStep(content, s) &&
      (saysBackupWorksNow(text) || (saysBackupWorked(text) && !saysNegation(text)));
    return fixed ? { type: "stop", fixed } : { type: "stop" };
  }
  // "I'd rather not restart it, the backup is going now": news that the backup itself works (a clause that says
  // so, with no "not" in it and no question) ends the topic as fixed, at a step to carry out too.
  const atFix = waiting === "answer" && atFixedStep(content, s);
  const clearNo = reply?.answer === "no" && reply.strength === "clear";
  // At a confirmation too ("it's backing up now, says 20 minutes left" before deleting): the step isn't needed.
  const atConfirm = waiting === "confirm";
  if (!asked && (waiting === "done" || atFix || atConfirm) && !clearNo && saysBackupWorksNow(text))
    return { type: "yes", answered: true, fixed: true };
  // "Hi, the backup finished fine last night" at the welcome-back offer, "done! it says latest backup today" at
  // "anything else?": news that it works, not a problem to start on.
  if (!asked && (s?.phase === "resume" || waiting === "anythingElse") && saysItWorks(content, text))
    return { type: "yes", answered: true, fixed: true };
  // "Great, thanks" or "that's all" at "is there anything else?": nothing else.
  if (waiting === "anythingElse" && isDoneHere(text)) return { type: "no", answered: true };
  // "Great, thanks, that's it then" at "do you want to go ahead?" with something that can't be undone: leaving,
  // never a yes.
  if (waiting === "confirm" && isDoneHere(text) && !/^(?:no|nope|nah)\b/.test(text)) return { type: "stop" };
  // A person asked for in so many words, wherever the conversation is.
  const person = personRequest(text);
  if (person === "asked") return { type: "topic", topic: "ContactSupport" };
  if (person === "tentative") return { type: "wondersAboutPerson" };
  // "I don't need a person, just tell me what to do": the steps carry on, unless another problem is named.
  const namesProblem = isTopicIntent(top) && top !== "ContactSupport" && topConfidence >= SURE_OF_TOPIC;
  if (person === "withdrawn" || (person === "declined" && !namesProblem)) return { type: "noPerson" };
  // "Actually yes, go ahead, let's do the signing out one" when a person was offered after the last fix was
  // turned down: that fix, now wanted, not the person.
  if (s?.offered && s.phase === "anythingElse" && wantsDeclinedStep(content, s, heard, text))
    return { type: "correction", answer: "yes" };
  // "Yes let's do that. Will I have to pay for this?" at "do you want to leave ... and go to ...?": the yes answers
  // it; the question can come after.
  if (s?.ask === "switch" && asked && saysYesFirst(text)) return { type: "yes", answered: true };
  // At the welcome-back offer: "nah, start from scratch", "it's still stuck, same as before".
  const toOffer = readResumeAnswer(s, heard, text, asked);
  if (toOffer) return toOffer;
  // "Could you say all that once more, slowly?": the step again.
  if (asksRepeat(text) && !OPENS_WITH_ANSWER.test(text)) return { type: "repeat" };
  // "Why are we checking storage?": why this step, unless the NLU is certain it's a question it has an answer
  // for ("why do I have to plug it in?") or sure it names a problem ("why is my backup failing?").
  const sureOfOther = isTopicIntent(top)
    ? topConfidence >= SURE_OF_TOPIC
    : isSideQuestion(content, top) && topConfidence >= CERTAIN_OF_SIDE_QUESTION;
  if (inTopic && asksWhyStep(text) && !sureOfOther) return { type: "sideQuestion", whyStep: true };
  // "Can we get back to what we were doing before?": the problem left for this one, where it was left.
  const earlier = earlierTopicAsked(s, text);
  if (earlier !== undefined) return { type: "topic", topic: earlier };
  // "Go back a bit, what was I meant to sign out of": back, whatever else the words name.
  // "What was step one again?", "go back to the first step": that step, by the number the caller heard.
  const numbered = inTopic ? stepAskedFor(text) : undefined;
  if (numbered !== undefined) return { type: "stepNumber", ...numbered };
  // "I'd rather just buy more storage", "can we skip to restarting it?": that step, by what it does.
  const named = inTopic ? stepNamed(content, s, text) : undefined;
  if (named !== undefined) return { type: "stepNamed", step: named };
  // "Go back two steps": the step heard that many numbers before this one.
  const back = inTopic && s?.topic !== undefined ? stepsBack(text) : undefined;
  if (back !== undefined && s?.topic !== undefined) {
    const here = stepNumber(content.topics[s.topic], s.step, s.hist);
    return back === 1 ? { type: "back" } : { type: "stepNumber", n: Math.max(1, here - back), go: true };
  }
  // "Can we go back to the storage bit?": the step on the way here that it names.
  const backToStep = inTopic ? stepGoneBackTo(content, s, text) : undefined;
  if (backToStep !== undefined) return { type: "stepNamed", step: backToStep };
  // "Can we go back to the storage thing?": back to another problem the NLU names, not a step back in this one.
  const backTo = inTopic ? problemGoneBackTo(content, s, heard, text) : undefined;
  if (backTo !== undefined) return { type: "topic", topic: backTo };
  if (inTopic && GO_BACK.test(text)) return { type: "back" };
  // At a confirmation, "I'd rather not ...", "I don't think so" is the answer, whatever it goes on to ask for: before
  // something that can't be undone, any no counts.
  // Unless the caller changes it, plainly, in the same breath: "no. wait, I meant yes, go ahead".
  // Nor when the no only holds the caller's place for a question: "no wait, what does resetting do?".
  if (
    waiting === "confirm" &&
    reply?.answer === "no" &&
    reply.strength !== "words" &&
    !plainYesAfter(text, words) &&
    !holdsForQuestion(text)
  )
    return { type: "no", answered: true };
  // "Okay, fine, go ahead. Where do I go?": a go-ahead, and how to do it is what the step says. "Okay, done that"
  // before the step was read: the caller went ahead on their own.
  if (waiting === "confirm" && !saysNegation(text)) {
    if (goesAhead(text) && HOW_DO_I_DO_IT.test(text)) return { type: "yes", answered: true };
    if ((saysItIsDone(text) || didTheStep(text)) && !asked)
      return { type: "yes", answered: true, done: true };
  }
  // "Yep, I'm on Wi-Fi, it's connected" at "do you want to go ahead?" before something that can't be undone: news
  // about the phone, not a go-ahead. The warning and the question again.
  if (
    waiting === "confirm" &&
    reply?.answer === "yes" &&
    reply.strength !== "words" &&
    reportsDevice(text) &&
    !goesAhead(text)
  )
    return { type: "maybe" };
  // "Okay, it's off, now what?": asking what comes next after a step to carry out is being ready for it; after a
  // fix ("is your backup working now?"), it says they did it and don't know yet: how to check, and the question.
  if (ASKS_WHAT_NEXT.test(text) && !GO_BACK.test(text)) {
    if (waiting === "done") return { type: "next", answered: true };
    // "Okay, still slow. What's next?": the fix changed nothing, so a no.
    if (waiting === "answer" && atFixedStep(content, s))
      return saysNoChange(text) ? { type: "no", answered: true } : { type: "maybe", answered: true };
  }
  // "Actually, I'd like to switch to the backup being stuck": a change asked for beats answer words in it.
  // The other problem may rank below the one under way when the words name both ("never mind the Wi-Fi, I need
  // my storage sorted").
  const namesTopic = isTopicIntent(top) && top !== "ContactSupport";
  const asksForChange = inTopic && SWITCH.test(text);
  // Asked for in so many words, another problem counts from the confidence an alternative is read at at all.
  const other =
    asksForChange && namesTopic ? otherTopic(heard, s?.topic, ALTERNATIVE_MIN_CONFIDENCE) : undefined;
  if (other)
    // Opening with an answer ("no, now it's giving me an error instead"): the new problem is asked about.
    return {
      type: "topic",
      topic: other,
      ...(OPENS_WITH_ANSWER.test(text) ? { tentative: true } : {}),
    };
  // A question with a marker inside it ("how long should I wait before I call it stuck?") corrects nothing.
  const correction = asked && !CORRECTION_FIRST.test(text) ? undefined : correctionIn(text);
  // "Wait, I meant no", "no, it's still failing" right after the line took a yes as fixed: the yes taken back.
  const resolvedAt = justResolved(content, s);
  if (resolvedAt) {
    // A bare "sorry, no" is no to anything else; "wait, no, it's still not going" says more: the answer changed.
    const said = correction?.tails.filter((t) => correction.earlier || !NOTHING_ELSE.test(t));
    const undone = said
      ?.map((t) => readAnswer(t, resolvedAt.words))
      .find((r) => r !== undefined && r.answer !== "maybe" && r.strength !== "loose");
    const meant = undone?.answer === "no";
    if (meant || (!asked && STILL_FAILING.test(text))) return { type: "correction", answer: "no" };
    // "It's not fixed", "that's what it always says, then it never finishes": the question's own words, a no.
    const now = asked ? undefined : readAnswer(text, resolvedAt.words);
    if (now?.answer === "no" && now.strength === "words") return { type: "correction", answer: "no" };
  }
  // "So there's still room." "No, it's nearly full": right after the line said what it took an answer in words to
  // mean, that question's own words, meaning the other answer, put it right. So do they with a correction marker
  // a step later ("wait, sorry, it is nearly full actually" at the Wi-Fi step that a "not full" led to).
  // A reading said at the step after ("it says 4.97 GB of 5 GB used" at the step a "not full" led to) is the
  // earlier question's answer in figures, whatever else the words say.
  const reading = readUsage(text) !== undefined;
  const understood =
    understoodAnswer(s?.said) ?? (correction || reading ? earlierAnswer(content, s) : undefined);
  const earlierWords = understood && inTopic ? earlierQuestion(content, s)?.words : undefined;
  const readingBack = reading && earlierWords?.ratio !== undefined;
  // Not "it's green now" at the step that turns it on: the state changed, the earlier answer was right.
  const changedSince = waiting === "done" && /\b(now|anymore|any more)\b/.test(text);
  // Nor "I can't do it, it won't install": the step blocked, not the answer before it taken back.
  const retold =
    earlierWords && (reply?.strength !== "words" || readingBack) && !changedSince && !stepBlocked(text)
      ? readAnswer(text, earlierWords)
      : undefined;
  if (retold?.strength === "words" && retold.answer !== "maybe" && retold.answer !== understood)
    return { type: "correction", answer: retold.answer };
  // "I think so, it says 4.8 of 5" a step later, agreeing with the answer taken: heard, and the step still to do.
  if (readingBack && retold?.answer === understood && waiting === "done")
    return { type: "no", answered: true };
  if (correction && (waiting === "answer" || waiting === "confirm" || waiting === "done")) {
    // "I meant yes" changes an earlier answer; so does "sorry, yes" at a step that asked nothing.
    // Not when the turn opened with its own answer: "no. wait, I meant yes, go ahead" answers the question open.
    const pastTense =
      (correction.earlier || (waiting === "done" && /\bsorry\b/.test(text))) &&
      !OPENS_WITH_ANSWER.test(correction.head);
    // With a question about the conversation open ("leave this topic?"), "no wait, yes, I meant yes" answers it.
    const before = pastTense && inTopic && !s?.ask ? earlierQuestion(content, s) : undefined;
    // "Wait, what's a progress bar?" asks something: a question after the marker is no new answer.
    const reading = correction.tails
      .filter((t) => !opensAsQuestion(t))
      .map((t) => readAnswer(t, before ? before.words : words))
      .find((r) => r !== undefined && r.answer !== "maybe" && r.strength !== "loose");
    const answer = reading?.answer;
    // "Actually I think it's really the storage thing" at a step that can't be undone: only a clear yes goes ahead.
    const loose = reading?.strength === "hedge" || reading?.strength === "loose";
    if (waiting === "confirm" && !before && answer === "yes" && loose) return { type: "maybe" };
    if (answer && answer !== "maybe") {
      if (before) return { type: "correction", answer };
      // "No, actually yes, let's do it", "oh actually yeah, it's charging" at "is your backup working now?": a
      // go-ahead or the step's own state, not news that the backup works.
      const elsewhere = yesToSomethingElse(content, s, waiting, text, { answer, strength: "clear" });
      if (elsewhere) return elsewhere;
      // "Well no, actually it's only about half": the answer in words, said back as such.
      return reading?.strength === "words"
        ? { type: answer, answered: true, inWords: true }
        : { type: answer, answered: true };
    }
    // "Yeah, go ahead. Oh no, hang on, I still use the iPad": a go-ahead taken back without a new answer is no
    // go-ahead; the warning and the question again.
    if (waiting === "confirm" && !before && reply?.answer === "yes") return { type: "maybe" };
  }
  // "I just said yes" after a reprompt: the same answer again.
  const again = answering ? saidAgain(text) : undefined;
  const repeated = again ? readAnswer(again, words) : undefined;
  if (repeated && repeated.answer !== "maybe" && repeated.strength !== "loose")
    return { type: repeated.answer, answered: true };
  // A question the NLU files under a side question ("where's my name? I don't see it") is that question, not a
  // "not sure", unless it opens with the answer.
  // A reading with only "is that normal?" after it is the answer, whatever the NLU made of the question.
  const readingAsked =
    onlyTagQuestion(text) &&
    reply?.strength === "words" &&
    (readBackupProgress(text) !== undefined || readUsage(text) !== undefined);
  if (asked && isSideQuestion(content, top) && !OPENS_WITH_ANSWER.test(text) && !readingAsked)
    return { type: "sideQuestion", intent: top };
  // A question is not answered by its own words ("what counts as nearly full?"), unless it opens with the answer.
  // Nor is a request for something else ("I need to get my storage sorted"), whatever answer words it holds.
  // A reading with "is that normal?" after it ("it says 2 hours remaining, is that normal?") answers all the same.
  const asksAboutAnswer = asked && !OPENS_WITH_ANSWER.test(text) && !onlyTagQuestion(text);
  // "Okay, it's updating now" at is-it-working: the phone busy with the step, a moment (not the step's words).
  if (!asked && atFixedStep(content, s) && PHONE_BUSY.test(text) && reply?.answer !== "no")
    return { type: "pause" };
  // "Right, it's done, says up to date" at is-it-working after the update: the update done, not the backup.
  const otherDone = reply?.answer === "yes" && atFixedStep(content, s) && doneOfOtherThing(text);
  if (reply?.strength === "words" && otherDone && !asked)
    return { type: "maybe", answered: true, done: true };
  if (reply?.strength === "words" && !asksAboutAnswer && !asksForChange)
    return answerInContext(reply, { content, s, waiting, text, inTopic, heard });
  // "Ehm, I'd have to look, hang on": a stall at the end is a stall too, unless what comes before it answers
  // ("it says 4.9 of 5, hang on") or asks something.
  const before = stalled === undefined ? beforeStallAtEnd(text) : undefined;
  if (before !== undefined && !isQuestion(before)) {
    const then = before && answering ? readAnswer(before, words) : undefined;
    if (then && then.strength !== "loose" && then.strength !== "hedge")
      return answerInContext(then, { content, s, waiting, text: before, inTopic, heard });
    return { type: "pause" };
  }
  if (stalled !== undefined) {
    // "Oh no wait, it's gone back up to four hours" after a fix: the fix taken back, not a moment.
    if (waiting === "anythingElse" && s?.topic && stalled && failsAgain(content, stalled))
      return { type: "correction", answer: "no" };
    // "Hang on, does that delete my pictures?": the question is what matters; "hang on, it's still going": a moment.
    // The stall word is what the NLU's wait or hold command heard, not the question: read without it.
    if (stalled && isQuestion(stalled))
      return readQuestion(
        content,
        s,
        supported(heard, stalled, covered, content.questions),
        stalled,
        inTopic,
      );
    const then = stalled && answering ? readAnswer(stalled, words) : undefined;
    // "Oh hang on, yeah, I'm on the Wi-Fi, it's connected": a yes to something else after the stall too.
    const elsewhere = stalled ? yesToSomethingElse(content, s, waiting, stalled, then) : undefined;
    if (elsewhere) return elsewhere;
    // At "anything else?", even a loose no counts: "wait, it's not working" re-opens the problem.
    if (then && ((then.strength !== "loose" && then.strength !== "hedge") || waiting === "anythingElse"))
      return answerInContext(then, { content, s, waiting, text: stalled, inTopic, heard });
    if (waiting === "done" && stalled && saysItIsDone(stalled)) return { type: "next", answered: true };
    // "Wait, but I'm calling on this iPhone, won't it hang up?": more than a stall, and the NLU is sure what.
    if (
      stalled &&
      !stillWorking(stalled) &&
      navCommand(top) !== "pause" &&
      topConfidence >= SURE_OF_SIDE_QUESTION
    )
      return byIntent(content, s, top, stalled, inTopic, heard);
    // "Oh wait, I'm on Wi-Fi, it's connected" at "is your backup working now?": news of the step, not a moment.
    const reportsStep = stalled && (reportsDone(stalled) || reportsDevice(stalled));
    if (reportsStep && waiting === "answer" && atFixedStep(content, s))
      return { type: "maybe", answered: true, done: true };
    // "Wait, my WhatsApp messages are lost now?": a question after the stall, even one the NLU can't place, is
    // asked, not a moment (the honest "I don't have that" beats "take your time").
    const asksAfterStall = isQuestion(stalled ?? "") || /\?\s*$/.test(raw);
    if (stalled && !stillWorking(stalled) && asksAfterStall && navCommand(top) !== "pause")
      return readQuestion(content, s, heard, stalled, inTopic);
    return { type: "pause" };
  }
  if (stillWorking(text)) return waiting === "done" ? { type: "no", answered: true } : { type: "pause" };
  const atFixNow = waiting === "answer" && atFixedStep(content, s);
  // "Uh, the website loads fine, yeah" at "is your backup working now?": other things work, which says nothing of
  // the backup. How to check, then the question.
  if (!asked && atFixNow && saysOthersWork(text) && !mentionsBackup(text))
    return { type: "maybe", answered: true, done: true };
  // "There's no bar on mine" at a question: what the step says to look at isn't there, which answers nothing
  // (the no in it is no "no"). A side question the NLU is sure of, or how to tell.
  if (!asked && waiting === "answer" && atQuestionStep(content, s) && saysNotThere(text)) {
    const sure = isSideQuestion(content, top) && topConfidence >= SURE_OF_SIDE_QUESTION;
    return sure ? { type: "sideQuestion", intent: top } : { type: "maybe", answered: true };
  }
  // "Wifi's fine but when I hit Back Up Now it says not enough storage": another problem, asked about.
  const trouble = !asked && atFixNow ? troubleBesideReport({ content, s, text, heard }) : undefined;
  if (trouble) return { type: "topic", topic: trouble, tentative: true };
  // "Yep it's on, tapped it, nothing. Next one", "rebooted, same crap", "it's plugged in, didn't change anything" at
  // "is your backup working now?": the fix changed nothing, a no (news that it works aside). "Yeah yeah, wifi's
  // fine, skip it", "let's try the next thing": on to the next fix, at a step to carry out too.
  if (!asked && atFixNow && saysNoChange(text) && !saysBackupWorked(text))
    return { type: "no", answered: true };
  if (!asked && (atFixNow || waiting === "done") && asksToMoveOn(text) && !saysBackupWorked(text))
    return { type: "skip" };
  // "It was already on before I called", "I did that one already" at "is your backup working now?": done before,
  // and it didn't fix the backup (unless the words say it works).
  const doneEarlier = waiting === "answer" && atFixedStep(content, s) && doneBefore(text);
  if (!asked && doneEarlier && reply?.strength !== "words" && !saysBackupWorked(text))
    return navCommand(top) === "skip" && saysCommand("skip", text)
      ? { type: "skip" }
      : { type: "no", answered: true };
  // "Sure, okay, it's plugged in now" at "is your backup working now?": the step is done; whether it worked is
  // still the question. How to check, then the question again.
  const reported = !asksStepCommand(top, text) && (saysItIsDone(text) || cameBack(text) || reportsDone(text));
  // "Okay, I installed the update and now it works": done, and the words say it worked (and no "not").
  const worked = saysBackupWorked(text) && reply?.answer !== "no" && !saysNegation(text);
  if (waiting === "answer" && atFixedStep(content, s) && (!reply || reply.strength === "loose") && reported)
    return worked ? { type: "yes", answered: true } : { type: "maybe", answered: true, done: true };
  // "Okay, I'll try that" at "is your backup working now?", "ok I do it now" at a step to carry out: about to do
  // the step, a moment, not an answer and not done.
  if (((waiting === "answer" && atFixedStep(content, s)) || waiting === "done") && willTryStep(text))
    return { type: "pause" };
  // A bare "okay" or "k" at "is your backup working now?" hears the instruction; it doesn't say the backup works.
  if (waiting === "answer" && atFixedStep(content, s) && !s?.paused && acknowledgesOnly(text))
    return { type: "maybe", answered: true };
  // A side question the NLU is sure of ("where's my name? I don't see it") beats a loose "not sure" or "no".
  const sureSide = isSideQuestion(content, top) && topConfidence >= SURE_OF_SIDE_QUESTION;
  // So does one it is all but certain of over a "not sure" in any words: "I can't find General" is where General
  // is; "I can't see a switch" (a guess at 0.72) stays the step's own "not sure".
  const certainSide = sureSide && topConfidence >= CERTAIN_OF_SIDE_QUESTION;
  // Not a reason to keep said at a confirmation ("my husband still uses that old iPad"), unless asked as a question.
  const keeps =
    waiting === "confirm" && reply?.answer === "no" && reply.strength === "words" && !isQuestion(text);
  if (
    sureSide &&
    reply &&
    !keeps &&
    (reply.strength !== "clear" || (certainSide && reply.answer === "maybe"))
  )
    return { type: "sideQuestion", intent: top };

  // A yes to something other than the question: how to tell (or check), then the question again.
  const elsewhere = yesToSomethingElse(content, s, waiting, text, reply);
  if (elsewhere) return elsewhere;
  // "What if I don't know the password for that account?": a question, not a "not sure".
  if (asked && reply?.answer === "maybe" && reply.strength !== "words" && WH_QUESTION.test(text))
    return readQuestion(content, s, heard, text, inTopic);
  // "Didn't work", "the Sign Out button is greyed out" at a step to carry out: the step failed, not "not yet"
  // (which gets "no rush, take your time" again and again). It is passed over for the next fix.
  if (waiting === "done" && !asked && (stepBlocked(text) || FAILING.test(text)) && !/\bnot yet\b/.test(text))
    return { type: "skip" };
  // 2. An answer to the question that is open, as people say yes and no.
  if (reply) {
    const aboutAnotherTopic = isTopicIntent(top) && top !== s?.topic && topConfidence >= SURE_OF_TOPIC;
    const leads =
      (reply.strength !== "hedge" || !asked) && !(reply.strength === "loose" && aboutAnotherTopic);
    if (leads && !(asked && reply.answer !== "maybe" && !OPENS_WITH_ANSWER.test(text)))
      return answerInContext(reply, { content, s, waiting, text, inTopic, heard });
  }
  // "Okay, I tapped it, but it says no internet connection": news of another problem the NLU is sure of, not the
  // step done. Whether to leave this one is asked.
  if (waiting === "done" && !asked && aboutAnotherProblem(s, top, topConfidence) && PROBLEM_NEWS.test(text))
    return topicInContext(s, top, text, inTopic);
  if (waiting === "done" && !asked && (cameBack(text) || saysItIsDone(text)))
    return { type: "next", answered: true };
  // "It's already on", "did that too", "I told you, I already restarted it twice": the step was done before the
  // line read it. At a step to carry out, it is skipped as done; at "is your backup working now?", doing it
  // before didn't fix it.
  // "Okay, I got rid of the old iPad one already" at the step before deleting it: that one done too.
  const ahead = !asked && waiting === "done" ? doneStepAhead(content, s, text) : undefined;
  if (ahead !== undefined) return { type: "stepNamed", step: ahead, done: true };
  if (!asked && waiting === "done" && doneBefore(text) && saysCommand("skip", text)) return { type: "skip" };
  if (waiting === "done" && !asked) {
    const progress = readProgress(text);
    // A side question the NLU is sure of ("I can't find Manage Storage") is not a "not sure".
    if (progress === "maybe" && isSideQuestion(content, top)) return { type: "sideQuestion", intent: top };
    // "Hang on" and "wait" are the pause command; "go back", "skip" theirs: the NLU's command wins over a bare word.
    if (progress && !asksStepCommand(top, text)) return answeredBy(progress, text);
  }

  // "My phone shows a message, the last backup is not complete. What do I do?": at "what's going on?", the backup
  // failing, then how to fix it, is the problem, not a side question.
  if (waiting === "topic" && asked && top === FALLBACK_INTENT && FAILING.test(text))
    return { type: "topic", topic: GENERAL_TOPIC };
  // "My phone is being weird": a first turn with no word about backups, storage, Wi-Fi or the rest is no problem
  // named, whatever the NLU guessed; what the line can help with, and the question.
  if (waiting === "topic" && isTopicIntent(top) && top !== "ContactSupport" && !aboutTheLine(text))
    return { type: "help" };
  // 3. A question on the side: answered, then back to the step.
  if (asked) return readQuestion(content, s, heard, text, inTopic);

  // "What's going on with your backup?" "No, it still doesn't work": the backup failing, said in general words and
  // filed by the NLU as an answer. That is the problem: the general topic.
  const commandOrNothing = navCommand(top) !== undefined || top === FALLBACK_INTENT;
  if (waiting === "topic" && !isTopicIntent(top) && commandOrNothing && FAILING.test(text))
    return { type: "topic", topic: GENERAL_TOPIC };
  // "Um hi, my phone keeps popping up saying there's not enough room to back up": at "what's going on?", an NLU
  // below its threshold but with a problem as its best guess is better followed than "sorry, I didn't catch that"
  // (the topic's first step checks it).
  if (waiting === "topic" && top === FALLBACK_INTENT) {
    const guess = heard.interpretations[1];
    if (guess && isTopicIntent(guess.intent) && (guess.confidence ?? 0) >= PLAUSIBLE)
      return { type: "topic", topic: guess.intent };
  }
  // At "anything else?", the words weren't a yes (that was read above): an NLU guess of Yes is news, not a yes.
  if (waiting === "anythingElse" && navCommand(top) === "yes") return { type: "noMatch" };
  // 4. A command, a side question said as a statement ("I can't find settings"), or another problem.
  return byIntent(content, s, top, text, inTopic, heard);
}

/** The answer changed to a plain yes after a correction marker ("no, wait, I meant yes, go ahead"). */
function plainYesAfter(text: string, words: AnswerWords | undefined): boolean {
  const last = correctionIn(text)?.tails[0];
  const changed = last ? readAnswer(last, words) : undefined;
  return changed?.answer === "yes" && changed.strength === "clear";
}

/** A turn that opens with a change of mind: "wait, ...", "no sorry, ...", "actually, ...", "oh, I meant ...". */
const CORRECTION_FIRST = cue(
  /^(?:(?:oh|um|uh|hmm|ah|no|okay|ok) ,? ?)*(?:i meant|i mean|meant to say|sorry|actually|wait|no wait|hang on|hold on|correction|oops|my mistake|scratch that|or rather)\b/,
);

/** Words that report something wrong: "it says no internet", "there's an error", "it won't". */
const PROBLEM_NEWS = cue(
  /\b(no (internet|connection|wifi|signal|network|service|space|storage|room)|error|failed|fails|can't|cannot|couldn't|won't|doesn't|isn't|not (connected|working|enough))\b/,
);

/** A question that asks for something, not how to tell the answer ("how do I check?" is a not sure). */
const WH_QUESTION = cue(/^(what|what's|which|who|why|where|when|what if|so what|and what|but what)\b/);

/** "No, I asked ...", "no, I meant the update": a side answer that missed, and the question again. */
const REASKED = cue(
  /^(?:no|nope|not that|that's not what i (?:asked|meant))(?: ,)? (?:sorry ,? )?(?:i (?:asked|meant|said|mean)(?: about| if| whether)?|what i (?:asked|meant) (?:was|is)|the |i'm asking)\s*/,
);

/** The phone busy with the step's own work: "it's updating now", "it's restarting". */
const PHONE_BUSY = cue(
  /\b(?:it's|its|it is|phone is|iphone is|phone's) (?:now )?(?:updating|installing|downloading|restarting|rebooting)\b/,
);

/** Words that open with a plain yes or no. */
const OPENS_WITH_ANSWER = cue(/^(yes|yeah|yep|no|nope)\b/);
/** The NLU heard a command other than yes, no, next or not sure (back, skip, wait ...), and the words say it. */
function asksStepCommand(top: string, text: string): boolean {
  const command = navCommand(top);
  return (
    command !== undefined && !["yes", "no", "next", "maybe"].includes(command) && saysCommand(command, text)
  );
}

/** The best plausible topic the NLU heard besides the one under way (Apple Support is asked for otherwise). */
function otherTopic(heard: Heard, current: TopicId | undefined, floor = PLAUSIBLE): TopicId | undefined {
  const hit = heard.interpretations.find(
    (i, n) =>
      isTopicIntent(i.intent) &&
      i.intent !== current &&
      i.intent !== "ContactSupport" &&
      (n === 0 || (i.confidence ?? 0) >= floor),
  );
  return hit && isTopicIntent(hit.intent) ? hit.intent : undefined;
}
