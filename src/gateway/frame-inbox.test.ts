import { test } from "node:test";
import assert from "node:assert/strict";
import { createFrameInbox } from "./frame-inbox.ts";

/** An inbox whose iterations run when the test says, on a clock that moves only by the frames' simulated work. */
function inbox(maxWaiting = 4) {
  let now = 0;
  const iterations: (() => void)[] = [];
  const errors: unknown[] = [];
  const box = createFrameInbox({ clock: () => now, budgetMs: 2, maxWaiting, defer: (run) => iterations.push(run), onError: (e) => errors.push(e) });
  const ran: string[] = [];
  const socket = (name: string, log: string[]) => ({ pause: () => log.push(`${name} paused`), resume: () => log.push(`${name} resumed`) });
  /** A frame of `name` that takes `ms` of the thread. */
  const frame = (name: string, ms = 1) => () => {
    ran.push(name);
    now += ms;
  };
  /** One event-loop iteration: every callback deferred before it (as `setImmediate` runs them). */
  const iterate = () => {
    assert.ok(iterations.length > 0, "an iteration was scheduled");
    for (const run of iterations.splice(0)) run();
  };
  /** Runs iterations until none is scheduled (bounded). */
  const settle = () => {
    for (let i = 0; i < 1000 && iterations.length > 0; i++) iterate();
    assert.equal(iterations.length, 0);
  };
  return { box, ran, socket, frame, iterate, settle, errors, iterations };
}

test("a frame runs at once when nothing waits; a client's second frame in the same iteration waits for a round", () => {
  const { box, ran, socket, frame, settle } = inbox();
  const a = box.open(socket("a", []));
  a.push(frame("a1"));
  assert.deepEqual(ran, ["a1"]);
  a.push(frame("a2"));
  assert.deepEqual(ran, ["a1"]);
  settle();
  assert.deepEqual(ran, ["a1", "a2"]);
});

test("connections take turns: a frame sent after another connection's flood runs in the next round, not after the flood", () => {
  const { box, ran, socket, frame, iterate, settle } = inbox(100);
  const flood = box.open(socket("flood", []));
  const good = box.open(socket("good", []));
  for (let i = 0; i < 20; i++) flood.push(frame(`f${i}`, 0.5));
  good.push(frame("g"));
  assert.deepEqual(ran, ["f0"]);
  iterate();
  assert.deepEqual(ran.slice(0, 3), ["f0", "f1", "g"], "one frame per connection per round");
  assert.ok(ran.length < 20, "the iteration ended at its budget");
  settle();
  assert.deepEqual(ran.filter((r) => r.startsWith("f")), Array.from({ length: 20 }, (_, i) => `f${i}`), "a connection's frames in the order sent");
});

test("a connection with maxWaiting frames waiting is no longer read until it is down to half", () => {
  const log: string[] = [];
  const { box, socket, frame, iterate, settle } = inbox(4);
  const c = box.open(socket("c", log));
  for (let i = 0; i < 5; i++) c.push(frame(`c${i}`, 0.6));
  assert.deepEqual(log, ["c paused"], "one at once, four waiting");
  iterate();
  assert.deepEqual(log, ["c paused", "c resumed"]);
  settle();
  assert.equal(box.waiting(), 0);
});

test("a closed connection's waiting frames are dropped and it is not resumed; others go on", () => {
  const log: string[] = [];
  const { box, ran, socket, frame, settle } = inbox(2);
  const c = box.open(socket("c", log));
  const d = box.open(socket("d", []));
  for (let i = 0; i < 4; i++) c.push(frame(`c${i}`));
  d.push(frame("d0"));
  c.close();
  c.push(frame("late"));
  settle();
  assert.deepEqual(ran, ["c0", "d0"]);
  assert.deepEqual(log, ["c paused"]);
  assert.equal(box.waiting(), 0);
});

test("a frame that throws is reported and the next one still runs", () => {
  const { box, ran, socket, frame, settle, errors } = inbox();
  const c = box.open(socket("c", []));
  c.push(frame("c0"));
  c.push(() => {
    throw new Error("bug");
  });
  c.push(frame("c2"));
  settle();
  assert.deepEqual(ran, ["c0", "c2"]);
  assert.equal(errors.length, 1);
});
