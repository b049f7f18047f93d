import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { constants } from "node:fs";
import { join } from "node:path";
import { createWorkspaceFs, type FsFailure, type WorkspaceFs } from "./workspace-fs.ts";
import { fdChild, handleOps, openWorkspaceDir } from "./resolve-path.ts";
import { createFixture, type Fixture } from "../../test/support/workspace-fixture.ts";

let fx: Fixture;
let wfs: WorkspaceFs;

before(() => {
  fx = createFixture();
  wfs = createWorkspaceFs({ workspace: fx.ws, protectedDirs: [], snapshots: fx.store, maxReadBytes: 64 * 1024, maxWriteBytes: 64 * 1024 });
});
after(() => fx.cleanup());

function refused(r: { ok: boolean }, id: string, label: string): void {
  assert.equal(r.ok, false, `${label} must be refused`);
  const f = r as FsFailure;
  assert.equal(f.reason.id, id, `${label}: ${f.reason.message}`);
  assert.equal(f.decision.decision, "deny");
  assert.doesNotMatch(f.reason.message, /outside-secret|evil-secret/);
}

// [path, reason id]; `{ws}`, `{base}` are substituted.
const escapes: Array<[string, string]> = [
  ["../outside/secret.txt", "path.outside_workspace"],
  ["sub/../../outside/secret.txt", "path.outside_workspace"],
  ["link-dir-out/../outside/secret.txt", "path.outside_workspace"],
  ["/etc/passwd", "path.outside_workspace"],
  ["{base}/outside/secret.txt", "path.outside_workspace"],
  ["{base}/ws-evil/secret.txt", "path.outside_workspace"],
  ["{ws}/../outside/secret.txt", "path.outside_workspace"],
  ["/proc/self/root/etc/passwd", "path.outside_workspace"],
  ["/proc/self/cwd/package.json", "path.outside_workspace"],
  ["link-out", "path.symlink_escape"],
  ["link-out-rel", "path.symlink_escape"],
  ["link-dir-out/secret.txt", "path.symlink_escape"],
  ["chain1", "path.symlink_escape"],
  ["sibling", "path.symlink_escape"],
  ["sibling-dir/secret.txt", "path.symlink_escape"],
  ["proc-root/etc/passwd", "path.symlink_escape"],
  ["proc-cwd/package.json", "path.symlink_escape"],
  ["dangling", "path.symlink_escape"],
  ["loop", "path.symlink_escape"],
  ["hard", "path.hardlink"],
  ["notes.txt\0.png", "path.nul_byte"],
  ["", "path.invalid"],
  [".", "path.invalid"],
  ["{ws}", "path.invalid"],
];

function fill(p: string): string {
  return p.replaceAll("{ws}", fx.ws).replaceAll("{base}", fx.base);
}

void test("reads that escape the workspace are refused, whatever the trick", async () => {
  for (const [path, id] of escapes) refused(await wfs.read(fill(path)), id, `read ${JSON.stringify(path)}`);
  refused(await wfs.read("fifo"), "path.not_a_file", "read fifo");
  refused(await wfs.read("dir"), "path.not_a_file", "read dir");
  refused(await wfs.read("missing.txt"), "path.not_found", "read missing");
});

