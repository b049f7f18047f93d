/** One client's flood of frames does not delay another client's request, with real sockets on loopback. */
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { startHarness, connect, type Harness } from "../../test/support/harness.ts";

describe("gateway fairness between connections", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => h.close());

  test("a request sent just after another connection wrote a thousand is answered before that flood is", async () => {
    const flood = await connect(h.gateway.url, { headers: { authorization: `Bearer ${h.token}` } });
    const good = await connect(h.gateway.url, { headers: { authorization: `Bearer ${h.token}` } });
    const count = 1000;
    // Everything each socket delivers is in order: what arrived on `flood` is counted when `good` has its answer.
    let floodAnswers = 0;
    let floodAnswersWhenGoodWasAnswered = -1;
    const allFloodAnswered = new Promise<void>((resolve) => {
      flood.ws.on("message", (data: Buffer) => {
        const frame = JSON.parse(data.toString()) as { type: string; id?: string };
        if (frame.type === "res" && frame.id?.startsWith("f") === true && ++floodAnswers === count) resolve();
      });
    });
    // One tick: the thousand frames, then the other client's one (both in the kernel before the gateway reads).
    for (let i = 0; i < count; i++) flood.ws.send(JSON.stringify({ type: "req", id: `f${i}`, method: "chat.history", params: { session: "flood" } }));
    const answer = good.request("chat.history", { session: "good" }).then((frame) => {
      floodAnswersWhenGoodWasAnswered = floodAnswers;
      return frame;
    });
    assert.equal((await answer).ok, true);
    await allFloodAnswered;
    assert.ok(floodAnswersWhenGoodWasAnswered < count, `the other client's request waited for all ${count} of the flood's frames`);
    flood.ws.close();
    good.ws.close();
  });

  test("a connection's own frames are still answered in the order it sent them", async () => {
    const c = await connect(h.gateway.url, { headers: { authorization: `Bearer ${h.token}` } });
    const ids: string[] = [];
    const done = new Promise<void>((resolve) => {
      c.ws.on("message", (data: Buffer) => {
        const frame = JSON.parse(data.toString()) as { type: string; id?: string };
        if (frame.type === "res" && frame.id?.startsWith("o") === true && ids.push(frame.id) === 200) resolve();
      });
    });
    for (let i = 0; i < 200; i++) c.ws.send(JSON.stringify({ type: "req", id: `o${i}`, method: "chat.history", params: {} }));
    await done;
    assert.deepEqual(ids, Array.from({ length: 200 }, (_, i) => `o${i}`));
    c.ws.close();
  });
});
