// The content as the Lambda sees it. Type-only imports: nothing here reaches the bundle.
import type { TopicId } from "./intents.js";
import type { AnswerWords, Channel, Shared, SideQuestion, Step as SourceStep, Topic } from "./schema.js";

/** A phrase worded per channel in prompts/ ({ default, phone, speaker ... }): what one channel says. */
type PhraseVariants = { default: string };
/** The content with every phrase resolved to the words of one channel. */
export type Worded<T> = T extends string
  ? T
  : T extends PhraseVariants
    ? string
    : T extends readonly [infer A, infer B]
      ? [Worded<A>, Worded<B>]
      : T extends readonly (infer U)[]
        ? Worded<U>[]
        : T extends object
          ? { [K in keyof T]: Worded<T[K]> }
          : T;

/**
 * A step as spoken. `triesFirst` is set at content load (load.ts) on a fix that doesn't itself tap Back Up Now:
 * its question after the words is shared.askFixedTry, not askFixed.
 */
export type Step = Worded<Omit<SourceStep, "sources">> & { triesFirst?: true };
export type SpokenTopic = Worded<Omit<Topic, "utterances" | "sources" | "steps">> & { steps: Step[] };
export type SpokenShared = Worded<Omit<Shared, "intents">>;
export type SpokenQuestion = Worded<Omit<SideQuestion, "utterances" | "sources" | "where">> & {
  where?: Worded<Omit<NonNullable<SideQuestion["where"]>[number], "sources">>[];
};
export type { AnswerWords, Channel, TopicId };

export interface SpeechContent {
  locale: string;
  shared: SpokenShared;
  topics: Record<TopicId, SpokenTopic>;
  /** Side questions, keyed by their intent name. */
  questions: Record<string, SpokenQuestion>;
}

/** One phrase that a channel words differently from the default: where it is in SpeechContent, and its words. */
export type WordingOverride = [path: Array<string | number>, text: string];
/** Per channel, the phrases it words differently; what is not listed is said as the default. */
export type ChannelWording = Record<Channel, WordingOverride[]>;
