// Test runs keep the handlers' log and metric lines out of the output; tests about telemetry set their own sink.
import { setTelemetrySink } from "../../lambda/telemetry/sink.js";

setTelemetrySink(() => {});

/** Collects what the handlers log and count until `restore` is called. */
export function captureTelemetry(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  // One write may carry several lines (a turn's metrics and its log line): Lambda reads each as its own event.
  const previous = setTelemetrySink((chunk) => lines.push(...chunk.split("\n")));
  return { lines, restore: () => setTelemetrySink(previous) };
}
