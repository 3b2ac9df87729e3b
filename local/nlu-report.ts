// `npm run nlu:report`: k-fold cross-validation of the local classifier on the bot's sample utterances, callers'
// words read in context, and the routing test set, printed as tables and written as JSON (default
// dist/nlu-report.json) for review and for tracking over time.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { loadBotModel } from "./bot.js";
import { evaluateInContext, formatInContext } from "./in-context-eval.js";
import { crossValidate, formatReport } from "./nlu-eval.js";
import { formatRouting, loadRoutingSet, localRoute, scoreRouting } from "./routing-eval.js";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
};
if (args.includes("--help")) {
  console.log("Usage: npm run nlu:report -- [--folds 5] [--seed 7] [--out dist/nlu-report.json]");
  process.exit(0);
}
const folds = Number(option("--folds", "5"));
const seed = Number(option("--seed", "7"));
if (!Number.isInteger(folds) || folds < 2 || !Number.isInteger(seed)) {
  console.error("--folds must be a whole number of at least 2, --seed a whole number");
  process.exit(2);
}
const out = resolve(option("--out", "dist/nlu-report.json"));

const model = loadBotModel();
const report = await crossValidate(model, folds, seed);
console.log(formatReport(report));
// In context: the callers' own words, read against the question the line just asked.
const inContext = await evaluateInContext(model);
console.log(`\n${formatInContext(inContext)}`);
// First words apart from the training phrases: the same set `npm run test:lex -- --routing` sends to Lex.
const routing = await scoreRouting(loadRoutingSet(), await localRoute(model), "the local classifier");
console.log(`\n${formatRouting(routing)}`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ ...report, inContext, routing }, null, 2)}\n`);
console.log(`\nJSON report: ${out}`);