void test("writes and removes that escape are refused and leave the outside untouched", async () => {
  const writeCases: Array<[string, string]> = [
    ...escapes,
    ["link-in", "path.symlink"],
    ["chain-in", "path.symlink"],
    ["dangling-dir/new.txt", "path.symlink_escape"],
    ["link-dir-out/new.txt", "path.symlink_escape"],
    ["proc-root/tmp/warden-escape.txt", "path.symlink_escape"],
    ["dir", "path.not_a_file"],
    ["fifo", "path.not_a_file"],
    ["notes.txt/child", "path.not_a_directory"],
  ];
  for (const [path, id] of writeCases) {
    refused(await wfs.write(fill(path), "pwned"), id, `write ${JSON.stringify(path)}`);
    // edit reads through inside links (then finds no match); everything else is refused the same way.
    const editId = id === "path.symlink" ? "fs.edit_not_found" : id;
    refused(await wfs.edit(fill(path), "secret", "pwned"), editId, `edit ${JSON.stringify(path)}`);
    if (!["link-in", "chain-in", "notes.txt/child"].includes(path)) refused(await wfs.remove(fill(path)), id, `remove ${JSON.stringify(path)}`);
  }
  assert.equal(readFileSync(join(fx.outside, "secret.txt"), "utf8"), "outside-secret");
  assert.equal(readFileSync(join(fx.evil, "secret.txt"), "utf8"), "evil-secret");
  assert.deepEqual(readdirSync(fx.outside).sort(), ["secret.txt"]);
  assert.equal(existsSync("/tmp/warden-escape.txt"), false);
  assert.equal(fx.store.list().length, 0, "refused operations keep no snapshots");
});

void test("links that stay inside are followed for reading; absolute paths inside the workspace work", async () => {
  const viaChain = await wfs.read("chain-in");
  assert.ok(viaChain.ok);
  assert.equal(viaChain.text, "inner\n");
  const viaDir = await wfs.read("link-dir-in/inner.txt");
  assert.ok(viaDir.ok && viaDir.text === "inner\n");
  const abs = await wfs.read(join(fx.ws, "notes.txt"));
  assert.ok(abs.ok && abs.path === "notes.txt");
});

void test("binary files come back as a note, large files truncated", async () => {
  const bin = await wfs.read("binary.bin");
  assert.ok(bin.ok && bin.binary);
  assert.match(bin.text, /binary file, 8 bytes/);
  writeFileSync(join(fx.ws, "big.txt"), "y".repeat(100_000));
  const big = await wfs.read("big.txt");
  assert.ok(big.ok && big.truncated && big.text.length === 64 * 1024 && big.size === 100_000);
  refused(await wfs.write("too-big.txt", "z".repeat(64 * 1024 + 1)), "fs.too_large", "oversized write");
});

void test("writes are atomic, create parents, keep the mode, leave no temp files, and undo restores", async () => {
  const created = await wfs.write("new/deep/file.txt", "first");
  assert.ok(created.ok && created.created);
  assert.equal(readFileSync(join(fx.ws, "new/deep/file.txt"), "utf8"), "first");

  writeFileSync(join(fx.ws, "script.sh"), "echo old\n", { mode: 0o750 });
  const over = await wfs.write("script.sh", "echo new\n");
  assert.ok(over.ok && !over.created && over.snapshotId !== null);
  assert.equal(statSync(join(fx.ws, "script.sh")).mode & 0o777, 0o750);
  assert.deepEqual(readdirSync(fx.ws).filter((n) => n.includes(".warden-")), []);

  const edited = await wfs.edit("script.sh", "new", "newer");
  assert.ok(edited.ok);
  refused(await wfs.edit("script.sh", "e", "x"), "fs.edit_ambiguous", "ambiguous edit");
  refused(await wfs.edit("script.sh", "absent", "x"), "fs.edit_not_found", "missing edit");
  refused(await wfs.edit("binary.bin", "E", "x"), "fs.binary", "binary edit");

  const removed = await wfs.remove("notes.txt");
  assert.ok(removed.ok);
  assert.equal(existsSync(join(fx.ws, "notes.txt")), false);

  // Undo, newest first: the delete, the edit, the overwrite, the creation.
  const u1 = await wfs.undoLast();
  assert.ok(u1.ok && u1.action === "restored");
  assert.equal(readFileSync(join(fx.ws, "notes.txt"), "utf8"), "hello notes\n");
  assert.ok((await wfs.undoLast()).ok);
  assert.equal(readFileSync(join(fx.ws, "script.sh"), "utf8"), "echo new\n");
  assert.ok((await wfs.undoLast()).ok);
  assert.equal(readFileSync(join(fx.ws, "script.sh"), "utf8"), "echo old\n");
  const u4 = await wfs.undoLast();
  assert.ok(u4.ok && u4.action === "removed");
  assert.equal(existsSync(join(fx.ws, "new/deep/file.txt")), false);
  refused(await wfs.restore(u4.snapshotId), "fs.already_restored", "restore twice");

  // Snapshot contents are private to Warden's state dir.
  assert.equal(statSync(fx.snapshotDir).mode & 0o777, 0o700);
  for (const f of readdirSync(fx.snapshotDir)) assert.equal(statSync(join(fx.snapshotDir, f)).mode & 0o777, 0o600);
});

