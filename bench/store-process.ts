// The progress store (dynalite, on 127.0.0.1) in a process of its own for the peers benchmark: the benchmark waits
// on each probe synchronously, so a store in its own event loop could not answer. Prints the endpoint on its first
// line; stops when its stdin closes (the benchmark ends or dies).
import { startLocalProgressStore } from "../local/progress-store.js";

const store = await startLocalProgressStore({ setEnv: false });
process.stdout.write(`${store.endpoint}\n`);
process.stdin.resume();
process.stdin.on("end", () => void store.close().then(() => process.exit(0)));
