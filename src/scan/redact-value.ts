import type { Json } from "../core/types.ts";
import type { SecretScanner } from "./secrets.ts";

// Field names whose values are secrets whatever they look like (logs carry config and headers).
const secretKey = /^(?:.*[_-])?(?:password|passwd|pwd|passphrase|secret|token|api[_-]?key|apikey|private[_-]?key|authorization|cookie|set-cookie|credentials?|bot[_-]?token|access[_-]?key|client[_-]?secret)$/i;

/** True for a field name such as `apiKey`, `gateway.auth.token`, `Authorization`, `client_secret`. */
export function isSecretFieldName(name: string): boolean {
  const last = name.split(".").pop() ?? name;
  // camelCase to kebab so `botToken` and `bot_token` read the same.
  return secretKey.test(last.replace(/([a-z0-9])([A-Z])/g, "$1-$2"));
}

/**
 * A deep copy of `value` for logs and transcripts: strings pass through the secret scanner's redaction,
 * values under secret-named fields are replaced whole. It must never return a value it did not copy, so
 * callers can log the result while keeping the original.
 */
export function redactValue(value: Json, scanner: SecretScanner, depth = 0): Json {
  // INVARIANT: bounded recursion; anything deeper than this is replaced rather than walked.
  if (depth > 64) return "[REDACTED:too-deep]";
  if (typeof value === "string") return scanner.redact(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, scanner, depth + 1));
  if (value !== null && typeof value === "object") {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = isSecretFieldName(k) && v !== null && v !== "" ? "[REDACTED:field]" : redactValue(v, scanner, depth + 1);
    }
    return out;
  }
  return value;
}
