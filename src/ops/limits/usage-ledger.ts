/**
 * Token usage and cost per provider call, summed per session, per UTC day and per UTC month.
 */
import type { DatabaseSync } from "node:sqlite";
import { ErrorCode, WardenError } from "../../core/errors.ts";
import type { Migration } from "../../state/database.ts";
import { computeCostUsd, findPrice } from "./prices.ts";
import type { PriceTable } from "./prices.ts";

export const usageMigrations: readonly Migration[] = [
  {
    id: "usage-001",
    sql: `CREATE TABLE usage_events (
            id INTEGER PRIMARY KEY, ts INTEGER NOT NULL, day TEXT NOT NULL, month TEXT NOT NULL,
            session_key TEXT NOT NULL, provider TEXT NOT NULL, model TEXT NOT NULL,
            input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, cost_usd REAL NOT NULL,
            priced INTEGER NOT NULL) STRICT;
          CREATE INDEX usage_by_day ON usage_events(day);
          CREATE INDEX usage_by_month ON usage_events(month);
          CREATE INDEX usage_by_session ON usage_events(session_key);
          CREATE TABLE usage_rollup (
            scope TEXT NOT NULL, period TEXT NOT NULL, tokens INTEGER NOT NULL, cost_usd REAL NOT NULL,
            unpriced INTEGER NOT NULL, PRIMARY KEY (scope, period)) STRICT;`,
  },
];

export type UsageCall = { sessionKey: string; provider: string; model: string; inputTokens: number; outputTokens: number };

export type UsageTotals = {
  tokens: { today: number; month: number; session?: number };
  costUsd: { today: number; month: number; session?: number };
  /** Calls today whose model had no price: their cost counts as 0, so cost budgets under-count them. */
  unpricedCallsToday: number;
};

/** Must never drop a recorded call or accept negative or fractional token counts. */
export type UsageLedger = {
  record(call: UsageCall): { costUsd: number; priced: boolean };
  totals(sessionKey?: string): UsageTotals;
};

export function createUsageLedger(deps: { db: DatabaseSync; clock: () => number; prices: PriceTable }): UsageLedger {
  const { db, clock, prices } = deps;
  const insert = db.prepare(
    `INSERT INTO usage_events (ts, day, month, session_key, provider, model, input_tokens, output_tokens, cost_usd, priced)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // INVARIANT: usage_rollup holds, per scope (`day`, `month`, `session:<key>`) and period, the sums of
  // usage_events; both are written in one transaction. It makes the check before every provider call three
  // point lookups instead of a scan of the day's calls.
  const bump = db.prepare(
    `INSERT INTO usage_rollup (scope, period, tokens, cost_usd, unpriced) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (scope, period) DO UPDATE SET tokens = tokens + excluded.tokens, cost_usd = cost_usd + excluded.cost_usd,
       unpriced = unpriced + excluded.unpriced`,
  );
  const rollup = db.prepare("SELECT tokens, cost_usd AS cost, unpriced FROM usage_rollup WHERE scope = ? AND period = ?");
  const read = (scope: string, period: string): { tokens: number; cost: number; unpriced: number } =>
    (rollup.get(scope, period) as { tokens: number; cost: number; unpriced: number } | undefined) ?? { tokens: 0, cost: 0, unpriced: 0 };

  function record(call: UsageCall): { costUsd: number; priced: boolean } {
    for (const [name, value] of [["inputTokens", call.inputTokens], ["outputTokens", call.outputTokens]] as const) {
      if (!Number.isSafeInteger(value) || value < 0) {
        throw new WardenError(ErrorCode.BadRequest, `usage \`${name}\` must be a non-negative integer (got \`${String(value)}\`)`);
      }
    }
    const price = findPrice(prices, call.provider, call.model);
    const costUsd = price ? computeCostUsd(price, call.inputTokens, call.outputTokens) : 0;
    const ts = clock();
    const { day, month } = utcPeriods(ts);
    const tokens = call.inputTokens + call.outputTokens;
    const unpriced = price ? 0 : 1;
    const nested = db.isTransaction;
    if (!nested) db.exec("BEGIN IMMEDIATE");
    try {
      insert.run(ts, day, month, call.sessionKey, call.provider, call.model, call.inputTokens, call.outputTokens, costUsd, 1 - unpriced);
      bump.run("day", day, tokens, costUsd, unpriced);
      bump.run("month", month, tokens, costUsd, unpriced);
      bump.run(`session:${call.sessionKey}`, "all", tokens, costUsd, unpriced);
      if (!nested) db.exec("COMMIT");
    } catch (error) {
      if (!nested && db.isTransaction) db.exec("ROLLBACK");
      throw error;
    }
    return { costUsd, priced: price !== undefined };
  }

  function totals(sessionKey?: string): UsageTotals {
    const { day, month } = utcPeriods(clock());
    const d = read("day", day);
    const m = read("month", month);
    const result: UsageTotals = {
      tokens: { today: d.tokens, month: m.tokens },
      costUsd: { today: d.cost, month: m.cost },
      unpricedCallsToday: d.unpriced,
    };
    if (sessionKey !== undefined) {
      const s = read(`session:${sessionKey}`, "all");
      result.tokens.session = s.tokens;
      result.costUsd.session = s.cost;
    }
    return result;
  }

  return { record, totals };
}

export function utcPeriods(ts: number): { day: string; month: string } {
  const iso = new Date(ts).toISOString();
  return { day: iso.slice(0, 10), month: iso.slice(0, 7) };
}
