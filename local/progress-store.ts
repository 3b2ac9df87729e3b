// A real DynamoDB API in-process (dynalite) for the progress store, so resume works on a laptop through the same
// code path as in AWS. It sets the environment the Lambda reads, so start it before the handler is loaded.
import type { Server } from "node:net";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import dynalite from "dynalite";

/** The table as the CDK app defines it: partition key `pk` (string), TTL attribute `expiresAt`. */
export const LOCAL_PROGRESS_TABLE = "progress";

export interface LocalProgressStore {
  endpoint: string;
  close(): Promise<void>;
}

export async function startLocalProgressStore(
  opts: { setEnv?: boolean; table?: string } = {},
): Promise<LocalProgressStore> {
  const table = opts.table ?? LOCAL_PROGRESS_TABLE;
  const server: Server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  await client.send(
    new CreateTableCommand({
      TableName: table,
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
  client.destroy();
  if (opts.setEnv !== false) {
    process.env.PROGRESS_TABLE = table;
    process.env.DYNAMODB_ENDPOINT = endpoint;
    // A local-only secret: nothing stored here leaves this process.
    process.env.HASH_SECRET ??= "local-development-secret-not-for-aws";
  }
  return { endpoint, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