void test("undo never writes through a symlink planted after the snapshot", async () => {
  const w = await wfs.write("victim.txt", "v1");
  assert.ok(w.ok);
  assert.ok((await wfs.write("victim.txt", "v2")).ok);
  // The attacker replaces the file by a link to an outside file, then asks for undo.
  renameSync(join(fx.ws, "victim.txt"), join(fx.ws, "victim.moved"));
  symlinkSync(join(fx.outside, "secret.txt"), join(fx.ws, "victim.txt"));
  refused(await wfs.undoLast(), "path.symlink_escape", "undo through a link");
  assert.equal(readFileSync(join(fx.outside, "secret.txt"), "utf8"), "outside-secret");
});

void test("a directory swapped for a symlink after it was opened still pins the original directory", async () => {
  const root = fx.ws;
  writeFileSync(join(root, "sub", "race.txt"), "orig");
  const dir = await openWorkspaceDir({ real: root, fenced: [] }, ["sub"], false, handleOps);
  try {
    // Between check and use: `sub` becomes a link to the outside folder.
    renameSync(join(root, "sub"), join(root, "sub-real"));
    symlinkSync(fx.outside, join(root, "sub"));
    const fh = await open(fdChild(dir.handle, "race.txt"), constants.O_WRONLY | constants.O_TRUNC | constants.O_NOFOLLOW);
    await fh.writeFile("through the pinned directory");
    await fh.close();
  } finally {
    await dir.handle.close();
  }
  assert.equal(readFileSync(join(root, "sub-real", "race.txt"), "utf8"), "through the pinned directory");
  assert.deepEqual(readdirSync(fx.outside).sort(), ["secret.txt"]);
  // And through the public API, the swapped path is now refused.
  refused(await wfs.write("sub/race.txt", "x"), "path.symlink_escape", "write via swapped dir");
});

void test("a missing workspace, or the root as workspace, is refused", async () => {
  const gone = createWorkspaceFs({ workspace: join(fx.base, "nope"), protectedDirs: [], snapshots: fx.store });
  refused(await gone.read("x"), "path.workspace_missing", "missing workspace");
  const rootWs = createWorkspaceFs({ workspace: "/", protectedDirs: [], snapshots: fx.store });
  refused(await rootWs.read("etc/passwd"), "path.workspace_unsafe", "root workspace");
});

void test("`..` that stays inside the workspace is resolved and verified, not refused", async () => {
  mkdirSync(join(fx.ws, "dd"), { recursive: true });
  const r = await wfs.read("dd/../notes.txt");
  assert.ok(r.ok && r.text === "hello notes\n" && r.path === "notes.txt", JSON.stringify(r));
  const w = await wfs.write("dd/./../dotdot-made.txt", "inside");
  assert.ok(w.ok && w.path === "dotdot-made.txt", JSON.stringify(w));
  assert.equal(readFileSync(join(fx.ws, "dotdot-made.txt"), "utf8"), "inside");
  // Through a link, `..` is the parent of the link's target, as the kernel sees it: outside here.
  refused(await wfs.read("link-dir-out/../outside/secret.txt"), "path.outside_workspace", "link/..");
  refused(await wfs.write("dd/../../escape.txt", "x"), "path.outside_workspace", "dd/../..");
  assert.equal(existsSync(join(fx.base, "escape.txt")), false);
});
