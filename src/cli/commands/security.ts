/** `warden security …`: subcommands are registered by the modules that own them. */
import type { Command } from "commander";

export function registerSecurityCommands(_security: Command): void {
  // check exec|url|path, scan, redteam, audit and threats register here.
}
