// The DynamoDB progress store. The SDK is imported when the Lambda prepares the store at init (or on first use),
// and the Lambda bundle leaves it out (the nodejs24.x runtime provides the AWS SDK v3).
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  PROGRESS_TTL_SECONDS,
  type ProgressStore,
  parseProgress,
  type SavedProgress,
  withinBudget,
} from "./progress.js";

/** The key read at init: not a hash any caller has (theirs are hex digests). */
const PREPARE_KEY = "prepare";

export interface DynamoOptions {
  tableName: string;
  /** A local DynamoDB (dynalite) for npm start and the tests; unset in AWS. */
  endpoint?: string;
  region?: string;
}

export class DynamoProgressStore implements ProgressStore {
  private client?: Promise<DynamoDBDocumentClient>;

  constructor(private readonly options: DynamoOptions) {}

  private documents(): Promise<DynamoDBDocumentClient> {
    this.client ??= (async () => {
      const [{ DynamoDBClient }, { DynamoDBDocumentClient }] = await Promise.all([
        import("@aws-sdk/client-dynamodb"),
        import("@aws-sdk/lib-dynamodb"),
      ]);
      const local = this.options.endpoint
        ? { endpoint: this.options.endpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" } }
        : {};
      const base = new DynamoDBClient({
        region: this.options.region ?? process.env.AWS_REGION ?? "us-east-1",
        maxAttempts: 1,
        ...local,
      });
      return DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
    })();
    return this.client;
  }

  /**
   * At init (a full vCPU, before any caller): loads the SDK, builds the client and opens its connection with a
   * read of a key no caller has, so the first caller's turn doesn't pay for them at a fraction of a vCPU.
   * Writes nothing; a failure is left for the first turn to meet and report.
   */
  async prepare(): Promise<void> {
    try {
      await this.load(PREPARE_KEY);
    } catch {
      // The first turn tries again, within its budget, and reports a problem if there is one.
    }
  }

  async load(key: string): Promise<SavedProgress | undefined> {
    const client = await this.documents();
    const { GetCommand } = await import("@aws-sdk/lib-dynamodb");
    const result = await withinBudget("load", (abortSignal) =>
      client.send(new GetCommand({ TableName: this.options.tableName, Key: { pk: key } }), { abortSignal }),
    );
    return parseProgress(result.Item);
  }

  async save(key: string, progress: SavedProgress): Promise<void> {
    const client = await this.documents();
    const { PutCommand } = await import("@aws-sdk/lib-dynamodb");
    const expiresAt = Math.floor(progress.at / 1000) + PROGRESS_TTL_SECONDS;
    await withinBudget("save", (abortSignal) =>
      client.send(
        new PutCommand({ TableName: this.options.tableName, Item: { pk: key, ...progress, expiresAt } }),
        {
          abortSignal,
        },
      ),
    );
  }

  async remove(key: string): Promise<void> {
    const client = await this.documents();
    const { DeleteCommand } = await import("@aws-sdk/lib-dynamodb");
    await withinBudget("remove", (abortSignal) =>
      client.send(new DeleteCommand({ TableName: this.options.tableName, Key: { pk: key } }), {
        abortSignal,
      }),
    );
  }
}
