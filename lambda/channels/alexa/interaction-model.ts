// The skill's interaction model, generated from the same content as the Lex bot: the topic intents with their
// phrases, our navigation phrases on Alexa's built-ins (which only match phrases they know, so "it's still
// broken" must be listed under AMAZON.NoIntent), the custom intents Alexa has no built-in for, and the
// built-ins every custom skill needs. Build-time only (reads prompts/ through load.ts).
import { botModel, type Content } from "../../content/load.js";
import { normalise } from "../../content/schema.js";
import { answerIntent } from "./answer-slot.js";
import { ALEXA_INTENTS, ALEXA_NAVIGATE_HOME_INTENT, alexaIntentName } from "./intents.js";
import type { InteractionModelFile, ModelIntent } from "./skill-types.js";
import { toAlexaUtterance } from "./utterances.js";

/** A content phrase left out of the Alexa model because Alexa's rules don't allow it and no safe rewrite exists. */
export interface DroppedUtterance {
  intent: string;
  phrase: string;
  reason: string;
}

export interface BuiltModel {
  file: InteractionModelFile;
  dropped: DroppedUtterance[];
  /** Anything that would make Alexa refuse the model, or the handler miss an intent: the package is not written. */
  problems: string[];
}

export function interactionModel(content: Content): BuiltModel {
  const invocationName = content.shared.speaker.invocationName;
  const problems = invocationNameProblems(invocationName).map(
    (p) => `invocation name '${invocationName}' ${p}`,
  );
  const dropped: DroppedUtterance[] = [];
  const owner = new Map<string, string>();
  const intents: ModelIntent[] = [];

  for (const intent of botModel(content).intents) {
    const name = alexaIntentName(intent.name);
    const samples: string[] = [];
    for (const phrase of intent.utterances) {
      const result = toAlexaUtterance(phrase);
      if (!result.ok) {
        dropped.push({ intent: name, phrase, reason: result.reason });
        continue;
      }
      const text = result.text;
      const taken = owner.get(text);
      // Two spellings of one phrase ("wi-fi" and "wi fi") become one sample; the same phrase on two intents
      // is an error Alexa would refuse the model for.
      if (taken === name) continue;
      if (taken) problems.push(`'${text}' (from '${phrase}') is a sample of both ${taken} and ${name}`);
      if (normalise(text).includes(normalise(invocationName)))
        problems.push(`'${text}' (${name}) contains the invocation name`);
      owner.set(text, name);
      samples.push(text);
    }
    intents.push(intent.kind === "topic" ? { name, slots: [], samples } : { name, samples });
  }
  intents.push({ name: ALEXA_NAVIGATE_HOME_INTENT, samples: [] });
  const answers = answerIntent(content);
  for (const sample of answers.intent.samples) {
    const taken = owner.get(sample);
    if (taken) problems.push(`'${sample}' is a sample of both ${taken} and ${answers.intent.name}`);
  }
  intents.push(answers.intent);

  const declared = intents.map((i) => i.name);
  for (const name of declared)
    if (!ALEXA_INTENTS.includes(name))
      problems.push(`intent ${name} is declared but the handler doesn't answer it`);
  for (const name of ALEXA_INTENTS)
    if (!declared.includes(name)) problems.push(`intent ${name} is answered by the handler but not declared`);

  return {
    file: { interactionModel: { languageModel: { invocationName, intents, types: [answers.type] } } },
    dropped,
    problems,
  };
}

/** Words Alexa reserves: wake words, "skill"/"app", and the launch phrases and connecting words of invocations. */
const RESERVED_WORDS = new Set([
  "alexa",
  "amazon",
  "echo",
  "computer",
  "skill",
  "app",
  "launch",
  "ask",
  "tell",
  "load",
  "begin",
  "enable",
  "open",
  "start",
  "play",
  "run",
  "use",
  "to",
  "from",
  "by",
  "if",
  "and",
  "whether",
]);
/** A two-word name may not be an article or a preposition plus one word ("a bicycle", "for fun"). */
const WEAK_WORDS = new Set(["the", "a", "an", "for", "to", "of", "on", "in", "with"]);

/** What Alexa's invocation name requirements would reject in a name, or nothing. */
export function invocationNameProblems(name: string): string[] {
  const problems: string[] = [];
  const words = name.split(" ");
  if (name.length < 2 || name.length > 50) problems.push("must be 2 to 50 characters");
  if (!/^[a-z][a-z' .]*[a-z.]$/.test(name) || /\s{2,}/.test(name))
    problems.push("may only use lowercase letters, single spaces, apostrophes and periods");
  if (words.length < 2) problems.push("must be two or more words");
  const reserved = words.filter((w) => RESERVED_WORDS.has(w));
  if (reserved.length > 0) problems.push(`must not contain ${reserved.map((w) => `'${w}'`).join(", ")}`);
  if (words.length === 2 && words.some((w) => WEAK_WORDS.has(w)))
    problems.push("must not be two words of which one is an article or a preposition");
  return problems;
}
