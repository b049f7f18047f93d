import { test } from "node:test";
import assert from "node:assert/strict";
import { createTurnPacer } from "./turn-pacer.ts";

/** A pacer whose iterations run when the test says, on a clock that moves only by the stages' simulated work. */
function pacer() {
  let now = 0;
  const iterations: (() => void)[] = [];
  // Every stage is paced here (smallSize 0); the last test is about small ones.
  const p = createTurnPacer({ clock: () => now, budgetMs: 2, defer: (run) => iterations.push(run), smallSize: 0 });
  const granted: string[] = [];
  /** A stage of `client` that handles `ms` thousand characters and takes `ms` of the thread once granted. */
  const ask = (client: string, ms: number, signal?: AbortSignal, size = ms * 1000) =>
    void p.pace(client, signal, size).then(() => {
      granted.push(client);
      now += ms;
    });
  /** Runs one iteration: its grants, their promise jobs, and the measuring after them. */
  const iterate = async () => {
    const run = iterations.shift();
    assert.ok(run !== undefined, "an iteration was scheduled");
    run();
    await new Promise((r) => setImmediate(r));
  };
  return { p, iterations, granted, iterate, ask, advance: (ms: number) => (now += ms) };
}

test("a costly stage ends the iteration; the smallest stage goes first", async () => {
  const { granted, iterate, ask, iterations } = pacer();
  ask("big", 50);
  await iterate();
  assert.deepEqual(granted, ["big"]);
  ask("big", 50);
  ask("big", 50);
  ask("small", 0);
  ask("small", 0);
  await iterate();
  assert.deepEqual(granted, ["big", "small", "small", "big"], "the cheap stages go within the budget, then one costly one ends the iteration");
  await iterate();
  assert.deepEqual(granted, ["big", "small", "small", "big", "big"]);
  await iterate();
  assert.equal(iterations.length, 0, "nothing waits: no more iterations");
});

test("a client's own stages go in the order asked", async () => {
  const { p, iterate } = pacer();
  const order: number[] = [];
  for (const n of [1, 2, 3]) void p.pace("a", undefined, 4 - n).then(() => order.push(n));
  await iterate();
  assert.deepEqual(order, [1, 2, 3]);
});

test("a big stage is delayed by small ones, never starved: every eighth grant goes to the stage that waited longest", async () => {
  const { p, granted, iterate, ask } = pacer();
  ask("a", 40);
  await iterate();
  ask("b", 0);
  await iterate();
  assert.deepEqual(granted, ["a", "b"], "two grants: a's stages cost 40 ms, b's nothing");
  ask("a", 40);
  for (let i = 0; i < 10; i++) ask("b", 0);
  await iterate();
  assert.deepEqual(granted, ["a", "b", "b", "b", "b", "b", "b", "a"], "b five times, then the eighth grant to a, which ends the iteration");
  await iterate();
  assert.equal(granted.filter((c) => c === "b").length, 11);
  assert.equal(p.waiting(), 0);
});

test("the order follows what each stage handles, not who asks: a new connection's big stage waits behind a known client's small one", async () => {
  const { granted, iterate, ask } = pacer();
  ask("owner", 1);
  await iterate();
  granted.length = 0;
  for (let i = 0; i < 5; i++) ask(`new${i}`, 10);
  ask("owner", 0, undefined, 2);
  ask("new5", 0, undefined, 1);
  await iterate();
  assert.deepEqual(granted, ["new5", "owner", "new0"], "the two small stages first, then one big one ends the iteration");
});

test("a waiting stage whose signal aborts is released at once and leaves the queue", async () => {
  const { p, granted, ask, iterate } = pacer();
  const gone = new AbortController();
  ask("x", 0, gone.signal);
  ask("y", 0);
  assert.equal(p.waiting(), 2);
  gone.abort();
  await Promise.resolve();
  assert.deepEqual(granted, ["x"]);
  assert.equal(p.waiting(), 1);
  await iterate();
  assert.deepEqual(granted, ["x", "y"]);
  await p.pace("z", AbortSignal.abort(), 0);
  assert.equal(p.waiting(), 0);
});

test("a small stage runs at once, unpaced, however many big ones wait", async () => {
  const iterations: (() => void)[] = [];
  const p = createTurnPacer({ clock: () => 0, defer: (run) => iterations.push(run), smallSize: 1000 });
  for (let i = 0; i < 5; i++) void p.pace(`big${i}`, undefined, 100_000);
  let ran = false;
  await p.pace("owner", undefined, 999).then(() => (ran = true));
  assert.ok(ran, "granted without an iteration");
  assert.equal(p.waiting(), 5, "the big ones still wait for theirs");
  assert.equal(iterations.length, 1);
});
