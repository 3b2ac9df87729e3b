// Bundles a Lambda entry the way the CDK app does (esbuild, minified ESM, AWS SDK left to the runtime, no require
// shim) and reports its size. Also used by the peers benchmark (bench/peers.ts), which loads each bundle in fresh
// processes, and by tests/lambda-bundle.test.ts, which answers a turn with it.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export interface BundleSize {
  entry: string;
  bytes: number;
  gzipBytes: number;
  /** Whether any AWS SDK client code ended up inside the bundle. */
  containsAwsSdk: boolean;
}

/**
 * `requireShim` for a peer built on CommonJS packages (ask-sdk-core calls require()): an ES module bundle given a
 * require() of its own, the fastest of the ways to deploy one measured here (a CommonJS bundle started about
 * 10 ms slower).
 */
export async function bundle(
  entry: string,
  outfile: string,
  { requireShim = false }: { requireShim?: boolean } = {},
): Promise<BundleSize> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    platform: "node",
    format: "esm",
    target: "node22",
    external: ["@aws-sdk/*"],
    outfile,
    metafile: true,
    write: true,
    logLevel: "silent",
    ...(requireShim
      ? {
          banner: {
            js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
          },
        }
      : {}),
  });
  const output = Object.values(result.metafile.outputs)[0];
  const { readFileSync } = await import("node:fs");
  const code = readFileSync(outfile);
  // No require() shim is bundled (its node:module import costs a cold start about 0.5 ms): a CommonJS
  // dependency that calls require() would fail at run time, so it fails here first.
  if (!requireShim && code.includes("Dynamic require of"))
    throw new Error(`${entry}: a bundled dependency calls require()`);
  return {
    entry,
    bytes: code.length,
    gzipBytes: gzipSync(code).length,
    containsAwsSdk: Object.keys(output?.inputs ?? {}).some((p) => p.includes("@aws-sdk/")),
  };
}
