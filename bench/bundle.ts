// Bundles a Lambda entry the way the CDK app does (esbuild, minified ESM, AWS SDK left to the runtime) and
// reports its size. Also used by the peers benchmark (bench/peers.ts), which loads each bundle in fresh processes.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export interface BundleSize {
  entry: string;
  bytes: number;
  gzipBytes: number;
  /** Whether any AWS SDK client code ended up inside the bundle. */
  containsAwsSdk: boolean;
}

export async function bundle(entry: string, outfile: string): Promise<BundleSize> {
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
    banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
  });
  const output = Object.values(result.metafile.outputs)[0];
  const { readFileSync } = await import("node:fs");
  const code = readFileSync(outfile);
  return {
    entry,
    bytes: code.length,
    gzipBytes: gzipSync(code).length,
    containsAwsSdk: Object.keys(output?.inputs ?? {}).some((p) => p.includes("@aws-sdk/")),
  };
}
