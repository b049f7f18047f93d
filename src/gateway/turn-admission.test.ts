import { test } from "node:test";
import assert from "node:assert/strict";
import { createTurnAdmission, type Admission } from "./turn-admission.ts";

const never = new AbortController().signal;
const released = (a: Admission): () => void => {
  assert.ok(a.ok, "expected a slot");
  return a.release;
};

await test("turn admission", async (t) => {
  await t.test("runs up to maxRunning, queues up to maxQueued, refuses the rest at once", async () => {
    const gate = createTurnAdmission({ maxRunning: 2, maxQueued: 1 });
    const first = released(await gate.admit("a", never));
    released(await gate.admit("a", never));
    const waiting = gate.admit("b", never);
    assert.deepEqual(await gate.admit("c", never), { ok: false, why: "busy" });
    assert.deepEqual(gate.load(), { running: 2, queued: 1 });
    first();
    released(await waiting);
    assert.deepEqual(gate.load(), { running: 2, queued: 0 });
  });

  await t.test("a freed slot goes to the waiting client with the fewest turns running, then the longest waiting", async () => {
    const gate = createTurnAdmission({ maxRunning: 3, maxQueued: 10 });
    const burst = [released(await gate.admit("burst", never)), released(await gate.admit("burst", never))];
    released(await gate.admit("other", never));
    const order: string[] = [];
    const queued = [
      gate.admit("burst", never).then((a) => (order.push("burst-3"), a)),
      gate.admit("burst", never).then((a) => (order.push("burst-4"), a)),
      gate.admit("good", never).then((a) => (order.push("good"), a)),
    ];
    burst[0]?.();
    await Promise.race(queued);
    assert.deepEqual(order, ["good"], "the client with nothing running goes first");
    burst[1]?.();
    await Promise.race([queued[0], queued[1]]);
    assert.deepEqual(order, ["good", "burst-3"], "then arrival order");
  });

  await t.test("a waiter whose client leaves is dropped without taking a slot; release is idempotent", async () => {
    const gate = createTurnAdmission({ maxRunning: 1, maxQueued: 5 });
    const running = released(await gate.admit("a", never));
    const leaving = new AbortController();
    const gone = gate.admit("b", leaving.signal);
    const next = gate.admit("c", never);
    leaving.abort();
    assert.deepEqual(await gone, { ok: false, why: "cancelled" });
    assert.deepEqual(gate.load(), { running: 1, queued: 1 });
    running();
    running();
    const slot = released(await next);
    assert.deepEqual(gate.load(), { running: 1, queued: 0 });
    slot();
    assert.deepEqual(gate.load(), { running: 0, queued: 0 });
    assert.deepEqual(await gate.admit("d", leaving.signal), { ok: false, why: "cancelled" }, "an already-aborted signal never queues");
  });

  await t.test("a full queue refuses the newest turn of the client holding the most, not a client with fewer", async () => {
    const gate = createTurnAdmission({ maxRunning: 1, maxQueued: 2 });
    const hogRunning = released(await gate.admit("hog", never));
    const hogFirst = gate.admit("hog", never);
    const hogNewest = gate.admit("hog", never);
    const good = gate.admit("good", never);
    assert.deepEqual(await hogNewest, { ok: false, why: "busy" }, "the hog's newest waiting turn gives way");
    assert.deepEqual(gate.load(), { running: 1, queued: 2 });
    // Holding 2 (1 running, 1 waiting) against a newcomer's 0, the hog gives way again; then every client holds 1.
    const third = gate.admit("third", never);
    assert.deepEqual(await hogFirst, { ok: false, why: "busy" });
    assert.deepEqual(await gate.admit("fourth", never), { ok: false, why: "busy" }, "nobody holds two more than a newcomer");
    hogRunning();
    released(await good)();
    released(await third)();
    assert.deepEqual(gate.load(), { running: 0, queued: 0 });
  });
});
