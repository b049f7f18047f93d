/** `warden security …`: subcommands are registered by the modules that own them. */
import type { Command } from "commander";
import { registerAdvisoriesCommands } from "./security-advisories.ts";
import { registerAuditCommands } from "./security-audit.ts";
import { registerRedteamCommand } from "./security-redteam.ts";

/** The gitleaks-based finder, with line numbers, for audits of the workspace and skills. */
export async function loadFindSecrets() {
  const [{ createSecretScanner, loadBundledGitleaksRules }, { findSecretsWith }] = await Promise.all([import("../../scan/index.ts"), import("../../audit/index.ts")]);
  return findSecretsWith(createSecretScanner({ rules: loadBundledGitleaksRules() }));
}

export function registerSecurityCommands(security: Command): void {
  registerAuditCommands(security, { loadFindSecrets });
  registerRedteamCommand(security);
  registerAdvisoriesCommands(security);
}
