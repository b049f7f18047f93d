/** A refusal by the registry, with the HTTP status it answers with and a message that says what to do. */
export const RegistryErrorStatus = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  rate_limited: 429,
} as const;

export type RegistryErrorCode = keyof typeof RegistryErrorStatus;

export class RegistryError extends Error {
  readonly code: RegistryErrorCode;
  constructor(code: RegistryErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
