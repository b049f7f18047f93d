import { test } from "node:test";
import assert from "node:assert/strict";
import { createDashboardCodes, DASHBOARD_CODE_TTL_MS } from "./dashboard-codes.ts";

test("a dashboard code works once, for two minutes of monotonic time, whatever the wall clock does", () => {
  let wall = 1_000_000;
  let mono = 0;
  const codes = createDashboardCodes({ clock: () => wall, monotonic: () => mono });
  const first = codes.mint();
  assert.match(first.code, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(first.expiresAt, 1_000_000 + DASHBOARD_CODE_TTL_MS);
  assert.equal(codes.redeem(first.code), true);
  assert.equal(codes.redeem(first.code), false, "single use");

  const second = codes.mint();
  wall += 10 * DASHBOARD_CODE_TTL_MS;
  assert.equal(codes.redeem(second.code), true, "a wall-clock step does not expire it");
  const third = codes.mint();
  mono += DASHBOARD_CODE_TTL_MS;
  assert.equal(codes.redeem(third.code), false, "expired after two minutes");
  assert.equal(codes.redeem("not-a-code"), false);
  assert.notEqual(codes.mint().code, codes.mint().code);
});
