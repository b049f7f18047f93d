import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { createWorkspaceFs, type ReadResult, type WorkspaceFs, type WriteResult } from "./workspace-fs.ts";
import { createFileMarks, fileMarkMigrations, MaxMarks, MinMovedBytes, PruneEvery, type FileMarks } from "./file-marks.ts";
import { createFixture, type Fixture } from "../../test/support/workspace-fixture.ts";

let fx: Fixture;
let wfs: WorkspaceFs;
let marks: FileMarks;
let db: DatabaseSync;

before(() => {
  fx = createFixture();
  wfs = createWorkspaceFs({ workspace: fx.ws, protectedDirs: [], snapshots: fx.store, maxReadBytes: 64, maxWriteBytes: 4096 });
  db = new DatabaseSync(":memory:");
  for (const { sql } of fileMarkMigrations) db.exec(sql);
  marks = createFileMarks({ db, workspace: fx.ws });
});
after(() => {
  db.close();
  fx.cleanup();
});

async function write(path: string, content: string): Promise<WriteResult> {
  const r = await wfs.write(path, content);
  assert.equal(r.ok, true, `write ${path}`);
  return r as WriteResult;
}

async function read(path: string): Promise<ReadResult> {
  const r = await wfs.read(path);
  assert.equal(r.ok, true, `read ${path}`);
  return r as ReadResult;
}

describe("a workspace file's identity", () => {
  test("every spelling of one file — ./, //, absolute, `..`, a symlinked directory, a symlink to the file — is one real path", async () => {
    const w = await write("./sub//report.md", "see https://attacker.example/c?d=1\n");
    assert.equal(w.realPath, "sub/report.md");
    writeFileSync(join(fx.ws, "report-link.md"), "");
    for (const spelling of ["sub/report.md", "./sub/report.md", "sub//report.md", `${fx.ws}/sub/report.md`, "dir/../sub/report.md", "link-dir-in/report.md", "sub/./report.md"]) {
      const r = await read(spelling);
      assert.equal(r.realPath, "sub/report.md", spelling);
      assert.equal(r.sha256, w.sha256, spelling);
    }
  });

  test("a write through a symlinked directory is the real file too", async () => {
    const w = await write("link-dir-in/via-link.md", "x");
    assert.equal(w.realPath, "sub/via-link.md");
  });

  test("a read cut at the read limit still hashes the whole file, so a long write cannot hide its mark", async () => {
    const long = `${"a".repeat(200)} https://attacker.example/c?d=2`;
    const w = await write("long.md", long);
    const r = await read("long.md");
    assert.equal(r.truncated, true);
    assert.equal(r.sha256, w.sha256);
  });

  test("a file larger than the write limit has no hash: no tool could have written it", async () => {
    writeFileSync(join(fx.ws, "huge.log"), "z".repeat(5000));
    const r = await read("huge.log");
    assert.equal(r.sha256, undefined);
    assert.equal(r.truncated, true);
  });
});

