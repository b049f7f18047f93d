import { test } from "node:test";
import assert from "node:assert/strict";
import { createChannelHealthBoard, faultOf, retryDelayMs, surelyNotDelivered } from "./channel-health.ts";
import type { ChannelHealth } from "./channel-health.ts";

const policy = { baseMs: 1_000, maxMs: 60_000, slowMs: 30_000 };

void test("retry delays: exponential with jitter for transient faults, capped; slow for credential and conflict; retry_after honoured", () => {
  const transient = { kind: "transient" as const, reason: "502" };
  assert.equal(retryDelayMs(transient, 1, policy, () => 1), 1_000);
  assert.equal(retryDelayMs(transient, 1, policy, () => 0), 500);
  assert.equal(retryDelayMs(transient, 4, policy, () => 1), 8_000);
  assert.equal(retryDelayMs(transient, 500, policy, () => 1), 60_000);
  assert.equal(retryDelayMs({ kind: "credential", reason: "401" }, 1, policy, () => 1), 30_000);
  assert.equal(retryDelayMs({ kind: "conflict", reason: "409" }, 99, policy, () => 0), 15_000);
  assert.equal(retryDelayMs({ ...transient, retryAfterMs: 20_000 }, 1, policy, () => 0), 20_000);
  assert.equal(retryDelayMs({ ...transient, retryAfterMs: 10_000_000 }, 1, policy, () => 0), 60_000);
});

void test("health board: one notification per change of state or reason, counts repeats, survives a throwing listener", () => {
  let now = 1;
  const board = createChannelHealthBoard(() => now);
  const seen: [string, string | undefined][] = [];
  board.subscribe(() => { throw new Error("broken listener"); });
  board.subscribe((h: ChannelHealth, before) => seen.push([h.state, before?.state]));
  board.report("telegram", "starting");
  board.report("telegram", "degraded", { kind: "transient", reason: "502" });
  now = 2;
  board.report("telegram", "degraded", { kind: "transient", reason: "502" });
  board.report("telegram", "running");
  assert.deepEqual(seen, [["starting", undefined], ["degraded", "starting"], ["running", "degraded"]]);
  assert.equal(board.get("telegram")?.failures, 0);
  board.report("telegram", "failed", { kind: "credential", reason: "401", fix: "new token" });
  board.report("telegram", "failed", { kind: "credential", reason: "401", fix: "new token" });
  assert.deepEqual(board.list().map((h) => [h.state, h.fault, h.fix, h.failures]), [["failed", "credential", "new token", 2]]);
});

void test("faults: an adapter's classified cause is kept; anything else is transient; only pre-response network errors are resendable", () => {
  const credential = { kind: "credential", reason: "revoked" };
  assert.deepEqual(faultOf(new Error("x", { cause: credential })), credential);
  assert.deepEqual(faultOf(new Error("boom")), { kind: "transient", reason: "boom" });
  assert.equal(surelyNotDelivered({ error: Object.assign(new Error("refused"), { code: "ECONNREFUSED" }) }), true);
  assert.equal(surelyNotDelivered(new Error("fetch failed", { cause: { code: "ECONNRESET" } })), true);
  assert.equal(surelyNotDelivered(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" })), false);
  assert.equal(surelyNotDelivered(new Error("aborted")), false);
});
