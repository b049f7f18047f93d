/**
 * Budgets checked before every provider call. A refusal carries a stable id and a message the sender
 * understands: what limit, how much was used, what to change or how long to wait.
 */
import type { Reason } from "../../core/decision.ts";
import { ErrorCode, WardenError, describeError } from "../../core/errors.ts";
import type { UsageLedger } from "./usage-ledger.ts";

export type BudgetLimits = {
  tokensPerDay?: number;
  tokensPerSession?: number;
  costUsdPerDay?: number;
  costUsdPerMonth?: number;
  /** Fraction of any limit at which a warning is attached; default 0.8. */
  warnAtFraction?: number;
};

export type BudgetResult = { ok: true; warning?: string } | { ok: false; reason: Reason };

/** Must never let a call through when the ledger cannot be read (fails closed). */
export type Budget = { check(sessionKey: string): BudgetResult };

type Rule = { id: string; key: string; limit: number; used: (t: ReturnType<UsageLedger["totals"]>) => number; unit: "tokens" | "usd"; label: string; wait: string };

export function createBudget(deps: { ledger: UsageLedger; limits: BudgetLimits }): Budget {
  const { ledger, limits } = deps;
  const warnAt = limits.warnAtFraction ?? 0.8;
  for (const [name, value] of Object.entries(limits)) {
    if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value) || value < 0)) {
      throw new WardenError(ErrorCode.ConfigInvalid, `budget limit \`${name}\` must be a non-negative number (got \`${String(value)}\`)`);
    }
  }
  const rules: Rule[] = [];
  const add = (limit: number | undefined, rule: Omit<Rule, "limit">): void => {
    if (limit !== undefined) rules.push({ ...rule, limit });
  };
  add(limits.tokensPerSession, { id: "limit.tokens.session", key: "limits.tokens.perSession", used: (t) => t.tokens.session ?? 0, unit: "tokens", label: "Session token budget", wait: "start a new session" });
  add(limits.tokensPerDay, { id: "limit.tokens.day", key: "limits.tokens.perDay", used: (t) => t.tokens.today, unit: "tokens", label: "Daily token budget", wait: "wait until 00:00 UTC" });
  add(limits.costUsdPerDay, { id: "limit.cost.day", key: "limits.costUsd.perDay", used: (t) => t.costUsd.today, unit: "usd", label: "Daily cost budget", wait: "wait until 00:00 UTC" });
  add(limits.costUsdPerMonth, { id: "limit.cost.month", key: "limits.costUsd.perMonth", used: (t) => t.costUsd.month, unit: "usd", label: "Monthly cost budget", wait: "wait until the 1st of next month, 00:00 UTC" });

  function check(sessionKey: string): BudgetResult {
    if (rules.length === 0) return { ok: true };
    let totals: ReturnType<UsageLedger["totals"]>;
    try {
      totals = ledger.totals(sessionKey);
    } catch (error) {
      return { ok: false, reason: { id: "limit.error", message: `Usage could not be read, so no model call was made (${describeError(error)}). Check the state database.` } };
    }
    const warnings: string[] = [];
    for (const rule of rules) {
      const used = rule.used(totals);
      // INVARIANT: a limit of N stops calls once N is reached; the call that crosses N is the last one.
      if (used >= rule.limit) {
        return {
          ok: false,
          reason: {
            id: rule.id,
            message: `${rule.label} of ${format(rule.limit, rule.unit)} reached (${format(used, rule.unit)} used). Raise ${rule.key} or ${rule.wait}.`,
          },
        };
      }
      if (used >= rule.limit * warnAt) {
        warnings.push(`${rule.label}: ${format(used, rule.unit)} of ${format(rule.limit, rule.unit)} used.`);
      }
    }
    if (totals.unpricedCallsToday > 0 && (limits.costUsdPerDay !== undefined || limits.costUsdPerMonth !== undefined)) {
      warnings.push(`${totals.unpricedCallsToday} call(s) today used a model with no price; cost budgets do not count them. Add its price to the config.`);
    }
    return warnings.length > 0 ? { ok: true, warning: warnings.join(" ") } : { ok: true };
  }

  return { check };
}

function format(value: number, unit: "tokens" | "usd"): string {
  if (unit === "tokens") return Math.round(value).toLocaleString("en-US");
  return `$${value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: value < 1 ? 4 : 2 })}`;
}
