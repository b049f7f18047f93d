// The file layer acts on the object the gate decided, not on what a path re-resolves to later: a directory swapped
// for a symbolic link to `.git/hooks` between the decision and the write (by another process: another session's
// command in the sandbox) is refused with `fs.path_changed`, never followed.
import { after, before, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createWorkspaceFs, type FsFailure, type WorkspaceFs } from "./workspace-fs.ts";
import { decidePathTarget } from "./decide-path.ts";
import { openNamedExactly, requireDecided, refusalReason } from "./resolve-path.ts";
import { detectSandbox } from "../sandbox/index.ts";
import { createFileTools } from "../tools/files.ts";
import { issuePermit } from "../gate/permit.ts";
import type { ToolContext } from "../agent/tool.ts";
import { createFixture, type Fixture } from "../../test/support/workspace-fixture.ts";

let fx: Fixture;
let wfs: WorkspaceFs;
const context: ToolContext = { sessionKey: "t", principal: { kind: "owner", id: "webchat:owner", channel: "webchat" }, signal: new AbortController().signal };

before(() => {
  fx = createFixture();
  wfs = createWorkspaceFs({ workspace: fx.ws, protectedDirs: [], snapshots: fx.store });
});
after(() => fx.cleanup());

const hooks = () => join(fx.ws, ".git", "hooks");
const docs = () => join(fx.ws, "docs");

beforeEach(() => {
  rmSync(docs(), { recursive: true, force: true });
  rmSync(join(fx.ws, "docs.real"), { recursive: true, force: true });
  rmSync(hooks(), { recursive: true, force: true });
  mkdirSync(hooks(), { recursive: true });
  mkdirSync(docs());
  writeFileSync(join(docs(), "guide.md"), "guide\n");
  writeFileSync(join(hooks(), "guide.md"), "hook text\n");
});

/** Swaps `docs` for a symbolic link to `.git/hooks`, as another process would. */
function swapDocsForHooks(): void {
  renameSync(docs(), join(fx.ws, "docs.real"));
  symlinkSync(".git/hooks", docs());
}

function changed(r: { ok: boolean }, label: string): void {
  assert.equal(r.ok, false, `${label} must be refused`);
  const f = r as FsFailure;
  assert.equal(f.reason.id, "fs.path_changed", `${label}: ${f.reason.message}`);
  assert.equal(f.decision.decision, "deny");
}

async function decided(path: string, write: boolean): Promise<string> {
  const d = await decidePathTarget({ path, write, workspace: fx.ws, protectedDirs: [] });
  assert.equal(d.decision.decision, "allow", JSON.stringify(d.decision.reasons));
  assert.ok(d.real !== undefined);
  return d.real;
}

void test("the decision names the object it judged: the file a read opens, the place a write puts the file", async () => {
  assert.equal(await decided("link-in", false), join(fx.ws, "sub", "inner.txt"));
  assert.equal(await decided("docs/new/deeper/x.md", true), join(fx.ws, "docs", "new", "deeper", "x.md"));
  assert.equal(await decided("link-dir-in/x.md", true), join(fx.ws, "sub", "x.md"));
  const denied = await decidePathTarget({ path: "../outside/secret.txt", write: false, workspace: fx.ws, protectedDirs: [] });
  assert.equal(denied.decision.decision, "deny");
  assert.equal(denied.real, undefined);
});

void test("requireDecided refuses anything but the decided path, and names both places relative to the workspace", () => {
  const root = { real: fx.ws };
  requireDecided(root, join(fx.ws, "a"), join(fx.ws, "a"), "a");
  requireDecided(root, join(fx.ws, "b"), undefined, "b");
  assert.throws(() => requireDecided(root, join(fx.ws, ".git/hooks/x"), join(fx.ws, "docs/x"), "docs/x"), (error) => {
    const reason = refusalReason(error);
    assert.equal(reason?.id, "fs.path_changed");
    assert.match(reason.message, /`\.git\/hooks\/x`.*`docs\/x`/);
    assert.doesNotMatch(reason.message, new RegExp(fx.base));
    return true;
  });
});

