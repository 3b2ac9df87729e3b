// `npm run test:workbench`: writes the conversation tests and the routing test set as Amazon Lex Test Workbench
// test sets (CSV) into dist/test-workbench/, to import in the Lex console (Test workbench, Test sets, Create test
// set, Upload a file; modality Text) and run against the deployed alias there.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { setTelemetrySink } from "../lambda/telemetry/sink.js";
import { loadConversations } from "../local/conversation-files.js";
import { loadRoutingSet } from "../local/routing-eval.js";
import { LexRuntime } from "../local/runtime.js";
import { conversationRows, exportable, routingRows, toCsv } from "./lib/workbench.js";

// The turns' log and metric lines are the Lambda's; here they would only bury the result.
setTelemetrySink(() => {});
const out = fileURLToPath(new URL("../dist/test-workbench/", import.meta.url));
const conversations = loadConversations(fileURLToPath(new URL("../tests/conversations/", import.meta.url)));
const runtime = await LexRuntime.create();
const rows = await conversationRows(runtime, conversations);
const routing = routingRows(loadRoutingSet());
mkdirSync(out, { recursive: true });
writeFileSync(`${out}conversations.csv`, toCsv(rows));
writeFileSync(`${out}routing.csv`, toCsv(routing));
console.log(
  `Wrote ${out}conversations.csv (${conversations.filter(exportable).length} conversations, ${rows.length} rows) ` +
    `and ${out}routing.csv (${routing.length} single inputs).`,
);
