import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { scanTree, DEFAULT_SCAN_LIMITS } from "./scan-tree.ts";
import { findSecretsFallback } from "./fallback-secrets.ts";

const dirs: string[] = [];
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), "warden-scan-"));
  dirs.push(d);
  return d;
}
// Assembled at run time so that this file itself never holds a key-shaped string.
const awsKey = ["AKIA", "IOSFODNN7", "EXAMPLE"].join("");

test("finds an AWS key id and a private key, naming file, line and rule, never the value", () => {
  const root = tmp();
  mkdirSync(join(root, "notes"));
  writeFileSync(join(root, "notes", "aws.txt"), `hello\naws_access_key_id = ${awsKey}\n`);
  writeFileSync(join(root, "id_rsa"), "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n");
  writeFileSync(join(root, "clean.md"), "nothing here\n");
  const scan = scanTree(root, findSecretsFallback);
  assert.equal(scan.filesScanned, 3);
  assert.deepEqual(scan.secrets, [
    { path: "id_rsa", ruleId: "private-key", line: 1 },
    { path: join("notes", "aws.txt"), ruleId: "aws-access-token", line: 2 },
  ]);
  assert.doesNotMatch(JSON.stringify(scan), new RegExp(awsKey));
});

test("does not follow symlinks (file or directory), and skips node_modules and .git", () => {
  const root = tmp();
  const outside = tmp();
  writeFileSync(join(outside, "secret.txt"), awsKey);
  symlinkSync(join(outside, "secret.txt"), join(root, "link.txt"));
  symlinkSync(outside, join(root, "linked-dir"));
  for (const d of ["node_modules", ".git"]) {
    mkdirSync(join(root, d));
    writeFileSync(join(root, d, "k.txt"), awsKey);
  }
  const scan = scanTree(root, findSecretsFallback);
  assert.deepEqual(scan.secrets, []);
  assert.equal(scan.filesScanned, 0);
  assert.equal(scanTree(join(root, "linked-dir"), findSecretsFallback).skipped, "is a symlink (not followed)");
});

test("stops at its caps and says the scan is partial", () => {
  const root = tmp();
  for (let i = 0; i < 20; i++) writeFileSync(join(root, `f${i}.txt`), "x");
  writeFileSync(join(root, "big.txt"), `${"y".repeat(5000)}${awsKey}`);
  const capped = scanTree(root, findSecretsFallback, { ...DEFAULT_SCAN_LIMITS, maxFiles: 5 });
  assert.equal(capped.truncated, true);
  assert.equal(capped.filesScanned, 5);
  const small = scanTree(root, findSecretsFallback, { ...DEFAULT_SCAN_LIMITS, maxFileBytes: 1000 });
  assert.deepEqual(small.secrets, [], "files above the size cap are not read");
  let deep = root;
  for (let i = 0; i < 5; i++) {
    deep = join(deep, `d${i}`);
    mkdirSync(deep);
  }
  writeFileSync(join(deep, "k.txt"), awsKey);
  const shallow = scanTree(root, findSecretsFallback, { ...DEFAULT_SCAN_LIMITS, maxDepth: 2 });
  assert.equal(shallow.truncated, true);
});

test("binary files are skipped; a missing root is reported, not thrown", () => {
  const root = tmp();
  writeFileSync(join(root, "bin.dat"), Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(awsKey)]));
  assert.deepEqual(scanTree(root, findSecretsFallback).secrets, []);
  assert.equal(scanTree(join(root, "nope"), findSecretsFallback).skipped, "does not exist");
});
