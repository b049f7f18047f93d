// Cost per exec of the run-later undo (tools/exec-run-later.ts): the snapshot taken before a command (a walk of the
// workspace, the run-later files' content kept) and the walk after it that compares them, on a project of ~4,000
// files: 3,900 sources and documents in 60 folders, a `.git` with hooks, config and 500 objects, 40 run-later files
// (Makefile, package.json, CI workflows, .envrc, conftest.py, …), and a `node_modules` of 2,000 files (the snapshot's
// heavy part: all of it runs later). Per exec: snapshot + undo with nothing changed. Bounded: RUNS per variant.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { measureSync } from "./support/timing.ts";
import { judgedWrites, snapshotRunLater, undoRunLater } from "../src/tools/exec-run-later.ts";

const RUNS = 30;

const measure = (fn: () => unknown, before?: () => void) => measureSync(RUNS, fn, before);

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-bench-runlater-")));
try {
  const ws = path.join(root, "ws");
  const put = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    fs.writeFileSync(path.join(ws, rel), text);
  };
  for (let f = 0; f < 3_900; f += 1) put(`src/m${f % 60}/${f % 3 === 0 ? `notes${f}.md` : `file${f}.ts`}`, "export const x = 1;\n".repeat(20));
  for (let i = 0; i < 500; i += 1) put(`.git/objects/${(i % 256).toString(16).padStart(2, "0")}/obj${i}`, "blob");
  for (const h of ["pre-commit.sample", "pre-push.sample", "commit-msg.sample"]) put(`.git/hooks/${h}`, "#!/bin/sh\nexit 0\n");
  put(".git/config", "[core]\n\tbare = false\n");
  put(".git/HEAD", "ref: refs/heads/main\n");
  for (const p of ["Makefile", "package.json", ".envrc", "conftest.py", "tox.ini", "setup.py", "Dockerfile", ".pre-commit-config.yaml"]) put(p, "x\n".repeat(200));
  for (let i = 0; i < 32; i += 1) put(`.github/workflows/w${i}.yml`, "on: push\n".repeat(40));
  for (let i = 0; i < 2_000; i += 1) put(`node_modules/pkg${i % 100}/lib/f${i}.js`, "module.exports = 1;\n".repeat(50));
  let kept = 0;
  let bytes = 0;
  const perExec = measure(() => {
    const snap = snapshotRunLater(ws);
    kept = snap.kept.size;
    bytes = [...snap.kept.values()].reduce((n, k) => n + (k.content?.length ?? 0), 0);
    const undone = undoRunLater(snap, judgedWrites(snap.root, snap.root, undefined), path.join(root, "aside"));
    if (undone.length > 0) throw new Error("nothing changed, nothing to undo");
  });
  const snapshotOnly = measure(() => snapshotRunLater(ws));
  process.stdout.write(`${JSON.stringify({ runs: RUNS, files: 3_900 + 500 + 3 + 2 + 8 + 32 + 2_000, runLaterFilesKept: kept, contentBytesKept: bytes, perExec, snapshotOnly })}\n`);
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
