// What a shell command wrote, found afterwards by what changed: new files, rewritten files, renamed files (a rename
// changes the file's ctime), never through a symbolic link, and within limits that say when they stopped the walk.
import { test } from "node:test";
import assert from "node:assert/strict";
import { lstatSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { defaultChangedFilesLimits, findChangedFiles, inodeKey } from "./changed-files.ts";

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

test("files written or renamed since the start are found by identity; older ones and links are not", async (t) => {
  const root = mkdtempSync(join(tmpdir(), "warden-changed-"));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const ws = join(root, "ws");
  const outside = join(root, "outside");
  mkdirSync(join(ws, "sub"), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, "far.txt"), "not in the workspace");
  symlinkSync(outside, join(ws, "link-dir"));
  writeFileSync(join(ws, "old.txt"), "old");
  writeFileSync(join(ws, "short.md"), "[x](http://a.example/)");
  // The setup is well before the command starts: more than the (test-sized) clock slack plus a kernel tick.
  const limits = { ...defaultChangedFilesLimits, clockSlackMs: 25 };
  await sleep(150);
  const now = Date.now();
  assert.deepEqual(findChangedFiles(ws, now, limits), { files: [], complete: true });
  writeFileSync(join(ws, "sub", "new.md"), "hello");
  renameSync(join(ws, "short.md"), join(ws, "moved.md"));
  const changed = findChangedFiles(ws, now, limits);
  const byPath = new Map(changed.files.map((f) => [f.realPath, f]));
  assert.equal(changed.complete, true);
  assert.deepEqual(byPath.get("sub/new.md"), { realPath: "sub/new.md", size: 5, wrote: true, sha256: sha("hello") });
  // A rename keeps the contents and the mtime, but not the ctime.
  assert.equal(byPath.get("moved.md")?.sha256, sha("[x](http://a.example/)"));
  assert.ok(![...byPath.keys()].some((p) => p.includes("far.txt")), "never walks through a symbolic link");
  assert.equal(byPath.has("old.txt"), false);
});

test("limits stop the walk and say so; large files are reported without a hash", (t) => {
  const ws = mkdtempSync(join(tmpdir(), "warden-changed-"));
  t.after(() => rmSync(ws, { recursive: true, force: true }));
  const start = Date.now();
  for (let i = 0; i < 5; i += 1) writeFileSync(join(ws, `f${i}.txt`), "x".repeat(i * 10));
  const few = findChangedFiles(ws, start, { ...defaultChangedFilesLimits, maxFiles: 2 });
  assert.equal(few.complete, false);
  assert.equal(few.files.length, 2);
  const walk = findChangedFiles(ws, start, { ...defaultChangedFilesLimits, maxEntries: 3 });
  assert.equal(walk.complete, false);
  const big = findChangedFiles(ws, start, { ...defaultChangedFilesLimits, maxHashBytes: 15 });
  assert.equal(big.complete, true);
  for (const f of big.files) assert.equal(f.sha256 === undefined, f.size > 15, f.realPath);
});

test("files moved with their directory are found by the inodes known before; a stopped walk gives its time span", async (t) => {
  const ws = mkdtempSync(join(tmpdir(), "warden-changed-"));
  t.after(() => rmSync(ws, { recursive: true, force: true }));
  mkdirSync(join(ws, "todo"));
  writeFileSync(join(ws, "todo", "today.md"), "- rotate it");
  writeFileSync(join(ws, "todo", "other.md"), "- unmarked");
  const limits = { ...defaultChangedFilesLimits, clockSlackMs: 25 };
  await sleep(150);
  const marked = new Set([inodeKey(lstatSync(join(ws, "todo", "today.md")))]);
  const now = Date.now();
  renameSync(join(ws, "todo"), join(ws, "done"));
  // Renaming the directory changes no file's status: only the inode says where the marked bytes went.
  assert.deepEqual(findChangedFiles(ws, now, limits).files, []);
  assert.deepEqual(findChangedFiles(ws, now, limits, marked).files.map((f) => f.realPath), ["done/today.md"]);
  const stopped = findChangedFiles(ws, 0, { ...limits, maxFiles: 1 });
  assert.equal(stopped.complete, false);
  assert.ok(stopped.window !== undefined && stopped.window.sinceMs <= 0 && stopped.window.untilMs >= now);
});
