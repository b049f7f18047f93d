/** `warden security …`: subcommands are registered by the modules that own them. */
import type { Command } from "commander";
import { registerAdvisoriesCommands } from "./security-advisories.ts";
import { registerAuditCommands } from "./security-audit.ts";
import { registerRedteamCommand } from "./security-redteam.ts";

/** The gitleaks-based finder, with line numbers, for audits of the workspace and skills. */
export async function loadFindSecrets() {
  const { createSecretScanner, loadBundledGitleaksRules } = await import("../../scan/index.ts");
  const scanner = createSecretScanner({ rules: loadBundledGitleaksRules() });
  return (text: string) =>
    scanner.findSecrets(text).map((f) => ({ ruleId: f.ruleId, line: text.slice(0, f.start).split("\n").length }));
}

export function registerSecurityCommands(security: Command): void {
  registerAuditCommands(security, { loadFindSecrets });
  registerRedteamCommand(security);
  registerAdvisoriesCommands(security);
}
