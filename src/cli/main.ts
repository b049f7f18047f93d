#!/usr/bin/env node
/**
 * The `warden` command. A lean entry: `warden --version` answers before anything else loads; every other command
 * line goes to the program (program.ts), which registers only what it can reach.
 *
 * `main` runs one command line and resolves with its exit code. Run as a program (bin/warden) it is the process's;
 * given `io` it runs inside the caller's process with the caller's streams and environment (embedded-io.ts), which
 * is how the tests drive the real program without starting Node for every command line.
 */
import { wardenVersion } from "./version.ts";
import type { CliIo } from "./embedded-io.ts";

type Ended = { code: number; now: boolean };

async function run(args: readonly string[]): Promise<Ended> {
  if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
    // What commander prints for the same flag, without loading it.
    process.stdout.write(`${wardenVersion()}\n`);
    return { code: 0, now: false };
  }
  const [{ buildProgram }, { CliExit }] = await Promise.all([import("./program.ts"), import("./output.ts")]);
  const argv = [process.execPath, import.meta.filename, ...args];
  try {
    await (await buildProgram(argv)).parseAsync(argv);
    return { code: 0, now: false };
  } catch (error) {
    if (error instanceof CliExit) return { code: error.code, now: error.now };
    throw error;
  }
}

/** Runs `args` (the words after `warden`) and resolves with the exit code; rejects only on a bug. */
export async function main(args: readonly string[], io?: CliIo): Promise<number> {
  if (io === undefined) return (await run(args)).code;
  const { withEmbeddedIo } = await import("./embedded-io.ts");
  return (await withEmbeddedIo(io, () => run(args))).code;
}

if (import.meta.main) {
  const ended = await run(process.argv.slice(2));
  // An error or a usage exit ends the process at once, whatever the command left open; a finished command lets
  // what it started drain first.
  if (ended.now) process.exit(ended.code);
  process.exitCode = ended.code;
}
