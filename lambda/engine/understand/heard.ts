// What the NLU heard, as every channel hands it to the reader: the words and the interpretations, best first.
import type { SpeechContent } from "../../content/types.js";

export interface Interpretation {
  /** A bot intent name (Lex's names: topics, navigation, side questions, FallbackIntent). */
  intent: string;
  /** NLU confidence, 0 to 1, when the channel gives one. */
  confidence?: number;
}

export interface Heard {
  /** What the caller said, as transcribed; empty when the channel sends only an intent (Alexa). */
  text: string;
  /** The NLU's interpretations, best first (Lex sends up to five; FallbackIntent first when unsure). */
  interpretations: Interpretation[];
}

/** An alternative interpretation this close to its best is worth reading in context. */
export const ALTERNATIVE_MIN_CONFIDENCE = 0.15;

export const isSideQuestion = (content: SpeechContent, intent: string) =>
  Object.hasOwn(content.questions, intent);

/** Below this, an interpretation after a misguessed command is not worth following either. */
export const PLAUSIBLE = 0.25;
