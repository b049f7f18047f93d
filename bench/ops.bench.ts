// Ops figures: durable activity-log appends per second, verify time per 100,000 entries, rate-limiter cost
// per message, budget check cost. Bounded; prints one JSON object.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { createActivityLog, activityLogMigrations } from "../src/ops/activity-log/activity-log.ts";
import { createBudget } from "../src/ops/limits/budget.ts";
import { DEFAULT_PRICES } from "../src/ops/limits/prices.ts";
import { createRateLimiter } from "../src/ops/limits/rate-limiter.ts";
import { createUsageLedger, usageMigrations } from "../src/ops/limits/usage-ledger.ts";
import { makeTempDir } from "../test/support/temp-dir.ts";
import { openDatabase } from "../src/state/database.ts";

const temp = makeTempDir("bench");
try {
  const figures: Record<string, number> = {};
  const entry = (i: number) => ({ kind: "gate" as const, actor: "owner", summary: `exec decision ${i}`, data: { tool: "exec", args: { command: `ls -la /tmp/${i}` }, decision: "allow" } });

  // Durable appends: each append is its own transaction with synchronous=FULL (fsync per commit).
  {
    const db = openDatabase(join(temp.dir, "durable.db"), activityLogMigrations);
    const log = createActivityLog({ db, clock: Date.now, redact: (s) => s, anchorKey: randomBytes(32) });
    const n = 2_000;
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i += 1) log.append(entry(i));
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    figures.activityLogAppendsPerSecondDurable = Math.round(n / seconds);
    db.close();
  }

  // Verify speed: 100,000 entries (built without fsync, which does not change what verify reads).
  {
    const db = openDatabase(join(temp.dir, "verify.db"), activityLogMigrations);
    const log = createActivityLog({ db, clock: Date.now, redact: (s) => s, anchorKey: randomBytes(32) });
    db.exec("PRAGMA synchronous = OFF");
    const n = 100_000;
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i += 1) log.append(entry(i));
    figures.activityLogAppendsPerSecondNoFsync = Math.round(n / (Number(process.hrtime.bigint() - start) / 1e9));
    const vStart = process.hrtime.bigint();
    const result = log.verify();
    figures.verifyMsPer100kEntries = Math.round(Number(process.hrtime.bigint() - vStart) / 1e6);
    if (!result.ok || result.count !== n) throw new Error(`verify failed in the benchmark: ${JSON.stringify(result)}`);
    db.close();
  }

  // Rate limiter: one take per inbound message, 1,000 distinct senders.
  {
    let now = 0;
    const limiter = createRateLimiter({ clock: () => now, capacity: 20, refillPerSecond: 20 / 60, maxKeys: 10_000 });
    const keys = Array.from({ length: 1_000 }, (_, i) => `telegram:${i}`);
    const n = 1_000_000;
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i += 1) {
      now += 1;
      limiter.take(keys[i % 1_000] ?? "");
    }
    figures.rateLimiterNsPerTake = Math.round(Number(process.hrtime.bigint() - start) / n);
    // Memory bound under a flood from 1,000,000 distinct senders.
    const flood = createRateLimiter({ clock: () => now, capacity: 20, refillPerSecond: 1, maxKeys: 10_000 });
    for (let i = 0; i < 1_000_000; i += 1) flood.take(`stranger:${i}`);
    figures.limiterKeysAfterMillionSenders = flood.size();
  }

  // Budget check before each provider call, with 10,000 recorded calls today.
  {
    const db = openDatabase(join(temp.dir, "usage.db"), usageMigrations);
    const ledger = createUsageLedger({ db, clock: Date.now, prices: DEFAULT_PRICES });
    db.exec("BEGIN");
    for (let i = 0; i < 10_000; i += 1) ledger.record({ sessionKey: `s${i % 50}`, provider: "openai", model: "gpt-5-mini", inputTokens: 1000, outputTokens: 200 });
    db.exec("COMMIT");
    const budget = createBudget({ ledger, limits: { tokensPerDay: 1e12, tokensPerSession: 1e12, costUsdPerDay: 1e6, costUsdPerMonth: 1e6 } });
    const n = 500;
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i += 1) budget.check(`s${i % 50}`);
    figures.budgetCheckUsWith10kCalls = Math.round(Number(process.hrtime.bigint() - start) / n / 1000);
    db.close();
  }

  process.stdout.write(`${JSON.stringify({ area: "ops", figures })}\n`);
} finally {
  temp.cleanup();
}
