// When the line doesn't understand or hear the caller: a short reprompt, then a person (phone) or other ways to
// get help; and a person offered, not put through, when a caller only wonders about one.
import { initialState } from "./state.js";
import { contactSupport } from "./steps.js";
import type { Turn } from "./turn.js";

/** No match or silence: a short reprompt, then a person (phone) or other ways to get help. */
export function failure(t: Turn, kind: "noMatch" | "noInput") {
  const sh = t.shared;
  const s = t.state;
  t.signal({ kind });
  if (s.phase === "start") {
    t.state = { ...s, phase: "topic" };
    return void t.add(sh.greeting);
  }
  if (s.paused) {
    t.asked = true;
    return void t.add(sh.replies.pauseReprompt);
  }
  const miss = s.miss + 1;
  if (s.phase === "resume") {
    // The offer is asked again once; then it is dropped for the plain opening question.
    t.state = miss >= 2 ? { ...initialState(), phase: "topic" } : { ...s, miss };
    return;
  }
  t.state = { ...s, miss };
  if (s.offered) return void t.handOff("noMatch");
  // Every reprompt asks its question again (appended by the turn), with how to answer it; the second time in
  // other words, and with the options.
  const reprompts = sh.reprompts[t.repromptKind()];
  t.coach = true;
  if (miss === 1) return void t.add(reprompts[kind][0]);
  // Silence at "anything else?" is a caller who is done (most often with the backup working): never an agent.
  const doneListening = s.phase === "anythingElse" && kind === "noInput";
  if (doneListening && miss >= 3) return void t.goodbye();
  if (t.caps.canTransfer && !doneListening) {
    t.state = { ...t.state, offered: true };
    t.asked = true;
    return void t.add(sh.escalate.agent);
  }
  if (miss === 2) {
    t.add(reprompts[kind][1], sh.escalate.noAgent);
    return void t.after.push(reprompts.options);
  }
  t.add(sh.replies.giveUp);
  t.handOff("noMatch");
  t.goodbye();
}

/** "Maybe I should talk to someone?": where a call can be put through, asked first; elsewhere, who can help. */
export function offerAgent(t: Turn) {
  if (!t.caps.canTransfer) return contactSupport(t);
  t.state = { ...t.state, offered: true };
  t.asked = true;
  t.add(t.shared.replies.offerAgent);
}
