/**
 * Bot tokens and signing secrets on disk: read without following symlinks, refused when others can read
 * them (they are written with `writePrivateFile`). Errors name the path, never the content.
 */
import { WardenError, ErrorCode } from "../core/errors.ts";
import { readPrivateFile } from "../ops/secrets/private-files.ts";

/**
 * Reads a secret file (`tokenFile`) with the one private-file reader (`readPrivateFile`: no symlink, a regular
 * file, no group or other bits), and refuses a missing or empty one. Must never put the file's content in an error.
 */
export function readSecretFile(path: string): string {
  const raw = readPrivateFile(path, undefined);
  if (raw === undefined) throw new WardenError(ErrorCode.ConfigInvalid, `cannot open secret file \`${path}\` (ENOENT); check the path`);
  const value = raw.toString("utf8").trim();
  if (value === "") throw new WardenError(ErrorCode.ConfigInvalid, `secret file \`${path}\` is empty`);
  return value;
}

/**
 * Replaces every occurrence of each secret in `text`. Used on anything an adapter or library logs, because
 * HTTP client errors like to include the request URL, and Telegram puts the token in the URL.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    out = out.split(secret).join("[redacted]");
  }
  return out;
}