void test("a directory swapped for a link to .git/hooks after the decision: write, edit, read and remove are refused", async () => {
  const write = await decided("docs/pre-commit", true);
  const edit = await decided("docs/guide.md", true);
  const read = await decided("docs/guide.md", false);
  const remove = await decided("docs/guide.md", true);
  swapDocsForHooks();
  changed(await wfs.write("docs/pre-commit", "#!/bin/sh\necho pwned\n", write), "write");
  changed(await wfs.edit("docs/guide.md", "hook", "pwned", edit), "edit");
  changed(await wfs.read("docs/guide.md", read), "read");
  changed(await wfs.remove("docs/guide.md", remove), "remove");
  assert.deepEqual(readdirSync(hooks()).sort(), ["guide.md"]);
  assert.equal(readFileSync(join(hooks(), "guide.md"), "utf8"), "hook text\n");
  // Undecided callers (the owner's own CLI) still follow the link inside the workspace, as before.
  assert.equal((await wfs.read("docs/guide.md")).ok, true);
});

void test("a missing directory created as a link before the write is refused; the write lands nowhere", async () => {
  const write = await decided("docs/new/pre-commit", true);
  symlinkSync("../.git/hooks", join(docs(), "new"));
  changed(await wfs.write("docs/new/pre-commit", "x", write), "write through a new link");
  assert.deepEqual(readdirSync(hooks()), ["guide.md"]);
});

void test("undo acts on the file that was changed, not on what its path leads to now", async () => {
  const w = await wfs.write("docs/guide.md", "changed\n", await decided("docs/guide.md", true));
  assert.ok(w.ok && w.snapshotId !== null);
  swapDocsForHooks();
  changed(await wfs.restore(w.snapshotId), "restore through a swapped directory");
  assert.equal(readFileSync(join(hooks(), "guide.md"), "utf8"), "hook text\n");
  // Back in place, the same undo works.
  rmSync(docs());
  renameSync(join(fx.ws, "docs.real"), docs());
  const restored = await wfs.restore(w.snapshotId);
  assert.ok(restored.ok, JSON.stringify(restored));
  assert.equal(readFileSync(join(docs(), "guide.md"), "utf8"), "guide\n");
});

void test("the file tools run on the permit's decided path: assessed, swapped, refused", async () => {
  const tools = new Map(createFileTools({ fs: wfs, workspace: fx.ws, protectedDirs: [] }).map((t) => [t.name, t]));
  const args = { path: "docs/pre-commit", content: "#!/bin/sh\necho pwned\n" };
  const write = tools.get("write");
  assert.ok(write);
  const assessed = await write.assess(args, context);
  swapDocsForHooks();
  const out = await write.run(args, context, issuePermit("write", args, assessed.decided));
  assert.equal(out.isError, true);
  assert.match(out.content, /fs\.path_changed/);
  // A permit that names no decided path runs nothing.
  const bare = await write.run(args, context, issuePermit("write", args));
  assert.equal(bare.isError, true);
  assert.match(bare.content, /fs\.not_decided/);
  assert.deepEqual(readdirSync(hooks()), ["guide.md"]);
});

/**
 * A second process swaps `docs` between the directory and a link to `.git/hooks` as fast as it can (bounded: it
 * stops after `limit` swaps or when told), while the tools assess and run writes. Whatever interleaving the
 * machine produces, no write the gate allowed for `docs/` lands in `.git/hooks`.
 */
void test("under a concurrent swapper, no allowed write ever lands in .git/hooks", async () => {
  const stop = join(fx.base, "stop-swapper");
  const script = `
    const fs = require("node:fs"), path = require("node:path");
    const ws = ${JSON.stringify(fx.ws)}, stop = ${JSON.stringify(stop)};
    const docs = path.join(ws, "docs"), real = path.join(ws, "docs.real");
    for (let i = 0; i < 2000000 && !fs.existsSync(stop); i++) {
      try { fs.renameSync(docs, real); fs.symlinkSync(".git/hooks", docs); } catch {}
      try { fs.unlinkSync(docs); fs.renameSync(real, docs); } catch {}
    }`;
  const swapper = spawn(process.execPath, ["-e", script], { stdio: "ignore" });
  const tools = new Map(createFileTools({ fs: wfs, workspace: fx.ws, protectedDirs: [] }).map((t) => [t.name, t]));
  const write = tools.get("write");
  assert.ok(write);
  let allowed = 0;
  let landed = 0;
  try {
    for (let i = 0; i < 300; i++) {
      const args = { path: `docs/pre-commit-${i}.md`, content: `attempt ${i}\n` };
      const assessed = await write.assess(args, context);
      if (assessed.facts.tool !== "write" || assessed.facts.base.decision !== "allow") continue;
      allowed++;
      const out = await write.run(args, context, issuePermit("write", args, assessed.decided));
      if (!out.isError) landed++;
    }
  } finally {
    writeFileSync(stop, "");
    await new Promise<void>((resolve) => {
      if (swapper.exitCode !== null) resolve();
      else swapper.once("exit", () => resolve());
    });
  }
  const inHooks = readdirSync(hooks()).filter((n) => n.startsWith("pre-commit"));
  assert.deepEqual(inHooks, [], `${inHooks.length} writes decided for docs/ landed in .git/hooks`);
  assert.ok(allowed > 0, "some writes were decided while docs was a directory");
  // Every write that went through is in a real docs directory (the swapper's, or one the write made while `docs`
  // was missing), under its own name.
  const inDocs = ["docs", "docs.real"].flatMap((d) => (existsSync(join(fx.ws, d)) ? readdirSync(join(fx.ws, d)) : [])).filter((n) => n.startsWith("pre-commit"));
  assert.equal(inDocs.length, landed);
});

