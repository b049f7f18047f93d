/** A hanging model server, through the real gateway: each stall ends the turn with its cause, the gateway keeps serving, shutdown stops turns. */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { startHarness, type Harness } from "../support/harness.ts";

async function chatOverHttp(h: Harness, text: string): Promise<{ status: number; body: { reply?: string; error?: { code: string; message: string } } }> {
  const res = await fetch(`${h.gateway.url}/api/chat`, { method: "POST", headers: { authorization: `Bearer ${h.token}`, "content-type": "application/json" }, body: JSON.stringify({ text }) });
  return { status: res.status, body: (await res.json()) as { reply?: string; error?: { code: string; message: string } } };
}

describe("provider stalls through the gateway", () => {
  test("no headers, then headers and silence, then an endless stream: each turn ends naming its limit, and the next turn is served", async () => {
    const h = await startHarness({ config: { providers: { firstByteTimeoutSeconds: 1, idleTimeoutSeconds: 1, responseTimeoutSeconds: 2 } } });
    try {
      h.model.setScript([{ noHeaders: true }]);
      const first = await chatOverHttp(h, "hello");
      assert.equal(first.status, 200);
      assert.equal(first.body.error?.code, "PROVIDER_ERROR");
      assert.match(first.body.error?.message ?? "", /The model server at http:\/\/127\.0\.0\.1:\d+\/v1 did not answer within 1 s \(providers\.firstByteTimeoutSeconds\)/);

      h.model.setScript([{ silentAfterHeaders: true }]);
      assert.match((await chatOverHttp(h, "hello again")).body.error?.message ?? "", /sent nothing for 1 s \(providers\.idleTimeoutSeconds\)/);

      h.model.setScript([{ endless: { everyMs: 20 } }]);
      assert.match((await chatOverHttp(h, "and again")).body.error?.message ?? "", /still answering after 2 s \(providers\.responseTimeoutSeconds\)/);

      h.model.setScript([{ reply: "back to normal" }]);
      const after = await chatOverHttp(h, "are you there?");
      assert.equal(after.body.error, undefined);
      assert.equal(after.body.reply, "back to normal");
    } finally {
      await h.close();
    }
  });

  test("closing the runtime stops a turn that would otherwise never end", async () => {
    const h = await startHarness({ config: { providers: { idleTimeoutSeconds: 3600, responseTimeoutSeconds: 3600 } } });
    let closed = false;
    try {
      h.model.setScript([{ endless: { everyMs: 20 } }]);
      let deltas = 0;
      let sawFirst: () => void = () => {};
      const first = new Promise<void>((r) => (sawFirst = r));
      const turn = h.runtime.handlers.chat({ text: "talk forever" }, () => {
        if (++deltas === 1) sawFirst();
      }, new AbortController().signal);
      await first;
      await h.gateway.close();
      const outcome = h.runtime.close().then(() => (closed = true));
      const result = await turn;
      await outcome;
      assert.equal(result.error?.code, "CANCELLED");
      assert.match(result.error?.message ?? "", /The gateway is shutting down; the turn was stopped\./);
    } finally {
      await h.model.close();
      if (!closed) await h.runtime.close();
      h.home.remove();
    }
  });
});
