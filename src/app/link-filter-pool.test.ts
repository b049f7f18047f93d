import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createFlowTracker } from "../gate/flow-tracker.ts";
import { rewriteLinks } from "../scan/markdown-links.ts";
import { createLinkFilterPool, defaultLinkFilterPool, type LinkRewrite } from "./link-filter-pool.ts";
import { judgeLink } from "./link-judge.ts";
import { filterReplyText } from "./reply-filter.ts";

const exitWorker = new URL("../../test/support/link-filter-exit-worker.fixture.ts", import.meta.url);
const hangWorker = new URL("../../test/support/link-filter-hang-worker.fixture.ts", import.meta.url);

/** An untrusted context: every link the model composed is judged. */
function tainted() {
  const t = createFlowTracker({ label: () => [], baseSecrets: [], clock: () => 1_000_000, history: [], userText: "summarize notes.md", userSource: "owner" });
  t.observe("tool:read:notes.md", "notes with https://ok.example/report", false);
  return t.state();
}
const paragraph = "See [the report](https://ok.example/report), ![chart](https://evil.example/c.png?d=notes) and https://evil.example/x?q=1.\n\n";
const long = paragraph.repeat(Math.ceil((defaultLinkFilterPool.inlineMaxChars + 1) / paragraph.length));
const mustBeOk = (outcome: LinkRewrite) => {
  assert.ok(outcome.ok, "expected a rewrite");
  return outcome.result;
};

describe("link filter pool", () => {
  // The pool's workers and timers are unref'd (they never keep the gateway alive); the gateway's sockets keep its
  // process running while a reply waits on a worker. Here this timer does: without it a test waiting on a worker
  // can find the event loop empty and be cancelled (seen when other files ran first in the same process).
  let keepAlive: NodeJS.Timeout | undefined;
  before(() => (keepAlive = setInterval(() => undefined, 1000)));
  after(() => clearInterval(keepAlive));

  test("a long reply is rewritten in a worker exactly as on the main thread; a short one in place", async () => {
    const pool = createLinkFilterPool({ ...defaultLinkFilterPool, idleMs: 60_000 });
    try {
      const flow = tainted();
      const expected = rewriteLinks(long, (url, kind) => judgeLink(flow, url, kind));
      assert.ok(expected.removed.length > 0);
      assert.deepEqual(mustBeOk(await pool.rewrite(long, flow)), expected);
      assert.equal(pool.load().workers, 1, "the long reply went to a worker");
      assert.deepEqual(mustBeOk(await pool.rewrite(paragraph, flow)), rewriteLinks(paragraph, (url, kind) => judgeLink(flow, url, kind)));
      assert.deepEqual(pool.load(), { workers: 1, busy: 0, queued: 0 });
    } finally {
      await pool.close();
    }
  });

  test("a worker that dies withholds its reply, and the next reply gets a new worker", async () => {
    const pool = createLinkFilterPool({ ...defaultLinkFilterPool, workerUrl: exitWorker });
    try {
      const outcome = await pool.rewrite(long, tainted());
      assert.equal(outcome.ok, false);
      assert.ok(!outcome.ok && outcome.why === "failed" && /withheld by Warden/.test(outcome.message));
      assert.doesNotMatch(JSON.stringify(outcome), /evil\.example/, "nothing of the reply in the refusal");
      assert.equal((await pool.rewrite(long, tainted())).ok, false);
      assert.equal(pool.load().workers, 0);
    } finally {
      await pool.close();
    }
  });

  test("a worker past its deadline is ended and its reply withheld; a full queue withholds at once; close withholds the rest", async () => {
    const pool = createLinkFilterPool({ ...defaultLinkFilterPool, workers: 1, maxQueued: 1, timeoutMs: 300, workerUrl: hangWorker });
    const first = pool.rewrite(long, tainted());
    const second = pool.rewrite(long, tainted());
    const third = await pool.rewrite(long, tainted());
    assert.ok(!third.ok && third.why === "busy", "the queue holds one reply");
    const timedOut = await first;
    assert.ok(!timedOut.ok && timedOut.why === "timeout");
    await pool.close();
    const closed = await second;
    assert.equal(closed.ok, false, "the waiting reply is withheld when the pool closes (or times out in its turn)");
    assert.deepEqual(pool.load(), { workers: 0, busy: 0, queued: 0 });
    assert.equal((await pool.rewrite("short [a](https://evil.example/x)", tainted())).ok, false, "a closed pool rewrites nothing");
  });

  test("the reply filter sends the refusal, never the reply, when its links could not be checked", async () => {
    const deps = {
      redact: (t: string) => t, baseSecrets: () => [], systemPrompt: "You are Warden.", publicSystemPrompt: "You are Warden.",
      rewriteLinks: async (): Promise<LinkRewrite> => ({ ok: false, why: "timeout", message: "[reply withheld by Warden: test]" }),
    };
    const owner = { kind: "owner", id: "webchat:owner", channel: "webchat" } as const;
    assert.equal(await filterReplyText(deps, owner, tainted(), long, "owner"), "[reply withheld by Warden: test]");
    assert.equal(await filterReplyText(deps, owner, tainted(), long, "other"), "[reply withheld by Warden: test]");
  });
});
