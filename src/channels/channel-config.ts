/**
 * Channel settings resolved at start: a secret given inline in the config or as a file. The `channels.<id>`
 * config shapes are declared by each channel's module (`defineChannel`); `src/config/schema.ts` composes them.
 */
import { readSecretFile } from "./secret-file.ts";
import { WardenError, ErrorCode } from "../core/errors.ts";

/**
 * Resolves a secret given inline or as a file. Exactly one must be set. Must never put the secret in an
 * error.
 */
export function resolveChannelSecret(inline: string | undefined, file: string | undefined, what: string): string {
  if (inline !== undefined && file !== undefined) {
    throw new WardenError(ErrorCode.ConfigInvalid, `${what}: set the value or the file, not both`);
  }
  if (file !== undefined) return readSecretFile(file);
  if (inline !== undefined) return inline;
  throw new WardenError(ErrorCode.ConfigInvalid, `${what} is not set; set it or point its file setting at a 0600 file`);
}
