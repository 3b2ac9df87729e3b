// Engine states the tests start from.
import type { State } from "../../lambda/engine/state.js";

/** Step 1 of restarting the iPhone: a step to carry out, waiting for "next". */
export const midTopic: State = { v: 1, phase: "step", topic: "RestartIPhone", step: 0, hist: [], miss: 0 };
