#!/usr/bin/env node
/**
 * The `warden` command. A lean entry: `warden --version` answers before anything else loads; every other command
 * line goes to the program (program.ts), which registers only what it can reach.
 */
import { wardenVersion } from "./version.ts";

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  // What commander prints for the same flag, without loading it.
  process.stdout.write(`${wardenVersion()}\n`);
} else {
  const { buildProgram } = await import("./program.ts");
  await (await buildProgram(process.argv)).parseAsync(process.argv);
}
