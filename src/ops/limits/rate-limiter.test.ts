import assert from "node:assert/strict";
import { test } from "node:test";
import { createInboundLimiter } from "./inbound-limiter.ts";
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

await test("inbound limiter: a flood of 1,000 messages from one contact", () => {
  let now = 0;
  const limiter = createInboundLimiter({ clock: () => now, perSenderPerMinute: 20, maxKeys: 1_000 });
  const results = [];
  for (let i = 0; i < 1_000; i += 1) {
    now += 1; // the whole flood arrives within one second
    results.push(limiter.check({ channel: "telegram", senderId: "contact-1", principal: "contact" }));
  }
  assert.equal(results.filter((r) => r.ok).length, 20);
  const refused = results.filter((r) => !r.ok);
  assert.equal(refused.length, 980);
  const notices = refused.filter((r) => r.notify);
  assert.equal(notices.length, 1, "the contact gets one polite notice, not 980");
  assert.equal(notices[0]?.reason.id, "limit.rate.sender");
  assert.match(notices[0]?.reason.message ?? "", /faster than 20 per minute/);
  // The owner, on the same channel, in the middle of the flood, is still served.
  for (let i = 0; i < 20; i += 1) assert.deepEqual(limiter.check({ channel: "telegram", senderId: "owner-1", principal: "owner" }), { ok: true });
});

await test("inbound limiter: many distinct strangers exhaust the channel pool but never the owner", () => {
  let now = 0;
  const limiter = createInboundLimiter({ clock: () => now, perSenderPerMinute: 5, perChannelPerMinute: 50, maxKeys: 100 });
  let refusedByPool = 0;
  for (let i = 0; i < 1_000; i += 1) {
    now += 1;
    const r = limiter.check({ channel: "slack", senderId: `s${i}`, principal: "stranger" });
    if (!r.ok && r.reason.id === "limit.rate.channel") refusedByPool += 1;
  }
  assert.equal(refusedByPool, 950);
  assert.equal(limiter.check({ channel: "slack", senderId: "me", principal: "owner" }).ok, true);
});
