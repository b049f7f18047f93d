/**
 * Bot tokens and signing secrets on disk: read without following symlinks, refused when others can read
 * them (they are written with `writePrivateFile`). Errors name the path, never the content.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";
import { WardenError, ErrorCode } from "../core/errors.ts";

/**
 * Reads a secret file (`tokenFile`). Refuses symlinks (O_NOFOLLOW, so there is no check-then-open race),
 * non-regular files, files readable or writable by group or others, and empty files. Must never put the
 * file's content in an error.
 */
export function readSecretFile(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ELOOP" || code === "EMLINK") {
      throw new WardenError(ErrorCode.StateUnsafe, `secret file \`${path}\` is a symlink; point the config at the real file`);
    }
    throw new WardenError(ErrorCode.ConfigInvalid, `cannot open secret file \`${path}\` (${code ?? "error"}); check the path`, { cause: error });
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      throw new WardenError(ErrorCode.StateUnsafe, `secret file \`${path}\` is not a regular file`);
    }
    if ((st.mode & 0o077) !== 0) {
      throw new WardenError(ErrorCode.StateUnsafe,
        `secret file \`${path}\` is accessible to other users (mode ${(st.mode & 0o777).toString(8)}); run \`chmod 600 ${path}\``);
    }
    const value = readFileSync(fd, "utf8").trim();
    if (value === "") throw new WardenError(ErrorCode.ConfigInvalid, `secret file \`${path}\` is empty`);
    return value;
  } finally {
    closeSync(fd);
  }
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
