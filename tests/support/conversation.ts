// Conversation tests as data: tests/conversations/*.yaml hold caller turns and what the line must say or do.
// This module reads them (validated: a typo in a test file is an error, not a silent pass) and plays them
// through the real Lex handler, turn by turn, carrying session attributes as Lex does; and the voice ones
// through the real Alexa handler too, on a simulated Echo (see playOnAlexa for what is and isn't checked there).
import { handler as alexaHandler } from "../../lambda/alexa.js";
import { alexaIntentName, isTopicIntent } from "../../lambda/channels/alexa/intents.js";
import { STATE_ATTRIBUTE } from "../../lambda/channels/alexa/response.js";
import { readEvent, toHearing } from "../../lambda/channels/lex/request.js";
import { content } from "../../lambda/content/index.js";
import type { BotModel } from "../../lambda/content/load.js";
import { normalise } from "../../lambda/content/schema.js";
import { decodeState } from "../../lambda/engine/state.js";
import { readTurn } from "../../lambda/engine/understand/read-turn.js";
import { handler } from "../../lambda/handler.js";
import { confidenceThresholdOf } from "../../local/bot.js";
import { IntentClassifier, interpret } from "../../local/classifier.js";
import { type Conversation, type Expectation, handoffDifferences } from "../../local/conversation-files.js";

export { type Conversation, loadConversations } from "../../local/conversation-files.js";

import { Echo } from "../alexa/support/echo.js";
import { type AlexaResponse, said as alexaSaid } from "../alexa/support/response-schema.js";
import { type Channel, lexEvent } from "./lex-events.js";
import { assertValidLexResponse, spokenText } from "./lex-response-schema.js";

/** What the NLU made of some words: the intent Lex picks, and its alternatives. */
export interface Understood {
  intent: string;
  confidence?: number;
  alternatives: Array<{ intent: string; confidence?: number }>;
}
export type Resolver = (words: string, nlu: "phrases" | "classifier") => Promise<Understood> | Understood;

/** Exact-phrase intent lookup over the training data: the intent Lex would surely pick for its own phrases. */
export function intentResolver(model: BotModel): (words: string) => string {
  const byPhrase = new Map<string, string>();
  for (const intent of model.intents)
    for (const u of intent.utterances) byPhrase.set(normalise(u), intent.name);
  return (words) => byPhrase.get(normalise(words)) ?? "FallbackIntent";
}

/**
 * Stands in for Lex's NLU in these tests: a training phrase is its own intent; other words get what the local
 * runtime's classifier (NLP.js, trained on the same phrases) gives them: an intent when it is sure enough,
 * FallbackIntent otherwise, and the alternatives either way, as Lex sends them.
 */
export async function nluResolver(model: BotModel): Promise<Resolver> {
  const exact = intentResolver(model);
  const classifier = await IntentClassifier.fromModel(model);
  const threshold = confidenceThresholdOf(model);
  return async (words, nlu) => {
    const known = exact(words);
    if (nlu === "phrases") return { intent: known, alternatives: [] };
    const ranked = interpret(await classifier.rank(words), threshold);
    const top = known !== "FallbackIntent" ? known : (ranked[0]?.intent ?? "FallbackIntent");
    const own = ranked.find((r) => r.intent === top);
    const alternatives = ranked
      .filter((r) => r.intent !== top)
      .map((r) => ({ intent: r.intent, ...(r.score !== undefined ? { confidence: r.score } : {}) }));
    return {
      intent: top,
      ...(known !== "FallbackIntent"
        ? { confidence: 0.95 }
        : own?.score !== undefined
          ? { confidence: own.score }
          : {}),
      alternatives,
    };
  };
}

export interface PlayedTurn {
  said: string;
  response: ReturnType<typeof assertValidLexResponse>;
}

export async function play(conv: Conversation, resolve: Resolver): Promise<void> {
  let attributes: Record<string, string> = {};
  for (const [i, turn] of conv.turns.entries()) {
    const where = `${conv.file} "${conv.name}" turn ${i + 1}`;
    if (turn.tamper !== undefined) attributes = { ...attributes, conversationState: turn.tamper };
    const transcript = turn.caller ?? turn.press ?? "";
    const understood: Understood = turn.intent
      ? { intent: turn.intent, alternatives: [] }
      : turn.caller
        ? await resolve(turn.caller, conv.nlu)
        : { intent: "FallbackIntent", alternatives: [] };
    const channel: Channel = conv.channel;
    const event = lexEvent({
      channel,
      intent: understood.intent,
      ...(understood.confidence !== undefined ? { confidence: understood.confidence } : {}),
      alternatives: understood.alternatives,
      transcript,
      sessionAttributes: attributes,
      dtmf: turn.press !== undefined,
    });
    const response = assertValidLexResponse(await handler(event));
    const said = spokenText(response);
    attributes = response.sessionState.sessionAttributes ?? attributes;
    if (turn.bot) check(turn.bot, response, said, where);
    if (response.sessionState.dialogAction.type === "Close" && i < conv.turns.length - 1) {
      // Lex ends the session on Close; the next turn starts a new one.
      attributes = {};
    }
  }
}

/** says / saysNot / matches: the same on every channel. */
function checkWords(e: Expectation, said: string, fail: (what: string) => never): void {
  const lower = said.toLowerCase();
  for (const text of e.says ?? [])
    if (!lower.includes(text.toLowerCase())) fail(`expected it to say "${text}"`);
  for (const text of e.saysNot ?? [])
    if (lower.includes(text.toLowerCase())) fail(`expected it NOT to say "${text}"`);
  if (e.matches && !new RegExp(e.matches, "i").test(said)) fail(`expected it to match /${e.matches}/`);
}

