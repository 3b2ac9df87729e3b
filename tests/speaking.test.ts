// How the line talks, on every channel and every path of every topic, through the real handlers: a phone call
// (Lex via Amazon Connect), a voice app (Lex speech), a chat (Lex text) and a smart speaker (the Alexa skill).
// Each walk answers every question both ways where the answer decides the way on, and at every turn a caller who
// is not understood is tried too. It fails when:
//   - a channel that is not a call speaks of calling, a line or a key (the content's own rules);
//   - a keypad hint is read twice in a row without a miss, help or repeat in between;
//   - a reprompt ("didn't catch that", silence) doesn't ask its question again;
//   - the step numbers a caller hears on a path are not 1, 2, 3 ... in order;
//   - a phone number in SSML isn't marked to be read as a phone number, or a chat shows "dot com".
import { describe, expect, it } from "vitest";
import { handler as alexaHandler } from "../lambda/alexa.js";
import { alexaIntentName } from "../lambda/channels/alexa/intents.js";
import { STATE_ATTRIBUTE } from "../lambda/channels/lex/response.js";
import { contentFor } from "../lambda/content/index.js";
import { TOPIC_INTENTS, type TopicId } from "../lambda/content/intents.js";
import { loadContent } from "../lambda/content/load.js";
import type { Channel, SpeechContent } from "../lambda/content/types.js";
import { CHANNEL_RULES } from "../lambda/content/wording.js";
import { decodeState, type State } from "../lambda/engine/state.js";
import { handler } from "../lambda/handler.js";
import { Echo } from "./alexa/support/echo.js";
import { said as alexaSaid, reprompted } from "./alexa/support/response-schema.js";
import { lexEvent } from "./support/lex-events.js";
import { assertValidLexResponse, spokenText } from "./support/lex-response-schema.js";

type Answer = "yes" | "no" | "next";
const source = loadContent();
const isTopic = (v: string): v is TopicId => (TOPIC_INTENTS as readonly string[]).includes(v);
const LEX_INTENT: Record<Answer | "miss", string> = {
  yes: "Yes",
  no: "No",
  next: "Next",
  miss: "FallbackIntent",
};
const ALEXA_INTENT: Record<Answer | "miss", string> = {
  yes: "AMAZON.YesIntent",
  no: "AMAZON.NoIntent",
  next: "AMAZON.NextIntent",
  miss: "AMAZON.FallbackIntent",
};

interface Heard {
  /** What the caller heard or read, markup removed. */
  text: string;
  /** The raw messages: SSML on voice channels. */
  raw: string;
  /** Said again if the caller stays silent (Alexa); on Lex, the reprompt is the no-input turn itself. */
  reprompt?: string;
  state: State | undefined;
  ended: boolean;
}

/** One conversation on one channel: turns go out the way that channel sends them, the session carried along. */
interface Line {
  /** An answer, a miss, or (the first turn) a topic's name in words. */
  say(answer: Answer | "miss" | TopicId, words: string): Promise<Heard>;
  /** The same conversation, forked: to try a miss without changing the walk. */
  fork(): Line;
}

function lexLine(channel: "phone" | "voice" | "text", attributes: Record<string, string> = {}): Line {
  let session = attributes;
  return {
    async say(answer, words) {
      const event = lexEvent({
        channel,
        intent: isTopic(answer) ? answer : LEX_INTENT[answer],
        transcript: answer === "miss" ? "purple elephant" : words,
        sessionAttributes: session,
      });
      const r = assertValidLexResponse(await handler(event));
      session = r.sessionState.sessionAttributes ?? {};
      const decoded = decodeState(session[STATE_ATTRIBUTE], contentFor(channel));
      return {
        text: spokenText(r),
        raw: (r.messages ?? []).map((m) => m.content).join(" "),
        state: decoded.ok ? decoded.state : undefined,
        ended: r.sessionState.dialogAction.type === "Close",
      };
    },
    fork: () => lexLine(channel, { ...session }),
  };
}

function speakerLine(echo = new Echo(alexaHandler)): Line {
  return {
    // Alexa sends the intent its model matched, never the words.
    async say(answer) {
      if (!echo.inSession) await echo.open();
      const r = await echo.say(isTopic(answer) ? alexaIntentName(answer) : ALEXA_INTENT[answer]);
      const decoded = decodeState(r.sessionAttributes?.[STATE_ATTRIBUTE], contentFor("speaker"));
      return {
        text: alexaSaid(r),
        raw: r.response.outputSpeech?.ssml ?? "",
        ...(r.response.reprompt ? { reprompt: reprompted(r) } : {}),
        state: decoded.ok ? decoded.state : undefined,
        ended: r.response.shouldEndSession === true,
      };
    },
    fork() {
      const copy = new Echo(alexaHandler, echo.userId);
      Object.assign(copy, { session: structuredClone((echo as unknown as { session: unknown }).session) });
      return speakerLine(copy);
    },
  };
}

const lineOn = (channel: Channel): Line => (channel === "speaker" ? speakerLine() : lexLine(channel));

