// Errors as the Lex runtime sends them. The SDK picks the exception class from the x-amzn-errortype header, not
// from the status code, so every error carries its Lex name and the status that goes with it.

const STATUS = {
  ValidationException: 400,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  UnknownOperationException: 404,
  ConflictException: 409,
  DependencyFailedException: 424,
  ThrottlingException: 429,
  InternalServerException: 500,
  BadGatewayException: 502,
} as const;

export type LexErrorType = keyof typeof STATUS;

export class LexError extends Error {
  readonly status: number;
  constructor(
    readonly type: LexErrorType,
    message: string,
  ) {
    super(message);
    this.name = type;
    this.status = STATUS[type];
  }
}

export const validationError = (message: string) => new LexError("ValidationException", message);
export const notFound = (message: string) => new LexError("ResourceNotFoundException", message);
export const dependencyFailed = (message: string) => new LexError("DependencyFailedException", message);

/** Anything that is not already a LexError becomes a 500 the SDK can still parse. */
export const asLexError = (err: unknown): LexError =>
  err instanceof LexError
    ? err
    : new LexError("InternalServerException", "Internal error in the local runtime");
