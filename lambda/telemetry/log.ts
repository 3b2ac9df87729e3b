// One structured JSON line per event, on stdout, as CloudWatch Logs expects from a Lambda. Callers pass facts
// (topic, step, outcome, error), never what the caller said.
export type Level = "DEBUG" | "INFO" | "WARN" | "ERROR";

export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, message, timestamp: new Date().toISOString(), ...fields });
  if (level === "ERROR" || level === "WARN") console.error(line);
  else console.log(line);
}
