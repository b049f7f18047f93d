import { test, after } from "node:test";
import assert from "node:assert/strict";
import { lstatSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, statSync, chmodSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readSecretFile, redactSecrets } from "./secret-file.ts";
import { writePrivateFile } from "../ops/secrets/private-files.ts";

const dir = mkdtempSync(join(tmpdir(), "warden-secret-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const token = "123456:AAE-super-secret-token";

void test("a secret written with writePrivateFile is 0600 and reads back", () => {
  const p = join(dir, "token");
  writePrivateFile(p, `${token}\n`);
  assert.equal(statSync(p).mode & 0o777, 0o600);
  assert.equal(readSecretFile(p), token);
  chmodSync(p, 0o644);
  writePrivateFile(p, `${token}\n`);
  assert.equal(statSync(p).mode & 0o777, 0o600, "an existing loose file is tightened");
});

void test("refuses symlinks, loose modes, directories, empty files; errors never carry the secret", () => {
  const real = join(dir, "real");
  writePrivateFile(real, `${token}\n`);
  const link = join(dir, "link");
  symlinkSync(real, link);
  assert.throws(() => readSecretFile(link), (e: Error) => e.message.includes("symlink") && !e.message.includes(token));
  writePrivateFile(link, "x\n");
  assert.equal(readFileSync(real, "utf8").trim(), token, "the link target was not written through");
  assert.ok(!lstatSync(link).isSymbolicLink(), "the link itself was replaced by a regular file");
  rmSync(link);
  symlinkSync(real, link);

  const loose = join(dir, "loose");
  writeFileSync(loose, token, { mode: 0o644 });
  chmodSync(loose, 0o644);
  assert.throws(() => readSecretFile(loose), (e: Error) => e.message.includes("chmod 600") && !e.message.includes(token));

  const sub = join(dir, "sub");
  mkdirSync(sub, { mode: 0o700 });
  assert.throws(() => readSecretFile(sub));
  const empty = join(dir, "empty");
  writeFileSync(empty, "\n", { mode: 0o600 });
  assert.throws(() => readSecretFile(empty), /empty/);
  assert.throws(() => readSecretFile(join(dir, "missing")), /cannot open/);
});

void test("redacts every occurrence", () => {
  assert.equal(redactSecrets(`GET /bot${token}/getMe failed (${token})`, [token]), "GET /bot[redacted]/getMe failed ([redacted])");
});