describe("file marks", () => {
  const at = (path: string, sha256: string, size = 10) => ({ path, sha256, size });

  test("a mark follows the bytes: the same path with other bytes (the owner's edit) is unmarked", () => {
    marks.record(at("a.md", "h1"), { confidentiality: "private", tainted: true });
    assert.deepEqual(marks.find(at("a.md", "h1")), { confidentiality: "private", tainted: true });
    assert.equal(marks.find(at("a.md", "h2")), undefined);
  });

  test("long content keeps its mark under another name; short content only at its own path", () => {
    marks.record(at("long.md", "h3", MinMovedBytes), { confidentiality: "secret", tainted: true });
    assert.equal(marks.find(at("copy.md", "h3", MinMovedBytes))?.confidentiality, "secret");
    marks.record(at("ok.md", "h4", 2), { confidentiality: "private", tainted: true });
    assert.equal(marks.find(at("other.md", "h4", 2)), undefined);
    assert.ok(marks.find(at("ok.md", "h4", 2)));
  });

  test("rewriting the same bytes from a cleaner context does not lower the mark", () => {
    marks.record(at("s.md", "h5"), { confidentiality: "secret", tainted: true });
    marks.record(at("s.md", "h5"), { confidentiality: "public", tainted: false });
    assert.deepEqual(marks.find(at("s.md", "h5")), { confidentiality: "secret", tainted: true });
  });

  test("a mark remembers that its context held private data nobody asked for, and keeps it when merged", () => {
    marks.record(at("u.md", "h6"), { confidentiality: "private", tainted: true, unasked: true });
    marks.record(at("u.md", "h6"), { confidentiality: "private", tainted: true });
    assert.deepEqual(marks.find(at("u.md", "h6")), { confidentiality: "private", tainted: true, unasked: true });
    assert.deepEqual(marks.listUnder(["u.md"], 8).files.map((f) => f.unasked), [true]);
  });

  test("marks of another workspace do not apply", () => {
    const other = createFileMarks({ db, workspace: "/elsewhere" });
    assert.equal(other.find(at("a.md", "h1")), undefined);
  });

  test("the table is bounded: the oldest marks go first", () => {
    const local = new DatabaseSync(":memory:");
    for (const { sql } of fileMarkMigrations) local.exec(sql);
    let clock = 0;
    const m = createFileMarks({ db: local, workspace: "/w", now: () => ++clock });
    const total = MaxMarks + 2 * PruneEvery;
    for (let i = 0; i < total; i++) m.record(at(`f${i}.md`, `h${i}`), { confidentiality: "private", tainted: true });
    assert.equal(m.find(at("f0.md", "h0")), undefined);
    assert.ok(m.find(at(`f${total - 1}.md`, `h${total - 1}`)));
    const { n } = local.prepare("SELECT count(*) AS n FROM fs_marks").get() as { n: number };
    assert.ok(Number(n) <= MaxMarks + PruneEvery, `${n} rows`);
    local.close();
  });

  test("a flood of weaker marks does not push out a mark of bytes composed next to a secret", () => {
    const local = new DatabaseSync(":memory:");
    for (const { sql } of fileMarkMigrations) local.exec(sql);
    let clock = 0;
    const m = createFileMarks({ db: local, workspace: "/w", now: () => ++clock });
    m.record(at("todo.md", "hs"), { confidentiality: "secret", tainted: true });
    for (let i = 0; i < MaxMarks + 2 * PruneEvery; i++) m.record(at(`f${i}.md`, `h${i}`), { confidentiality: "private", tainted: true });
    assert.deepEqual(m.find(at("todo.md", "hs")), { confidentiality: "secret", tainted: true });
    local.close();
  });

  test("listing below paths: files at or under them, and windows over them", () => {
    const local = new DatabaseSync(":memory:");
    for (const { sql } of fileMarkMigrations) local.exec(sql);
    const m = createFileMarks({ db: local, workspace: "/w" });
    m.record(at("todo/today.md", "h1"), { confidentiality: "secret", tainted: true });
    m.record(at("todone.md", "h2"), { confidentiality: "private", tainted: true });
    m.record(at("notes.md", "h3"), { confidentiality: "private", tainted: false });
    const paths = (l: { files: { path: string }[] }) => l.files.map((f) => f.path).sort();
    assert.deepEqual(paths(m.listUnder(["todo"], 10)), ["todo/today.md"], "a sibling sharing the prefix is not below");
    assert.deepEqual(paths(m.listUnder([""], 10)), ["notes.md", "todo/today.md", "todone.md"]);
    assert.equal(m.listUnder([""], 2).complete, false);
    m.recordWindow("", 1000, 2000, { confidentiality: "private", tainted: true });
    assert.ok(m.listUnder(["todone.md"], 10).files.some((f) => f.path === "" && f.sha256.startsWith("window:")));
    local.close();
  });
});

describe("a window mark (too many files changed to mark one by one)", () => {
  test("marks files whose status changed inside it, and none changed after", async () => {
    const at = (path: string, sha256: string) => ({ path, sha256, size: 10 });
    await write("w/in.md", "written by the command");
    const st = statSync(join(fx.ws, "w/in.md"));
    marks.recordWindow("w", st.ctimeMs - 1, st.ctimeMs + 1, { confidentiality: "private", tainted: true });
    assert.deepEqual(marks.find(at("w/in.md", "any-bytes")), { confidentiality: "private", tainted: true });
    assert.deepEqual(marks.findAtPath("w/in.md"), { confidentiality: "private", tainted: true });
    assert.equal(marks.findAtPath("elsewhere.md"), undefined, "only below its prefix");
    // The owner's later change moves the file out of the window: it is the owner's again.
    await new Promise((resolve) => setTimeout(resolve, 20));
    writeFileSync(join(fx.ws, "w/in.md"), "the owner's edit");
    assert.equal(marks.findAtPath("w/in.md"), undefined);
  });
});
