// A peer for the benchmark only: the smallest Alexa skill on ask-sdk-core (Amazon's Alexa Skills Kit SDK) that
// serves the same first turn as the line: "my iCloud storage is full" answered with the topic's first step and
// its question. No state, no logs, no metrics: the floor a skill framework sets, to compare the line with.
import { type HandlerInput, SkillBuilders } from "ask-sdk-core";
import type { RequestEnvelope, ResponseEnvelope } from "ask-sdk-model";

const FIRST_STEP =
  "Okay, let's make room in iCloud for your backup. This takes up to 5 short steps. Step 1. Open Settings, tap " +
  "your name at the top, then tap iCloud. The bar at the top shows how much of your iCloud storage is used.";
const QUESTION = "Is your iCloud storage full, or nearly full?";

const skill = SkillBuilders.custom()
  .addRequestHandlers({
    canHandle: (input: HandlerInput) =>
      input.requestEnvelope.request.type === "IntentRequest" &&
      input.requestEnvelope.request.intent.name === "StorageFull",
    handle: (input: HandlerInput) =>
      input.responseBuilder
        .speak(`${FIRST_STEP} ${QUESTION}`)
        .reprompt(QUESTION)
        .withShouldEndSession(false)
        .getResponse(),
  })
  .create();

export const handler = (event: RequestEnvelope): Promise<ResponseEnvelope> => skill.invoke(event);
