// A real DynamoDB API in-process (dynalite) on 127.0.0.1, with the progress table as the CDK app defines it.
import { createServer } from "node:net";
import {
  LOCAL_PROGRESS_TABLE,
  type LocalProgressStore,
  startLocalProgressStore,
} from "../../local/progress-store.js";

export const TABLE = LOCAL_PROGRESS_TABLE;
export type LocalDynamo = LocalProgressStore;

/** dynalite with the progress table; the environment is left alone (tests load the handler themselves). */
export const startDynalite = () => startLocalProgressStore({ setEnv: false });

/** A server that accepts connections and never answers: a store that hangs. */
export async function startBlackHole(): Promise<LocalDynamo> {
  const sockets = new Set<import("node:net").Socket>();
  const server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The hashing secret the tests' handlers run with, to compute the keys they store under. */
export const TEST_HASH_SECRET = "test-secret-that-is-long-enough";

/**
 * Imports a module fresh (after vi.resetModules) with the progress store configured for `endpoint`, the way the
 * Lambda reads it at load; the environment is put back afterwards.
 */
export async function importWithStore<T>(endpoint: string, load: () => Promise<T>): Promise<T> {
  const { vi } = await import("vitest");
  vi.resetModules();
  process.env.PROGRESS_TABLE = TABLE;
  process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.HASH_SECRET = TEST_HASH_SECRET;
  try {
    return await load();
  } finally {
    delete process.env.PROGRESS_TABLE;
    delete process.env.DYNAMODB_ENDPOINT;
    delete process.env.HASH_SECRET;
  }
}
