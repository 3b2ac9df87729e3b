// The DynamoDB progress store. The SDK is imported on first use, so turns that never touch the store (no caller
// identity, or the first answer already in memory) pay nothing for it, and the Lambda bundle leaves it out (the
// nodejs24.x runtime provides the AWS SDK v3).
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  PROGRESS_TTL_SECONDS,
  type ProgressStore,
  parseProgress,
  type SavedProgress,
  withinBudget,
} from "./progress.js";

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
