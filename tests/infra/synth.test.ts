// A full synth, as `cdk synth` does it with cdk.json's context: the validation report (cdk-nag and CloudFormation's
// default rules) is empty, a finding would fail the synth, and the Lambda bundle is what the stack promises.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { App, CfnResource, Stack } from "aws-cdk-lib";
import { describe, expect, it } from "vitest";
import { cdkJsonContext, INSTANCE_ARN, newApp, newOutdir, VARIANTS } from "./helpers.js";

const outdir = newOutdir();
const report = () =>
  JSON.parse(readFileSync(join(outdir, "validation-report.json"), "utf8")) as { pluginReports: unknown[] };

describe("cdk.json", () => {
  it("makes CloudFormation validation findings errors", () => {
    expect(cdkJsonContext()["@aws-cdk/core:validateAgainstDefaultRules"]).toBe(true);
  });
});

describe.each(Object.entries(VARIANTS))("synth (%s)", (_title, context) => {
  it("produces an empty validation report: no cdk-nag or CloudFormation finding, warnings included", () => {
    newApp(context, { outdir }).app.synth();
    expect(report().pluginReports).toEqual([]);
  });
});

describe("the validation is live", () => {
  it("fails the synth on a CloudFormation default-rule finding", () => {
    const app = new App({ context: cdkJsonContext(), outdir });
    new CfnResource(new Stack(app, "Broken"), "Fn", {
      type: "AWS::Lambda::Function",
      properties: {
        Runtime: "nodejs24.x",
        Handler: "index.handler",
        Code: { ZipFile: "x" },
        Role: "r",
        Timeout: 5000,
      },
    });
    expect(() => app.synth()).toThrow(/CloudFormation Validate/);
  });

  it("fails the synth on an unacknowledged cdk-nag finding", () => {
    const { app } = newApp({ connectInstanceArn: INSTANCE_ARN }, { outdir, acknowledgeNagFindings: false });
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM5/);
  });
});

describe("Lambda bundle", () => {
  const { app, stack } = newApp({}, { outdir });
  const assembly = app.synth();
  // The stack's asset manifest names the directory of each zipped asset: the Lex and the Alexa Lambda code.
  const manifest = JSON.parse(
    readFileSync(join(assembly.directory, `${stack.artifactId}.assets.json`), "utf8"),
  ) as {
    files: Record<string, { source: { path: string; packaging?: string } }>;
  };
  const zipped = Object.values(manifest.files).filter((f) => f.source.packaging === "zip");

  it("bundles two functions, the Lex code hook and the Alexa skill", () => {
    expect(zipped).toHaveLength(2);
  });

  it.each([0, 1])("bundle %i is minified ESM with a source map and without the AWS SDK", (i) => {
    const assetDir = join(assembly.directory, zipped[i]?.source.path ?? "missing");
    expect(readdirSync(assetDir).sort()).toEqual(["index.mjs", "index.mjs.map"]);
    const code = readFileSync(join(assetDir, "index.mjs"), "utf8");
    expect(/export\s*\{[^}]*\bhandler\b/.test(code), "exports handler as ESM").toBe(true);
    expect(code.includes("sourceMappingURL=index.mjs.map"), "links its source map").toBe(true);
    expect(code.split("\n").length).toBeLessThan(50);
    // The SDK is only referenced (imported from the runtime), never bundled: no SDK source, just specifiers.
    const sdkMentions = code.match(/.{0,8}["']@aws-sdk\/[a-z-]+["']/g) ?? [];
    expect(
      sdkMentions.every((m) => /(import\(|from)\s*["']@aws-sdk/.test(m)),
      sdkMentions.join(" | "),
    ).toBe(true);
    expect(/@smithy\/|AWS\.config|"aws-sdk"/.test(code), "AWS SDK code in the bundle").toBe(false);
    expect(/from\s*["'](yaml|zod)["']/.test(code), "build-time libraries in the bundle").toBe(false);
    expect(code.length).toBeLessThan(300_000);
  });
});
