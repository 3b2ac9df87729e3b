// `npm run test:lex`, run as a person runs it: against `npm run serve` (every playable conversation passes),
// against a conversation whose expectation is wrong (non-zero, the differing turn printed), and down the AWS path
// against a fake Lex and CloudFormation on 127.0.0.1 (argument handling, the stack's alias, a failed build's
// reasons). Nothing here reaches AWS.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { missingSpeech, speechTools } from "../../local/speech/tools.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
/** --audio needs the speech packages (README); CI installs them. */
const noVoice = missingSpeech() !== undefined || !speechTools().festival;
const quiet = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };

interface Run {
  code: number;
  out: string;
}

function testLex(args: string[], env: NodeJS.ProcessEnv = quiet): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      "npm",
      ["run", "-s", "test:lex", "--", ...args],
      { cwd: root, env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        resolve({ code, out: `${stdout}${stderr}` });
      },
    );
  });
}

describe("npm run test:lex against npm run serve", () => {
  let serve: ChildProcess;
  let url: string;
  let dir: string;

  beforeAll(async () => {
    // Its stderr (the Lambda's log lines, one set per turn) is not read here: ignored, so it can't fill a pipe.
    serve = spawn("npm", ["run", "-s", "serve"], {
      cwd: root,
      env: { ...quiet, PORT: "0" },
      detached: true,
      stdio: ["ignore", "pipe", "ignore"],
    });
    url = await new Promise<string>((resolve, reject) => {
      let seen = "";
      serve.stdout?.on("data", (chunk: Buffer) => {
        seen += chunk.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
        if (m?.[1]) resolve(m[1]);
      });
      serve.on("exit", (code) => reject(new Error(`npm run serve exited with ${code}: ${seen}`)));
    });
    dir = mkdtempSync(join(tmpdir(), "conversations-"));
  }, 60_000);

  afterAll(() => {
    // The whole group: npm and the server it started.
    if (serve.pid) process.kill(-serve.pid, "SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  });

  it("plays every conversation it can, and says which it can't and why", async () => {
    const run = await testLex(["--endpoint", url]);
    expect(run.out).toMatch(/Playing \d+ of \d+ conversations \(\d+ requests\) against the Lex runtime at/);
    expect(run.out).toContain("estimated cost $0.00");
    expect(run.out).toMatch(/\n\d+ passed, 0 failed, \d+ skipped/);
    expect(run.out).toContain("tampers with the stored state");
    expect(run.out).not.toContain("FAIL");
    expect(run.code).toBe(0);
  }, 240_000);

  it("fails on a conversation whose expectation is wrong, printing the differing turn", async () => {
    writeFileSync(
      join(dir, "wrong.yaml"),
      [
        "- name: Storage full, expecting the wrong question",
        "  channel: text",
        "  turns:",
        "    - caller: my icloud storage is full",
        '      bot: { says: "Is the switch green?" }',
        "- name: Storage full, expecting the right one",
        "  channel: text",
        "  turns:",
        "    - caller: my icloud storage is full",
        '      bot: { says: "Is your iCloud storage full, or nearly full?", topic: StorageFull, step: 1 }',
      ].join("\n"),
    );
    const run = await testLex(["--endpoint", url, "--conversations", dir]);
    expect(run.code).toBe(1);
    expect(run.out).toContain("FAIL  wrong.yaml: Storage full, expecting the wrong question (text)");
    expect(run.out).toContain('turn 1, caller: "my icloud storage is full"');
    expect(run.out).toContain('expected it to say "Is the switch green?"');
    expect(run.out).toContain("the bot said:");
    expect(run.out).toContain("pass  wrong.yaml: Storage full, expecting the right one (text)");
    expect(run.out).toContain("1 passed, 1 failed, 0 skipped");
  }, 120_000);

  it.skipIf(noVoice && !process.env.CI)(
    "sends voice conversations by voice with --audio: the caller's words as speech, recognised by the runtime",
    async () => {
      const run = await testLex(["--endpoint", url, "--audio", "--only", "reset-network-settings.yaml"]);
      expect(run.out).toContain("voice and phone conversations by voice");
      expect(run.out).toContain("pass  reset-network-settings.yaml: Reset network settings by voice");
      expect(run.out).toMatch(/\n\d+ passed, \d+ failed, 0 skipped/);
    },
    120_000,
  );

  it("scores the routing test set on the runtime's NLU, in the nlu:report form", async () => {
    const run = await testLex(["--endpoint", url, "--routing"]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/Routing test set \(\d+ first turns, apart from the training phrases\)/);
    expect(run.out).toMatch(/accuracy 0\.\d{3}/);
    expect(run.out).toContain("Confused (expected -> routed to):");
  }, 120_000);
});

/** Stands in for AWS: CloudFormation's DescribeStacks (query protocol, XML) and Lex's models API (JSON). */
function fakeAws(o: { aliasArn?: string; locale: Record<string, unknown> }): Promise<Server> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString();
    });
    req.on("end", () => {
      const path = req.url?.split("?")[0] ?? "";
      if (req.method === "POST" && body.includes("Action=DescribeStacks")) {
        const outputs = o.aliasArn
          ? `<member><OutputKey>LiveAliasArn</OutputKey><OutputValue>${o.aliasArn}</OutputValue></member>`
          : "";
        res.writeHead(200, { "content-type": "text/xml" });
        return res.end(
          `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member><StackName>ICloudBackupVoiceLine</StackName><StackStatus>CREATE_COMPLETE</StackStatus><CreationTime>2026-11-30T00:00:00Z</CreationTime><Outputs>${outputs}</Outputs></member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></DescribeStacksResponse>`,
        );
      }
      if (/^\/bots\/[^/]+\/botaliases\/[^/]+\/?$/.test(path)) {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(
          JSON.stringify({
            botAliasId: "LIVEALIAS1",
            botVersion: "3",
            botAliasStatus: "Available",
            botAliasLocaleSettings: { en_US: { enabled: true } },
          }),
        );
      }
      if (/^\/bots\/[^/]+\/botversions\/[^/]+\/botlocales\/[^/]+\/?$/.test(path)) {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify(o.locale));
      }
      res.writeHead(404, {
        "content-type": "application/json",
        "x-amzn-errortype": "ResourceNotFoundException",
      });
      res.end(JSON.stringify({ message: `nothing at ${path}` }));
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describe("npm run test:lex down the AWS path, against a fake AWS on 127.0.0.1", () => {
  const awsEnv = (server: Server): NodeJS.ProcessEnv => ({
    ...quiet,
    AWS_ENDPOINT_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_REGION: "",
    AWS_DEFAULT_REGION: "",
  });

  it("asks which bot when none is named, with the usage", async () => {
    const run = await testLex([], { ...quiet, AWS_REGION: "", AWS_DEFAULT_REGION: "" });
    expect(run.code).toBe(2);
    expect(run.out).toContain("Say which bot: --stack STACK");
    expect(run.out).toContain("Usage: npm run test:lex");
    const badRate = await testLex(["--endpoint", "http://127.0.0.1:1", "--rate", "fast"]);
    expect(badRate.code).toBe(2);
    expect(badRate.out).toContain('--rate must be a number above 0, got "fast"');
    const unknown = await testLex(["--bot", "X"]);
    expect(unknown.code).toBe(2);
    expect(unknown.out).toContain("Unknown option '--bot'");
  }, 60_000);

  it("finds the live alias in the stack's outputs, and reports a failed build with Lex's reasons", async () => {
    const server = await fakeAws({
      aliasArn: "arn:aws:lex:eu-west-2:123456789012:bot-alias/ABCDEFGHIJ/LIVEALIAS1",
      locale: {
        botLocaleStatus: "Failed",
        failureReasons: ["Intent BackupError: the utterance 'error' is used in another intent."],
      },
    });
    try {
      const run = await testLex(
        ["--stack", "ICloudBackupVoiceLine", "--region", "eu-west-2"],
        awsEnv(server),
      );
      expect(run.code).toBe(2);
      expect(run.out).toContain("bot ABCDEFGHIJ alias LIVEALIAS1 (en_US) in eu-west-2 is not ready:");
      expect(run.out).toContain("Lex could not build locale en_US of version 3. Lex says:");
      expect(run.out).toContain("- Intent BackupError: the utterance 'error' is used in another intent.");
    } finally {
      server.close();
    }
  }, 60_000);

  it("says so when the stack has no LiveAliasArn output, and prints the plan and cost on a dry run", async () => {
    const server = await fakeAws({ locale: { botLocaleStatus: "Built" } });
    try {
      const noAlias = await testLex(["--stack", "SomethingElse", "--region", "eu-west-2"], awsEnv(server));
      expect(noAlias.code).toBe(2);
      expect(noAlias.out).toContain("Stack SomethingElse in eu-west-2 has no LiveAliasArn output");
      const dry = await testLex(
        ["--bot-id", "ABCDEFGHIJ", "--bot-alias-id", "LIVEALIAS1", "--region", "eu-west-2", "--dry-run"],
        awsEnv(server),
      );
      expect(dry.code).toBe(0);
      expect(dry.out).toMatch(/Playing \d+ of \d+ conversations \(\d+ requests\) against bot ABCDEFGHIJ/);
      expect(dry.out).toMatch(/estimated cost \$0\.\d\d \(text requests at \$0\.00075 each, US East\)/);
      expect(dry.out).toContain(
        "Lex takes speech only as audio (--audio sends it) and keys only from Amazon Connect",
      );
    } finally {
      server.close();
    }
  }, 60_000);
});
