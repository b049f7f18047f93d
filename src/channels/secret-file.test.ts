import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync, statSync, chmodSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readSecretFile, writeSecretFile, redactSecrets } from "./secret-file.ts";

const dir = mkdtempSync(join(tmpdir(), "warden-secret-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const token = "123456:AAE-super-secret-token";

void test("writes 0600 and reads back", () => {
  const p = join(dir, "token");
  writeSecretFile(p, token);
  assert.equal(statSync(p).mode & 0o777, 0o600);
  assert.equal(readSecretFile(p), token);
  chmodSync(p, 0o644);
  writeSecretFile(p, token);
  assert.equal(statSync(p).mode & 0o777, 0o600, "an existing loose file is tightened");
});

void test("refuses symlinks, loose modes, directories, empty files; errors never carry the secret", () => {
  const real = join(dir, "real");
  writeSecretFile(real, token);
  const link = join(dir, "link");
  symlinkSync(real, link);
  assert.throws(() => readSecretFile(link), (e: Error) => e.message.includes("symlink") && !e.message.includes(token));
  assert.throws(() => writeSecretFile(link, "x"), /symlink/);
  assert.equal(readFileSync(real, "utf8").trim(), token, "the link target was not overwritten");

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
