export { runAudit, auditExitCode } from "./run-audit.ts";
export { collectAuditInput } from "./collect-input.ts";
export { applyFixes } from "./apply-fixes.ts";
export type { FixResult } from "./apply-fixes.ts";
export { scanTree } from "./scan-tree.ts";
export { findSecretsFallback, findSecretsWith } from "./fallback-secrets.ts";
export { probeGateway } from "./probe-gateway.ts";
export { renderAuditReport, renderFixResult } from "./render-report.ts";
