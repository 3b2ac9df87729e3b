// Writes the Alexa skill package (skill.json and the interaction model) in the layout `ask deploy` uploads,
// plus an ask-resources.json that deploys just that package: the Lambda itself is deployed with the rest of the
// stack. Build-time only.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Content } from "../../content/load.js";
import { type DroppedUtterance, interactionModel } from "./interaction-model.js";
import { LAMBDA_ARN, type ManifestOptions, skillManifest } from "./manifest.js";

export class SkillPackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`The Alexa skill package is invalid:\n  - ${problems.join("\n  - ")}`);
    this.name = "SkillPackageError";
  }
}

export interface WrittenPackage {
  /** The folder `ask deploy` uploads (skillMetadata.src). */
  packageDir: string;
  files: string[];
  dropped: DroppedUtterance[];
}

export interface PackageOptions extends ManifestOptions {
  /** The ASK CLI profile the deploy uses (ask-resources.json is keyed by profile). */
  profile?: string;
}

/** Writes `<outDir>/skill-package/` (replaced whole, so no stale locale survives) and `<outDir>/ask-resources.json`. */
export function writeSkillPackage(
  content: Content,
  outDir: string,
  options: PackageOptions = {},
): WrittenPackage {
  const model = interactionModel(content);
  const problems = [...model.problems];
  if (options.endpoint !== undefined && !LAMBDA_ARN.test(options.endpoint))
    problems.push(`the endpoint must be a Lambda function ARN, got '${options.endpoint}'`);
  if (problems.length > 0) throw new SkillPackageError(problems);
  const manifest = skillManifest(content, model.file, options);

  const packageDir = join(outDir, "skill-package");
  const modelFile = join(packageDir, "interactionModels", "custom", `${content.locale}.json`);
  const manifestFile = join(packageDir, "skill.json");
  const resourcesFile = join(outDir, "ask-resources.json");
  rmSync(packageDir, { recursive: true, force: true });
  mkdirSync(join(packageDir, "interactionModels", "custom"), { recursive: true });
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  writeFileSync(modelFile, json(model.file));
  writeFileSync(manifestFile, json(manifest));
  // Only the skill metadata: no `code` or `skillInfrastructure`, so `ask deploy` leaves the Lambda alone. The
  // skill id it creates goes to .ask/ask-states.json beside this file, which is kept between builds.
  writeFileSync(
    resourcesFile,
    json({
      askcliResourcesVersion: "2020-03-31",
      profiles: { [options.profile ?? "default"]: { skillMetadata: { src: "./skill-package" } } },
    }),
  );
  return { packageDir, files: [manifestFile, modelFile, resourcesFile], dropped: model.dropped };
}
