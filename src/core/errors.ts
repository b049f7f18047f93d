/**
 * Error codes cross every boundary as data (protocol frames, tool results, CLI exits).
 * An `as const` object, not an enum: enums do not survive type stripping.
 */
export const ErrorCode = {
  ConfigInvalid: "CONFIG_INVALID",
  ConfigKeyUnknown: "CONFIG_KEY_UNKNOWN",
  StateUnsafe: "STATE_UNSAFE",
  AuthRequired: "AUTH_REQUIRED",
  AuthFailed: "AUTH_FAILED",
  AuthLockedOut: "AUTH_LOCKED_OUT",
  OriginRejected: "ORIGIN_REJECTED",
  BadRequest: "BAD_REQUEST",
  FrameTooLarge: "FRAME_TOO_LARGE",
  NotFound: "NOT_FOUND",
  ModelNotConfigured: "MODEL_NOT_CONFIGURED",
  ProviderError: "PROVIDER_ERROR",
  ToolDenied: "TOOL_DENIED",
  ToolFailed: "TOOL_FAILED",
  ToolArgsInvalid: "TOOL_ARGS_INVALID",
  LimitExceeded: "LIMIT_EXCEEDED",
  RateLimited: "RATE_LIMITED",
  Cancelled: "CANCELLED",
  Internal: "INTERNAL",
  Unavailable: "UNAVAILABLE",
  /** The state disk is full (SQLITE_FULL): retryable once space is freed. */
  StorageFull: "STORAGE_FULL",
  /** Another process holds the database's write lock (SQLITE_BUSY/LOCKED): retryable. */
  StorageBusy: "STORAGE_BUSY",
  /** The database file is damaged (SQLITE_CORRUPT/NOTADB): needs the owner (see docs/operations.md). */
  StorageCorrupt: "STORAGE_CORRUPT",
  /** The state directory or database cannot be written (SQLITE_READONLY, permissions). */
  StorageReadOnly: "STORAGE_READONLY",
  /** Any other I/O failure of the database (SQLITE_IOERR/CANTOPEN). */
  StorageIo: "STORAGE_IO",
  /** The gateway cannot check credentials (its token store is unreadable): a server fault, not a wrong token. */
  AuthUnavailable: "AUTH_UNAVAILABLE",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export type WardenErrorOptions = { cause?: unknown; retryable?: boolean };

/** The one error class. Messages say what was wrong and what to do; they never contain a secret. */
export class WardenError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  constructor(code: ErrorCode, message: string, options: WardenErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "WardenError";
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

export function isWardenError(value: unknown): value is WardenError {
  return value instanceof WardenError;
}

/**
 * A short, secret-free description of any thrown value, for results and logs, with the causes it carries: fetch's
 * own message is only "fetch failed", and what failed (`other side closed`, `connect ECONNREFUSED …`) is in its
 * `cause`. At most four causes; one whose message the text already holds is not repeated.
 */
export function describeError(error: unknown): string {
  let text = error instanceof Error ? error.message : String(error);
  let current: unknown = error instanceof Error ? error.cause : undefined;
  for (let depth = 0; current !== undefined && current !== null && depth < 4; depth++) {
    const message = causeMessage(current);
    if (message !== "" && !text.includes(message)) text += `: ${message}`;
    current = current instanceof Error ? current.cause : undefined;
  }
  return text;
}

/** A cause's own words: an error's message, a record's `message` or `reason` text; never "[object Object]". */
function causeMessage(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  if (typeof cause !== "object" || cause === null) return String(cause);
  const { message, reason } = cause as { message?: unknown; reason?: unknown };
  return typeof message === "string" ? message : typeof reason === "string" ? reason : "";
}
