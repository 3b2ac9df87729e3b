// The Alexa custom skill's Lambda: the same engine and content as the phone line, adapted to a smart speaker.
// A launch greets (or offers to pick up saved progress), a topic named in the opening words is a one-shot
// question, a pause ends the session and saves the place, and nobody can take the call, so Apple Support's
// options are read instead. It never throws: a bad request gets a spoken restart, or no speech where Alexa
// allows none.
import type { ResponseEnvelope } from "ask-sdk-model";
import { pauseSpeech, placeOf, stepNumberAt, stepUnderWay } from "./channels/alexa/pause.js";
import { type AlexaRequest, readRequest, type SessionFacts, toInput } from "./channels/alexa/request.js";
import { endSession, STATE_ATTRIBUTE, silent, speak } from "./channels/alexa/response.js";
import { readConfig } from "./config.js";
import { content, contentFor } from "./content/index.js";
import { restartTurn, takeTurn } from "./conversation-turn.js";
import { decodeState, initialState } from "./engine/state.js";
import type { Capabilities, Input, Progress } from "./engine/types.js";
import type { Heard } from "./engine/understand/read-turn.js";
import { trackerFromEnv } from "./store/config.js";
import type { ProgressTracker } from "./store/tracker.js";
import { log } from "./telemetry/log.js";
import { writeLine } from "./telemetry/sink.js";
import { storeProblem } from "./telemetry/store-problem.js";
import { recordTurn } from "./telemetry/turn-record.js";
import { type TurnEffects, WARM_UP_EFFECTS, warmUp } from "./warm-up.js";

const config = readConfig();
/** No agents on a speaker: when a person is asked for, Apple Support's options are read. */
const caps: Capabilities = { canTransfer: false, supportPhone: config.supportPhone, callerOnDevice: false };
/** Set in AWS: the Lambda trigger checks the skill id too; this is the second lock on the same door. */
const skillId = process.env.ALEXA_SKILL_ID?.trim() || undefined;
const tracker = trackerFromEnv(process.env, storeProblem);
const live: TurnEffects = { tracker, sink: writeLine };
// The progress store made ready while the line warms up: both at init, on a full vCPU (lambda/warm-up.ts says why).
const storeReady = tracker?.prepare();
// A short conversation through turn() at init, as a speaker sends it.
await warmUp<unknown>(async (t, carried) => {
  const session = {
    isNew: carried === undefined,
    storedState: carried,
    progressDeleted: false,
    skillIds: [],
    sessionId: "warm-up",
  };
  const given = session.isNew
    ? toInput(t.intent, true)
    : { heard: { text: t.words, interpretations: [{ intent: t.intent, confidence: 0.9 }] } };
  const response = await turn(session, given, WARM_UP_EFFECTS);
  return response.sessionAttributes?.[STATE_ATTRIBUTE];
});
await storeReady;

export async function handler(event: unknown): Promise<ResponseEnvelope> {
  let request: AlexaRequest | undefined;
  try {
    request = readRequest(event);
    return await answer(request);
  } catch (err) {
    // A bug must not leave the listener with Alexa's error: start again politely. Only the error is logged.
    log("ERROR", "alexa turn failed", { error: String(err) });
    const speechless =
      request?.kind === "sessionEnded" || (request?.kind === "invalid" && request.speechless);
    return speechless ? silent() : restart();
  }
}

/** With ALEXA_SKILL_ID set, a request must name a skill, and every skill id it carries must be ours. */
const forAnotherSkill = (ids: string[]) =>
  skillId !== undefined && (ids.length === 0 || ids.some((id) => id !== skillId));

async function answer(request: AlexaRequest): Promise<ResponseEnvelope> {
  if (request.kind === "invalid") {
    log("WARN", "alexa request rejected", { reason: request.reason });
    return request.speechless ? silent() : restart();
  }
  if (forAnotherSkill(request.skillIds)) {
    log("WARN", "alexa request for another skill");
    return endSession([]);
  }
  switch (request.kind) {
    case "sessionEnded":
      await sessionEnded(request);
      return silent();
    case "unsupported":
      return silent();
    case "launch":
      return turn(request, { type: "launch" });
    case "intent":
      return turn(request, toInput(request.intent, request.isNew, request.words));
  }
}

