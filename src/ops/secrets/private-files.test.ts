import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeTempDir } from "../../../test/support/temp-dir.ts";
import { ensurePrivateDir, readPrivateFile, writePrivateFile } from "./private-files.ts";

const modeOf = (path: string) => statSync(path).mode & 0o777;

void test("one private-dir check: created 0700; a loose existing dir is tightened, refused or kept as asked", () => {
  const tmp = makeTempDir("private-dir");
  try {
    const fresh = join(tmp.dir, "a", "b");
    ensurePrivateDir(fresh);
    assert.equal(modeOf(fresh), 0o700);
    const loose = join(tmp.dir, "loose");
    mkdirSync(loose);
    chmodSync(loose, 0o755);
    assert.throws(() => ensurePrivateDir(loose, { loose: "refuse" }), /accessible by other users.*chmod 700/);
    ensurePrivateDir(loose, { loose: "keep" });
    assert.equal(modeOf(loose), 0o755);
    ensurePrivateDir(loose);
    assert.equal(modeOf(loose), 0o700, "tighten is the default");
    assert.throws(() => ensurePrivateDir(loose, { uid: statSync(loose).uid + 1 }), /owned by another user/);
    const link = join(tmp.dir, "link");
    symlinkSync(loose, link);
    for (const policy of ["tighten", "refuse", "keep"] as const) assert.throws(() => ensurePrivateDir(link, { loose: policy }), /must be a real directory/);
    writeFileSync(join(tmp.dir, "file"), "x");
    assert.throws(() => ensurePrivateDir(join(tmp.dir, "file")), /cannot create the directory/);
  } finally {
    tmp.cleanup();
  }
});

void test("a private file is written 0600 under a parent that is not a link, and read back only when still private", () => {
  const tmp = makeTempDir("private-file");
  try {
    const file = join(tmp.dir, "sub", "secret");
    writePrivateFile(file, "s3cret");
    assert.equal(modeOf(file), 0o600);
    assert.equal(readPrivateFile(file, undefined)?.toString(), "s3cret");
    assert.equal(readPrivateFile(join(tmp.dir, "missing"), undefined), undefined);
    chmodSync(file, 0o640);
    assert.throws(() => readPrivateFile(file, undefined), /readable by other users/);
    symlinkSync(join(tmp.dir, "sub"), join(tmp.dir, "via-link"));
    assert.throws(() => writePrivateFile(join(tmp.dir, "via-link", "other"), "x"), /must be a real directory/);
  } finally {
    tmp.cleanup();
  }
});
