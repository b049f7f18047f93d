import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { test } from "node:test";
import JSON5 from "json5";
import type { Json } from "../../core/types.ts";
import { makeTempDir } from "../../../test/support/temp-dir.ts";
import { openDatabase } from "../../state/database.ts";
import { writeFileSync } from "node:fs";
import { configIntegrityMigrations, createConfigIntegrity, fingerprintFile, fingerprintText } from "./config-integrity.ts";
import { diffConfig, formatConfigChanges } from "./diff-config.ts";

await test("config integrity", async (t) => {
  const temp = makeTempDir("config");
  t.after(() => temp.cleanup());
  const db = openDatabase(join(temp.dir, "c.db"), configIntegrityMigrations);
  const integrity = createConfigIntegrity({
    db,
    clock: () => 0,
    parse: (text) => JSON5.parse(text) as Json,
    maskKey: randomBytes(32),
    isSecretKey: (key) => key === "agent.systemPrompt" || key === "gateway.auth.token",
  });
  const v1 = `{ gateway: { port: 18789, auth: { token: "tok-OLD-secret" } }, tools: { exec: { security: "allowlist" } } }`;
  const v2 = `{ gateway: { port: 18789, auth: { token: "tok-NEW-secret" } }, tools: { exec: { security: "full" } }, agent: { systemPrompt: "be nice" } }`;

  await t.test("first start records; an unchanged file is unchanged", () => {
    assert.equal(integrity.detectDrift(v1).status, "first_seen");
    integrity.record(v1);
    assert.equal(integrity.detectDrift(v1).status, "unchanged");
  });

  await t.test("a change behind Warden's back is detected with a masked dotted-key diff", () => {
    const drift = integrity.detectDrift(v2);
    assert.equal(drift.status, "drifted");
    assert.ok(drift.status === "drifted");
    assert.deepEqual(drift.changes, [
      { key: "agent.systemPrompt", change: "added", after: "[secret]" },
      { key: "gateway.auth.token", change: "changed", before: "[secret]", after: "[secret]" },
      { key: "tools.exec.security", change: "changed", before: '"allowlist"', after: '"full"' },
    ]);
    const text = formatConfigChanges(drift.changes) + JSON.stringify(db.prepare("SELECT * FROM config_fingerprint").all());
    assert.ok(!text.includes("tok-OLD") && !text.includes("tok-NEW") && !text.includes("be nice"));
    assert.match(formatConfigChanges(drift.changes), /~ tools.exec.security: "allowlist" → "full"/);
  });

  await t.test("record returns the changes (for the activity log) and makes them known-good", () => {
    const changes = integrity.record(v2);
    assert.equal(changes.length, 3);
    assert.equal(integrity.detectDrift(v2).status, "unchanged");
  });

  await t.test("fingerprintFile hashes the file's bytes; a missing file has none", () => {
    const file = join(temp.dir, "warden.json5");
    writeFileSync(file, v1);
    assert.equal(fingerprintFile(file), fingerprintText(v1));
    assert.equal(fingerprintFile(join(temp.dir, "absent.json5")), undefined);
  });

  await t.test("an unparseable config is drift, never unchanged", () => {
    const drift = integrity.detectDrift("{ broken");
    assert.equal(drift.status, "drifted");
  });

  db.close();
});

await test("diffConfig masks secret-looking keys by name", () => {
  const changes = diffConfig({ providers: { openai: { apiKey: "sk-1" } }, list: [1] }, { providers: { openai: { apiKey: "sk-2" } }, list: [1, 2] });
  assert.deepEqual(changes, [
    { key: "list", change: "changed", before: "[1]", after: "[1,2]" },
    { key: "providers.openai.apiKey", change: "changed", before: "[secret]", after: "[secret]" },
  ]);
});
