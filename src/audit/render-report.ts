/** Human output of the audit: grouped by severity, each finding with its fix. */
import type { AuditReport, Severity } from "./types.ts";
import type { FixResult } from "./apply-fixes.ts";

const HEADINGS: Record<Severity, string> = { critical: "CRITICAL", warn: "WARNING", info: "INFO" };

export function renderAuditReport(report: AuditReport): string {
  const lines: string[] = [];
  const s = report.summary;
  lines.push(`Warden security audit${s.deep ? " (deep)" : ""}: ${s.critical} critical, ${s.warn} warning(s), ${s.info} info`);
  for (const severity of ["critical", "warn", "info"] as const) {
    const group = report.findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push("", `${HEADINGS[severity]} (${group.length})`);
    for (const f of group) {
      lines.push(`  [${f.checkId}] ${f.title}`, `    ${f.detail}`, `    fix: ${f.fix}`);
    }
  }
  if (s.critical === 0 && s.warn === 0) lines.push("", "No critical findings and no warnings.");
  return `${lines.join("\n")}\n`;
}

export function renderFixResult(fix: FixResult): string {
  if (fix.changes.length === 0 && fix.failures.length === 0) return "--fix: nothing to change.\n";
  const lines = ["--fix changed:"];
  for (const c of fix.changes) lines.push(`  [${c.checkId}] ${c.target}: ${c.change}`);
  for (const f of fix.failures) lines.push(`  [${f.checkId}] ${f.target}: NOT changed (${f.error})`);
  return `${lines.join("\n")}\n`;
}
