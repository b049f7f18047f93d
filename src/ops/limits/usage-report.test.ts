import { test } from "node:test";
import assert from "node:assert/strict";
import { formatUsageReport, type UsageReport } from "./usage-report.ts";

const report = (unpricedCallsToday: number): UsageReport => ({
  tokens: { today: 300, month: 300 }, costUsd: { today: 0, month: 0 },
  limits: { tokens: { perDay: null, perSession: null }, costUsd: { perDay: null, perMonth: null }, messages: { perSenderPerMinute: null } },
  unpricedCallsToday,
});

test("unpriced calls say what it means and the command that prices the model", () => {
  assert.match(formatUsageReport(report(20)), /Unpriced calls today: 20 \(their model has no price, so cost limits do not count them; .*warden config set limits\.prices '\{"PROVIDER\/MODEL": \{"input": 0, "output": 0\}\}'/);
  assert.doesNotMatch(formatUsageReport(report(0)), /Unpriced/);
});
