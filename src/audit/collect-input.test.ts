import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { initStateDir, statePaths } from "../state/home.ts";
import { collectAuditInput, credentialPaths } from "./collect-input.ts";
import { configSchema } from "../config/schema.ts";
import { configSecretFileKeys } from "../config/store.ts";
import { findSecretsFallback } from "./fallback-secrets.ts";

const root = mkdtempSync(join(tmpdir(), "warden-collect-"));
after(() => rmSync(root, { recursive: true, force: true }));
const base = { nodeVersion: "v24.21.0", uid: process.getuid?.() ?? null, detectSandbox: null, findSecrets: findSecretsFallback };

test("collecting never creates the state directory", async () => {
  const home = join(root, "absent");
  const input = await collectAuditInput({ ...base, home });
  assert.equal(input.state.stateDir, null);
  assert.equal(input.credentialLength, null);
  assert.equal(input.workspace.skipped, "does not exist");
});

test("the credential length follows the effective credential: env token, config, stored token, password", async () => {
  const home = join(root, "h1");
  initStateDir(statePaths(home));
  assert.equal((await collectAuditInput({ ...base, home })).credentialLength, 43);
  assert.equal((await collectAuditInput({ ...base, home, envToken: "short" })).credentialLength, 5);
  writeFileSync(join(home, "config.json5"), JSON.stringify({ gateway: { auth: { mode: "password", password: "plinth-Orbit-7-quarry" } } }));
  const input = await collectAuditInput({ ...base, home });
  assert.equal(input.credentialLength, 21);
  assert.equal(input.configHoldsSecrets, true);
  assert.equal(input.passwordWeakness, null);
  // A weak password makes the config invalid and is still named as weak.
  writeFileSync(join(home, "config.json5"), JSON.stringify({ gateway: { auth: { mode: "password", password: "pw" } } }));
  const weak = await collectAuditInput({ ...base, home });
  assert.match(weak.configError ?? "", /gateway\.auth\.password/);
  assert.match(weak.passwordWeakness ?? "", /2 characters/);
});

test("a token file that is a symlink is not read through", async () => {
  const home = join(root, "h2");
  const paths = statePaths(home);
  initStateDir(paths);
  const elsewhere = join(root, "elsewhere-token");
  writeFileSync(elsewhere, "x".repeat(64));
  mkdirSync(dirname(paths.tokenFile), { recursive: true, mode: 0o700 });
  symlinkSync(elsewhere, paths.tokenFile);
  const input = await collectAuditInput({ ...base, home });
  assert.equal(input.credentialLength, 43, "the stored token, not the file behind the link");
  assert.ok(input.state.credentials.some((f) => f.path === paths.tokenFile && f.isSymlink));
});

test("a channel's secret files are found through the schema's marks, not by channel name", () => {
  assert.deepEqual(configSecretFileKeys, ["channels.telegram.tokenFile"]);
  const paths = statePaths(join(root, "marks"));
  const file = join(root, "bot-token");
  assert.ok(credentialPaths(paths, configSchema.parse({ channels: { telegram: { tokenFile: file } } })).includes(file));
  assert.ok(!credentialPaths(paths, configSchema.parse({})).includes(file));
  assert.throws(() => configSchema.parse({ channels: { telegram: { tokenFile: "" } } }), "an empty path names no file");
});
