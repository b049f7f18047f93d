import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
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
});
