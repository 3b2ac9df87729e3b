// Test runs keep the handlers' log and metric lines out of the output; tests about telemetry set their own sink.
import { setTelemetrySink } from "../../lambda/telemetry/sink.js";

setTelemetrySink(() => {});

/** Collects what the handlers log and count until `restore` is called. */
export function captureTelemetry(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const previous = setTelemetrySink((line) => lines.push(line));
  return { lines, restore: () => setTelemetrySink(previous) };
}
