import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { tempDir } from "../../test/support/harness.ts";
import { createSettingsService, settingsMigrations } from "./settings-service.ts";

function setup(text: string) {
  const dir = tempDir();
  const file = join(dir.path, "config.json5");
  writeFileSync(file, text);
  const db = new DatabaseSync(":memory:");
  for (const m of settingsMigrations) db.exec(m.sql);
  const written: string[] = [];
  const settings = createSettingsService({ db, configFile: file, clock: () => 1_000, onWritten: (t) => written.push(t) });
  return { dir, file, settings, written };
}

test("a change is previewed as a diff, written with comments kept, listed as a version and rolled back", () => {
  const { dir, file, settings, written } = setup("{\n  // mine\n  tools: { exec: { ask: \"on-miss\" } },\n}\n");
  try {
    assert.deepEqual(settings.preview("tools.exec.ask", "always"), { ok: true, changes: [{ key: "tools.exec.ask", change: "changed", before: "\"on-miss\"", after: "\"always\"" }] });
    settings.set("tools.exec.ask", "always", "test");
    assert.match(readFileSync(file, "utf8"), /\/\/ mine[\s\S]*"always"/);
    assert.equal(written.length, 1);
    const [version] = settings.view().versions;
    assert.equal(version?.key, "tools.exec.ask");
    settings.rollback(version?.id ?? 0, "test");
    assert.match(readFileSync(file, "utf8"), /"on-miss"/);
    assert.throws(() => settings.rollback(version?.id ?? 0, "test"), /changed again/);
  } finally {
    dir.remove();
  }
});

test("an invalid value writes nothing; a secret key is refused and never shown", () => {
  const { dir, file, settings } = setup("{ gateway: { auth: { token: \"s3cr3t-value-0123456789\" } } }");
  try {
    const preview = settings.preview("tools.exec.ask", "sometimes");
    assert.equal(preview.ok, false);
    assert.throws(() => settings.set("tools.exec.ask", "sometimes", "test"), /not valid/);
    assert.throws(() => settings.preview("gateway.auth.token", "x"), /warden secrets set/);
    assert.doesNotMatch(JSON.stringify(settings.view()), /s3cr3t/);
    assert.match(readFileSync(file, "utf8"), /s3cr3t/);
  } finally {
    dir.remove();
  }
});
