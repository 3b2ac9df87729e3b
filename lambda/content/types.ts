// The content as the Lambda sees it. Type-only imports: nothing here reaches the bundle.
import type { TopicId } from "./intents.js";
import type { AnswerWords, Shared, SideQuestion, Step, Topic } from "./schema.js";

export type SpokenTopic = Omit<Topic, "utterances" | "source">;
export type SpokenShared = Omit<Shared, "intents">;
export type SpokenQuestion = Omit<SideQuestion, "utterances">;
export type { AnswerWords, Step, TopicId };

export interface SpeechContent {
  locale: string;
  shared: SpokenShared;
  topics: Record<TopicId, SpokenTopic>;
  /** Side questions, keyed by their intent name. */
  questions: Record<string, SpokenQuestion>;
}
