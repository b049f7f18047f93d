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

  await t.test("among clients with as many turns running, the turn expected to be done soonest goes first; a long wait counts", async () => {
    let now = 0;
    const gate = createTurnAdmission({ maxRunning: 1, maxQueued: 10, clock: () => now, quickSlots: 0 });
    // "big" turns hold a slot for 4 s (100 KB replies); "small" ones for 10 ms.
    const big = released(await gate.admit("big", never));
    now += 4000;
    big();
    const small = released(await gate.admit("small", never));
    now += 10;
    small();
    const blocker = released(await gate.admit("other", never));
    const order: string[] = [];
    const bigTurn = gate.admit("big", never).then((a) => (order.push("big"), a));
    const smallTurn = gate.admit("small", never).then((a) => (order.push("small"), a));
    now += 100;
    blocker();
    released(await Promise.race([bigTurn, smallTurn]))();
    assert.deepEqual(order, ["small"], "the small turn goes first although it arrived later");
    released(await bigTurn)();

    // A big turn that has waited longer than its usual turn is not passed by a small one that just arrived.
    const again = released(await gate.admit("other", never));
    const order2: string[] = [];
    const bigAgain = gate.admit("big", never).then((a) => (order2.push("big"), a));
    now += 5000;
    const smallAgain = gate.admit("small", never).then((a) => (order2.push("small"), a));
    again();
    released(await Promise.race([bigAgain, smallAgain]))();
    assert.deepEqual(order2, ["big"]);
    released(await smallAgain)();
    assert.deepEqual(gate.load(), { running: 0, queued: 0 });
  });

  await t.test("a full queue of one-turn clients makes room for a client with shorter turns, and the refused one cannot take it back", async () => {
    let now = 0;
    const gate = createTurnAdmission({ maxRunning: 1, maxQueued: 2, clock: () => now, quickSlots: 0 });
    for (const [client, ms] of [["flood1", 2000], ["flood2", 2000], ["good", 10]] as const) {
      const slot = released(await gate.admit(client, never));
      now += ms;
      slot();
    }
    const blocker = released(await gate.admit("blocker", never));
    const flood1 = gate.admit("flood1", never);
    const flood2 = gate.admit("flood2", never);
    // Each flood client holds one turn, the good client none: holding more, with longer turns, the newest gives way.
    const good = gate.admit("good", never);
    assert.deepEqual(await flood2, { ok: false, why: "busy" });
    assert.deepEqual(await gate.admit("flood2", never), { ok: false, why: "busy" }, "retrying, it holds no more than the good client");
    blocker();
    released(await good)();
    released(await flood1)();
    assert.deepEqual(gate.load(), { running: 0, queued: 0 });
  });

  await t.test("a quick client starts at once in the few slots past maxRunning while long turns hold every regular slot", async () => {
    let now = 0;
    const gate = createTurnAdmission({ maxRunning: 8, maxQueued: 10, clock: () => now });
    // History: the good client's turns take 10 ms, the flood's 4 s.
    for (const [client, ms] of [["good", 10], ["flood", 4000], ["flood", 4000]] as const) {
      const slot = released(await gate.admit(client, never));
      now += ms;
      slot();
    }
    const flood = await Promise.all(Array.from({ length: 8 }, (_, i) => gate.admit(`flood${i % 2 === 0 ? "" : i}`, never)));
    const waiting = gate.admit("flood", never);
    assert.deepEqual(gate.load(), { running: 8, queued: 1 });
    const good = released(await gate.admit("good", never));
    assert.deepEqual(gate.load(), { running: 9, queued: 1 }, "one slot past maxRunning (8 / 8)");
    const second = gate.admit("good", never);
    assert.deepEqual(await Promise.race([second, Promise.resolve("queued")]), "queued", "one turn at a time: a second waits");
    const newcomer = gate.admit("newcomer", never);
    assert.equal(await Promise.race([newcomer, Promise.resolve("queued")]), "queued", "a client with no turns yet is not quick");
    good();
    assert.deepEqual(gate.load(), { running: 9, queued: 2 }, "the extra slot goes to the quick client's waiting turn, not to the rest of the queue");
    released(await second)();
    for (const f of flood) released(f)();
    released(await waiting)();
    released(await newcomer)();
  });

  await t.test("a client is quick beside turns that have run long, though none of them has finished yet", async () => {
    let now = 0;
    const gate = createTurnAdmission({ maxRunning: 4, maxQueued: 10, clock: () => now });
    // All the gateway knows: the good client's turns take 10 ms.
    const first = released(await gate.admit("good", never));
    now += 10;
    first();
    const flood = await Promise.all(Array.from({ length: 4 }, (_, i) => gate.admit(`flood${i}`, never)));
    const early = gate.admit("good", never);
    assert.deepEqual(gate.load(), { running: 4, queued: 1 }, "the flood's turns have just started: nothing says they are long");
    now += 1000;
    const other = gate.admit("flood9", never);
    released(flood[0] as Admission)();
    assert.deepEqual(gate.load(), { running: 4, queued: 1 }, "the freed slot went to the good client, which waited longer");
    released(await early)();
    const late = released(await gate.admit("good", never));
    assert.deepEqual(gate.load(), { running: 5, queued: 0 }, "beside turns 1 s old, a 10 ms client starts at once in the extra slot");
    late();
    for (const f of flood.slice(1)) released(f)();
    released(await other)();
  });

  await t.test("once a flood's aged turns count as quick too, a freed slot goes to the quickest waiting client, not the first in the queue", async () => {
    let now = 0;
    const gate = createTurnAdmission({ maxRunning: 4, maxQueued: 10, clock: () => now, timer: () => () => undefined });
    // History: the good client's turns take 10 ms, each flood client's 100 ms.
    for (const [client, ms] of [["good", 10], ...Array.from({ length: 7 }, (_, i) => [`flood${i}`, 100] as const)] as const) {
      const slot = released(await gate.admit(client, never));
      now += ms;
      slot();
    }
    const flood = await Promise.all([0, 1, 2, 3].map((i) => gate.admit(`flood${i}`, never)));
    const early = [gate.admit("flood4", never), gate.admit("flood5", never)];
    assert.deepEqual(gate.load(), { running: 4, queued: 2 }, "the flood's turns have just started: nothing says they are long");
    now += 1000;
    const extra = released(await gate.admit("flood6", never));
    assert.deepEqual(gate.load(), { running: 5, queued: 2 }, "beside turns 1 s old, a 100 ms client is quick too: the extra slot");
    const good = gate.admit("good", never);
    assert.deepEqual(gate.load(), { running: 5, queued: 3 }, "the extra slot is taken: the good client waits, last in the queue");
    released(flood[0] as Admission)();
    assert.deepEqual(gate.load(), { running: 5, queued: 2 });
    const first = await Promise.race([good, Promise.resolve("queued" as const)]);
    assert.notEqual(first, "queued", "the freed slot went to the good client (10 ms), not to flood4 or flood5 (100 ms), queued before it");
    released(first as Admission)();
    for (const f of flood.slice(1)) released(f)();
    extra();
    for (const e of early) released(await e)();
  });

  await t.test("a turn queued while the flood's turns were young takes a quick slot once they are older than its usual turn, with no release", async () => {
    let now = 0;
    const timers: { at: number; run: () => void; cancelled: boolean }[] = [];
    const gate = createTurnAdmission({ maxRunning: 4, maxQueued: 10, clock: () => now, timer: (run, ms) => {
      const t = { at: now + ms, run, cancelled: false };
      timers.push(t);
      return () => (t.cancelled = true);
    } });
    const first = released(await gate.admit("good", never));
    now += 10;
    first();
    const flood = await Promise.all(Array.from({ length: 4 }, (_, i) => gate.admit(`flood${i}`, never)));
    const early = gate.admit("good", never);
    const stranger = gate.admit("stranger", never);
    assert.deepEqual(gate.load(), { running: 4, queued: 2 }, "the flood's turns have just started: nothing says they are long");
    const armed = timers.filter((t) => !t.cancelled);
    assert.equal(armed.length, 1, "one timer");
    assert.ok((armed[0]?.at ?? 0) > 20 && (armed[0]?.at ?? 0) <= 22, "set for when the running turns (started at 10) are older than the good client's 10 ms");
    now = armed[0]?.at ?? 0;
    (armed[0] as { cancelled: boolean }).cancelled = true;
    armed[0]?.run();
    released(await early)();
    assert.deepEqual(gate.load(), { running: 4, queued: 1 }, "the good client ran in the extra slot; the stranger (no turns yet) still waits for a release");
    for (const f of flood) released(f)();
    released(await stranger)();
    assert.equal(timers.filter((t) => !t.cancelled).length, 0, "no timer left when nothing waits (a fired one counts as gone)");
  });

  await t.test("connections from one address share maxPerAddress places; a quick client there is let past, a new one is not", async () => {
    let now = 0;
    const gate = createTurnAdmission({ maxRunning: 4, maxQueued: 10, maxPerAddress: 3, clock: () => now });
    const owner = released(await gate.admit("owner-chat", never, "127.0.0.1"));
    now += 10;
    owner();
    const flood = await Promise.all([0, 1, 2].map((i) => gate.admit(`conn${i}`, never, "127.0.0.1")));
    assert.equal(gate.heldFrom("127.0.0.1"), 3);
    assert.deepEqual(await gate.admit("conn3", never, "127.0.0.1"), { ok: false, why: "address" }, "a fourth connection from there is refused at once");
    const elsewhere = released(await gate.admit("phone", never, "10.0.0.2"));
    assert.equal(gate.heldFrom("10.0.0.2"), 1, "another address has its own places");
    now += 1000;
    const chat = released(await gate.admit("owner-chat", never, "127.0.0.1"));
    assert.equal(gate.heldFrom("127.0.0.1"), 4, "the owner's chat (short turns, none running) is let past the flood from its own address");
    const second = await gate.admit("owner-chat", never, "127.0.0.1");
    assert.deepEqual(second, { ok: false, why: "address" }, "one turn at a time past the limit");
    chat();
    elsewhere();
    // Now 3 running (the flood), 1 free slot.
    const slowKnown = released(await gate.admit("conn9", never, "127.0.0.9"));
    now += 5000;
    slowKnown();
    const blocker = released(await gate.admit("other", never, "10.0.0.4"));
    const waits = gate.admit("conn9", never, "127.0.0.1");
    assert.equal(await Promise.race([waits, Promise.resolve("queued")]), "queued", "a client that has had turns (not quick: its turn took 5 s) waits at the limit instead of being refused");
    blocker();
    for (const f of flood) released(f)();
    released(await waits)();
    assert.equal(gate.heldFrom("127.0.0.1"), 0, "released turns give their places back");
    const cancel = new AbortController();
    const a = await Promise.all([0, 1, 2, 3].map((i) => gate.admit(`x${i}`, never, `10.0.1.${i}`)));
    const waiter = gate.admit("y", cancel.signal, "10.0.0.8");
    assert.equal(gate.heldFrom("10.0.0.8"), 1, "a waiting turn holds its place");
    cancel.abort();
    assert.deepEqual(await waiter, { ok: false, why: "cancelled" });
    assert.equal(gate.heldFrom("10.0.0.8"), 0, "and gives it back when its client leaves");
    for (const x of a) released(x)();
  });
});
