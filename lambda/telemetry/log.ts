// One structured JSON line per event on stdout, in the shape Powertools for AWS Lambda's Logger writes (level,
// message, timestamp, service), straight to stdout as Powertools does (see sink.ts), so Lambda's own log
// formatting doesn't wrap it. Callers pass facts (topic, step, outcome, error), never what the caller said: transcripts go
// only through `transcriptForLog`, only when LOG_LEVEL is DEBUG, and redacted.
import { redact } from "../engine/privacy.js";
import { writeLine } from "./sink.js";

export type Level = "DEBUG" | "INFO" | "WARN" | "ERROR";
const ORDER: Record<Level, number> = { DEBUG: 0, INFO: 1, WARN: 2, ERROR: 3 };

export const SERVICE = process.env.SERVICE_NAME ?? "icloud-backup-voice-line";

function threshold(env: Record<string, string | undefined>): Level {
  const level = env.LOG_LEVEL?.toUpperCase();
  return level === "DEBUG" || level === "INFO" || level === "WARN" || level === "ERROR" ? level : "INFO";
}

let minimum: Level = threshold(process.env);
/** For tests: read the level again (LOG_LEVEL) or set it. */
export const setLogLevel = (level?: Level) => {
  minimum = level ?? threshold(process.env);
};
export const debugEnabled = () => minimum === "DEBUG";

/** The log line for an event, or nothing below the log level: for a caller that writes it with other lines. */
export function logLine(
  level: Level,
  message: string,
  fields: Record<string, unknown> = {},
): string | undefined {
  if (ORDER[level] < ORDER[minimum]) return undefined;
  return JSON.stringify({ level, message, timestamp: new Date().toISOString(), service: SERVICE, ...fields });
}

/** The log line's members without its braces, for a line that carries more (a turn's metrics), or nothing. */
export function logMembers(
  level: Level,
  message: string,
  fields: Record<string, unknown> = {},
): string | undefined {
  return logLine(level, message, fields)?.slice(1, -1);
}

export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  const line = logLine(level, message, fields);
  if (line !== undefined) writeLine(line);
}

/**
 * What may be logged of a caller's words: nothing unless debugging; even then emails, phone numbers and long
 * numbers are masked, and everything said right after the line asked about a password or code is withheld.
 */
export function transcriptForLog(transcript: string, afterSecretPrompt: boolean): string | undefined {
  if (!debugEnabled()) return undefined;
  return afterSecretPrompt ? "[redacted: answer to a password or code prompt]" : redact(transcript);
}
