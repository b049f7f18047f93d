/**
 * `warden usage [--json]`: the contract shape `{ tokens: { today, month }, costUsd: { today, month }, limits }`
 * with the limits keyed as in the config (unset limits are `null`).
 */
import type { UsageLedger } from "./usage-ledger.ts";

export type LimitsConfig = {
  tokens?: { perDay?: number; perSession?: number };
  costUsd?: { perDay?: number; perMonth?: number };
  messages?: { perSenderPerMinute?: number };
};

export type UsageReport = {
  tokens: { today: number; month: number };
  costUsd: { today: number; month: number };
  limits: {
    tokens: { perDay: number | null; perSession: number | null };
    costUsd: { perDay: number | null; perMonth: number | null };
    messages: { perSenderPerMinute: number | null };
  };
  unpricedCallsToday: number;
};

export function buildUsageReport(ledger: UsageLedger, limits: LimitsConfig | undefined): UsageReport {
  const totals = ledger.totals();
  return {
    tokens: { today: totals.tokens.today, month: totals.tokens.month },
    costUsd: { today: roundUsd(totals.costUsd.today), month: roundUsd(totals.costUsd.month) },
    limits: {
      tokens: { perDay: limits?.tokens?.perDay ?? null, perSession: limits?.tokens?.perSession ?? null },
      costUsd: { perDay: limits?.costUsd?.perDay ?? null, perMonth: limits?.costUsd?.perMonth ?? null },
      messages: { perSenderPerMinute: limits?.messages?.perSenderPerMinute ?? null },
    },
    unpricedCallsToday: totals.unpricedCallsToday,
  };
}

export function formatUsageReport(report: UsageReport): string {
  const limit = (value: number | null, unit: string): string => (value === null ? "no limit" : `limit ${value.toLocaleString("en-US")}${unit}`);
  return [
    `Tokens today: ${report.tokens.today.toLocaleString("en-US")} (${limit(report.limits.tokens.perDay, "")})`,
    `Tokens this month: ${report.tokens.month.toLocaleString("en-US")}`,
    `Cost today: $${report.costUsd.today.toFixed(4)} (${limit(report.limits.costUsd.perDay, " USD")})`,
    `Cost this month: $${report.costUsd.month.toFixed(4)} (${limit(report.limits.costUsd.perMonth, " USD")})`,
    ...(report.unpricedCallsToday > 0 ? [`Unpriced calls today: ${report.unpricedCallsToday} (their model has no price, so cost limits do not count them; set one in USD per million tokens: warden config set limits.prices '{"PROVIDER/MODEL": {"input": 0, "output": 0}}', docs/operations.md)`] : []),
  ].join("\n");
}

function roundUsd(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
