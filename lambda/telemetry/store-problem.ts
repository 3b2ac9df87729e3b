// A slow or broken progress store: logged (operation and error, never a key or a number) and counted.
import type { StoreProblem } from "../store/tracker.js";
import { log } from "./log.js";
import { publish, storeProblemMetric } from "./metrics.js";

export function storeProblem(problem: StoreProblem): void {
  log("WARN", "progress store unavailable", problem);
  publish([storeProblemMetric(problem.operation)]);
}
