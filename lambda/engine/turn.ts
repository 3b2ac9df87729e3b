// Collects what one turn says and settles the question it ends on. Every handler only adds what is new; the
// question for the phase the conversation lands in is appended here, so no path can forget to ask it.
import type { SpeechContent, SpokenTopic, Step } from "../content/types.js";
import { fill } from "./fill.js";
import { stepNumber, stepsAfter, topicLength } from "./path.js";
import {
  type HintKind,
  initialState,
  keptPlace,
  NOT_REACHED,
  type Outcome,
  SAID_SUPPORT,
  type State,
} from "./state.js";
import { type HandoffSummary, handoffSummary } from "./summary.js";
import type { Capabilities, Expect, HandoffReason, Output, Signal } from "./types.js";

export interface TurnResult {
  state: State;
  output: Output;
}

type RepromptKind = keyof SpeechContent["shared"]["reprompts"];

export { fill };

export class Turn {
  readonly say: string[] = [];
  readonly signals: Signal[] = [];
  /** The handler already said the question (an offer, a pause): don't append the phase's question. */
  asked = false;
  /** Said after the question: how to answer it, after a second miss. */
  readonly after: string[] = [];
  /** Say how to answer this turn's question even if this call has heard it before: after a miss, or help. */
  coach = false;
  /** This turn read the step's own words (so a fixed step's own ask follows them). */
  private saidStep = false;
  /** The hints this call had heard before this turn (a fresh state from a handler must not forget them). */
  private readonly hintedBefore: HintKind[];
  end?: Output["end"];
  handoff?: Output["handoff"];
  summary?: HandoffSummary;
  /** When the conversation began (epoch seconds): kept for the whole call, whatever state a handler builds. */
  private readonly began: number | undefined;
  forget?: boolean;

  constructor(
    readonly content: SpeechContent,
    readonly caps: Capabilities,
    public state: State,
    /** The time of this turn (epoch milliseconds), when the channel gives it: how long the call has taken. */
    readonly now?: number,
  ) {
    this.hintedBefore = state.hinted ?? [];
    this.began = state.began ?? (now !== undefined ? Math.floor(now / 1000) : undefined);
  }

  /** Notes what happened at the current step, for the hand-off summary and "what have we done so far?". */
  note(outcome: Outcome): this {
    const s = this.state;
    const topic = this.topic;
    if (!topic) return this;
    const outcomes = [...(s.outcomes ?? "").padEnd(topic.steps.length, NOT_REACHED)];
    outcomes[s.step] = outcome;
    this.state = { ...s, outcomes: outcomes.join("").replace(/\.+$/, "") };
    return this;
  }

  get shared() {
    return this.content.shared;
  }

  get topic(): SpokenTopic | undefined {
    return this.state.topic ? this.content.topics[this.state.topic] : undefined;
  }

  get step(): Step | undefined {
    return this.topic?.steps[this.state.step];
  }

  /** In the middle of a topic: a step or its confirmation is waiting for an answer. */
  get inTopic(): boolean {
    return this.state.phase === "step" || this.state.phase === "confirm";
  }

  add(...texts: string[]): this {
    this.say.push(...texts.filter((t) => t.length > 0));
    return this;
  }

  signal(signal: Signal): this {
    this.signals.push(signal);
    return this;
  }

  /** The kind of answer the current phase waits for. */
  expect(): Expect {
    const s = this.state;
    if (this.end) return "none";
    if (s.paused || (s.phase === "resume" && !s.pending)) return "resume";
    if (s.ask || s.offered || s.phase === "confirm" || s.phase === "offer" || s.phase === "resume")
      return "yesNo";
    if (s.phase === "step") {
      const then = this.step?.then;
      return then === "fixed" || then === "question" ? "yesNo" : "next";
    }
    if (s.phase === "anythingElse") return "anythingElse";
    return "topic";
  }

