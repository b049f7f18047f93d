import assert from "node:assert/strict";
import { test } from "node:test";
import { createAuthThrottle } from "./auth-throttle.ts";

await test("auth throttle", async (t) => {
  await t.test("throttles an address after N failures within the window, and lets it retry after", () => {
    let now = 0;
    const throttle = createAuthThrottle({ clock: () => now, maxFailures: 3, windowMs: 60_000 });
    for (let i = 0; i < 2; i += 1) assert.equal(throttle.recordFailure("10.0.0.9").ok, true);
    const third = throttle.recordFailure("10.0.0.9");
    assert.ok(!third.ok && third.reason.id === "auth.locked_out");
    const blocked = throttle.mayAttempt("10.0.0.9");
    assert.ok(!blocked.ok && blocked.retryAfterMs === 60_000);
    assert.equal(throttle.mayAttempt("10.0.0.10").ok, true, "other addresses are unaffected");
    now = 60_001;
    assert.equal(throttle.mayAttempt("10.0.0.9").ok, true);
  });

  await t.test("successful attempts are never counted", () => {
    const throttle = createAuthThrottle({ clock: () => 0, maxFailures: 2 });
    for (let i = 0; i < 100; i += 1) assert.equal(throttle.mayAttempt("127.0.0.1").ok, true);
  });

  await t.test("memory stays bounded under failures from 100,000 addresses", () => {
    const throttle = createAuthThrottle({ clock: () => 0, maxFailures: 5, maxKeys: 1_000 });
    for (let i = 0; i < 100_000; i += 1) throttle.recordFailure(`a${i}`);
    assert.equal(throttle.size(), 1_000);
  });
});
