// An official Lex V2 runtime client for the local runtime: any region, dummy credentials (it checks no signature).
import { LexRuntimeV2Client } from "@aws-sdk/client-lex-runtime-v2";

export const lexClientFor = (endpoint: string) =>
  new LexRuntimeV2Client({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