/** The question a state waits on, in the channel's words, with how to answer it (a reprompt always says it). */
function questionOf(content: SpeechContent, s: State): string {
  const sh = content.shared;
  const step = s.topic ? content.topics[s.topic].steps[s.step] : undefined;
  if (s.phase === "confirm") return sh.askConfirm;
  if (s.phase === "step" && step?.then === "question") return step.ask ?? "";
  if (s.phase === "step" && step?.then === "fixed") return sh.askFixed;
  if (s.phase === "step") return step?.then === "info" ? sh.askNextInfo : sh.askNext;
  if (s.phase === "anythingElse") return sh.askAnythingElse;
  return sh.askTopic;
}

/** The answers that lead somewhere different from a state: both ways at a question, else on. */
function answersAt(content: SpeechContent, s: State): Answer[] {
  const step = s.topic ? content.topics[s.topic].steps[s.step] : undefined;
  if (s.phase === "confirm") return ["yes", "no"];
  if (step?.then === "question") return ["yes", "no"];
  // "Is it working now?": no goes on through the steps (yes ends the topic, which needs no numbering).
  if (step?.then === "fixed") return ["no"];
  return ["next"];
}

const KEYPAD = /press 1|press 2/i;
/** Which keypad hint a turn reads, if any: each kind is read once, then after a miss, help or repeat. */
const keypadHint = (text: string) =>
  text.includes(contentFor("phone").shared.keypad.yesNo)
    ? "yesNo"
    : text.includes(contentFor("phone").shared.keypad.next)
      ? "next"
      : undefined;
const stepLabels = (text: string) => [...text.matchAll(/\bStep (\d+)\./g)].map((m) => Number(m[1]));

interface Walk {
  labels: number[];
  turns: number;
}

async function walk(channel: Channel, topic: TopicId): Promise<Walk[]> {
  const content = contentFor(channel);
  const walks: Walk[] = [];
  const rules = CHANNEL_RULES[channel];

  const check = (heard: Heard, where: string) => {
    for (const rule of rules) expect(heard.text, `${where}: ${rule.why}`).not.toMatch(rule.pattern);
    if (channel === "text") expect(heard.text, where).not.toMatch(/\bdot com\b/);
    if (channel !== "text") {
      for (const [number] of heard.raw.matchAll(/\b1-800-275-2273\b/g))
        expect(heard.raw, `${where}: ${number}`).toContain(
          `<say-as interpret-as="telephone">${number}</say-as>`,
        );
    }
    if (channel !== "phone") expect(heard.text, where).not.toMatch(KEYPAD);
  };

  const step = async (
    line: Line,
    heard: Heard,
    labels: number[],
    hinted: string | undefined,
    depth: number,
  ) => {
    const s = heard.state;
    if (heard.ended || !s || s.topic !== topic || (s.phase !== "step" && s.phase !== "confirm")) {
      walks.push({ labels, turns: depth });
      return;
    }
    const where = `${channel} ${topic} turn ${depth} (${heard.text.slice(0, 60)}...)`;
    // Not understood here: the reprompt asks this state's question again (on a speaker, silence's does too).
    const missed = await line.fork().say("miss", "purple elephant");
    check(missed, `${where}, not understood`);
    expect(missed.text, `${where}: a reprompt asks its question`).toContain(questionOf(content, s));
    if (channel === "phone") expect(missed.text, `${where}: keys after a miss`).toMatch(KEYPAD);
    if (heard.reprompt !== undefined)
      expect(heard.reprompt, `${where}: the silence reprompt asks the question`).toContain(
        questionOf(content, s).split(". ").at(-1) ?? "",
      );
    for (const answer of answersAt(content, s)) {
      const branch = line.fork();
      const next = await branch.say(answer, answer);
      check(next, `${where} -> ${answer}`);
      const keys = channel === "phone" ? keypadHint(next.text) : undefined;
      // Read once; again only after a miss, help or repeat (none of which a walk answer is).
      if (keys && keys === hinted) throw new Error(`${where} -> ${answer}: keypad hint read twice in a row`);
      // A branch that starts another topic ("the alert says storage is full") starts its numbering again.
      const own = next.state?.topic === topic ? stepLabels(next.text) : [];
      await step(branch, next, [...labels, ...own], keys, depth + 1);
    }
  };

  const line = lineOn(channel);
  const first = await line.say(topic, source.topics[topic].utterances[0] ?? topic);
  check(first, `${channel} ${topic} start`);
  await step(line, first, stepLabels(first.text), keypadHint(first.text), 1);
  return walks;
}

describe.each(["phone", "voice", "text", "speaker"] as const)("on the %s channel", (channel) => {
  it.each(TOPIC_INTENTS.filter((t) => t !== "ContactSupport"))(
    "%s: every path numbers its steps 1, 2, 3 ..., re-asks after a miss, and uses the channel's words",
    async (topic) => {
      const walks = await walk(channel, topic);
      expect(walks.length).toBeGreaterThan(0);
      for (const w of walks) {
        const distinct = w.labels.filter((n, i) => i === 0 || n !== w.labels[i - 1]);
        expect(distinct, `${topic}: ${w.labels.join(", ")}`).toEqual(distinct.map((_, i) => i + 1));
      }
    },
  );
});
