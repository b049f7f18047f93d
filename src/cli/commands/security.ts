/** `warden security …`: subcommands are registered by the modules that own them. */
import type { Command } from "commander";
import { registerRedteamCommand } from "./security-redteam.ts";

export function registerSecurityCommands(security: Command): void {
  registerRedteamCommand(security);
  // check exec|url|path, scan, redteam, audit and threats register here.
}
