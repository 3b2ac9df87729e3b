// Where log and metric lines go: stdout in Lambda (CloudWatch Logs reads it, EMF included). Local tools and tests
// redirect it: the console keeps the conversation readable, the test run keeps its output quiet. The sink lives
// on globalThis so every copy of this module (tests reload the handler with fresh module graphs) shares it.

export type Sink = (line: string) => void;

const KEY = Symbol.for("icloud-backup-voice-line.telemetry-sink");
const holder = globalThis as unknown as Record<symbol, Sink | undefined>;
/**
 * Straight to file descriptor 1: creating process.stdout for a pipe loads Node's stream machinery, about 2 ms of
 * a cold start that a caller hears as silence. So does `import ... from "node:fs"`: building its ES module facade
 * reads every export, `fs.ReadStream` included, which loads the same machinery; the built-in module object is
 * taken as it is instead. A pipe that is full (EAGAIN) falls back to the stream.
 */
const { writeSync } = process.getBuiltinModule("node:fs");
const write = (text: string) => {
  try {
    writeSync(1, text);
  } catch {
    process.stdout.write(text);
  }
};
const stdout: Sink = (line) => write(`${line}\n`);

/**
 * The real write path with nothing written (a zero-byte write, no log event): the warm-up's sink, so a cold
 * Lambda's first turn doesn't pay for the first write (about 0.15 ms).
 */
export const writeNothing: Sink = () => write("");

export const writeLine: Sink = (line) => (holder[KEY] ?? stdout)(line);

/** Replaces the sink; returns the previous one so a test can put it back. */
export function setTelemetrySink(next: Sink): Sink {
  const previous = holder[KEY] ?? stdout;
  holder[KEY] = next;
  return previous;
}
