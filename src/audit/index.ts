export { runAudit, auditExitCode } from "./run-audit.ts";
export { collectAuditInput, type CollectDeps } from "./collect-input.ts";
export { applyFixes, type FixChange, type FixResult } from "./apply-fixes.ts";
export { scanTree, DEFAULT_SCAN_LIMITS, type ScanLimits } from "./scan-tree.ts";
export { findSecretsFallback } from "./fallback-secrets.ts";
export { probeGateway, type ProbeDeps } from "./probe-gateway.ts";
export { checkDependencies } from "./check-dependencies.ts";
export { renderAuditReport, renderFixResult } from "./render-report.ts";
export type { AuditInput, AuditReport, AuditSummary, Finding, FindSecrets, Severity, DeepFacts } from "./types.ts";
