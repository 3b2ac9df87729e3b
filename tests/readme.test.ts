// The README's code blocks work as written: the SDK example runs against the local runtime and prints the line's
// answer, the conversation-test example plays through the handler, and every other block is accounted for here,
// by where it is run or why it can't be (a new block without either fails this test).
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { articleProblems, type SourceEntry } from "../lambda/content/accuracy.js";
import { botModel, loadContent } from "../lambda/content/load.js";
import { StepSchema } from "../lambda/content/schema.js";
import { ConversationSchema } from "../local/conversation-files.js";
import { type LexServer, startLexServer } from "../local/server.js";
import { SPEECH_PACKAGES } from "../local/speech/tools.js";
import { nluResolver, play } from "./support/conversation.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const readme = readFileSync(join(root, "README.md"), "utf8");

interface Block {
  lang: string;
  text: string;
  line: number;
}

function blocksOf(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i] ?? "");
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i] ?? ""); i++) body.push(lines[i] ?? "");
    blocks.push({ lang: open[1] ?? "", text: body.join("\n"), line: start + 1 });
  }
  return blocks;
}

const blocks = blocksOf(readme);
const firstLine = (b: Block) => b.text.split("\n")[0]?.trim() ?? "";

/** Every block not run by this file, by its first line: where it is run, or why it can't be. */
const ELSEWHERE: Record<string, string> = {
  "npm ci":
    "CI runs npm ci and npm test as written (.ci/run); npm start is interactive, and the console it starts " +
    "(local/console.ts, with --phone, --text) is driven turn by turn by tests/local/console.test.ts",
  "npm run serve             # prints: Local Lex V2 runtime listening on http://127.0.0.1:8000 ...":
    "binds port 8000, which a test can't assume free; the same server on a free port runs the SDK example below",
  "AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x AWS_DEFAULT_REGION=us-east-1 \\":
    "needs the AWS CLI, which this machine and CI don't have; the SDK example is the same request",
  "Caller: My iCloud storage is full.": "a transcript, not a command (the phone conversation tests cover it)",
  "prompts/en-US/     content: one YAML file per topic + shared.yaml (greeting, navigation, reprompts, hand-off)":
    "a directory map, not a command",
  "npx cdk deploy                                   # bot + Lambda (+ progress store)":
    "needs an AWS account and credentials; the same app synthesizes in tests/infra/synth.test.ts",
  "npx cdk destroy": "needs an AWS account and credentials",
  "sudo apt-get install pocketsphinx pocketsphinx-en-us festival festvox-us-slt-hts espeak-ng":
    ".ci/run installs the same packages (the SPEECH_PACKAGES list in local/speech/tools.ts, checked here)",
  "npm run test:lex -- --stack ICloudBackupVoiceLine            # add --region REGION unless AWS_REGION is set":
    "needs a deployed stack and credentials; tests/scripts/test-lex.test.ts runs npm run test:lex against " +
    "npm run serve and down this --stack path against a fake CloudFormation and Lex",
  "ALEXA_LAMBDA_ARN=arn:aws:lambda:us-east-1:123456789012:function:<AlexaFunction> npm run skill:package":
    "needs your deployed function's ARN; the package it writes is built in tests/alexa/interaction-model.test.ts",
  "cd dist && ask deploy": "needs the ASK CLI and an Amazon developer account",
};

const RUN_HERE = new Set(["js", "yaml"]);

describe("the README's code blocks", () => {
  it("are each run here, or say where they are run or why they can't be", () => {
    const unaccounted = blocks
      .filter((b) => !RUN_HERE.has(b.lang) && ELSEWHERE[firstLine(b)] === undefined)
      .map((b) => `line ${b.line}: ${firstLine(b)}`);
    expect(unaccounted).toEqual([]);
    // No excuse outlives its block.
    const firsts = new Set(blocks.map(firstLine));
    expect(Object.keys(ELSEWHERE).filter((k) => !firsts.has(k))).toEqual([]);
  });

  it("names the speech packages that .ci/run installs and the runtime looks for", () => {
    const line = blocks.map(firstLine).find((l) => l.startsWith("sudo apt-get install pocketsphinx"));
    expect(line).toBe(`sudo apt-get install ${SPEECH_PACKAGES}`);
    const ci = readFileSync(join(root, ".ci/run"), "utf8").replace(/\\\n\s*/g, " ");
    for (const pkg of SPEECH_PACKAGES.split(" "))
      expect(ci).toMatch(new RegExp(`apt-get install[^\\n]* ${pkg}\\b`));
  });

  describe("the SDK example", () => {
    let server: LexServer;
    let dir: string;
    beforeAll(async () => {
      server = await startLexServer({ port: 0 });
      // In the repository, as the README says, so the SDK resolves from node_modules.
      dir = mkdtempSync(join(root, ".readme-"));
    });
    afterAll(async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("prints the line's answer, run with node as written (on a free port instead of 8000)", async () => {
      const [example] = blocks.filter((b) => b.lang === "js");
      expect(example?.text).toContain('endpoint: "http://127.0.0.1:8000"');
      const file = join(dir, "lex-demo.mjs");
      writeFileSync(file, (example?.text ?? "").replace("http://127.0.0.1:8000", server.url));
      const { stdout } = await promisify(execFile)(process.execPath, [file], {
        cwd: dir,
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
        timeout: 20_000,
      });
      expect(stdout).toContain("Step 1.");
      expect(stdout).toContain("Is your iCloud storage full, or nearly full?");
    });
  });

  it("shows sources the content schema accepts, with article headings that exist", () => {
    const examples = blocks.filter((b) => b.lang === "yaml" && firstLine(b) === "sources:");
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) {
      const { sources } = parse(example.text) as { sources: string[] };
      expect(StepSchema.shape.sources.parse(sources)).toEqual(sources);
      const entries = sources.map((s) => ({
        kind: s.split(": ")[0],
        ref: s.slice(s.indexOf(": ") + 2),
        where: "README",
      }));
      expect(articleProblems(entries as SourceEntry[])).toEqual([]);
    }
  });

  it("plays the conversation-test example through the handler, as written", async () => {
    const examples = blocks.filter((b) => b.lang === "yaml" && firstLine(b) !== "sources:");
    expect(examples.length).toBeGreaterThan(0);
    const resolve = await nluResolver(botModel(loadContent()));
    for (const example of examples)
      await play({ ...ConversationSchema.parse(parse(example.text)), file: "README.md" }, resolve);
  });
});
