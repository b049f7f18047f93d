// The ops module's boundary: operational controls (activity log, limits, secrets, config integrity,
// retention) as libraries. The gateway and CLI wire them; nothing here reads env or opens the database.
export { activityLogMigrations, createActivityLog, ActivityKind } from "./activity-log/activity-log.ts";
export type { ActivityEntry, ActivityInput, ActivityLog } from "./activity-log/activity-log.ts";
export type { VerifyProblem, VerifyResult } from "./activity-log/verify-chain.ts";
export { formatEntryLine, renderVerifyResult } from "./activity-log/audit-log-report.ts";

export { createRateLimiter } from "./limits/rate-limiter.ts";
export type { RateLimiter, RateResult } from "./limits/rate-limiter.ts";
export { createUsageLedger, usageMigrations } from "./limits/usage-ledger.ts";
export type { UsageCall, UsageLedger, UsageTotals } from "./limits/usage-ledger.ts";
export { DEFAULT_PRICES, findPrice, mergePrices } from "./limits/prices.ts";
export type { Price, PriceTable } from "./limits/prices.ts";
export { createBudget } from "./limits/budget.ts";
export type { Budget, BudgetLimits, BudgetResult } from "./limits/budget.ts";
export { createLoopBreaker } from "./limits/loop-breaker.ts";
export type { LoopBreaker, LoopResult } from "./limits/loop-breaker.ts";
export { buildUsageReport, formatUsageReport } from "./limits/usage-report.ts";
export type { LimitsConfig, UsageReport } from "./limits/usage-report.ts";

export { createSecretStore, SECRETS_FILE } from "./secrets/secret-store.ts";
export type { SecretInfo, SecretStore } from "./secrets/secret-store.ts";
export { createKeyFileProvider } from "./secrets/key-file-provider.ts";
export type { KeyProvider } from "./secrets/key-file-provider.ts";
export { createFieldCipher, decryptField, encryptField } from "./secrets/field-cipher.ts";
export type { FieldCipher } from "./secrets/field-cipher.ts";
export { createTokenRing } from "./secrets/token-ring.ts";
export type { TokenInfo, TokenRing } from "./secrets/token-ring.ts";

export { configIntegrityMigrations, createConfigIntegrity, fingerprintFile, fingerprintText } from "./config-integrity/config-integrity.ts";
export type { ConfigIntegrity, DriftResult } from "./config-integrity/config-integrity.ts";
export { diffConfig, formatConfigChanges, isSecretLookingKey } from "./config-integrity/diff-config.ts";
export type { ConfigChange } from "./config-integrity/diff-config.ts";

export { retentionCutoff, sweepRetention } from "./retention.ts";
export type { RetentionPolicy, RetentionReport, RetentionTarget } from "./retention.ts";
export { createKnownValueRedactor } from "./redact-known.ts";
export type { KnownSecret } from "./redact-known.ts";
export type { Migration } from "./migration.ts";
