/** CLI output helpers: errors go to stderr without stack traces; exit codes are stable. */
import { WardenError } from "../core/errors.ts";

export const Exit = { Ok: 0, Failure: 1, Usage: 2 } as const;

export function fail(error: unknown): never {
  if (error instanceof WardenError) {
    process.stderr.write(`warden: ${error.message}\n`);
    process.exit(error.code === "CONFIG_INVALID" || error.code === "CONFIG_KEY_UNKNOWN" || error.code === "BAD_REQUEST" ? Exit.Usage : Exit.Failure);
  }
  process.stderr.write(`warden: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(Exit.Failure);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
