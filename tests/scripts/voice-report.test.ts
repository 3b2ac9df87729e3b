// `npm run voice:report`, run as a person runs it, on the first few phrases: the table, the targets said met or not
// met, and the JSON beside it. The scoring itself (word error rate, the telephone channel) is checked exactly.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { level, to16k } from "../../local/speech/audio.js";
import { missingSpeech, speechTools } from "../../local/speech/tools.js";
import { score, telephone, wordErrors } from "../../local/speech/voice-eval.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const missing = missingSpeech() ?? (speechTools().festival ? undefined : "festival not installed");

describe("the voice report's measures", () => {
  it("counts word errors as substitutions, deletions and insertions over the words said", () => {
    expect(wordErrors("my icloud storage is full", "my icloud storage is full")).toEqual({
      errors: 0,
      words: 5,
    });
    expect(wordErrors("my icloud storage is full", "my cloud storage full")).toEqual({ errors: 2, words: 5 });
    expect(wordErrors("yes", "yes yes please")).toEqual({ errors: 2, words: 1 });
    expect(wordErrors("it's stuck", "")).toEqual({ errors: 2, words: 2 });
  });

  it("scores a run: rates over all phrases, time per second of audio", () => {
    const s = score([
      {
        words: "a b",
        intent: "X",
        heard: "a c",
        heardIntent: "X",
        typedIntent: "X",
        audioSeconds: 2,
        recognitionMs: 100,
      },
      {
        words: "d e",
        intent: "Y",
        heard: "d e",
        heardIntent: "Z",
        typedIntent: "Y",
        audioSeconds: 2,
        recognitionMs: 300,
      },
    ]);
    expect(s).toEqual({
      phrases: 2,
      wordErrorRate: 0.25,
      intentAccuracy: 0.5,
      typedIntentAccuracy: 1,
      realTimeFactor: 0.1,
    });
  });

  it("puts speech through a telephone channel: half the samples, companded, still speech", () => {
    const tone = Buffer.alloc(32000);
    for (let i = 0; i < 16000; i++)
      tone.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 16000)), i * 2);
    const call = telephone(tone);
    expect(call.length).toBe(16000);
    expect(level(call)).toBeGreaterThan(0.1);
    expect(Math.abs(level(to16k(call, 8000)) - level(tone))).toBeLessThan(0.02);
  });
});

describe.skipIf(missing !== undefined && !process.env.CI)("npm run voice:report", () => {
  it("prints both channels, the targets met or not, the machine, and writes the JSON", async () => {
    const dir = mkdtempSync(join(tmpdir(), "voice-report-"));
    try {
      const out = join(dir, "report.json");
      const stdout = await new Promise<string>((resolve, reject) =>
        execFile(
          "npm",
          ["run", "-s", "voice:report", "--", "--limit", "3", "--out", out],
          {
            cwd: root,
            timeout: 120_000,
            env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
          },
          (err, text) => (err ? reject(err) : resolve(text)),
        ),
      );
      expect(stdout).toContain("Voice report: 3 phrases of the routing test set");
      expect(stdout).toMatch(/\| 16 kHz \| \d+\.\d% \| \d+\.\d% \| \d+\.\d% \| \d\.\d{3} s \|/);
      expect(stdout).toMatch(/\| 8 kHz telephone \|/);
      expect(stdout).toMatch(/faster than real time: (met|NOT met)/);
      expect(stdout).toMatch(/\d+ cores, Node v\d+/);
      const json = JSON.parse(readFileSync(out, "utf8"));
      expect(json.cases["16 kHz"]).toHaveLength(3);
      expect(json.scores["16 kHz"].realTimeFactor).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