/** One spoken turn: the state from the session (validated), saved progress when a session opens. */
async function turn(
  session: SessionFacts,
  given: Input | { heard: Heard },
  { tracker, sink }: TurnEffects = live,
): Promise<ResponseEnvelope> {
  const started = performance.now();
  const key = await keyOf(session, tracker);
  if (!("heard" in given) && given.type === "pause") return pause(session, key, started);

  const { prev, input, state, output, change, conversationStarted } = await takeTurn({
    storedState: session.storedState,
    input: given,
    caps,
    channel: "alexa",
    wording: "speaker",
    ...(key ? { progressKey: key } : {}),
    ...(tracker ? { tracker } : {}),
  });
  // After "delete my data", a session that then just ends must not quietly save the place again; moving on a
  // step saves as it always does (as on the phone), and a pause saves because it says it will.
  const progressDeleted = output.forget === true || (session.progressDeleted && change?.action !== "save");
  const response = speak(output, state, { progressDeleted });
  recordTurn(
    {
      sessionId: session.sessionId,
      channel: "alexa",
      intent: input.type === "topic" ? input.topic : input.type,
      prev,
      state,
      output,
      latencyMs: performance.now() - started,
      conversationStarted,
    },
    content,
    sink,
  );
  return response;
}

/** "Wait": the session ends and the place is saved, so "Alexa, open backup helper" picks up there. */
async function pause(session: SessionFacts, key: string | undefined, started: number) {
  const decoded = session.storedState === undefined ? undefined : decodeState(session.storedState, content);
  const prev = decoded?.ok ? decoded.state : undefined;
  // "Wait" as the first words: nothing under way here, but the place saved last time is what to come back to.
  const saved = key && session.storedState === undefined ? await tracker?.load(key) : undefined;
  const place = placeOf(prev, saved);
  const moving = stepUnderWay(prev);
  if (key && moving) await save(key, moving);
  // Without a progress store nothing can be kept: the listener is told so, not promised a place.
  const n = place ? stepNumberAt(place, prev, content) : undefined;
  const speech = pauseSpeech(n, contentFor("speaker").shared, tracker !== undefined);
  const state = prev ?? initialState();
  recordTurn(
    {
      sessionId: session.sessionId,
      channel: "alexa",
      intent: "pause",
      prev,
      state,
      output: { say: [speech], reprompt: [], expect: "none", end: "goodbye", signals: [] },
      latencyMs: performance.now() - started,
      conversationStarted: session.storedState === undefined,
    },
    content,
  );
  return endSession([speech]);
}

/** The session closed (the listener said exit, walked away, or Alexa hit an error): keep the place. */
async function sessionEnded(request: Extract<AlexaRequest, { kind: "sessionEnded" }>): Promise<void> {
  if (request.reason === "ERROR")
    log("WARN", "alexa ended the session with an error", { error: request.error });
  if (request.progressDeleted) return;
  const decoded = request.storedState === undefined ? undefined : decodeState(request.storedState, content);
  const place = decoded?.ok ? stepUnderWay(decoded.state) : undefined;
  const key = place ? await keyOf(request, tracker) : undefined;
  if (key && place) await save(key, place);
}

async function keyOf(session: SessionFacts, store: ProgressTracker | undefined): Promise<string | undefined> {
  return session.userId && store ? store.key("alexa", session.userId) : undefined;
}

async function save(key: string, place: Progress): Promise<void> {
  await tracker?.apply(key, { action: "save", progress: { ...place, at: Date.now(), channel: "alexa" } });
}

/** A polite fresh start: the apology for the lost place, then the opening question. */
function restart(): ResponseEnvelope {
  const { state, output } = restartTurn(config.supportPhone, "speaker");
  return speak(output, state);
}
