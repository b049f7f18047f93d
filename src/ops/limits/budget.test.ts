import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { makeTempDir } from "../../../test/support/temp-dir.ts";
import { openDatabase } from "../../state/database.ts";
import { createBudget } from "./budget.ts";
import { createLoopBreaker } from "./loop-breaker.ts";
import { DEFAULT_PRICES, findPrice, mergePrices } from "./prices.ts";
import { createUsageLedger, usageMigrations } from "./usage-ledger.ts";
import { buildUsageReport, formatUsageReport } from "./usage-report.ts";

await test("usage and budgets", async (t) => {
  const temp = makeTempDir("usage");
  t.after(() => temp.cleanup());
  let n = 0;
  const setup = (start = Date.UTC(2026, 10, 25, 12)) => {
    n += 1;
    const db = openDatabase(join(temp.dir, `u${n}.db`), usageMigrations);
    const clock = { now: start };
    const ledger = createUsageLedger({ db, clock: () => clock.now, prices: mergePrices({ "local/llama": { inputPerMTok: 0, outputPerMTok: 0 } }) });
    return { db, clock, ledger };
  };

  await t.test("computes cost from the price table, dated variants included, overrides win", () => {
    const { ledger } = setup();
    assert.deepEqual(ledger.record({ sessionKey: "s", provider: "openai", model: "gpt-4o-mini-2024-07-18", inputTokens: 1_000_000, outputTokens: 1_000_000 }), { costUsd: 0.75, priced: true });
    assert.deepEqual(ledger.record({ sessionKey: "s", provider: "mystery", model: "m", inputTokens: 10, outputTokens: 10 }), { costUsd: 0, priced: false });
    assert.equal(findPrice(mergePrices({ "openai/gpt-4o": { inputPerMTok: 1, outputPerMTok: 1 } }), "openai", "gpt-4o")?.inputPerMTok, 1);
    assert.equal(findPrice(DEFAULT_PRICES, "openai", "gpt-4o-mini")?.inputPerMTok, 0.15, "longest prefix, not gpt-4o");
    assert.equal(ledger.totals().unpricedCallsToday, 1);
    assert.throws(() => ledger.record({ sessionKey: "s", provider: "openai", model: "gpt-4o", inputTokens: -1, outputTokens: 0 }), /non-negative integer/);
  });

  await t.test("totals per session, UTC day and month", () => {
    const { db, clock, ledger } = setup(Date.UTC(2026, 10, 30, 23, 59));
    ledger.record({ sessionKey: "a", provider: "local", model: "llama", inputTokens: 100, outputTokens: 50 });
    clock.now = Date.UTC(2026, 11, 1, 0, 1); // next day, next month
    ledger.record({ sessionKey: "b", provider: "local", model: "llama", inputTokens: 10, outputTokens: 5 });
    assert.deepEqual(ledger.totals("a").tokens, { today: 15, month: 15, session: 150 });
    // The rollup the budget reads agrees with the raw events.
    const raw = db.prepare("SELECT sum(input_tokens + output_tokens) AS t FROM usage_events WHERE month = '2026-12'").get() as { t: number };
    assert.equal(raw.t, ledger.totals().tokens.month);
  });

  await t.test("a budget of N tokens stops model calls after N with a clear message", () => {
    const { ledger } = setup();
    const budget = createBudget({ ledger, limits: { tokensPerDay: 1_000 } });
    let calls = 0;
    for (let i = 0; i < 100; i += 1) {
      const verdict = budget.check("s");
      if (!verdict.ok) {
        assert.equal(verdict.reason.id, "limit.tokens.day");
        assert.equal(verdict.reason.message, "Daily token budget of 1,000 reached (1,034 used). Raise limits.tokens.perDay or wait until 00:00 UTC.");
        break;
      }
      calls += 1; // the provider is called only after an ok check
      ledger.record({ sessionKey: "s", provider: "local", model: "llama", inputTokens: 40, outputTokens: 7 });
    }
    assert.equal(calls, 22, "22 × 47 = 1,034 ≥ 1,000: no call after the budget was reached");
  });

  await t.test("warns near a limit; session, cost and month limits", () => {
    const { ledger } = setup();
    ledger.record({ sessionKey: "s", provider: "anthropic", model: "claude-sonnet-4-5", inputTokens: 100_000, outputTokens: 10_000 }); // $0.45
    const near = createBudget({ ledger, limits: { costUsdPerDay: 0.5 } }).check("s");
    assert.ok(near.ok && near.warning?.includes("Daily cost budget: $0.45 of $0.50 used."));
    assert.deepEqual(createBudget({ ledger, limits: { tokensPerSession: 100_000 } }).check("s"), {
      ok: false,
      reason: { id: "limit.tokens.session", message: "Session token budget of 100,000 reached (110,000 used). Raise limits.tokens.perSession or start a new session." },
    });
    assert.equal(createBudget({ ledger, limits: { tokensPerSession: 100_000 } }).check("other").ok, true);
    const month = createBudget({ ledger, limits: { costUsdPerMonth: 0.4 } }).check("s");
    assert.ok(!month.ok && month.reason.id === "limit.cost.month");
    assert.throws(() => createBudget({ ledger, limits: { tokensPerDay: -1 } }), /non-negative number/);
  });

  await t.test("fails closed when usage cannot be read", () => {
    const { db, ledger } = setup();
    const budget = createBudget({ ledger, limits: { tokensPerDay: 10 } });
    db.close();
    const verdict = budget.check("s");
    assert.ok(!verdict.ok && verdict.reason.id === "limit.error");
  });

  await t.test("usage report has the contract shape", () => {
    const { ledger } = setup();
    ledger.record({ sessionKey: "s", provider: "openai", model: "gpt-5-mini", inputTokens: 1000, outputTokens: 500 });
    const report = buildUsageReport(ledger, { tokens: { perDay: 5000 }, messages: { perSenderPerMinute: 20 } });
    assert.deepEqual(report, {
      tokens: { today: 1500, month: 1500 },
      costUsd: { today: 0.00125, month: 0.00125 },
      limits: { tokens: { perDay: 5000, perSession: null }, costUsd: { perDay: null, perMonth: null }, messages: { perSenderPerMinute: 20 } },
      unpricedCallsToday: 0,
    });
    assert.match(formatUsageReport(report), /Tokens today: 1,500 \(limit 5,000\)/);
  });
});

await test("loop breaker", () => {
  const breaker = createLoopBreaker({ maxToolCallsPerTurn: 10, maxIdenticalCalls: 3 });
  assert.equal(breaker.observe("exec", '{"command":"ls","cwd":"."}').ok, true);
  assert.equal(breaker.observe("exec", '{ "cwd": ".", "command": "ls" }').ok, true);
  assert.equal(breaker.observe("exec", '{"command":"ls","cwd":"."}').ok, true);
  const fourth = breaker.observe("exec", '{"cwd":".","command":"ls"}');
  assert.ok(!fourth.ok && fourth.reason.id === "limit.loop.identical", "key order does not dodge the count");
  assert.equal(breaker.observe("read", '{"path":"a"}').ok, false, "stays tripped for the turn");
  breaker.reset();
  for (let i = 0; i < 10; i += 1) assert.equal(breaker.observe("read", JSON.stringify({ path: `f${i}` })).ok, true);
  const eleventh = breaker.observe("read", '{"path":"z"}');
  assert.ok(!eleventh.ok && eleventh.reason.id === "limit.loop.calls");
});
