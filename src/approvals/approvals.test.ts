import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { makeTempDir } from "../../test/support/temp-dir.ts";
import { openDatabase } from "../state/database.ts";
import { approvalMigrations, bindingHash, createApprovalService, type ApprovalView } from "./approvals.ts";
import type { Decision } from "../core/decision.ts";

const decision: Decision = { decision: "ask", risk: "high", reasons: [{ id: "exec.writes", message: "the command writes files" }] };

function setup(ttlMs: number) {
  const tmp = makeTempDir("approvals");
  const db = openDatabase(join(tmp.dir, "state.db"), approvalMigrations);
  let now = 1_000;
  let mono = 0;
  const seen: ApprovalView[] = [];
  const service = createApprovalService({ db, clock: () => now, monotonic: () => mono, ttlMs, onRequested: (v) => seen.push(v) });
  return {
    service,
    seen,
    /** Real time passing: both clocks move. */
    advance: (ms: number) => { now += ms; mono += ms; },
    /** The wall clock is set (NTP step, manual change): only the wall clock moves. */
    stepWall: (ms: number) => { now += ms; },
    done: () => { service.close(); db.close(); tmp.cleanup(); },
  };
}

const request = (binding: string) => ({ sessionKey: "s", requester: "telegram:42", tool: "exec", summary: "rm -rf build", binding, decision, provenance: ["after reading https://evil.test/page"] });

test("the owner sees risk, reasons and provenance, and the answer reaches the waiting call", async () => {
  const t = setup(60_000);
  try {
    const pending = t.service.request(request(bindingHash({ tool: "exec", argv: ["rm", "-rf", "build"] })));
    const view = t.seen[0];
    assert.ok(view);
    assert.equal(view.risk, "high");
    assert.deepEqual(view.reasons.map((r) => r.id), ["exec.writes"]);
    assert.deepEqual(view.provenance, ["after reading https://evil.test/page"]);
    t.service.resolve(view.id, "deny", "owner");
    assert.equal((await pending).outcome, "denied");
    assert.throws(() => t.service.resolve(view.id, "approve", "owner"), /already denied/);
  } finally {
    t.done();
  }
});

test("an expired request cannot be approved late", async () => {
  const t = setup(60_000);
  try {
    const pending = t.service.request(request("b"));
    const id = t.seen[0]?.id ?? "";
    t.advance(60_001);
    assert.throws(() => t.service.resolve(id, "approve", "owner"), /expired/);
    assert.equal((await pending).outcome, "expired");
  } finally {
    t.done();
  }
});

test("a wall-clock step does not expire a pending request early or keep it alive late", async () => {
  const t = setup(300_000);
  try {
    const pending = t.service.request(request("c"));
    const id = t.seen[0]?.id ?? "";
    t.stepWall(27 * 3_600_000); // forward 27 h: the owner still has the rest of the 300 s
    t.advance(1_000);
    assert.equal(t.service.resolve(id, "approve", "owner").status, "approved");
    assert.equal((await pending).outcome, "approved");

    const late = t.service.request(request("d"));
    const lateId = t.seen[1]?.id ?? "";
    t.stepWall(-27 * 3_600_000); // backward 27 h: 300 s later it has expired all the same
    t.advance(300_001);
    assert.throws(() => t.service.resolve(lateId, "approve", "owner"), /expired/);
    assert.equal((await late).outcome, "expired");
  } finally {
    t.done();
  }
});

test("the binding changes with any argument, not with key order", () => {
  assert.equal(bindingHash({ a: 1, b: ["x"] }), bindingHash({ b: ["x"], a: 1 }));
  assert.notEqual(bindingHash({ tool: "exec", argv: ["rm", "a"] }), bindingHash({ tool: "exec", argv: ["rm", "a "] }));
  assert.notEqual(bindingHash({ tool: "exec", argv: ["rm", "a"], cwd: "/w" }), bindingHash({ tool: "exec", argv: ["rm", "a"], cwd: "/x" }));
});

test("a request whose turn stops is cancelled, not denied: it ends unanswered and clients are told", async () => {
  const t = setup(60_000);
  try {
    const ended: ApprovalView[] = [];
    t.service.subscribe((e) => {
      if (e.type === "resolved") ended.push(e.approval);
    });
    const turn = new AbortController();
    const pending = t.service.request(request(bindingHash({ tool: "exec", argv: ["make"] })), turn.signal);
    turn.abort();
    const { id, outcome } = await pending;
    assert.equal(outcome, "cancelled");
    assert.equal(t.service.get(id)?.status, "expired", "never recorded as the owner's denial");
    assert.deepEqual(ended.map((v) => [v.id, v.status]), [[id, "expired"]]);
    assert.throws(() => t.service.resolve(id, "approve", "owner"), /already expired/);
  } finally {
    t.done();
  }
});

test("what the owner is shown makes invisible and direction-changing characters visible; the binding keeps the exact call", async () => {
  const t = setup(60_000);
  try {
    // U+202E shows `rm -rf ~ #txt.gpj` as `rm -rf ~ #jpg.txt`; a zero-width space and a carriage return hide words.
    const command = "rm -rf ~ #\u202etxt.gpj";
    const binding = bindingHash({ tool: "exec", argv: ["sh", "-c", command] });
    const pending = t.service.request({
      ...request(binding),
      summary: `exec ${command}`,
      provenance: ["after reading https://evil\u200b.test/page"],
      detail: { kind: "text", label: "command", text: `echo safe\r${command}\nls` },
      always: { ok: true, rule: { binary: "sh", argv: ["-c", command], match: "exact" } },
    });
    const view = t.service.get(t.seen[0]?.id ?? "");
    assert.ok(view);
    assert.equal(view.summary, "exec rm -rf ~ #⟦U+202E⟧txt.gpj");
    assert.deepEqual(view.provenance, ["after reading https://evil⟦U+200B⟧.test/page"]);
    assert.deepEqual(view.detail, { kind: "text", label: "command", text: "echo safe⟦U+000D⟧rm -rf ~ #⟦U+202E⟧txt.gpj\nls" });
    assert.deepEqual(view.always, { ok: true, rule: { binary: "sh", argv: ["-c", "rm -rf ~ #⟦U+202E⟧txt.gpj"], match: "exact" } });
    assert.equal(t.seen[0]?.summary, view.summary, "the requested event shows the same");
    t.service.resolve(view.id, "deny", "owner");
    await pending;
  } finally {
    t.done();
  }
});
