// The scan module's public surface: secret detection and redaction, the injection signal, untrusted
// content markers, and the `warden security scan` report.
export { loadBundledGitleaksRules } from "./gitleaks-rules.ts";
export type { SecretScanner } from "./secrets.ts";
export { createSecretScanner } from "./secrets.ts";
export { isSecretPath } from "./secret-path.ts";
export { createSecretLabeller } from "./secret-label.ts";
export { scanInjection } from "./injection.ts";
export { createContentWrapper } from "./markers.ts";
export type { ScanReport } from "./scan-report.ts";
export { scanBatchLine, scanText } from "./scan-report.ts";
// rewriteLinks and linkNotice are imported by file (markdown-links.ts): they load the Markdown parser.
