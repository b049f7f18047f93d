// The scan module's public surface: secret detection and redaction, the injection signal, untrusted
// content markers, and the `warden security scan` report.
export type { AllowlistTarget, SecretAllowlist, SecretRule, SecretRuleSet, SkippedRule } from "./gitleaks-rules.ts";
export { loadBundledGitleaksRules, parseGitleaksRules, shannonEntropy } from "./gitleaks-rules.ts";
export type { KnownSecret, KnownSecretHit, SecretEncoding } from "./known-secrets.ts";
export type { SecretFinding, SecretScanner, SecretScannerOptions } from "./secrets.ts";
export { createSecretScanner, previewSecret, redactFindings } from "./secrets.ts";
export { isSecretPath } from "./secret-path.ts";
export { isSecretFieldName, redactValue } from "./redact-value.ts";
export type { SecretLabel } from "./secret-label.ts";
export { knownSecretsFromEnv, labelSecretContent } from "./secret-label.ts";
export type { InjectionMatch, InjectionResult, ScanInjectionOptions } from "./injection.ts";
export { defaultInjectionThreshold, scanInjection } from "./injection.ts";
export type { ContentWrapper, WrapOptions } from "./markers.ts";
export { createContentWrapper, neutralizeMarkers, sanitizedMarker, wrapUntrusted } from "./markers.ts";
export type { ScanReport, Scanners } from "./scan-report.ts";
export { scanBatchLine, scanText } from "./scan-report.ts";
export type { LinkKind, LinkVerdict, RewriteResult } from "./markdown-links.ts";
// rewriteLinks and linkNotice are imported by file (markdown-links.ts): they load the Markdown parser.
export type { UrlSpan } from "./url-spans.ts";
export { findUrlSpans, linkHost } from "./url-spans.ts";
