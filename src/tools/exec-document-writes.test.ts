// The files a command writes count as plain documents only when nothing runs them or what they hold: real files in a
// temporary workspace.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { documentWrites, namedReads } from "./exec-document-writes.ts";
import { createShellAnalyzer, decideExec } from "../exec/index.ts";
import { DEFAULT_PATH } from "../sandbox/index.ts";

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

void test("the files a command reads, from the analyzer's parse: operands, `<`, globs and links resolved; none when it reads unnamed", async () => {
  const ws = workspace({ "namen.txt": "Bert\n", "Public/todo.txt": "x\n", "private/notes.txt": "98765\n", "lager.csv": "a,1\n", "pats.txt": "a\n" });
  fs.symlinkSync(path.join(ws, "private/notes.txt"), path.join(ws, "notes-link.txt"));
  const analyzer = await createShellAnalyzer();
  const reads = (command: string) => {
    const d = decideExec({ command, cwd: ws, workspace: ws, homeDir: path.join(ws, "..", "no-home"), stateDir: path.join(ws, "..", "no-state"), pathEnv: DEFAULT_PATH, policy: { security: "allowlist", ask: "on-miss" } }, analyzer);
    return namedReads(ws, d.facts);
  };
  assert.deepEqual(reads("sort namen.txt > sorted.txt"), ["namen.txt"]);
  assert.deepEqual(reads("sort -o namen.txt ./namen.txt"), ["namen.txt"]);
  assert.deepEqual(reads("sort Public/todo.txt - -o Public/todo.txt < private/notes.txt"), ["Public/todo.txt", "private/notes.txt"]);
  assert.deepEqual(reads("sort Public/todo.txt private/* -o Public/todo.txt"), ["Public/todo.txt", "private/notes.txt"]);
  assert.deepEqual(reads("cat notes-link.txt >> Public/todo.txt"), ["private/notes.txt"]);
  assert.deepEqual(reads("grep -rh . private > Public/todo.txt"), ["private"]);
  assert.deepEqual(reads("grep -f pats.txt lager.csv > out.txt"), ["pats.txt", "lager.csv"]);
  assert.deepEqual(reads("awk -F, '$2 < 5' lager.csv | sort > out.txt"), ["lager.csv"]);
  assert.deepEqual(reads("grep x namen.txt > out.txt"), ["namen.txt"]);
  // Reads the parse cannot name: the working directory, the whole workspace, a repository, names from the input.
  for (const command of ["grep -rh salary > out.txt", "grep -d recurse x > out.txt", "rg salary > out.txt", "ls > files.txt", "du -a > sizes.txt",
    "tree > tree.txt", "grep -rh . . > out.txt", "sort Public/todo.txt */notes.txt -o Public/todo.txt", "git log > log.txt", "git diff > changes.md", "ls | xargs cat > all.txt", "python3 x.py > out.txt"]) {
    assert.equal(reads(command), undefined, command);
  }
});