  /** The question that ends a turn in the current phase; `hint`: with how to answer it, where that is words. */
  question(hint = true): string {
    const s = this.state;
    const sh = this.shared;
    const pending = s.pending ? this.content.topics[s.pending] : undefined;
    if (s.ask === "delete") return sh.replies.confirmDelete;
    // A topic ended with another one left mid-way for it: back there?
    if (s.ask === "switch" && pending && s.phase === "anythingElse")
      return fill(sh.replies.offerReturn, { topic: pending.title });
    if (s.ask === "switch" && pending)
      return fill(sh.replies.switchTopic, { current: this.topic?.title ?? "", next: pending.title });
    switch (s.phase) {
      case "confirm":
        return sh.askConfirm;
      case "offer":
        return sh.askWalkThrough;
      case "step": {
        const step = this.step;
        // A fixed step's own ask ("then tap Back Up Now ... is your backup working now?") follows its words; asked
        // again after a hint or a side answer, the question alone.
        if (step?.then === "fixed") {
          if (!this.saidStep) return sh.askFixed;
          return step.ask ?? (step.triesFirst ? sh.askFixedTry : sh.askFixed);
        }
        if (step?.then === "question") return step.ask ?? sh.askFixed;
        if (step?.then === "info") return hint ? sh.askNextInfo : sh.askNextInfoBrief;
        return hint ? sh.askNext : sh.askNextBrief;
      }
      case "anythingElse":
        return sh.askAnythingElse;
      case "resume": {
        const topic = this.topic;
        const saved = s.saved ?? s.step;
        const n = topic ? stepNumber(topic, saved, s.hist) : saved + 1;
        const place = { n, topic: topic?.title ?? "", title: topic?.steps[saved]?.title ?? "" };
        return pending
          ? fill(sh.replies.resumeOrNew, { ...place, next: pending.title })
          : fill(sh.replies.welcomeBack, place);
      }
      default:
        return sh.askTopic;
    }
  }

  /** The step's number on this caller's path (lambda/engine/path.ts). */
  get stepNumber(): number {
    const topic = this.topic;
    return topic ? stepNumber(topic, this.state.step, this.state.hist) : this.state.step + 1;
  }

  /** "This takes 5 short steps", or "up to 6" where the way depends on the caller's answers. */
  stepCount(topic: SpokenTopic): string {
    const { min, max } = topicLength(topic);
    if (max === 1) return this.shared.stepCountOne;
    return fill(min === max ? this.shared.stepCount : this.shared.stepCountUpTo, { count: max });
  }

  /** "You're on step 2 of 5", or without the total where it still depends on an answer. */
  whereWeAre(): string {
    const topic = this.topic;
    const step = this.step;
    if (!topic || !step) return "";
    const ahead = stepsAfter(topic, this.state.step);
    const n = this.stepNumber;
    const place = { n, topic: topic.title, title: step.title, total: n + ahead.max };
    return fill(
      ahead.min === ahead.max ? this.shared.replies.whichStep : this.shared.replies.whichStepOpen,
      place,
    );
  }

  /** What the current prompt says besides its question: the step, or the warning before a step. */
  body(): string[] {
    const step = this.step;
    if (!step) return [];
    const label = fill(this.shared.stepLabel, { n: this.stepNumber });
    if (this.state.phase === "confirm" && step.confirm) return [label, step.confirm];
    if (this.state.phase === "step") {
      this.saidStep = true;
      return [label, step.say, ...this.callBackNote(step.restartsPhone)];
    }
    return [];
  }

  /** The step counts as read (the caller did it before it was): its question is asked in full, as after it. */
  stepTakenAsRead(): this {
    this.saidStep = true;
    return this;
  }

  /** "If you're calling from this iPhone ... call back and say pick up", where that can be true. */
  callBackNote(restarts: boolean | undefined): string[] {
    return restarts && this.caps.callerOnDevice !== false ? [this.shared.replies.callBack] : [];
  }

