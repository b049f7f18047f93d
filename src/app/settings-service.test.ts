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

test("the raw editor shows the file's own text with secrets as placeholders; a saved text keeps them and its comments", () => {
  const { dir, file, settings, written } = setup("{\n  // my gateway\n  gateway: { auth: { token: \"s3cr3t-value-0123456789\" } },\n  tools: { exec: { ask: \"on-miss\" } },\n}\n");
  try {
    const raw = settings.raw();
    assert.doesNotMatch(JSON.stringify(raw), /s3cr3t/);
    assert.match(raw.text, /\/\/ my gateway/);
    assert.match(raw.text, /token: "\[secret\]"/);
    assert.deepEqual(raw.masked, ["gateway.auth.token"]);
    const edited = raw.text.replace("on-miss", "always");
    assert.deepEqual(settings.previewRaw(edited, raw.revision), { ok: true, changes: [{ key: "tools.exec.ask", change: "changed", before: "\"on-miss\"", after: "\"always\"" }] });
    assert.deepEqual(settings.setRaw(edited, raw.revision, "test").map((c) => c.key), ["tools.exec.ask"]);
    const text = readFileSync(file, "utf8");
    assert.match(text, /\/\/ my gateway/);
    assert.match(text, /s3cr3t-value-0123456789/, "the secret is kept");
    assert.match(text, /"always"/);
    assert.equal(written.length, 1);
    assert.equal(settings.view().versions[0]?.key, "tools.exec.ask", "each changed key is a version that rolls back alone");
    assert.match(settings.previewRaw(edited, raw.revision).ok ? "" : "stale", /stale/, "a text read before the write is refused");
  } finally {
    dir.remove();
  }
});

test("a raw text is refused with what to fix: a syntax error with its position, a changed or removed secret, a schema problem", () => {
  const { dir, file, settings } = setup("{ gateway: { auth: { token: \"s3cr3t-value-0123456789\" } } }\n");
  try {
    const { text, revision } = settings.raw();
    const syntax = settings.previewRaw("{\n  tools: {\n    exec: { ask: 'always' ,, }\n}", revision);
    assert.ok(!syntax.ok);
    assert.equal(syntax.at?.line, 3);
    const changed = settings.previewRaw(text.replace("[secret]", "other"), revision);
    assert.ok(!changed.ok && /warden secrets set gateway\.auth\.token/.test(changed.problems.join()));
    const removed = settings.previewRaw("{}", revision);
    assert.ok(!removed.ok && /cannot be removed/.test(removed.problems.join()));
    const invalid = settings.previewRaw(text.replace("gateway:", "tools: { exec: { ask: 'sometimes' } }, gateway:"), revision);
    assert.ok(!invalid.ok && /tools\.exec\.ask/.test(invalid.problems.join()));
    assert.throws(() => settings.setRaw("{}", revision, "test"), /Nothing was written/);
    assert.match(readFileSync(file, "utf8"), /s3cr3t/);
  } finally {
    dir.remove();
  }
});

test("the schema for the settings form: types, enums and defaults, secret fields marked", () => {
  const { dir, settings } = setup("{}");
  try {
    const schema = settings.schema() as { properties: Record<string, { properties: Record<string, { properties?: Record<string, { enum?: string[]; secret?: boolean; default?: unknown }> }> }> };
    const exec = schema.properties.tools?.properties.exec?.properties;
    assert.deepEqual(exec?.ask?.enum, ["off", "on-miss", "always"]);
    assert.equal(exec?.ask?.default, "on-miss");
    assert.equal(schema.properties.gateway?.properties.auth?.properties?.token?.secret, true);
  } finally {
    dir.remove();
  }
});
