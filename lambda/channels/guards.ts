// Checks for input from outside (events, requests, stored items) before any field of it is read.
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
