// npm run skill:package: the Alexa skill package from prompts/, in dist/skill-package/, ready for
// `cd dist && ask deploy`. Set ALEXA_LAMBDA_ARN to the deployed skill Lambda's ARN so the skill runs it (and
// ASK_DEFAULT_PROFILE if you deploy with another ASK CLI profile, and PROGRESS_STORE=false if the stack was
// deployed with -c progressStore=false, so the listing doesn't promise to keep the listener's place). A content or model problem stops here, with
// a message naming it; phrases Alexa can't take as they are written are listed, not silently lost.
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { SkillPackageError, writeSkillPackage } from "../lambda/channels/alexa/skill-package.js";
import { ContentError, DEFAULT_LOCALE, loadContent } from "../lambda/content/load.js";

const outDir = fileURLToPath(new URL("../dist/", import.meta.url));
const endpoint = process.env.ALEXA_LAMBDA_ARN?.trim() || undefined;

try {
  const written = writeSkillPackage(loadContent(DEFAULT_LOCALE), outDir, {
    ...(endpoint ? { endpoint } : {}),
    ...(process.env.ASK_DEFAULT_PROFILE ? { profile: process.env.ASK_DEFAULT_PROFILE } : {}),
    // Deployed with -c progressStore=false: the listing must not promise to keep the listener's place.
    keepsPlace: process.env.PROGRESS_STORE !== "false",
  });
  for (const file of written.files) console.log(`wrote ${relative(process.cwd(), file)}`);
  for (const d of written.dropped) {
    console.warn(`left out of the Alexa model: '${d.phrase}' (${d.intent}): ${d.reason}`);
  }
  if (!endpoint) {
    console.warn(
      "ALEXA_LAMBDA_ARN is not set: skill.json has no endpoint, so the skill can't run until one is set.",
    );
  }
} catch (err) {
  if (err instanceof ContentError || err instanceof SkillPackageError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
