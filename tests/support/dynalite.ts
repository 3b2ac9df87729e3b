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
