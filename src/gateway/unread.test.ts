import { test } from "node:test";
import assert from "node:assert/strict";
import { createUnreadTracker } from "./unread.ts";

function tracker() {
  let now = 0;
  const t = createUnreadTracker({ pingEveryBytes: 100, maxPendingPings: 2, graceMs: 1000, clock: () => now });
  return { t, advance: (ms: number) => (now += ms) };
}

test("a ping goes out after each pingEveryBytes queued, at most maxPendingPings unanswered", () => {
  const { t } = tracker();
  assert.equal(t.sent(60), undefined);
  const first = t.sent(60);
  assert.ok(first !== undefined && first.length === 8);
  assert.equal(t.sent(50), undefined);
  assert.ok(t.sent(60) !== undefined);
  assert.equal(t.sent(500), undefined, "two pings wait: no third");
});

test("a client that answers its pings is never behind; one that does not is, once the grace has passed", () => {
  const { t, advance } = tracker();
  const ping = t.sent(150) as Buffer;
  advance(999);
  assert.equal(t.behind(), 0, "within the grace");
  t.ponged(Buffer.from(ping));
  advance(5000);
  assert.equal(t.behind(), 0, "everything before the answered ping was read, and no ping waits");
  t.sent(150);
  advance(1000);
  assert.equal(t.behind(), 150, "sent after the answered ping, its own ping unanswered past the grace");
});

test("a pong that does not echo a pending ping's payload proves nothing", () => {
  const { t, advance } = tracker();
  t.sent(150);
  t.ponged(Buffer.from("0000000000000000", "hex"));
  t.ponged(Buffer.alloc(0));
  advance(1000);
  assert.equal(t.behind(), 150);
});

test("answering a later ping answers the earlier ones too", () => {
  const { t, advance } = tracker();
  t.sent(150);
  const second = t.sent(150) as Buffer;
  t.sent(30);
  t.ponged(second);
  advance(10_000);
  assert.equal(t.behind(), 0, "no ping waits");
  const third = t.sent(100);
  assert.ok(third !== undefined);
  advance(1000);
  assert.equal(t.behind(), 130);
});

test("confirm sends a ping only when nothing pending covers what was queued; unconfirmed counts from the last answer", () => {
  const { t } = tracker();
  assert.equal(t.confirm(), undefined, "nothing queued");
  t.sent(40);
  assert.equal(t.unconfirmed(), 40);
  const ping = t.confirm() as Buffer;
  assert.ok(ping !== undefined);
  assert.equal(t.confirm(), undefined, "the pending ping covers all 40 bytes");
  t.sent(10);
  const second = t.confirm() as Buffer;
  assert.ok(second !== undefined, "10 more bytes behind the first ping");
  assert.equal(t.confirm(), undefined, "maxPendingPings (2) wait");
  t.ponged(ping);
  assert.equal(t.unconfirmed(), 10);
  t.ponged(second);
  assert.equal(t.unconfirmed(), 0);
  assert.equal(t.confirm(), undefined, "everything read");
});
