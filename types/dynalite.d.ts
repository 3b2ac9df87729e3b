// dynalite ships no types; this is the part of its API the project uses.
declare module "dynalite" {
  import type { Server } from "node:net";

  interface DynaliteOptions {
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    path?: string;
  }
  export default function dynalite(options?: DynaliteOptions): Server;
}
