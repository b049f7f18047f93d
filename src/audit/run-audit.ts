/** Runs every check over one `AuditInput` and summarizes. Pure: no I/O, so it is table-testable. */
import { checkGateway } from "./checks/gateway-checks.ts";
import { checkChannels } from "./checks/channel-checks.ts";
import { checkConfigLoad, checkExec, checkLogging, checkRuntime } from "./checks/tool-checks.ts";
import { checkConfigFile, checkCredentialFiles, checkStateDir, checkWorkspace } from "./checks/state-checks.ts";
import { checkDeep } from "./checks/deep-checks.ts";
import { checkMcp } from "./checks/mcp-checks.ts";
import { checkSkills } from "./checks/skill-checks.ts";
import type { AuditInput, AuditReport, Finding, Severity } from "./types.ts";

const ORDER: Record<Severity, number> = { critical: 0, warn: 1, info: 2 };
const CHECKS: readonly ((input: AuditInput) => Finding[])[] = [
  checkConfigLoad, checkGateway, checkChannels, checkExec, checkLogging, checkStateDir, checkConfigFile,
  checkCredentialFiles, checkWorkspace, checkRuntime, checkDeep, checkMcp, checkSkills,
];

export function runAudit(input: AuditInput): AuditReport {
  const findings = CHECKS.flatMap((check) => check(input));
  // Stable order: worst first, then by check id, so JSON output diffs cleanly between runs.
  findings.sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.checkId.localeCompare(b.checkId));
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const critical = count("critical");
  const warn = count("warn");
  const info = count("info");
  return {
    findings,
    summary: { critical, warn, info, total: findings.length, worst: critical > 0 ? "critical" : warn > 0 ? "warn" : info > 0 ? "info" : "none", deep: input.deep !== undefined },
  };
}

/** The exit code contract: 0 when nothing worse than info, 1 for warnings, 2 for any critical finding. */
export function auditExitCode(report: AuditReport): 0 | 1 | 2 {
  return report.summary.critical > 0 ? 2 : report.summary.warn > 0 ? 1 : 0;
}
