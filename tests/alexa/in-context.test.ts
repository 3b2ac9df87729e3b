// The in-context rules on a smart speaker. Alexa sends the skill an intent, never the words: answers in the
// question's own words arrive in the Answer intent's slot (its values are the content's answer phrases), side
// questions and topics as their own intents, yes and no as Alexa's built-ins. The same reading applies.
import { describe, expect, it } from "vitest";
import { handler } from "../../lambda/alexa.js";
import { answerPhrases } from "../../lambda/channels/alexa/answer-slot.js";
import { ALEXA_ANSWER_INTENT, ANSWER_SLOT, ANSWER_SLOT_TYPE } from "../../lambda/channels/alexa/intents.js";
import { interactionModel } from "../../lambda/channels/alexa/interaction-model.js";
import { STATE_ATTRIBUTE } from "../../lambda/channels/alexa/response.js";
import { content } from "../../lambda/content/index.js";
import { loadContent } from "../../lambda/content/load.js";
import { decodeState } from "../../lambda/engine/state.js";
import { Echo } from "./support/echo.js";
import { said } from "./support/response-schema.js";

const sh = content.shared;
const place = (r: { sessionAttributes?: Record<string, unknown> }) => {
  const d = decodeState(r.sessionAttributes?.[STATE_ATTRIBUTE], content);
  return d.ok ? { topic: d.state.topic, step: d.state.step + 1, phase: d.state.phase } : undefined;
};
const answer = (echo: Echo, words: string) => echo.say(ALEXA_ANSWER_INTENT, { [ANSWER_SLOT]: words });

async function atSwitchQuestion(): Promise<Echo> {
  const echo = new Echo(handler);
  await echo.open();
  await echo.say("CheckBackupSettings");
  expect(said(await echo.say("AMAZON.NextIntent"))).toContain("Is the switch green?");
  return echo;
}

describe("answers in words on Alexa", () => {
  it("declares the Answer intent with a slot of every answer phrase in the content", () => {
    const model = interactionModel(loadContent()).file.interactionModel.languageModel;
    const intent = model.intents.find((i) => i.name === ALEXA_ANSWER_INTENT);
    expect(intent?.slots).toEqual([{ name: ANSWER_SLOT, type: ANSWER_SLOT_TYPE }]);
    const values = model.types.find((t) => t.name === ANSWER_SLOT_TYPE)?.values.map((v) => v.name.value);
    expect(values).toEqual(answerPhrases(loadContent()));
    expect(values).toEqual(expect.arrayContaining(["gray", "lots of space", "still spinning", "never"]));
  });

  it("'it's gray' at 'is the switch green?' is no: turn it on", async () => {
    const echo = await atSwitchQuestion();
    const r = await answer(echo, "gray");
    expect(said(r)).toContain("Tap the switch");
    expect(place(r)).toMatchObject({ topic: "CheckBackupSettings", step: 3 });
  });

  it("'not green' is no, 'green' is yes", async () => {
    const no = await atSwitchQuestion();
    expect(place(await answer(no, "not green"))).toMatchObject({ step: 3 });
    const yes = await atSwitchQuestion();
    expect(place(await answer(yes, "green"))).toMatchObject({ step: 4 });
  });

  it("'there's loads of room' at the storage question takes its no branch, in the topic", async () => {
    const echo = new Echo(handler);
    await echo.open();
    await echo.say("StorageFull");
    const r = await answer(echo, "loads of room");
    expect(place(r)).toMatchObject({ topic: "StorageFull", step: 6 });
  });

  it("'it's still spinning' at is-it-working is not fixed: the next step", async () => {
    const echo = new Echo(handler);
    await echo.open();
    await echo.say("BackupStuck");
    expect(place(await answer(echo, "still spinning"))).toMatchObject({ topic: "BackupStuck", step: 2 });
  });

  it("words with no question open are not understood, and nothing moves", async () => {
    const echo = new Echo(handler);
    await echo.open();
    const r = await answer(echo, "gray");
    expect(said(r)).toContain(sh.reprompts.topic.noMatch[0]);
  });
});

describe("side questions, topic changes and endings on Alexa", () => {
  it("a side question mid-step is answered, then the step's question again", async () => {
    const echo = new Echo(handler);
    await echo.open();
    await echo.say("BackupStuck");
    const r = await echo.say("AskBackupDuration");
    expect(said(r)).toContain(content.questions.AskBackupDuration?.answer ?? "missing");
    expect(said(r)).toContain(sh.askFixed);
    expect(place(r)).toMatchObject({ topic: "BackupStuck", step: 1 });
  });

  it("asked whether they can come back later, a listener hears how on a speaker, and the step goes on", async () => {
    const echo = new Echo(handler);
    await echo.open();
    await echo.say("BackupStuck");
    const r = await echo.say("AskComeBackLater");
    expect(said(r)).toContain("open the skill again and say pick up");
    expect(said(r)).not.toContain("call back");
    expect(said(r)).toContain(sh.askFixed);
    expect(place(r)).toMatchObject({ topic: "BackupStuck", step: 1 });
  });

  it("another topic mid-topic is asked about; yes goes there, no stays", async () => {
    const echo = new Echo(handler);
    await echo.open();
    await echo.say("RestartIPhone");
    const asked = await echo.say("StorageFull");
    expect(said(asked)).toContain("come back to restarting your iPhone after");
    expect(place(await echo.say("AMAZON.NoIntent"))).toMatchObject({ topic: "RestartIPhone", step: 1 });
    await echo.say("StorageFull");
    expect(place(await echo.say("AMAZON.YesIntent"))).toMatchObject({ topic: "StorageFull", step: 1 });
  });

  it("delete my data is confirmed first; no keeps it", async () => {
    const echo = new Echo(handler);
    await echo.open();
    await echo.say("BackupStuck");
    expect(said(await echo.say("DeleteMyData"))).toContain(sh.replies.confirmDelete);
    const kept = await echo.say("AMAZON.NoIntent");
    expect(said(kept)).toContain(sh.replies.keptData);
    expect(place(kept)).toMatchObject({ topic: "BackupStuck", step: 1 });
  });

  it("'I got cut off' with nothing saved starts from the problem", async () => {
    const echo = new Echo(handler);
    await echo.open();
    expect(said(await echo.say("ReturnCall"))).toContain(sh.replies.noSavedPlace);
  });
});
