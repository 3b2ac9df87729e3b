// Schema of the content files in prompts/<locale>/. Build-time only: the Lambda bundle imports the generated,
// already-validated content and only the types from here, so zod never ships in the turn path.
import { z } from "zod";
import {
  BUILTIN_NAV_INTENTS,
  CUSTOM_NAV_INTENTS,
  type NavIntent,
  SPECIAL_TARGETS,
  TOPIC_INTENTS,
} from "./intents.js";
import { mentionsAny } from "./mentions.js";

const MAX_STEP_WORDS = 45;
const wordCount = (s: string) => s.trim().split(/\s+/).filter(Boolean).length;

/** Text that is read aloud: no UI notation, no template brackets, no markup a TTS engine would read out. */
const text = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(1000, "must be at most 1,000 characters (Lex message limit is 1,024)")
  .refine((s) => !/[<>]/.test(s), "must not contain '<' or '>' (write 'open Settings, then tap General')")
  .refine((s) => !/[[\]]/.test(s), "must not contain '[' or ']' (no '[Your Name]' placeholders)")
  .refine((s) => !/[*#_`|\\]/.test(s), "must not contain markdown or symbols a voice would read out")
  .refine((s) => !/https?:\/\//i.test(s), "must not contain a URL scheme: write 'support.apple.com'")
  .refine(
    (s) => !/\bdot (com|org|net|apple)\b/i.test(s),
    "must write a web address as written ('support.apple.com'): voice channels read it out, text shows it",
  );

/** Text with {placeholders}: only the allowed names. */
const placeholders = (allowed: readonly string[]) =>
  text.refine(
    (s) => [...s.matchAll(/\{(\w+)\}/g)].every((m) => allowed.includes(m[1] ?? "")),
    `may only use the placeholders ${allowed.map((a) => `{${a}}`).join(", ") || "(none)"}`,
  );

/** The channels the line speaks on; a phrase may be worded for each where they differ. */
export const CHANNELS = ["phone", "speaker", "voice", "text"] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * A phrase said on every channel: one text, or one per channel where the words must differ ("Thanks for
 * calling" on the phone, not on a smart speaker), with `default` for the channels not named. What each channel
 * may not say is checked on the result, for every channel (lambda/content/wording.ts).
 */
const worded = <T extends z.ZodTypeAny>(base: T) =>
  z.union([
    base,
    z
      .object({
        default: base,
        phone: base.optional(),
        speaker: base.optional(),
        voice: base.optional(),
        text: base.optional(),
      })
      .strict(),
  ]);

const spoken = worded(text);
/** Spoken text that may use {placeholders}; the allowed names are checked per field. */
const template = (allowed: readonly string[]) => worded(placeholders(allowed));

const stepSay = worded(
  text.refine(
    (s) => wordCount(s) <= MAX_STEP_WORDS,
    `must be at most ${MAX_STEP_WORDS} words: one action per step, key instruction first`,
  ),
);

/** A few words for an agent's screen: "iCloud storage not full". */
const note = text.refine((s) => wordCount(s) <= 8, "must be at most 8 words");

const id = z.string().regex(/^[a-z][a-z0-9-]*$/, "must be kebab-case, like 'restart-router'");
/** Where a branch leads: a step of this topic, next / resolved / support / finish, or another topic to start. */
const target = z.union([z.enum(SPECIAL_TARGETS), id, z.enum(TOPIC_INTENTS)]);

/** The kinds of source an instruction can have, from the strongest. */
export const SOURCE_KINDS = ["apple", "article", "secondary", "device", "line"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
const APPLE_URL = /^https:\/\/([a-z]+\.)?apple\.com(\/\S*)?$/;
/**
 * Where an instruction comes from, never spoken: "apple: URL (title)" an Apple support page; "article: heading" a
 * section of the source article (docs/source-article.txt; the heading is checked); "secondary: URL (title)" a
 * page that is not Apple's; "device: what to check" a label nobody could check against Apple's pages yet; "line:
 * what" the line's own behaviour (how it keeps a caller's place), which needs no outside source.
 */
const source = z
  .string()
  .trim()
  .superRefine((s, ctx) => {
    const m = /^(\w+): (.+)$/.exec(s);
    const kind = m?.[1] as SourceKind | undefined;
    const rest = m?.[2] ?? "";
    const url = rest.split(" ")[0] ?? "";
    const fail = (message: string) => ctx.addIssue({ code: "custom", message });
    if (!kind || !SOURCE_KINDS.includes(kind))
      return fail(`must start with one of ${SOURCE_KINDS.map((k) => `'${k}: '`).join(", ")}`);
    if (kind === "apple" && !APPLE_URL.test(url))
      fail("an 'apple' source starts with an https://...apple.com/ URL");
    if (kind === "secondary" && (!/^https:\/\/\S+$/.test(url) || APPLE_URL.test(url)))
      fail(
        "a 'secondary' source starts with an https:// URL that is not Apple's (Apple's pages are 'apple')",
      );
    if (kind === "device" && rest.length < 10) fail("a 'device' source says what to check on an iPhone");
  });
const sources = z.array(source).min(1, "needs at least one source: where this instruction comes from");

/**
 * Buttons (as written in content: capitalised) that erase or remove something. Such a step is confirmed first: the confirmation says
 * what is lost, and `declined` says where "no" leads (the safer alternative).
 */
export const DESTRUCTIVE = /\b(Delete|Erase|Reset Network Settings|Sign Out|Turn Off and Delete)\b/;
/** How a confirmation says plainly what is lost. */
const SAYS_WHAT_IS_LOST = /\b(delete[sd]?|erase[sd]?|remove[sd]?|lose|lost|signs? (you )?out)\b/i;

const utterance = z
  .string()
  .trim()
  .min(1)
  .max(200, "must be at most 200 characters")
  .regex(/^[A-Za-z0-9' .,?-]+$/, "may only use letters, digits, spaces and ' . , ? - (Lex and Alexa rules)");

const utterances = (min: number) =>
  z
    .array(utterance)
    .min(min, `needs at least ${min} sample utterances`)
    .refine((list) => new Set(list.map(normalise)).size === list.length, "has duplicate utterances");

export const normalise = (u: string) => u.toLowerCase().replace(/[.,?]/g, "").replace(/\s+/g, " ").trim();

/** A word or short phrase that answers a yes/no question in its own terms: "gray", "lots of space". */
const answerPhrase = z
  .string()
  .trim()
  .regex(/^[a-z0-9' -]+$/, "must be lowercase words (letters, digits, ' and -), as a caller says them")
  .refine((s) => wordCount(s) <= 6, "must be at most 6 words: a key phrase, not a sentence")
  .refine(
    // "Not enough storage" is the alert's own words, not the opposite of "enough storage".
    (s) => !/^(not|isn't|wasn't|don't|doesn't)\b(?! enough\b)/.test(s) && !/^(yes|no|yeah|nope)$/.test(s),
    "must not be a plain yes or no, nor start with a negation (but 'not enough'): write 'green', and 'not green' is understood as the opposite",
  );

const answerWords = z
  .object({
    yes: z.array(answerPhrase).default([]),
    no: z.array(answerPhrase).default([]),
    /**
     * Words in the question's own terms that say it is too soon to tell: "it says estimating time remaining" right
     * after Back Up Now is how every backup starts. Read as "not sure" (the step's hint on how to tell), unless a
     * longer yes or no phrase holds them ("still estimating", "stuck on estimating"). Not negated.
     */
    maybe: z.array(answerPhrase).optional(),
    /**
     * A reading of the form "4.9 of 5 gigabytes" answers the question: yes when the share is at least
     * `yesFrom` ("is your storage full, or nearly full?": 0.9).
     */
    ratio: z
      .object({
        yesFrom: z.number().gt(0).lte(1),
        /**
         * Yes too when less than this much is left, in gigabytes (numbers said without a unit count as
         * gigabytes): "4.2 of 5" leaves 0.8 GB, too little for a backup, at a share of 0.84.
         */
        yesUnderFree: z.number().positive().optional(),
        /**
         * No, whatever the share, when more than this is left, in gigabytes: "180 of 200" leaves 20 GB, room for
         * a backup, at a share of 0.9.
         */
        noOverFree: z.number().positive().optional(),
      })
      .strict()
      .optional(),
    /**
     * A backup's progress said as the answer ("is your backup working now?"): time counting down ("about two hours
     * left now") is yes; the same time still there, or a stall ("still about 3 hours", "gets halfway and stops"),
     * is no.
     */
    progress: z.literal(true).optional(),
    /**
     * Words that make an answer phrase next to them (two words either side) about something else: "full" is no
     * answer to "is your storage full?" in "it's got full bars" or "the battery is full".
     */
    elsewhere: z.array(z.string().regex(/^[a-z']+$/, "one lower-case word")).optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    const yes = new Set(a.yes);
    a.no.forEach((phrase, i) => {
      if (yes.has(phrase))
        ctx.addIssue({ code: "custom", path: ["no", i], message: `'${phrase}' is also a yes answer` });
    });
    a.maybe?.forEach((phrase, i) => {
      if (yes.has(phrase) || a.no.includes(phrase))
        ctx.addIssue({
          code: "custom",
          path: ["maybe", i],
          message: `'${phrase}' is also a yes or no answer`,
        });
    });
    for (const key of ["yes", "no", "maybe"] as const) {
      a[key]?.forEach((phrase, i) => {
        if (a[key]?.indexOf(phrase) !== i)
          ctx.addIssue({ code: "custom", path: [key, i], message: `'${phrase}' is listed twice` });
      });
    }
  });

export const StepSchema = z
  .object({
    id,
    /** Short name of the step for "step 3 of 6: <title>" and "last time we got to <title>". */
    title: text.refine((s) => wordCount(s) <= 8, "must be at most 8 words"),
    /** The instruction, read aloud. */
    say: stepSay,
    /**
     * What the caller is asked after the step:
     * - next: "say next when you're done" (an action to carry out)
     * - fixed: "is your backup working now?" yes -> resolved, no -> next step
     * - question: a yes/no question of its own (`ask`), with `yes` and `no` targets
     * - info: information, not an action: "say next for the next one"
     */
    // biome-ignore lint/suspicious/noThenProperty: a content field holding a string, never awaited as a promise
    then: z.enum(["next", "fixed", "question", "info"]).default("next"),
    ask: spoken.optional(),
    yes: target.optional(),
    no: target.optional(),
    /** Said when the caller answers "maybe" or "not sure": how to find out. The question is then asked again. */
    unsure: spoken.optional(),
    /**
     * Hard-to-undo steps: announced and confirmed before they are read. "no" skips the step.
     * The text warns what will happen; the engine adds the yes/no question.
     */
    confirm: spoken.optional(),
    /**
     * Said instead of the usual "we'll leave that one out" when the confirmation is turned down, where what the
     * step was for still needs doing another way (deleting declined: storage is still full).
     */
    declinedNote: spoken.optional(),
    /**
     * Where "no" to the confirmation leads, when the steps after it only make sense once it is done (rejoining
     * Wi-Fi after a reset nobody did). Default: the next step.
     */
    declined: target.optional(),
    /**
     * Where the step leads once done (or, on a 'fixed' step, when it didn't fix it), when not the step after it:
     * a later step, another topic, or wrapUp / support / finish / resolved. Not on 'question' steps, whose
     * answers say where they lead.
     */
    leadsTo: target.optional(),
    /** The step restarts the iPhone: a caller phoning from it is told to call back (not said on a speaker). */
    restartsPhone: z.boolean().optional(),
    /**
     * The topic this step is a short form of ("checking iCloud Backup is on" in the general topic): at this step,
     * words of that topic ("it's green now") are about the step, so that topic is never offered here.
     */
    covers: z.enum(TOPIC_INTENTS).optional(),
    /**
     * Answers in the question's own words ("it's gray" at "is the switch green?"), on 'question' and 'fixed'
     * steps: key words or short phrases a caller may answer with. A phrase preceded by a negation ("not green")
     * counts as the opposite answer. 'fixed' steps also understand shared.fixedAnswers.
     */
    answers: answerWords.optional(),
    /**
     * On 'question' steps: what each answer tells the agent a caller is handed to ("iCloud storage not full").
     * Written, not spoken: it goes into the hand-off summary, never the caller's own words.
     */
    notes: z.object({ yes: note, no: note }).strict().optional(),
    /**
     * On 'question' steps: said first when the caller answered in the question's own words rather than yes or no
     * ("it says 4.2 of 5 gigabytes": "So there's still some room."), so a misreading can be put right at once.
     */
    understood: z
      .object({
        yes: spoken.optional(),
        no: spoken.optional(),
        /**
         * On 'fixed' steps: said for an answer in the step's own too-soon words ("it says there's an update" at
         * the update step), instead of shared.replies.tooSoon, then the question again.
         */
        maybe: spoken.optional(),
      })
      .strict()
      .optional(),
    /** Where each instruction of the step comes from (not spoken). */
    sources,
  })
  .strict()
  .superRefine((step, ctx) => {
    const said = [step.say, step.confirm ?? ""].map((p) => (typeof p === "string" ? p : p.default)).join(" ");
    if (DESTRUCTIVE.test(typeof step.say === "string" ? step.say : step.say.default)) {
      if (!step.confirm || !step.declined)
        ctx.addIssue({
          code: "custom",
          path: ["confirm"],
          message:
            "a step that deletes, erases or signs out needs confirm (what is lost) and declined (the safer way 'no' leads to)",
        });
      else if (!SAYS_WHAT_IS_LOST.test(said))
        ctx.addIssue({
          code: "custom",
          path: ["confirm"],
          message: "must say plainly what is lost or erased",
        });
    }
    if (step.then === "question") {
      for (const key of ["ask", "yes", "no", "notes"] as const) {
        if (!step[key])
          ctx.addIssue({ code: "custom", path: [key], message: "is required when then is 'question'" });
      }
    } else {
      for (const key of ["ask", "yes", "no", "notes"] as const) {
        if (step[key])
          ctx.addIssue({ code: "custom", path: [key], message: "is only allowed when then is 'question'" });
      }
    }
    if (step.leadsTo && step.then === "question")
      ctx.addIssue({
        code: "custom",
        path: ["leadsTo"],
        message: "is not allowed on 'question' steps: use yes and no",
      });
    if (step.declined && !step.confirm) {
      ctx.addIssue({ code: "custom", path: ["declined"], message: "is only allowed with confirm" });
    }
    if (step.answers && step.then !== "question" && step.then !== "fixed") {
      ctx.addIssue({
        code: "custom",
        path: ["answers"],
        message: "is only allowed on 'fixed' or 'question' steps",
      });
    }
    if (step.unsure && step.then !== "question" && step.then !== "fixed") {
      ctx.addIssue({
        code: "custom",
        path: ["unsure"],
        message: "is only allowed on 'fixed' or 'question' steps",
      });
    }
  });

export const TopicSchema = z
  .object({
    intent: z.enum(TOPIC_INTENTS),
    /** How the topic is named in a sentence: "step 2 of <title>", "Welcome back ... of <title>". */
    title: text.refine((s) => wordCount(s) <= 8, "must be at most 8 words"),
    /** Said once when the topic starts, before the step count and the first step. */
    intro: spoken,
    /** A complete short answer for a one-shot question (hands-free voice, Alexa one-shot). */
    answer: worded(text.refine((s) => wordCount(s) <= 80, "must be at most 80 words")),
    /** Something in this topic restarts the iPhone: the call-back note follows the intro (not on a speaker). */
    restartsPhone: z.boolean().optional(),
    /** After the last step when nothing fixed it: hand off to support, or wrap up (information topics). */
    finish: z.enum(["support", "wrapUp"]),
    /** Where the intro and the one-shot answer come from, for reviewers. Not spoken. */
    sources,
    utterances: utterances(25),
    /** At most 10: "back" keeps the steps heard, and a caller can't hold more than that in mind anyway. */
    steps: z.array(StepSchema).min(1).max(10),
  })
  .strict()
  .superRefine((topic, ctx) => {
    const ids = topic.steps.map((s) => s.id);
    ids.forEach((stepId, i) => {
      if (ids.indexOf(stepId) !== i)
        ctx.addIssue({ code: "custom", path: ["steps", i, "id"], message: `duplicate step id '${stepId}'` });
    });
    topic.steps.forEach((step, i) => {
      for (const key of ["yes", "no", "declined", "leadsTo"] as const) {
        const t = step[key];
        if (t && (TOPIC_INTENTS as readonly string[]).includes(t)) {
          if (t === topic.intent)
            ctx.addIssue({
              code: "custom",
              path: ["steps", i, key],
              message: "may not start its own topic again",
            });
        } else if (t && !(SPECIAL_TARGETS as readonly string[]).includes(t) && !ids.includes(t)) {
          ctx.addIssue({
            code: "custom",
            path: ["steps", i, key],
            message: `points to step '${t}', which does not exist in this topic`,
          });
        } else if (t && ids.indexOf(t) >= 0 && ids.indexOf(t) <= i) {
          // Step numbers follow the caller's path (lambda/engine/path.ts): a path never goes back on itself.
          ctx.addIssue({
            code: "custom",
            path: ["steps", i, key],
            message: `points back to step '${t}': a branch may only lead to a later step`,
          });
        }
      }
    });
  });

/** What is said before the question is asked again; the question itself is the engine's (it knows which). */
const reprompts = z
  .object({
    /** 1st failure: a short apology. 2nd: other words, and `options` follow the question. */
    noMatch: z.tuple([spoken, spoken]),
    /** 1st silence: assume they did not hear. 2nd: other words, and `options` follow the question. */
    noInput: z.tuple([spoken, spoken]),
    /** How to answer, after the question the second time: "Please say yes or no, or not sure." */
    options: spoken,
  })
  .strict();

const navIntent = z.object({ utterances: utterances(8) }).strict();

export const SharedSchema = z
  .object({
    /** First words of a new conversation. */
    greeting: spoken,
    /** Examples of what to say, used in help and in the 2nd reprompt. */
    menu: spoken,
    /** Asked when a conversation is open and no topic is running. */
    askTopic: spoken,
    /** How a topic starts: "{intro} This takes {count} steps." */
    stepCount: template(["count"]),
    stepCountOne: spoken,
    /** Where the caller's answers decide how many steps there are. */
    stepCountUpTo: template(["count"]),
    /** Prefix for a step after the first: "Step {n}." */
    stepLabel: template(["n"]),
    /**
     * The question after each kind of step. After a step to carry out (askNext) or information (askNextInfo),
     * the first time in a call, and after a miss or help, it says how to answer ("say next"); then the brief one.
     */
    askNext: spoken,
    askNextBrief: spoken,
    askNextInfo: spoken,
    askNextInfoBrief: spoken,
    askFixed: spoken,
    /** askFixed after a fix that didn't itself start a backup: says to try one (or watch it), then askFixed's question. */
    askFixedTry: spoken,
    askConfirm: spoken,
    /** After a one-shot answer: offer the steps. */
    askWalkThrough: spoken,
    askAnythingElse: spoken,
    /** Answers in words to askFixed ("is your backup working now?"), for every 'fixed' step. */
    fixedAnswers: answerWords,
    /**
     * Answers in words to a confirmation before a step that can't be undone ("I still use the iPad", "I'd rather
     * keep it"): a no. A yes there must be said plainly, so the yes list is usually empty.
     */
    confirmAnswers: answerWords,
    reprompts: z
      .object({ topic: reprompts, next: reprompts, yesNo: reprompts, anythingElse: reprompts })
      .strict(),
    /** After two failures in a row at the same prompt. */
    escalate: z.object({ agent: spoken, noAgent: spoken }).strict(),
    /**
     * Keypad hints, only on the phone, after the question: the first of its kind in a call, then after a miss or
     * help. (Press 0 for a person is in the phone wording of replies.helpAgent.)
     */
    keypad: z.object({ next: text, yesNo: text }).strict(),
    replies: z
      .object({
        pause: spoken,
        pauseReprompt: spoken,
        resume: spoken,
        help: spoken,
        helpAnswer: spoken,
        helpNoTopic: spoken,
        helpAgent: spoken,
        startOver: spoken,
        backAtFirst: spoken,
        /** Back to a topic left mid-way for another: its step, read again. */
        backToTopic: template(["topic"]),
        /** A step done before it was read (said at its confirmation): its question follows, not its words. */
        doneAhead: spoken,
        /** "Which step am I on?": with the total when the way ahead no longer branches, else without. */
        whichStep: template(["n", "total", "title", "topic"]),
        whichStepOpen: template(["n", "title", "topic"]),
        /** "No" to the offer of a person after misses: the question again follows. */
        keepTrying: spoken,
        noTopicYet: spoken,
        lostPlace: spoken,
        sameTopic: spoken,
        giveUp: spoken,
        skipped: spoken,
        confirmDeclined: spoken,
        resolved: spoken,
        wrapUp: spoken,
        unsureFixed: spoken,
        /** "Is your backup working now?" answered with words saying it's too soon ("it says estimating"). */
        tooSoon: spoken,
        /** "Not sure" again after the line said how to find out: that question is left, and the line moves on. */
        unsureAgain: spoken,
        goodbye: spoken,
        /** Leaving right after the backup was said to work: no "good luck" with a backup that works. */
        goodbyeFixed: spoken,
        /** Leaving mid-topic where the caller may be on the iPhone: the step reached, and how to pick it up. */
        leftMidTopic: template(["n"]),
        callBack: spoken,
        cancelled: spoken,
        handoffAgent: spoken,
        /** A person asked for before any problem was named: nothing to say about steps. */
        handoffAgentFirst: spoken,
        /** "What was step one again?": before that step's words, then the question open now. */
        stepWas: template(["n"]),
        /** Picked up at a step that restarts the iPhone: it was done, so its question, not its instructions. */
        resumeAfterRestart: template(["n"]),
        /** A caller wondering about a person ("maybe I should talk to someone?"): asked before putting them through. */
        offerAgent: spoken,
        /** After the caller turned down the last fix, on a line with agents: a person offered, not put through. */
        offerAgentAtEnd: spoken,
        supportOptions: template(["phone"]),
        /** How to reach a person where the line can't transfer ({person} in side answers; helpAgent where it can). */
        personElsewhere: spoken,
        notFixedSupport: spoken,
        noPersonalData: spoken,
        deletedData: spoken,
        welcomeBack: template(["n", "title", "topic"]),
        /** A returning caller named another problem: pick up the saved place, or start the new one? */
        resumeOrNew: template(["n", "title", "topic", "next"]),
        /** "I got cut off" with nothing saved to pick up. */
        noSavedPlace: spoken,
        /** "No" or "not yet" at a step to carry out: reassurance and a way forward, not the same words again. */
        notYet: spoken,
        /** The caller named the problem this topic is about again, at a step to carry out. */
        stillSameProblem: spoken,
        /** A question the line has no answer for; the step's question follows. */
        unknownQuestion: spoken,
        /** "Why are we doing this?" at a step: what the steps are for, and which this one is ({title}). */
        whyStep: template(["title"]),
        /** Words of another topic, said mid-topic without asking to change: ask before leaving. */
        switchTopic: template(["current", "next"]),
        /** "No" to switchTopic: back to where they were. */
        stayInTopic: template(["current"]),
        /** After a topic ends unfixed, the topic left mid-way for it offered again. */
        offerReturn: template(["topic"]),
        /** "Delete my data" is confirmed before anything is deleted. */
        confirmDelete: spoken,
        /** "No" to confirmDelete. */
        keptData: spoken,
        /** "I meant yes": the earlier question is answered again, this way. */
        corrected: template(["answer"]),
        /** "Next" at a question the caller went back to and had answered: that answer stands ("yes" or "no"). */
        keptAnswer: template(["answer"]),
      })
      .strict(),
    /**
     * The hand-off summary an agent sees (contact attributes, at most about 300 characters), and what the line
     * reads back to "what have we done so far?". Built from content only: never the caller's words.
     */
    handoff: z
      .object({
        /** Where the caller got to: the topic and the step they were on. */
        place: template(["topic", "title"]),
        /** Handed on before naming a problem. */
        noTopic: spoken,
        found: template(["items"]),
        tried: template(["items"]),
        declined: template(["items"]),
        skipped: template(["items"]),
        /** Why the caller was handed on: asked for a person, not understood, nothing fixed it. */
        reason: z.object({ requested: spoken, noMatch: spoken, notFixed: spoken }).strict(),
        minutes: template(["minutes"]),
        underAMinute: spoken,
        /** "What have we done so far?" read back to the caller. */
        soFar: template(["topic"]),
        /** The topic this one was reached from, by a branch ("Came here from fixing a backup error."). */
        cameFrom: template(["topic"]),
      })
      .strict(),
    speaker: z
      .object({
        /** Alexa invocation name: lowercase words, at least two. */
        invocationName: z.string().regex(/^[a-z]+( [a-z]+)+$/, "must be two or more lowercase words"),
        pause: template(["invocation", "n"]),
        pauseNoTopic: template(["invocation"]),
        /** With no progress store the place can't be kept: say so, and how to start again. */
        pauseNoStore: template(["invocation"]),
      })
      .strict(),
    intents: z
      .object(
        Object.fromEntries(
          [...CUSTOM_NAV_INTENTS, ...Object.keys(BUILTIN_NAV_INTENTS)].map((k) => [k, navIntent]),
        ) as {
          [K in NavIntent]: typeof navIntent;
        },
      )
      .strict(),
  })
  .strict();

/**
 * What a side answer may name: {phone}, Apple Support's number; {person}, how to reach a person on this line
 * (say agent, where calls can be transferred; Apple Support's own options, where they can't).
 */
const SIDE_ANSWER_PLACEHOLDERS = ["phone", "person"] as const;

/** Where a side question's answer differs: in one topic, or at one step of it ("BackupStuck", "delete-backup"). */
const placedAnswer = z
  .object({
    topic: z.enum(TOPIC_INTENTS),
    step: id.optional(),
    answer: template(SIDE_ANSWER_PLACEHOLDERS),
    sources: sources.optional(),
  })
  .strict();

/**
 * A short question a caller asks in the middle of a step ("how long does a backup take?"): its own intent and
 * training phrases, a short answer (then the line goes back to the step and asks its question again), and
 * optionally a different answer in some topics or steps.
 */
export const SideQuestionSchema = z
  .object({
    intent: z
      .string()
      .regex(/^Ask[A-Z][A-Za-z]+$/, "must be PascalCase and start with Ask, like AskBackupDuration"),
    answer: worded(
      placeholders(SIDE_ANSWER_PLACEHOLDERS).refine((s) => wordCount(s) <= 60, "must be at most 60 words"),
    ),
    where: z.array(placedAnswer).optional(),
    /**
     * Words one of which the caller's words must hold (at a word's start: "los" for lose, lost) for an NLU's
     * guess of this question to be followed: "still won't go, now it says my iCloud is full" is no question about
     * losing data, whatever the NLU guessed. Every training phrase must hold one. Not spoken.
     */
    mentions: z
      .array(z.string().regex(/^[a-z0-9][a-z0-9' -]*$/, "lowercase words"))
      .min(1)
      .optional(),
    /**
     * Asked at a step's confirmation, the question is a reason the step can't be done ("there's only this
     * iPhone in the list" before deleting old backups): the step is turned down, and the way on follows.
     */
    declinesConfirmation: z.literal(true).optional(),
    /** Where the answer (and the answers in `where`, unless they name their own) comes from. Not spoken. */
    sources,
    utterances: utterances(10),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (!q.mentions) return;
    q.utterances.forEach((u, i) => {
      if (!mentionsAny(u.toLowerCase(), q.mentions ?? []))
        ctx.addIssue({
          code: "custom",
          path: ["utterances", i],
          message: `'${u}' mentions none of the question's mentions (${q.mentions?.join(", ")})`,
        });
    });
  });

export const SideQuestionsSchema = z
  .object({ questions: z.array(SideQuestionSchema).min(1) })
  .strict()
  .superRefine((file, ctx) => {
    const names = file.questions.map((q) => q.intent);
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i)
        ctx.addIssue({
          code: "custom",
          path: ["questions", i, "intent"],
          message: `duplicate intent '${name}'`,
        });
    });
  });

export type Step = z.infer<typeof StepSchema>;
export type SideQuestion = z.infer<typeof SideQuestionSchema>;
export type AnswerWords = z.infer<typeof answerWords>;
export type Topic = z.infer<typeof TopicSchema>;
export type Shared = z.infer<typeof SharedSchema>;
