import { test, after } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { initStateDir, statePaths } from "../state/home.ts";
import { collectAuditInput } from "./collect-input.ts";
import { applyFixes } from "./apply-fixes.ts";
import { runAudit } from "./run-audit.ts";
import { findSecretsFallback } from "./fallback-secrets.ts";

const dirs: string[] = [];
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
const uid = process.getuid?.() ?? null;

function home(): string {
  const d = mkdtempSync(join(tmpdir(), "warden-fix-"));
  dirs.push(d);
  const h = join(d, "home");
  initStateDir(statePaths(h));
  return h;
}
const collect = (h: string) => collectAuditInput({ home: h, nodeVersion: "v24.21.0", uid, detectSandbox: null, findSecrets: findSecretsFallback });
const mode = (p: string) => statSync(p).mode & 0o777;

test("a fresh state directory collects cleanly and has no critical finding", async () => {
  const h = home();
  const input = await collect(h);
  assert.equal(input.credentialLength, 43);
  assert.equal(input.configError, undefined);
  assert.equal(runAudit(input).summary.critical, 0);
});

test("--fix tightens the state dir, config and credential files, turns redaction on and closes open groups", async () => {
  const h = home();
  writeFileSync(join(h, "config.json5"), JSON.stringify({ logging: { redactSensitive: "off" }, channels: { slack: { groupPolicy: "open" } }, tools: { exec: { security: "full" } } }));
  chmodSync(h, 0o777);
  chmodSync(join(h, "config.json5"), 0o666);
  chmodSync(join(h, "secrets.enc.json"), 0o644);
  const before = runAudit(await collect(h));
  for (const id of ["fs.state_dir.perms_world_writable", "fs.config.perms_world_readable", "fs.credentials.perms_readable", "logging.redact_off", "channels.group_policy_open"]) {
    assert.ok(before.findings.some((f) => f.checkId === id), id);
  }
  const result = applyFixes(await collect(h), join(h, "config.json5"));
  assert.deepEqual(result.failures, []);
  assert.equal(mode(h), 0o700);
  assert.equal(mode(join(h, "config.json5")), 0o600);
  assert.equal(mode(join(h, "secrets.enc.json")), 0o600);
  const after = runAudit(await collect(h));
  const left = after.findings.map((f) => f.checkId);
  for (const id of ["fs.state_dir.perms_world_writable", "fs.config.perms_world_readable", "fs.credentials.perms_readable", "logging.redact_off", "channels.group_policy_open"]) {
    assert.ok(!left.includes(id), `${id} still reported`);
  }
  // Never loosens or changes what it cannot judge: exec full stays for the owner to decide.
  assert.ok(left.includes("tools.exec.security_full_configured"));
  assert.match(readFileSync(join(h, "config.json5"), "utf8"), /full/);
  assert.ok(result.changes.some((c) => c.target === "logging.redactSensitive" && c.change === "off -> tools"));
});

test("--fix only removes permission bits and never chmods through a symlink", async () => {
  const h = home();
  const outside = join(h, "..", "outside.txt");
  writeFileSync(outside, "x");
  chmodSync(outside, 0o644);
  symlinkSync(outside, join(`${h}-keys`, "linked"));
  chmodSync(join(h, "secrets.enc.json"), 0o400);
  const input = await collect(h);
  assert.ok(runAudit(input).findings.some((f) => f.checkId === "fs.credentials.symlink"));
  const result = applyFixes(input, join(h, "config.json5"));
  assert.equal(mode(outside), 0o644, "the link's target is untouched");
  assert.equal(mode(join(h, "secrets.enc.json")), 0o400, "a stricter mode is kept, not widened to 600");
  assert.deepEqual(result.changes, []);
});

test("an AWS key in the workspace and a config that does not load are collected as findings", async () => {
  const h = home();
  mkdirSync(join(h, "workspace"), { recursive: true });
  writeFileSync(join(h, "workspace", "creds.txt"), `key=${["AKIA", "IOSFODNN7", "EXAMPLE"].join("")}\n`);
  writeFileSync(join(h, "config.json5"), "{ gateway: { bind: 42 } }");
  const input = await collect(h);
  const ids = runAudit(input).findings.map((f) => f.checkId);
  assert.ok(ids.includes("workspace.secrets_present"));
  assert.ok(ids.includes("config.invalid"));
  const result = applyFixes(input, join(h, "config.json5"));
  assert.deepEqual(result.changes.filter((c) => !c.target.startsWith("/")), [], "no setting is rewritten in a config that does not load");
});