void test("a grant opens exactly what it names: created when missing, refused when it is or lies behind a link", async () => {
  const root = { real: fx.ws, fenced: [] };
  const made = await openNamedExactly(root, "docs/out", "dir");
  assert.equal(made.real, join(fx.ws, "docs", "out"));
  await made.handle.close();
  const file = await openNamedExactly(root, "docs/report.csv", "file");
  assert.equal(file.real, join(fx.ws, "docs", "report.csv"));
  await file.handle.close();
  symlinkSync(".git/hooks", join(fx.ws, "grant-link"));
  try {
    for (const rel of ["grant-link", "grant-link/pre-commit", "link-dir-in/inner.txt"]) {
      await assert.rejects(openNamedExactly(root, rel, "file"), (error) => refusalReason(error)?.id === "fs.path_changed", rel);
    }
  } finally {
    rmSync(join(fx.ws, "grant-link"));
  }
  assert.deepEqual(readdirSync(hooks()), ["guide.md"]);
});

// Where /proc/self/fd is missing nothing can be verified: every operation fails closed, none falls back to names.
// A process in bubblewrap with an empty /proc stands in for such a system.
const sandbox = await detectSandbox();
void test("without /proc/self/fd, reads and writes fail closed with path.unverifiable", { skip: sandbox.kind === "none" ? "bubblewrap unavailable here" : false }, () => {
  const script = `
    import { mkdirSync, writeFileSync } from "node:fs";
    import { DatabaseSync } from "node:sqlite";
    import { createWorkspaceFs } from ${JSON.stringify(join(import.meta.dirname, "workspace-fs.ts"))};
    import { createSnapshotStore, snapshotMigrations } from ${JSON.stringify(join(import.meta.dirname, "snapshots.ts"))};
    import { applyMigrations } from ${JSON.stringify(join(import.meta.dirname, "../state/database.ts"))};
    mkdirSync("/tmp/ws"); writeFileSync("/tmp/ws/a.txt", "a");
    const db = new DatabaseSync(":memory:"); applyMigrations(db, snapshotMigrations);
    const fs = createWorkspaceFs({ workspace: "/tmp/ws", protectedDirs: [], snapshots: createSnapshotStore({ db, dir: "/tmp/snap" }) });
    const out = [await fs.read("a.txt"), await fs.write("b.txt", "b")].map((r) => r.ok ? "ok" : r.reason.id);
    console.log(JSON.stringify(out));`;
  // The checkout and Node may live under /tmp (a CI clone): bound again over the fresh /tmp, so the code stays visible.
  const visible = [...new Set([realpathSync(join(import.meta.dirname, "../..")), dirname(realpathSync(process.execPath))])].flatMap((p) => ["--ro-bind", p, p]);
  const run = spawnSync(sandbox.kind === "bubblewrap" ? sandbox.path : "bwrap", ["--ro-bind", "/", "/", "--dev", "/dev", "--tmpfs", "/proc", "--tmpfs", "/tmp", ...visible, "--", process.execPath, "--input-type=module", "-e", script], { encoding: "utf8", timeout: 120_000 });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout.trim().split("\n").at(-1) ?? ""), ["path.unverifiable", "path.unverifiable"]);
});
