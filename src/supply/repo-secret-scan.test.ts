import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { scanRepositoryFiles } from "./repo-secret-scan.ts";
import { findSecretsFallback } from "../audit/fallback-secrets.ts";

const dir = mkdtempSync(join(tmpdir(), "warden-repo-scan-"));
after(() => rmSync(dir, { recursive: true, force: true }));
// Built at run time so this file holds no credential-shaped string itself.
const fakeAwsKey = ["AKIA", "Z7XQ3MJ5WN2KD4PL"].join("");
const pemHeader = ["-----BEGIN RSA", "PRIVATE KEY-----"].join(" ");

test("a leaked key in a tracked file fails; an allowlisted fixture does not; stale allowances are reported", () => {
  writeFileSync(join(dir, "config.ts"), `const key = "${fakeAwsKey}";\n`);
  writeFileSync(join(dir, "fixture.yaml"), `token: ${fakeAwsKey}\n`);
  writeFileSync(join(dir, "clean.md"), "nothing here\n");
  writeFileSync(join(dir, "blob.bin"), Buffer.from([1, 0, 2]));
  const allow = { allow: [
    { path: "fixture.yaml", ruleId: "aws-access-token", reason: "a canary key the scenario plants on purpose" },
    { path: "gone.yaml", ruleId: "aws-access-token", reason: "a fixture that was deleted since" },
  ] };
  const r = scanRepositoryFiles(dir, ["config.ts", "fixture.yaml", "clean.md", "blob.bin", "missing.txt"], findSecretsFallback, allow);
  assert.deepEqual(r.leaks, [{ path: "config.ts", ruleId: "aws-access-token", line: 1 }]);
  assert.equal(r.allowed, 1);
  assert.equal(r.filesScanned, 3);
  assert.equal(r.filesSkipped, 2);
  assert.deepEqual(r.unusedAllowances.map((a) => a.path), ["gone.yaml"]);
  assert.doesNotMatch(JSON.stringify(r), /AKIA/, "the result never carries the secret");
});

test("an allowance is for one rule in one file: another rule in the same file still fails", () => {
  writeFileSync(join(dir, "two.txt"), `${fakeAwsKey}\n${pemHeader}\nMIIEowIBAAKCAQEA${"x".repeat(64)}\n`);
  const r = scanRepositoryFiles(dir, ["two.txt"], findSecretsFallback, { allow: [{ path: "two.txt", ruleId: "aws-access-token", reason: "the AWS fixture only" }] });
  assert.equal(r.allowed, 1);
  assert.deepEqual(r.leaks.map((l) => l.ruleId), ["private-key"]);
});
