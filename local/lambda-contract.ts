// The boundary between the runtime and the fulfilment Lambda: the event Lex sends (messageVersion 1.0), the
// checks Lex applies to what comes back, and the call itself with Lex's failure modes. A response Lex would
// reject, an exception or a timeout becomes a DependencyFailedException for that turn only.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { BotIdentity } from "./bot.js";
import { dependencyFailed, LexError } from "./lex-error.js";
import type { ActiveContext, DialogAction, InputMode, Intent } from "./lex-types.js";
import {
  activeContextSchema,
  confirmationStateSchema,
  firstIssue,
  intentStateSchema,
  lambdaDialogActionSchema,
  messageSchema,
  slotsSchema,
  stringMapSchema,
} from "./schemas.js";

export type CodeHook = (event: unknown, context: unknown) => unknown;
export type InvocationSource = "DialogCodeHook" | "FulfillmentCodeHook";

/** Lambda limits Lex enforces (quotas page): output 25 KB, session attributes in it 12 KB. */
const MAX_RESPONSE_BYTES = 25 * 1024;
const MAX_SESSION_ATTRIBUTES_BYTES = 12 * 1024;

export interface LambdaEventInput {
  bot: BotIdentity;
  invocationSource: InvocationSource;
  inputMode: InputMode;
  responseContentType: string;
  sessionId: string;
  inputTranscript: string;
  intent: Intent;
  /** Interpretations in the Lambda form: nluConfidence is a bare number. */
  interpretations: Array<{ intent: Intent; nluConfidence?: number; interpretationSource: "Lex" }>;
  sessionAttributes: Record<string, string>;
  activeContexts?: ActiveContext[];
  requestAttributes?: Record<string, string>;
  originatingRequestId: string;
  proposedNextState?: ProposedNextState;
}

/** What Lex would do if the hook answered Delegate; `attempt` is Initial, Retry1 ... Retry5. */
export interface ProposedNextState {
  dialogAction: DialogAction;
  intent: Intent;
  prompt: { attempt: string };
}

export function buildLambdaEvent(i: LambdaEventInput): Record<string, unknown> {
  const event: Record<string, unknown> = {
    messageVersion: "1.0",
    invocationSource: i.invocationSource,
    inputMode: i.inputMode,
    responseContentType: i.responseContentType,
    sessionId: i.sessionId,
    inputTranscript: i.inputTranscript,
    bot: { ...i.bot },
    interpretations: i.interpretations,
    sessionState: {
      sessionAttributes: i.sessionAttributes,
      ...(i.activeContexts ? { activeContexts: i.activeContexts } : {}),
      intent: i.intent,
      originatingRequestId: i.originatingRequestId,
    },
  };
  if (i.proposedNextState) event.proposedNextState = i.proposedNextState;
  // Lex only adds requestAttributes when the client or channel sent some.
  if (i.requestAttributes && Object.keys(i.requestAttributes).length > 0)
    event.requestAttributes = i.requestAttributes;
  // Speech comes with the recogniser's transcriptions; text and keyed digits do not.
  if (i.inputMode === "Speech" && i.inputTranscript.length > 0) {
    event.transcriptions = [
      {
        transcription: i.inputTranscript,
        transcriptionConfidence: 1,
        resolvedContext: { intent: i.intent.name },
        resolvedSlots: {},
      },
    ];
  }
  return event;
}

