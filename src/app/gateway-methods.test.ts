import { test } from "node:test";
import assert from "node:assert/strict";
import { keepWhileAsking } from "./gateway-methods.ts";

test("a client leaving stops its turn, unless the turn waits for the owner's approval at that moment", () => {
  const idle = new AbortController();
  const stopped = keepWhileAsking(idle.signal, () => false).signal;
  idle.abort(new Error("client gone"));
  assert.equal(stopped.aborted, true);
  assert.match(String((stopped.reason as Error).message), /client gone/);

  let asking = true;
  const waiting = new AbortController();
  const kept = keepWhileAsking(waiting.signal, () => asking).signal;
  waiting.abort();
  asking = false;
  assert.equal(kept.aborted, false, "the approval stays pending and the turn goes on");

  const broken = new AbortController();
  const stoppedAnyway = keepWhileAsking(broken.signal, () => {
    throw new Error("database is not open");
  }).signal;
  broken.abort();
  assert.equal(stoppedAnyway.aborted, true, "a check that cannot be made stops the turn and never escapes");

  const gone = new AbortController();
  gone.abort();
  assert.equal(keepWhileAsking(gone.signal, () => false).signal.aborted, true, "an already gone client");
});

test("a finished turn leaves no check behind on its connection's signal", () => {
  const connection = new AbortController();
  let checks = 0;
  for (let i = 0; i < 100; i++) {
    const turn = keepWhileAsking(connection.signal, () => {
      checks++;
      return false;
    });
    turn.release();
  }
  const live = keepWhileAsking(connection.signal, () => {
    checks++;
    return false;
  });
  connection.abort();
  assert.equal(checks, 1, "only the turn still running is checked when the connection closes");
  assert.equal(live.signal.aborted, true);
});