function check(e: Expectation, response: PlayedTurn["response"], said: string, where: string) {
  const fail = (what: string) => {
    throw new Error(`${where}: ${what}\n  the line said: "${said}"`);
  };
  checkWords(e, said, fail);
  const attrs = response.sessionState.sessionAttributes ?? {};
  if (e.action && response.sessionState.dialogAction.type !== e.action) {
    fail(`expected action ${e.action}, got ${response.sessionState.dialogAction.type}`);
  }
  if (e.nextAction && attrs.nextAction !== e.nextAction)
    fail(`expected nextAction ${e.nextAction}, got ${attrs.nextAction}`);
  if (e.topic && attrs.topic !== e.topic) fail(`expected topic ${e.topic}, got ${attrs.topic}`);
  if (e.step && attrs.step !== String(e.step)) fail(`expected step ${e.step}, got ${attrs.step}`);
  const [handoff] = handoffDifferences(e, attrs);
  if (handoff) fail(handoff);
}

// ---------------------------------------------------------------------------------------------------------------
// The same conversations on Alexa.
//
// Played: every `channel: voice` conversation (the phone has a keypad and agents, chat has no speech), through the
// real Alexa handler on a simulated Echo that keeps the session as Alexa does. Each caller turn becomes the
// IntentRequest for the intent Alexa's model files the words under (the Lex intent, renamed: Yes is
// AMAZON.YesIntent, Back is AMAZON.PreviousIntent, FallbackIntent is AMAZON.FallbackIntent ...). A session opens
// the way a speaker user would open it, so the engine sees the same first turn as on Lex:
//   - a topic asked as a question is a one-shot: "Alexa, ask backup helper how do I ..." (a new session);
//   - a problem stated plainly is said after "Alexa, open backup helper" (a LaunchRequest, whose greeting is
//     checked for validity only: the file's first expectations are about the answer to the caller's words);
//   - other first words (hello, help) open the session themselves: "Alexa, tell backup helper hello";
//   - a turn that tampers with the state needs a session to tamper with: it is said after a launch.
// After the line ends a session (goodbye), the next turn opens a new one by the same rules.
//
// Checked on Alexa: says, saysNot and matches (against the output speech, markup removed); action (Close is
// shouldEndSession true, ElicitIntent false); nextAction HANGUP (the session ends); topic and step (against the
// conversation state Alexa carries in the session: the engine's own place, not a contact-flow attribute).
// Every response is also checked against Alexa's contract (valid SSML, reprompt while open, size limits).
// Not checked, because it can't happen on Alexa: nextAction TRANSFER_TO_AGENT (no agents; a voice conversation
// expecting it fails here). Conversations that legitimately differ on Alexa (silence, words the skill never
// receives, a pause that ends the session) are listed with the reason in tests/conversations.test.ts.

/** Whether Lex would take these words as a question about the topic (its own rule, via its own adapter). */
function lexHearsQuestion(words: string, intent: string): boolean {
  const hearing = toHearing(readEvent(lexEvent({ channel: "voice", intent, transcript: words })));
  const input = "heard" in hearing ? readTurn(content, undefined, hearing.heard) : hearing;
  return input.type === "topic" && input.question === true;
}

export async function playOnAlexa(conv: Conversation, resolve: Resolver): Promise<void> {
  const echo = new Echo(
    alexaHandler,
    `amzn1.ask.account.CONVERSATION${normalise(conv.name).replace(/\W/g, "")}`,
  );
  for (const [i, turn] of conv.turns.entries()) {
    const where = `${conv.file} "${conv.name}" turn ${i + 1} (alexa)`;
    if (turn.silence || turn.press !== undefined)
      throw new Error(
        `${where}: Alexa has no keypad and handles silence itself; list this conversation as not on Alexa`,
      );
    const words = turn.caller ?? "";
    const lexIntent = turn.intent ?? (await resolve(words, conv.nlu)).intent;
    const intent = alexaIntentName(lexIntent);
    if (!echo.inSession) {
      const afterLaunch =
        turn.tamper !== undefined || (isTopicIntent(lexIntent) && !lexHearsQuestion(words, lexIntent));
      if (afterLaunch) await echo.open();
    }
    if (turn.tamper !== undefined) echo.attributes = { ...echo.attributes, [STATE_ATTRIBUTE]: turn.tamper };
    const response = await echo.say(intent);
    if (turn.bot) checkAlexa(turn.bot, response, where);
  }
}

function checkAlexa(e: Expectation, response: AlexaResponse, where: string) {
  const said = alexaSaid(response);
  const fail = (what: string) => {
    throw new Error(`${where}: ${what}\n  Alexa said: "${said}"`);
  };
  checkWords(e, said, fail);
  const ended = response.response.shouldEndSession === true;
  if (e.action && ended !== (e.action === "Close"))
    fail(`expected ${e.action === "Close" ? "the session to end" : "the session to stay open"}`);
  if (e.nextAction === "TRANSFER_TO_AGENT" || e.summary || e.reason || e.stepsDone)
    fail("expected a transfer to an agent (and its summary), which Alexa can't do");
  if (e.nextAction === "HANGUP" && !ended) fail("expected the session to end");
  if (e.topic === undefined && e.step === undefined) return;
  const decoded = decodeState(response.sessionAttributes?.[STATE_ATTRIBUTE], content);
  const state = decoded.ok ? decoded.state : undefined;
  const inTopic = state?.phase === "step" || state?.phase === "confirm";
  const place = inTopic ? `${state.topic} step ${state.step + 1}` : "no topic running";
  if (e.topic && (!inTopic || state.topic !== e.topic)) fail(`expected topic ${e.topic}, at ${place}`);
  if (e.step && (!inTopic || state.step + 1 !== e.step)) fail(`expected step ${e.step}, at ${place}`);
}
