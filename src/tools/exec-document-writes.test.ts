// The files a command writes count as plain documents only when nothing runs them or what they hold: real files in a
// temporary workspace.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { documentWrites } from "./exec-document-writes.ts";

const roots: string[] = [];
after(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

function workspace(files: Record<string, string>): string {
  const ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-docw-")));
  roots.push(ws);
  for (const [p, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(ws, p)), { recursive: true });
    fs.writeFileSync(path.join(ws, p), text);
  }
  return ws;
}

test("new and existing plain documents are listed, workspace-relative", () => {
  const ws = workspace({ "namen.txt": "Bert\nAnna\n", "notes/a.md": "x\n" });
  assert.deepEqual(documentWrites(ws, [path.join(ws, "namen.txt"), path.join(ws, "sorted.txt"), path.join(ws, "notes/a.md")]), ["namen.txt", "sorted.txt", "notes/a.md"]);
});

test("scripts, dotfiles, hard links, executables and files that run later are not plain documents", () => {
  const ws = workspace({
    "deploy.sh": "#!/bin/sh\n", ".env": "A=1\n", "build.txt": "echo a\n", Makefile: "all:\n\tsh build.txt\n",
    "jobs.txt": "0 3 * * * /home/me/backup.sh\n", "x.txt": "#!/bin/sh\necho\n", ".git/hooks/pre-commit": "#!/bin/sh\n", "run.txt": "a\n",
  });
  fs.linkSync(path.join(ws, ".git/hooks/pre-commit"), path.join(ws, "linked.txt"));
  fs.chmodSync(path.join(ws, "run.txt"), 0o755);
  for (const rel of ["deploy.sh", ".env", "build.txt", "jobs.txt", "x.txt", "linked.txt", "run.txt", ".git/hooks/notes.txt", "../outside.txt"]) {
    assert.equal(documentWrites(ws, [path.join(ws, "namen.txt"), path.join(ws, rel)]), undefined, rel);
  }
  assert.equal(documentWrites(ws, []), undefined);
});
