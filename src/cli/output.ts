/** CLI output helpers: errors go to stderr without stack traces; exit codes are stable. */
import { InvalidArgumentError, type CommanderError } from "commander";
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

/** Runs a command's work and sets the exit code from it; errors are printed as `warden: …` (no stack). */
export async function exitWith(work: () => Promise<number> | number): Promise<void> {
  try {
    process.exitCode = await work();
  } catch (error) {
    fail(error);
  }
}

/** Commander argument parser for `--port`. */
export function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("a port is a whole number from 0 to 65535");
  return n;
}

/**
 * Commander's exits: help and `--version` exit 0; everything else it refuses (an unknown command or option, a
 * missing argument, a bad `--port`) is a usage error, exit 2, as docs/cli.md says.
 */
export function usageExit(error: CommanderError): never {
  process.exit(error.exitCode === 0 ? Exit.Ok : Exit.Usage);
}
