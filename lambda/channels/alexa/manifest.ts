// skill.json: how the skill is listed and where it runs. The invocation name and the example phrases come from
// the content and the generated model, so they always match what the skill understands. Build-time only.
import type { Content } from "../../content/load.js";
import type { InteractionModelFile, SkillManifestFile } from "./skill-types.js";

export interface ManifestOptions {
  /** The Lambda's ARN. Without it the skill is created but can't run until an endpoint is set. */
  endpoint?: string;
  /**
   * The deployment keeps progress (a progress table; `-c progressStore=false` turns it off). Without it, "wait"
   * ends the session and the next one starts from the beginning, and the listing says so. Default true.
   */
  keepsPlace?: boolean;
}

/** One-shot questions shown in the Alexa app: their words must be samples of the model (certification checks). */
const EXAMPLE_TOPICS = ["CheckBackupSettings", "PreventProblems"];

/** A Lambda function ARN, optionally with a version or alias: what a custom skill's endpoint may name. */
export const LAMBDA_ARN =
  /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/;

export function skillManifest(
  content: Content,
  model: InteractionModelFile,
  options: ManifestOptions = {},
): SkillManifestFile {
  const { invocationName, intents } = model.interactionModel.languageModel;
  const examples = EXAMPLE_TOPICS.map((topic) => {
    const sample = intents.find((i) => i.name === topic)?.samples[0];
    if (!sample) throw new Error(`no sample utterance for the example topic ${topic}`);
    return `Alexa, ask ${invocationName} ${sample}`;
  });
  const name = invocationName.replace(/\b[a-z]/g, (c) => c.toUpperCase());
  const keepsPlace = options.keepsPlace !== false;
  const pausing = keepsPlace
    ? "Say wait to stop, and pick up at the same step next time."
    : "Say wait to stop; this skill doesn't keep your place, so next time you start again from your problem.";
  return {
    manifest: {
      manifestVersion: "1.0",
      publishingInformation: {
        locales: {
          [content.locale]: {
            name,
            summary: "Step-by-step help when iCloud Backup on your iPhone isn't working.",
            description:
              "Backup Helper walks you through fixing iCloud Backup on your iPhone, one step at a time: " +
              "storage that's full, Wi-Fi problems, a backup that's stuck or shows an error, and more. " +
              "Say next when you've done a step, or ask a quick question and get a short answer. " +
              pausing,
            examplePhrases: [`Alexa, open ${invocationName}`, ...examples],
            keywords: ["icloud", "backup", "iphone", "troubleshooting", "help"],
          },
        },
        isAvailableWorldwide: false,
        distributionCountries: ["US"],
        testingInstructions:
          `Say "Alexa, open ${invocationName}", then a problem such as "my backup is stuck". ` +
          `Say next, yes or no to move through the steps; say wait to end the session` +
          (keepsPlace ? " and keep your place." : " (the place is not kept in this deployment)."),
        category: "EDUCATION_AND_REFERENCE",
      },
      privacyAndCompliance: {
        allowsPurchases: false,
        // The skill keeps the step you reached for a week (when deployed with a progress table), under a keyed
        // hash of the Alexa user id: no name, address or other personal information is asked for or kept.
        usesPersonalInfo: false,
        isChildDirected: false,
        isExportCompliant: true,
        containsAds: false,
        locales: { [content.locale]: {} },
      },
      apis: { custom: options.endpoint ? { endpoint: { uri: options.endpoint } } : {} },
    },
  };
}
