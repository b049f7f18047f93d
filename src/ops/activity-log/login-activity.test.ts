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

test("repeated successful logins from one source are counted; the first of a window, and one after failures, are written at once", () => {
  const t = setup();
  const good = (remote: string, via: "http" | "websocket" = "http") => ({ ok: true, remote, via, lockedOut: false });
  for (let i = 0; i < 150; i += 1) t.logins.record(good("a", i % 2 === 0 ? "http" : "websocket"));
  t.logins.record(good("b"));
  assert.deepEqual(t.written.map((w) => w.summary), ["http login", "http login"]);
  // A failure from a source still opens its own window at once; a success while failures are counted is news.
  t.logins.record(bad("a"));
  t.logins.record(good("a"));
  assert.deepEqual(t.written.slice(2).map((w) => w.summary), ["websocket failed login; further failures from a in the next 60 s are counted in one entry", "http login"]);
  t.advance(60_000);
  t.logins.sweep();
  const summaries = t.written.slice(4);
  assert.equal(summaries.length, 1, "b's window had no repeats; a's failure window had no further failures");
  assert.equal(summaries[0]?.summary, "149 more login(s) from a within 60 s (http, websocket)");
  assert.deepEqual(summaries[0]?.data, { ok: true, aggregated: true, logins: 149, windowSeconds: 60, via: ["http", "websocket"] });
  t.logins.record(good("a"));
  assert.equal(t.written.at(-1)?.summary, "http login", "a new window starts with an immediate entry");
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
