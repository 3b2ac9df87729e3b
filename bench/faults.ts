// A fulfilment Lambda that misbehaves on a share of turns, deterministically: it throws, hangs past Lex's wait,
// or returns something Lex would reject. The rest of the turns go to the real handler. Used by the load test
// and `npm run load -- --faults` to show one session's failure never reaches another.
import type { CodeHook } from "../local/lambda-contract.js";

export interface FaultPlan {
  /** Every n-th call throws. */
  throwEvery: number;
  /** Every n-th call never answers within the runtime's timeout. */
  hangEvery: number;
  /** Every n-th call returns a response Lex would reject. */
  garbageEvery: number;
}

export interface FaultyHandler {
  hook: CodeHook;
  injected: () => number;
}

export function faultyHandler(real: CodeHook, plan: FaultPlan, hangMs: number): FaultyHandler {
  let calls = 0;
  let injected = 0;
  const hook: CodeHook = async (event, context) => {
    calls++;
    if (calls % plan.throwEvery === 0) {
      injected++;
      throw new Error("injected fault: the handler threw");
    }
    if (calls % plan.hangEvery === 0) {
      injected++;
      await new Promise((resolve) => setTimeout(resolve, hangMs).unref());
      return real(event, context);
    }
    if (calls % plan.garbageEvery === 0) {
      injected++;
      return { sessionState: { dialogAction: { type: "Dance" } }, messages: "not a list" };
    }
    return real(event, context);
  };
  return { hook, injected: () => injected };
}
