/** CLI output helpers: errors go to stderr without stack traces; exit codes are stable. */
import { InvalidArgumentError, type CommanderError } from "commander";
import { WardenError } from "../core/errors.ts";

export const Exit = { Ok: 0, Failure: 1, Usage: 2 } as const;

/**
 * How a command line ends, thrown out of its action to `main` (main.ts): with `code`, either at once (`now`: an
 * error or a usage exit; the `warden` process exits without waiting for what is still open) or once what the
 * command started has drained. Not an error: every command line that gets to run ends with one.
 */
export class CliExit extends Error {
  readonly code: number;
  readonly now: boolean;
  constructor(code: number, now: boolean) {
    super(`exit ${code}`);
    this.name = "CliExit";
    this.code = code;
    this.now = now;
  }
}

export function fail(error: unknown): never {
  if (error instanceof CliExit) throw error;
  if (error instanceof WardenError) {
    process.stderr.write(`warden: ${error.message}\n`);
    throw new CliExit(error.code === "CONFIG_INVALID" || error.code === "CONFIG_KEY_UNKNOWN" || error.code === "BAD_REQUEST" ? Exit.Usage : Exit.Failure, true);
  }
  process.stderr.write(`warden: ${error instanceof Error ? error.message : String(error)}\n`);
  throw new CliExit(Exit.Failure, true);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Runs a command's work and ends the command line with its exit code; errors are printed as `warden: …` (no stack). */
export async function exitWith(work: () => Promise<number> | number): Promise<never> {
  let code: number;
  try {
    code = await work();
  } catch (error) {
    fail(error);
  }
  throw new CliExit(code, false);
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
  throw new CliExit(error.exitCode === 0 ? Exit.Ok : Exit.Usage, true);
}
