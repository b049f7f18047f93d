// The release builder gives the same bytes for the same commit (twice, and from a second clone made with another
// umask), and the unpacker refuses an archive with a link, an absolute path or a `..` before writing anything.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as tar from "tar";
import { buildRelease } from "./release-build.ts";
import { checkArchive, unpackArchive } from "./release-archive.ts";
import { makeProject } from "../../test/support/release-fixture.ts";
import { makeTempDir } from "../../test/support/temp-dir.ts";

void test("building the same commit twice, and from another clone, gives identical tarball and SBOM bytes", async () => {
  const t = makeTempDir("release-build");
  try {
    const project = makeProject(join(t.dir, "a"), "1.2.3");
    const first = await buildRelease({ checkout: project });
    const second = await buildRelease({ checkout: project });
    assert.ok(first.tarball.bytes.equals(second.tarball.bytes));
    assert.ok(first.sbom.bytes.equals(second.sbom.bytes));
    execFileSync("sh", ["-c", `umask 002 && git clone -q "${project}" "${join(t.dir, "b")}"`]);
    const clone = await buildRelease({ checkout: join(t.dir, "b") });
    assert.ok(first.tarball.bytes.equals(clone.tarball.bytes), "another clone (other umask, other file times) builds the same bytes");
    assert.ok(first.sbom.bytes.equals(clone.sbom.bytes));
    assert.equal(first.time.toISOString(), "2026-11-01T00:00:00.000Z", "the time inside is the commit's");

    const file = join(t.dir, "r.tar.gz");
    writeFileSync(file, first.tarball.bytes);
    const listed: string[] = [];
    await tar.t({ file, onReadEntry: (e) => listed.push(`${e.path} ${(e.mode ?? 0).toString(8)} ${e.uid ?? 0}:${e.gid ?? 0} ${e.mtime?.toISOString() ?? ""}`) });
    assert.deepEqual(listed, [
      "README.md 644 0:0 2026-11-01T00:00:00.000Z",
      "bin/warden 755 0:0 2026-11-01T00:00:00.000Z",
      "package-lock.json 644 0:0 2026-11-01T00:00:00.000Z",
      "package.json 644 0:0 2026-11-01T00:00:00.000Z",
      "src/main.ts 644 0:0 2026-11-01T00:00:00.000Z",
    ]);
    unpackArchive(file, join(t.dir, "out"));
    assert.equal(statSync(join(t.dir, "out", "bin", "warden")).mode & 0o111, 0o111);
  } finally {
    t.cleanup();
  }
});

void test("a release is refused when tracked files changed, or its version is not MAJOR.MINOR.PATCH", async () => {
  const t = makeTempDir("release-dirty");
  try {
    const project = makeProject(join(t.dir, "p"), "1.0.0");
    writeFileSync(join(project, "README.md"), "changed\n");
    await assert.rejects(buildRelease({ checkout: project }), /uncommitted changes/);
    const beta = makeProject(join(t.dir, "q"), "1.0.0-beta.1");
    await assert.rejects(buildRelease({ checkout: beta }), /MAJOR\.MINOR\.PATCH/);
  } finally {
    t.cleanup();
  }
});

void test("archives with a symlink, a `..` path or an absolute path are refused before anything is written", async () => {
  const t = makeTempDir("release-evil");
  try {
    const src = join(t.dir, "src");
    mkdirSync(join(src, "inner"), { recursive: true });
    writeFileSync(join(src, "ok.txt"), "ok");
    writeFileSync(join(t.dir, "outside.txt"), "outside");
    symlinkSync("/etc/passwd", join(src, "link"));
    const cases: [string, () => Promise<void>, RegExp][] = [
      ["symlink", () => tar.c({ file: join(t.dir, "symlink.tgz"), gzip: true, cwd: src }, ["ok.txt", "link"]), /SymbolicLink/],
      ["dotdot", () => tar.c({ file: join(t.dir, "dotdot.tgz"), gzip: true, cwd: join(src, "inner"), preservePaths: true }, ["../../outside.txt"]), /climbs out/],
      ["absolute", () => tar.c({ file: join(t.dir, "absolute.tgz"), gzip: true, cwd: src, preservePaths: true }, [join(t.dir, "outside.txt")]), /absolute path/],
    ];
    for (const [name, make, reason] of cases) {
      await make();
      const file = join(t.dir, `${name}.tgz`);
      const checked = checkArchive(file);
      assert.ok(!checked.ok, name);
      assert.match(checked.reason, reason);
      assert.throws(() => unpackArchive(file, join(t.dir, `out-${name}`)), reason);
      assert.ok(!existsSync(join(t.dir, `out-${name}`)), `${name}: nothing was unpacked`);
    }
    writeFileSync(join(t.dir, "garbage.tgz"), "not a tarball at all");
    assert.equal(checkArchive(join(t.dir, "garbage.tgz")).ok, false);
    assert.deepEqual(readdirSync(t.dir).filter((f) => f.startsWith("out-")), []);
  } finally {
    t.cleanup();
  }
});
