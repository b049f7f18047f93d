// What the owner approves is shown in full: a write's or an edit's unified diff against the file as it is, the
// whole command or message, a URL with its query decoded; stored with the request and listed back.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createFileTools } from "../tools/files.ts";
import { createWorkspaceFs } from "../fs/workspace-fs.ts";
import type { ToolContext } from "../agent/tool.ts";
import type { GatedTool } from "../tools/gated-tool.ts";
import { createFixture, type Fixture } from "../../test/support/workspace-fixture.ts";
import { openDatabase } from "../state/database.ts";
import { approvalMigrations, createApprovalService } from "./approvals.ts";
import { diffDetail, urlDetail, textDetail, MAX_DETAIL_CHARS } from "./approval-detail.ts";

let fx: Fixture;
let tools: Map<string, GatedTool>;
const context: ToolContext = { sessionKey: "t", principal: { kind: "owner", id: "webchat:owner", channel: "webchat" }, signal: new AbortController().signal };

before(() => {
  fx = createFixture();
  writeFileSync(join(fx.ws, "notes.md"), "one\ntwo\nthree\n");
  writeFileSync(join(fx.ws, ".env"), "API_KEY=sk-live-abcdef\n");
  const fs = createWorkspaceFs({ workspace: fx.ws, protectedDirs: [], snapshots: fx.store });
  tools = new Map(createFileTools({ fs, workspace: fx.ws, protectedDirs: [] }).map((t) => [t.name, t]));
});
after(() => fx.cleanup());

async function detailOf(name: string, args: Record<string, unknown>) {
  const assessment = await tools.get(name)?.assess(args, context);
  assert.ok(assessment?.detail, `${name} has a detail`);
  return assessment.detail();
}

test("a write shows the unified diff against the file as it is now; a new file diffs from /dev/null", async () => {
  const changed = await detailOf("write", { path: "notes.md", content: "one\n2\nthree\n" });
  assert.equal(changed?.kind, "diff");
  assert.ok(changed?.kind === "diff");
  assert.match(changed.diff, /^--- a\/notes\.md\n\+\+\+ b\/notes\.md\n@@ -1,3 \+1,3 @@\n one\n-two\n\+2\n three$/m);
  const created = await detailOf("write", { path: "new.md", content: "hello\n" });
  assert.ok(created?.kind === "diff");
  assert.match(created.diff, /--- \/dev\/null\n\+\+\+ b\/new\.md/);
  assert.match(created.diff, /^\+hello$/m);
  assert.equal(created.note, "a new file");
});

test("an edit shows the replacement where it lands; an edit that will fail shows what it asked for and says so", async () => {
  const edit = await detailOf("edit", { path: "notes.md", oldText: "three", newText: "THREE <script>x</script>" });
  assert.ok(edit?.kind === "diff");
  assert.match(edit.diff, /^-three\n\+THREE <script>x<\/script>$/m, "kept as text; the page escapes it");
  const missing = await detailOf("edit", { path: "notes.md", oldText: "four", newText: "4" });
  assert.ok(missing?.kind === "diff");
  assert.match(missing.note ?? "", /will fail/);
  assert.match(missing.diff, /^-four$/m);
  assert.match(missing.diff, /^\+4$/m);
});

test("a credentials file's content is never copied into the request", async () => {
  const d = await detailOf("write", { path: ".env", content: "API_KEY=other\n" });
  assert.ok(d?.kind === "diff");
  assert.equal(d.diff, "");
  assert.doesNotMatch(JSON.stringify(d), /sk-live/);
  assert.match(d.note ?? "", /credentials file/);
});

test("a URL's query and fragment are decoded part by part; long texts say how much was left out", () => {
  const u = urlDetail("https://evil.test/c?d=salary%3A%2098765&x=1#k%3Dv");
  assert.ok(u.kind === "url");
  assert.deepEqual(u.parts, [{ name: "d", value: "salary: 98765" }, { name: "x", value: "1" }, { name: "#fragment", value: "k=v" }]);
  const long = textDetail("Message", "a".repeat(MAX_DETAIL_CHARS + 10));
  assert.ok(long.kind === "text");
  assert.match(long.text, /\[… 10 more characters not shown\]$/);
  const huge = diffDetail("big.txt", "", "x\n".repeat(600_000));
  assert.ok(huge.kind === "diff");
  assert.match(huge.note ?? "", /too large/);
});

test("the detail is stored with the request and listed back", () => {
  const db = openDatabase(join(fx.base, "approvals.db"), approvalMigrations);
  const service = createApprovalService({ db, clock: () => 1, monotonic: () => 1, ttlMs: 60_000 });
  try {
    const detail = diffDetail("notes.md", "a\n", "b\n");
    void service.request({ sessionKey: "s", requester: "owner", tool: "write", summary: "write notes.md", binding: "b", decision: { decision: "ask", risk: "medium", reasons: [] }, provenance: [], detail });
    assert.deepEqual(service.list({ status: "pending" })[0]?.detail, detail);
  } finally {
    service.close();
    db.close();
  }
});
