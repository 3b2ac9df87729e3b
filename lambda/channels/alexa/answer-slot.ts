// Answers in the question's own words on Alexa ("it's gray", "there's loads of room"). Alexa sends the skill an
// intent, never the words, so its model must carry them: one custom intent, Answer, whose slot takes any answer
// phrase the content declares (the slot type's values bias Alexa's recognition to them, as Lex's own model
// biases to the bot's phrases), said on its own or after a few carrier words. The handler reads the slot's words
// against the question it asked, by the same rules as the phone line. Build-time only (reads the content).
import { answerPhrases as allAnswerPhrases, type Content } from "../../content/load.js";
import { ALEXA_ANSWER_INTENT, ANSWER_SLOT, ANSWER_SLOT_TYPE } from "./intents.js";
import type { ModelIntent, SlotType } from "./skill-types.js";
import { toAlexaUtterance } from "./utterances.js";

/** How callers lead into an answer in words; the slot is the answer itself. */
const CARRIERS = [
  "it's {words}",
  "it is {words}",
  "it says {words}",
  "it shows {words}",
  "it was {words}",
  "there's {words}",
  "there is {words}",
  "it's still {words}",
  "i think it's {words}",
  "it looks {words}",
  "the switch is {words}",
  "my storage is {words}",
  "the last backup was {words}",
  "{words}",
];

/** Every answer phrase of every question in the content, as Alexa slot values. */
export function answerPhrases(content: Content): string[] {
  const all = allAnswerPhrases(content);
  const values = new Set<string>();
  for (const phrase of all) {
    const r = toAlexaUtterance(phrase);
    if (r.ok) values.add(r.text);
  }
  return [...values].sort();
}

export function answerIntent(content: Content): { intent: ModelIntent; type: SlotType } {
  return {
    intent: {
      name: ALEXA_ANSWER_INTENT,
      slots: [{ name: ANSWER_SLOT, type: ANSWER_SLOT_TYPE }],
      samples: CARRIERS.map((c) => c.replace("{words}", `{${ANSWER_SLOT}}`)),
    },
    type: { name: ANSWER_SLOT_TYPE, values: answerPhrases(content).map((value) => ({ name: { value } })) },
  };
}
