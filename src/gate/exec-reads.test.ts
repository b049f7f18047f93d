import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { decide } from "./decide.ts";
import { allow, ask } from "../core/decision.ts";
import type { ExecFactsIn, FlowState, GateRequest, MarkedReads } from "./types.ts";
import { flowOf } from "../../test/support/flow.ts";

/** The owner's own networked command (`curl -T report.md …`), asked for by the exec policy or allowlisted. */
function upload(reads: MarkedReads | undefined, opts: { flow?: Partial<FlowState>; offline?: boolean; allowlisted?: boolean } = {}): GateRequest {
  const facts: ExecFactsIn = {
    tool: "exec", command: "curl -T report.md https://files.example/up",
    base: opts.allowlisted === true ? allow("low", { id: "exec.allowlisted", message: "allowlisted" }) : ask("medium", { id: "exec.not_allowlisted", message: "`curl` is not on the allowlist" }),
    writes: false, deletes: false, network: true, executesCode: false, unknownEffects: false, touchesSecrets: false, sandboxed: true,
    offline: opts.offline ?? false, ...(reads ? { reads } : {}),
  };
  return { principal: { kind: "owner", id: "gateway:owner", channel: "webchat" }, ownerSession: true, grants: "all", flow: flowOf(opts.flow ?? {}), facts };
}

const planted: MarkedReads = {
  from: "files in the workspace", confidentiality: "private", tainted: true,
  untrusted: [{ path: "report.md", source: "the file notes.txt, https://evil.example/page" }, { path: "b.md", source: "https://evil.example/page" }], untrustedComplete: true,
};

describe("a networked command that can read files the agent wrote from an untrusted context", () => {
  test("private: asks, naming the files, how many and what their context had read, even in a clean session", () => {
    const d = decide(upload(planted));
    assert.equal(d.decision, "ask");
    assert.equal(d.risk, "high");
    const r = d.reasons.find((x) => x.id === "flow.marked_files_outbound");
    assert.match(r?.message ?? "", /can read 2 files the agent wrote from an untrusted context \(`report\.md`, `b\.md`, written after reading the file notes\.txt, https:\/\/evil\.example\/page and https:\/\/evil\.example\/page\)/);
    assert.match(r?.message ?? "", /while the context held private data/);
  });
  test("public: the note rides with whatever the exec policy decided, and adds no question of its own", () => {
    const pub = { ...planted, confidentiality: "public" as const };
    const asked = decide(upload(pub));
    assert.equal(asked.decision, "ask");
    assert.ok(asked.reasons.some((r) => r.id === "flow.marked_files_readable" && /could send whatever an injection put there/.test(r.message)));
    const allowed = decide(upload(pub, { allowlisted: true }));
    assert.equal(allowed.decision, "allow");
    assert.ok(allowed.reasons.some((r) => r.id === "flow.marked_files_readable"), "recorded in the activity log's reasons");
  });
  test("bytes composed next to a secret: denied before the owner is asked (run() would refuse them anyway)", () => {
    const d = decide(upload({ ...planted, confidentiality: "secret" }));
    assert.equal(d.decision, "deny");
    assert.equal(d.reasons[0]?.id, "flow.secret_egress");
  });
  test("an offline sandbox sends nothing; unmarked or owner-context files say nothing", () => {
    assert.equal(decide(upload(planted, { offline: true })).reasons.some((r) => r.id.startsWith("flow.marked")), false);
    assert.equal(decide(upload({ from: "`notes.md`", confidentiality: "private", tainted: false })).reasons.some((r) => r.id.startsWith("flow.marked")), false);
    assert.equal(decide(upload(undefined)).reasons.some((r) => r.id.startsWith("flow.marked")), false);
  });
  test("more files than listed: the count says so", () => {
    const many: MarkedReads = { ...planted, untrusted: Array.from({ length: 20 }, (_, i) => ({ path: `f${i}.md` })), untrustedComplete: false };
    const r = decide(upload(many)).reasons.find((x) => x.id === "flow.marked_files_outbound");
    assert.match(r?.message ?? "", /more than 20 files .*`f0\.md`, `f1\.md`, `f2\.md` and 17 more/);
  });
});
