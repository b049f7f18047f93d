import assert from "node:assert/strict";
import { test } from "node:test";
import { createRateLimiter } from "./rate-limiter.ts";

await test("rate limiter", async (t) => {
  await t.test("allows a burst, refuses after it, refills with time", () => {
    let now = 0;
    const limiter = createRateLimiter({ clock: () => now, capacity: 3, refillPerSecond: 1, maxKeys: 10 });
    for (let i = 0; i < 3; i += 1) assert.deepEqual(limiter.take("a"), { ok: true });
    assert.deepEqual(limiter.take("a"), { ok: false, retryAfterMs: 1000, notify: true });
    now = 1000;
    assert.deepEqual(limiter.take("a"), { ok: true });
  });

  await t.test("notifies once per burst of refusals, again after the sender was let through", () => {
    let now = 0;
    const limiter = createRateLimiter({ clock: () => now, capacity: 1, refillPerSecond: 1, maxKeys: 10 });
    limiter.take("a");
    const notices = Array.from({ length: 50 }, () => limiter.take("a")).filter((r) => !r.ok && r.notify);
    assert.equal(notices.length, 1);
    now = 5000;
    assert.equal(limiter.take("a").ok, true);
    limiter.take("a");
    const again = limiter.take("a");
    assert.equal(!again.ok && again.notify, false, "second refusal of the new burst is silent");
  });

  await t.test("bounds its key map and evicts the least recently seen key", () => {
    const limiter = createRateLimiter({ clock: () => 0, capacity: 1, refillPerSecond: 1, maxKeys: 100 });
    for (let i = 0; i < 10_000; i += 1) limiter.take(`k${i}`);
    assert.equal(limiter.size(), 100);
  });

  await t.test("a flooding key cannot evict itself to get a fresh bucket", () => {
    const limiter = createRateLimiter({ clock: () => 0, capacity: 1, refillPerSecond: 0.001, maxKeys: 2 });
    limiter.take("flood");
    for (let i = 0; i < 10; i += 1) {
      limiter.take(`other${i}`);
      assert.equal(limiter.take("flood").ok, false);
    }
  });

  await t.test("rejects nonsense options", () => {
    assert.throws(() => createRateLimiter({ clock: () => 0, capacity: 0, refillPerSecond: 1, maxKeys: 1 }), /capacity ≥ 1/);
    assert.throws(() => createRateLimiter({ clock: () => 0, capacity: 1, refillPerSecond: 0, maxKeys: 1 }), /refillPerSecond > 0/);
  });
});