const responseSchema = z
  .object({
    sessionState: z.object({
      sessionAttributes: stringMapSchema.optional(),
      activeContexts: z.array(activeContextSchema).max(20).optional(),
      dialogAction: lambdaDialogActionSchema,
      intent: z
        .object({
          name: z.string().min(1).max(100).optional(),
          state: intentStateSchema.optional(),
          confirmationState: confirmationStateSchema.optional(),
          slots: slotsSchema.optional(),
        })
        .optional(),
    }),
    messages: z.array(messageSchema).optional(),
    requestAttributes: stringMapSchema.optional(),
  })
  .superRefine((r, ctx) => {
    const { dialogAction, intent } = r.sessionState;
    const problem = (message: string) => ctx.addIssue({ code: "custom", message });
    if (
      (dialogAction.type === "ElicitIntent" || dialogAction.type === "ConfirmIntent") &&
      !r.messages?.length
    ) {
      problem(`messages are required when dialogAction.type is ${dialogAction.type}`);
    }
    if (dialogAction.type !== "Delegate" && dialogAction.type !== "ElicitIntent" && !intent?.name) {
      problem(`sessionState.intent.name is required when dialogAction.type is ${dialogAction.type}`);
    }
    if (dialogAction.type === "ElicitSlot" && !dialogAction.slotToElicit) {
      problem("dialogAction.slotToElicit is required when dialogAction.type is ElicitSlot");
    }
    if (intent?.state === "ReadyForFulfillment" && dialogAction.type !== "Delegate") {
      problem("intent.state ReadyForFulfillment is only allowed with dialogAction.type Delegate");
    }
  });

export type LambdaResponse = z.infer<typeof responseSchema>;

const invalid = (detail: string) =>
  dependencyFailed(`Invalid Lambda Response: Received invalid response from Lambda: ${detail}`);

/** Checks a Lambda response the way Lex does; `intentNames` are the intents the bot knows. */
export function parseLambdaResponse(raw: unknown, intentNames: ReadonlySet<string>): LambdaResponse {
  const bytes = Buffer.byteLength(JSON.stringify(raw ?? null));
  if (bytes > MAX_RESPONSE_BYTES) invalidThrow(`response is ${bytes} bytes, over the 25 KB limit`);
  const parsed = responseSchema.safeParse(raw);
  if (!parsed.success) {
    invalidThrow(firstIssue(parsed.error));
  }
  const attributes = parsed.data.sessionState.sessionAttributes;
  if (attributes && Buffer.byteLength(JSON.stringify(attributes)) > MAX_SESSION_ATTRIBUTES_BYTES) {
    invalidThrow("sessionAttributes are over the 12 KB limit");
  }
  const name = parsed.data.sessionState.intent?.name;
  if (name !== undefined && !intentNames.has(name))
    invalidThrow(`intent ${name} is not an intent of this bot`);
  return parsed.data;
}

function invalidThrow(detail: string): never {
  throw invalid(detail);
}

/**
 * Calls the code hook in-process as Lambda would: a JSON copy of the event in, a JSON copy of the result out, and
 * Lex's errors for an exception, a result that isn't JSON, or no answer within the timeout.
 */
/** Lex's quota on what it sends the Lambda (lex-v2-contract.md section 5): a bigger event fails the turn. */
export const MAX_LAMBDA_INPUT_BYTES = 12 * 1024;

export async function invokeCodeHook(hook: CodeHook, event: unknown, timeoutMs: number): Promise<unknown> {
  const size = Buffer.byteLength(JSON.stringify(event));
  if (size > MAX_LAMBDA_INPUT_BYTES) {
    throw dependencyFailed(
      `The Lambda input is ${size} bytes, over Lex's ${MAX_LAMBDA_INPUT_BYTES}-byte limit`,
    );
  }
  const requestId = randomUUID();
  const deadline = Date.now() + timeoutMs;
  const context = {
    awsRequestId: requestId,
    functionName: "local-fulfilment",
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:local:000000000000:function:local-fulfilment",
    memoryLimitInMB: "256",
    logGroupName: "/aws/lambda/local-fulfilment",
    logStreamName: "local",
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(dependencyFailed(`Lambda function did not respond within ${timeoutMs} ms: Task timed out`)),
      timeoutMs,
    );
  });
  try {
    const result = await Promise.race([
      Promise.resolve().then(() => hook(JSON.parse(JSON.stringify(event)), context)),
      timeout,
    ]);
    try {
      return JSON.parse(JSON.stringify(result ?? null));
    } catch {
      throw invalid("the response is not JSON");
    }
  } catch (err) {
    if (err instanceof LexError) throw err;
    throw dependencyFailed("Received error response from Lambda: Unhandled");
  } finally {
    clearTimeout(timer);
  }
}