  repromptKind(): RepromptKind {
    const e = this.expect();
    if (e === "next" || e === "yesNo" || e === "anythingElse") return e;
    return "topic";
  }

  /** Hand the call to a person (phone) or, where nobody can take it, read Apple Support's options. */
  handOff(reason: HandoffReason, { transfer = true }: { transfer?: boolean } = {}): this {
    const s = this.state;
    const where =
      s.topic && this.inTopic ? { topic: s.topic, step: s.step } : s.topic ? { topic: s.topic } : {};
    this.signal({ kind: "escalated", reason, ...where });
    // What the agent sees (phone) and what the hand-off turn logs (every channel).
    this.summary = handoffSummary(this.content, s, reason, { atStep: this.inTopic, now: this.now });
    if (this.caps.canTransfer && transfer) {
      this.add(s.topic ? this.shared.replies.handoffAgent : this.shared.replies.handoffAgentFirst);
      this.handoff = { reason, ...where, summary: this.summary };
      this.end = "handoff";
      this.state = { ...s, phase: "ended", paused: undefined, offered: undefined };
      return this;
    }
    this.add(fill(this.shared.replies.supportOptions, { phone: this.caps.supportPhone }));
    // "Repeat" or "what was the number?" brings the options back.
    this.state = {
      ...initialState(),
      phase: "anythingElse",
      said: SAID_SUPPORT,
      // The topic, where it ended and what was done in it stay, for "what have we done so far?" and "go back".
      ...keptPlace(s),
    };
    return this;
  }

  goodbye(): this {
    const s = this.state;
    if (s.topic && this.inTopic) {
      this.signal({ kind: "abandoned", topic: s.topic, step: s.step });
      // "I gotta go, I'll finish this later": where they got to and how to pick it up, as at a restart step.
      if (this.caps.callerOnDevice !== false)
        this.add(fill(this.shared.replies.leftMidTopic, { n: this.stepNumber }));
    }
    // Right after "glad your backup is working": the topic kept beside "anything else?" ended with a yes.
    const fixed = s.phase === "anythingElse" && s.topic !== undefined && s.outcomes?.[s.step] === "y";
    this.add(fixed ? this.shared.replies.goodbyeFixed : this.shared.replies.goodbye);
    this.end = "goodbye";
    this.state = { ...s, phase: "ended", paused: undefined, offered: undefined };
    return this;
  }

  result(): TurnResult {
    const expect = this.expect();
    const kind: HintKind | undefined = expect === "next" || expect === "yesNo" ? expect : undefined;
    const hint = kind !== undefined && (this.coach || !this.hintedBefore.includes(kind));
    const hinted =
      kind && !this.hintedBefore.includes(kind) ? [...this.hintedBefore, kind] : this.hintedBefore;
    if (this.state.phase !== "ended" && hinted.length > 0) this.state = { ...this.state, hinted };
    if (this.state.phase !== "ended" && this.began !== undefined)
      this.state = { ...this.state, began: this.began };
    const say = [...this.say];
    if (!this.end && !this.asked && !this.state.paused && !this.state.offered) say.push(this.question(hint));
    // Never a silent open turn (Lex rejects ElicitIntent without a message): a state no path builds, only a
    // tampered one, could otherwise leave nothing to say.
    if (!this.end && say.length === 0) say.push(this.question(hint));
    if (!this.end) say.push(...this.after);
    const reprompt =
      expect === "none"
        ? []
        : expect === "resume"
          ? [this.state.paused ? this.shared.replies.pauseReprompt : this.question()]
          : [this.shared.reprompts[this.repromptKind()].noInput[0], this.question()];
    const output: Output = { say, reprompt, expect, signals: this.signals };
    if (hint) output.hint = true;
    if (this.end) output.end = this.end;
    if (this.handoff) output.handoff = this.handoff;
    if (this.summary) output.summary = this.summary;
    if (this.forget) output.forget = true;
    return { state: this.state, output };
  }
}
