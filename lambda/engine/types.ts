// What goes into and comes out of the conversation engine. Channel-neutral: no AWS, Lex or Alexa types.
import type { TopicId } from "../content/intents.js";
import type { HandoffSummary } from "./summary.js";

/** What the caller is asked to do next; adapters turn it into keypad hints, Lex dialog actions, reprompts. */
export type Expect = "topic" | "next" | "yesNo" | "anythingElse" | "resume" | "none";

export type Command =
  | "yes"
  | "no"
  | "maybe"
  | "next"
  | "back"
  | "repeat"
  | "startOver"
  | "skip"
  | "whichStep"
  | "pause"
  | "resume"
  | "help"
  | "agent"
  | "stop"
  /** "Never mind": leave the current topic (without it, the same as stop). */
  | "cancel"
  | "deleteMyData"
  /** "I got cut off", "I was just talking to you": a returning caller who names no problem. */
  | "returning"
  /** The caller started to say a password, code, email address or number: never repeated, never stored. */
  | "personalData"
  | "noInput"
  | "noMatch";

/** Where a returning caller stopped last time (from the progress store). */
export interface Progress {
  topic: TopicId;
  step: number;
  /** The step's confirmation was given (it was read, not only announced): picking up doesn't ask again. */
  confirmed?: boolean;
  /** The steps before it on the caller's way (state.hist): the step numbers they heard, and "back", go on. */
  hist?: number[];
}

/** A command the caller gave (everything but a failure to understand or to hear). */
export type Recognised = Exclude<Command, "noInput" | "noMatch">;

export type Input =
  /** `question`: asked as a question ("how do I ..."), so the short answer comes first, then the offer of steps. */
  | {
      type: "topic";
      topic: TopicId;
      question?: boolean;
      /**
       * Words of this topic said in the middle of another one without asking to change ("it says no
       * connection"): the caller is asked before the topic they are in is left.
       */
      tentative?: boolean;
    }
  /** "No wait, I meant yes": the answer to the question before this step was the other one. */
  | { type: "correction"; answer: "yes" | "no" }
  /** "Maybe I should just talk to someone?": a person thought about; offered, not put through. */
  | { type: "wondersAboutPerson" }
  /** "I don't need a person", "I want an agent. Actually no, let's try it": no person; the steps carry on. */
  | { type: "noPerson" }
  /**
   * The step the caller heard as step `n`: gone back to ("go back to the second step"), or only said again
   * ("what was step one again?"), with the question open now asked after it.
   */
  | { type: "stepNumber"; n: number; go: boolean }
  /**
   * A step of the topic under way asked for by what it does ("I'd rather just buy more storage"): its index.
   * `done`: said to be done already ("I got rid of the old iPad one already" the step before deleting it).
   */
  | { type: "stepNamed"; step: number; done?: boolean }
  /** A short question asked on the side ("how long does a backup take?"); no intent: one the line can't answer. */
  /** `whyStep`: "why are we doing this?", asked about the step under way. */
  | { type: "sideQuestion"; intent?: string; whyStep?: boolean }
  /**
   * `answered`: the caller's words answer the open question themselves ("okay, yes, there is one"), so after a
   * pause they are taken as the answer, not as "I'm ready".
   */
  | {
      type: Recognised;
      answered?: boolean;
      /** Answered in the question's own words ("there's loads of room"), not yes or no. */
      inWords?: boolean;
      /** With stop at "is your backup working now?": leaving with news that it works ("it's working now, bye"). */
      fixed?: boolean;
      /**
       * The step said to be done: a yes at its confirmation ("okay, I deleted the old iPad one"), or a maybe at a
       * fix, where whether it worked is still open ("I typed my password in").
       */
      done?: boolean;
    }
  | { type: "noInput" }
  | { type: "noMatch" }
  /** A new conversation opened without words (Alexa launch); `resume` when the caller has saved progress. */
  | { type: "launch"; resume?: Progress };

export interface Capabilities {
  /** A person can take the call (phone line with an agent queue). Elsewhere, Apple Support's options are read. */
  canTransfer: boolean;
  /** Apple Support's phone number, as written: the renderer reads it out as a phone number on voice channels. */
  supportPhone: string;
  /**
   * The caller may be on the iPhone they are fixing (a phone call, an app): steps that restart it say how to
   * come back. Not on a smart speaker. Defaults to true.
   */
  callerOnDevice?: boolean;
}

export type HandoffReason = "requested" | "notFixed" | "noMatch";

/** Facts about the turn for metrics and logs; never what the caller said. */
export type Signal =
  | { kind: "topicStarted"; topic: TopicId }
  | { kind: "stepReached"; topic: TopicId; step: number }
  | { kind: "resolved"; topic: TopicId; step: number }
  | { kind: "escalated"; topic?: TopicId; step?: number; reason: HandoffReason }
  | { kind: "abandoned"; topic: TopicId; step: number }
  | { kind: "noMatch" }
  | { kind: "noInput" }
  | { kind: "stateLost" };

export interface Output {
  /** What to say, in order: each item a sentence or short paragraph; adapters put a pause between them. */
  say: string[];
  /** What to say if the caller stays silent (Alexa reprompt). */
  reprompt: string[];
  expect: Expect;
  /**
   * Say how to answer (the keypad keys on the phone): the first question of its kind in the call, after a miss,
   * or after help. Not on every turn.
   */
  hint?: boolean;
  /** The conversation ends after this turn: said goodbye, or handed to a person. */
  end?: "goodbye" | "handoff";
  handoff?: { reason: HandoffReason; topic?: TopicId; step?: number; summary: HandoffSummary };
  /** The caller was handed on (to a person, or to Apple Support's options): what they had done, for the log. */
  summary?: HandoffSummary;
  /** The caller asked for their saved data to be deleted. */
  forget?: boolean;
  signals: Signal[];
}
