// A simulated Echo: keeps the session the way Alexa does (opened by a launch or a one-shot, attributes carried
// between turns, closed when the skill ends it or the listener walks away) and checks every response.
import type { SessionEndedReason } from "ask-sdk-model";
import { intentRequest, launchRequest, sessionEndedRequest, USER_ID } from "./requests.js";
import { type AlexaResponse, assertSpeechless, assertValidAlexaResponse } from "./response-schema.js";

type Handler = (event: unknown) => Promise<unknown>;

let sessions = 0;

export class Echo {
  private session?: { id: string; attributes: Record<string, unknown> };

  constructor(
    private readonly handler: Handler,
    readonly userId = USER_ID,
  ) {}

  get inSession(): boolean {
    return this.session !== undefined;
  }

  /** The session attributes Alexa holds for the skill, as a tampering client could change them. */
  get attributes(): Record<string, unknown> {
    return this.session?.attributes ?? {};
  }

  set attributes(value: Record<string, unknown>) {
    if (this.session) this.session.attributes = value;
  }

  /** "Alexa, open backup helper": always a new session. */
  async open(): Promise<AlexaResponse> {
    this.session = undefined;
    return this.answer(launchRequest({ ...this.start(), isNew: true }));
  }

  /** A phrase Alexa matched to `intent`: in the open session, or a one-shot that opens one. */
  async say(intent: string, slots: Record<string, string> = {}): Promise<AlexaResponse> {
    const isNew = !this.session;
    const options = isNew ? { ...this.start(), isNew } : this.current();
    return this.answer(intentRequest(intent, options, slots));
  }

  /** The session closes without the skill ending it: "exit", silence after the reprompt, or an error. */
  async end(reason: SessionEndedReason = "EXCEEDED_MAX_REPROMPTS"): Promise<AlexaResponse> {
    if (!this.session) throw new Error("no open session to end");
    const response = assertSpeechless(await this.handler(sessionEndedRequest(reason, this.current())));
    this.session = undefined;
    return response;
  }

  private start() {
    this.session = { id: `amzn1.echo-api.session.${++sessions}`, attributes: {} };
    return { sessionId: this.session.id, userId: this.userId };
  }

  private current() {
    const s = this.session;
    if (!s) throw new Error("no open session");
    return { sessionId: s.id, userId: this.userId, attributes: s.attributes, isNew: false };
  }

  private async answer(request: unknown): Promise<AlexaResponse> {
    const response = assertValidAlexaResponse(await this.handler(request));
    if (response.response.shouldEndSession !== false) this.session = undefined;
    else if (this.session) this.session.attributes = response.sessionAttributes ?? {};
    return response;
  }
}
