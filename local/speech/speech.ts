// Speech for RecognizeUtterance: audio in (validated as Lex validates it, silence heard as nothing said, speech
// recognised against the bot's own language model) and audio out (the bot's messages spoken). The recogniser is
// built on first use, or up front with prepare() (npm run serve and npm start do, when the packages are there).

import type { BotModel } from "../../lambda/content/load.js";
import { loadContent } from "../../lambda/content/load.js";
import { validationError } from "../lex-error.js";
import type { Message } from "../lex-types.js";
import { type AudioOut, checkPcm, level, pcmFormat, to16k, wav } from "./audio.js";
import { type Heard, Recognizer } from "./recognizer.js";
import { speakAsBot } from "./synthesizer.js";
import { missingSpeech, speechTools } from "./tools.js";

/** Quieter than this (RMS, full scale 1) is no one speaking: Lex's no-input. About -50 dBFS. */
const SILENCE = 0.003;

export class Speech {
  private recognizer: Promise<Recognizer> | undefined;
  /** The last utterance's recognition, for the console's :why. */
  last: Heard | undefined;

  constructor(private readonly model: BotModel) {}

  /** Builds the language model now rather than on the first audio turn. */
  async prepare(): Promise<Recognizer | undefined> {
    if (missingSpeech()) return undefined;
    this.recognizer ??= Promise.resolve().then(() => Recognizer.create(loadContent(), this.model.intents));
    return this.recognizer;
  }

  /** What was said in this audio; an empty transcript when nobody spoke. */
  async hear(contentType: string, body: Buffer): Promise<Heard> {
    const format = pcmFormat(contentType);
    checkPcm(body, format);
    if (!speechTools().recognizer)
      throw validationError(`Audio can't be recognised here: ${missingSpeech()}`);
    const pcm = to16k(body, format.sampleRate);
    if (level(pcm) < SILENCE) {
      this.last = { transcript: "", ms: 0 };
      return this.last;
    }
    const recognizer = await this.prepare();
    if (!recognizer) throw validationError(`Audio can't be recognised here: ${missingSpeech()}`);
    this.last = await recognizer.transcribe(pcm);
    return this.last;
  }

  /** Whether replies can be spoken; throws Lex's error with what to install when they can't. */
  checkVoice(): void {
    const t = speechTools();
    if (!t.espeak)
      throw validationError(
        `Replies can't be spoken here: ${missingSpeech() ?? "espeak-ng is not installed"}`,
      );
  }

  /** The messages as the bot would say them, one after another, as 16 kHz PCM or a WAV file. */
  async voice(messages: Message[], out: AudioOut): Promise<Buffer> {
    const parts: Buffer[] = [];
    for (const m of messages) {
      const content = m.content ?? "";
      if (content.trim().length === 0) continue;
      parts.push(await speakAsBot(m.contentType === "SSML" ? content : escapeXml(content)));
    }
    const pcm = Buffer.concat(parts);
    return out === "wav" ? wav(pcm, 16000) : pcm;
  }

  async close(): Promise<void> {
    const r = await this.recognizer?.catch(() => undefined);
    r?.close();
  }
}

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
