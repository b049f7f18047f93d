import { test } from "node:test";
import assert from "node:assert/strict";
import { createLoginActivity } from "./login-activity.ts";
import type { ActivityInput } from "./activity-log.ts";

function setup(windowMs = 60_000, maxSources?: number) {
  const written: ActivityInput[] = [];
  let mono = 0;
  let failing = false;
  const logins = createLoginActivity({
    append: (input) => {
      if (failing) throw new Error("database or disk is full");
      written.push(input);
    },
    monotonic: () => mono,
    windowMs,
    ...(maxSources === undefined ? {} : { maxSources }),
  });
  return { logins, written, advance: (ms: number) => { mono += ms; }, fail: (on: boolean) => { failing = on; } };
}

const bad = (remote: string, lockedOut = false) => ({ ok: false, remote, via: "websocket" as const, lockedOut });

test("3,000 failed logins from one source in a window are two entries: the first, then one with the count", () => {
  const t = setup();
  for (let i = 0; i < 3_000; i += 1) t.logins.record(bad("127.0.0.1", i >= 2_990));
  assert.equal(t.written.length, 1);
  t.advance(60_000);
  t.logins.sweep();
  assert.equal(t.written.length, 2);
  const summary = t.written[1];
  assert.match(summary?.summary ?? "", /^2989 more failed login\(s\), 10 refused while locked out from 127\.0\.0\.1 within 60 s/);
  assert.deepEqual((summary?.data as { failures: number }).failures, 2989);
});

test("successful logins are never aggregated; a new window starts with an immediate entry", () => {
  const t = setup();
  t.logins.record(bad("a"));
  t.logins.record({ ok: true, remote: "a", via: "http", lockedOut: false });
  t.logins.record({ ok: true, remote: "a", via: "http", lockedOut: false });
  assert.deepEqual(t.written.map((w) => w.summary), [
    "websocket failed login; further failures from a in the next 60 s are counted in one entry",
    "http login",
    "http login",
  ]);
  t.advance(61_000);
  t.logins.record(bad("a"));
  // The old window had no further failures: nothing to summarize; the new one opens with its own entry.
  assert.equal(t.written.length, 4);
});

test("sources are bounded: the oldest window is summarized early, never dropped", () => {
  const t = setup(60_000, 2);
  for (const remote of ["a", "a", "b", "c"]) t.logins.record(bad(remote));
  assert.deepEqual(t.written.map((w) => w.actor), ["a", "b", "a", "c"]);
  assert.match(t.written[2]?.summary ?? "", /^1 more failed login\(s\) from a/);
});

test("entries that cannot be written are counted, never thrown", () => {
  const t = setup();
  t.fail(true);
  t.logins.record({ ok: true, remote: "a", via: "http", lockedOut: false });
  t.logins.record(bad("b"));
  assert.equal(t.logins.takeLost(), 2);
  assert.equal(t.logins.takeLost(), 0);
});

test("a credential store that cannot be read is an alert, not a failed login", () => {
  const t = setup();
  t.logins.record({ ok: false, remote: "a", via: "websocket", lockedOut: false, unavailable: "the key is missing" });
  assert.equal(t.written[0]?.kind, "alert");
  t.logins.record(bad("a"));
  assert.equal(t.written[1]?.kind, "login");
});
