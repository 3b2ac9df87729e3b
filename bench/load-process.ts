// Runs the virtual callers (load-driver.ts) in a process of their own, so the SDK client's work (signing,
// serialising) runs on another core instead of inflating the server's latency. Reads its options as JSON from
// argv, prints the result as JSON on the last line of stdout.
import { type LoadOptions, runLoad } from "./load-driver.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const options = JSON.parse(process.argv[2] ?? "{}") as LoadOptions;
const result = await runLoad(options);
process.stdout.write(`\n${JSON.stringify(result)}\n`);
