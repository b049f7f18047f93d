// The SLA clocks by the program's table: acknowledgment in 48 h for every severity, first response / triage / fix by
// severity (low's fix is best effort), and a status update every 14 days from the acknowledgment until closed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { clocksOf, SlaTable } from "./sla.ts";

const H = 3_600_000;
const D = 24 * H;
const state = (clocks: ReturnType<typeof clocksOf>) => Object.fromEntries(clocks.map((c) => [c.name, c.state]));

test("the table is the program's", () => {
  assert.deepEqual(SlaTable.critical, { firstResponseMs: 24 * H, triageMs: 48 * H, fixMs: 7 * D });
  assert.deepEqual(SlaTable.high, { firstResponseMs: 48 * H, triageMs: 5 * D, fixMs: 30 * D });
  assert.deepEqual(SlaTable.medium, { firstResponseMs: 5 * D, triageMs: 14 * D, fixMs: 90 * D });
  assert.deepEqual(SlaTable.low, { firstResponseMs: 14 * D, triageMs: 30 * D, fixMs: null });
});

test("a critical report unanswered for 30 hours: acknowledgment pending, first response overdue", () => {
  assert.deepEqual(state(clocksOf({ receivedAt: 0, severity: "critical" }, 30 * H)), { acknowledge: "pending", first_response: "overdue", triage: "pending", fix: "pending", status_update: "not_applicable" });
});

test("the 14-day update rule runs from the last message while open, and stops at closing", () => {
  const open = { receivedAt: 0, severity: "medium" as const, acknowledgedAt: 1 * D, firstResponseAt: 2 * D, triagedAt: 3 * D, lastUpdateAt: 10 * D };
  assert.equal(state(clocksOf(open, 23 * D)).status_update, "pending");
  assert.equal(state(clocksOf(open, 25 * D)).status_update, "overdue");
  assert.equal(state(clocksOf({ ...open, closedAt: 24 * D }, 40 * D)).status_update, "not_applicable");
});

test("a low report's fix is best effort; a rejected one owes none; a late answer is met late", () => {
  assert.equal(state(clocksOf({ receivedAt: 0, severity: "low" }, 400 * D)).fix, "best_effort");
  assert.equal(state(clocksOf({ receivedAt: 0, severity: "high", noFixOwed: true }, 400 * D)).fix, "not_applicable");
  assert.equal(state(clocksOf({ receivedAt: 0, severity: "high", acknowledgedAt: 60 * H }, 70 * H)).acknowledge, "met_late");
});
