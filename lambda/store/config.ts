// Builds the progress tracker from the Lambda's environment, or none when no table is configured (then the line
// works exactly as before, without resume).
import { DynamoProgressStore } from "./dynamo.js";
import { withinBudget } from "./progress.js";
import { ProgressTracker, type StoreProblem } from "./tracker.js";

export function trackerFromEnv(
  env: Record<string, string | undefined>,
  onProblem: (problem: StoreProblem) => void,
): ProgressTracker | undefined {
  const tableName = env.PROGRESS_TABLE;
  if (!tableName) return undefined;
  const store = new DynamoProgressStore({
    tableName,
    endpoint: env.DYNAMODB_ENDPOINT,
    region: env.AWS_REGION,
  });
  return new ProgressTracker(store, secretFrom(env), onProblem);
}

/** The hashing secret: given directly (local runs), or read once from Secrets Manager and kept per container. */
function secretFrom(env: Record<string, string | undefined>): () => Promise<string> {
  if (env.HASH_SECRET) {
    const secret = env.HASH_SECRET;
    return async () => secret;
  }
  const arn = env.HASH_SECRET_ARN;
  let cached: string | undefined;
  return async () => {
    if (cached) return cached;
    if (!arn) throw new Error("neither HASH_SECRET nor HASH_SECRET_ARN is set");
    const { SecretsManagerClient, GetSecretValueCommand } = await import("@aws-sdk/client-secrets-manager");
    const client = new SecretsManagerClient({ region: env.AWS_REGION, maxAttempts: 1 });
    const result = await withinBudget("secret", (abortSignal) =>
      client.send(new GetSecretValueCommand({ SecretId: arn }), { abortSignal }),
    );
    if (!result.SecretString || result.SecretString.length < 16)
      throw new Error("hash secret is missing or short");
    cached = result.SecretString;
    return cached;
  };
}
