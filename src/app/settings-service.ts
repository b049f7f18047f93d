/**
 * Settings from the Control UI: the config file's values (secrets masked: they never reach the browser), a
 * validated diff before any write, writes through the config store (comments kept, invalid changes refused),
 * and the last versions with rollback. Secret keys are set with `warden secrets set`, never from the page.
 * A written change is recorded for config integrity and takes effect when the gateway restarts.
 *
 * The raw editor sees the file's own text (comments and all) with every secret value replaced by `[secret]`; a
 * saved text must leave those placeholders as they are (a secret is changed with `warden secrets set`), is
 * validated and diffed like a single change, and is refused when the file changed since it was read.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import JSON5 from "json5";
import { z } from "zod";
import type { DatabaseSync } from "node:sqlite";
import type { Migration } from "../state/database.ts";
import type { Json } from "../core/types.ts";
import { WardenError, ErrorCode } from "../core/errors.ts";
import { isConfigSecretKey, readRawConfig, setConfigValue, unsetConfigValue, validateRaw } from "../config/store.ts";
import { configSchema } from "../config/schema.ts";
import { editJson5 } from "../config/json5-edit.ts";
import { writePrivateFile } from "../ops/secrets/private-files.ts";
import { getDotted, setDotted, unsetDotted } from "../config/dotted.ts";
import { diffConfig, flattenConfig, type ConfigChange } from "../ops/config-integrity/diff-config.ts";
import { canonicalJson } from "../core/canonical-json.ts";

export const settingsMigrations: readonly Migration[] = [
  {
    // One row per change made from a control client: the key and its value before and after (JSON, secrets never).
    id: "settings-001",
    sql: `CREATE TABLE config_versions (
            id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, actor TEXT NOT NULL,
            key TEXT NOT NULL, before TEXT, after TEXT);`,
  },
];

export type ConfigVersion = { id: number; at: number; actor: string; key: string; before?: string; after?: string };
export type SettingsView = { file: string; values: { key: string; value: string; secret: boolean }[]; versions: ConfigVersion[] };
/** `at`: where the text stops parsing (a raw edit's syntax error), 1-based. */
export type SettingsPreview = { ok: true; changes: ConfigChange[] } | { ok: false; problems: string[]; at?: { line: number; column: number } };
/** The file's text with every secret value shown as `[secret]`; `revision` names this text (a save must match it). */
export type RawSettings = { file: string; text: string; revision: string; masked: string[] };

/** What a secret's value reads as in the raw editor; it must be left as it is. */
export const SECRET_PLACEHOLDER = "[secret]";

export type SettingsService = {
  view(): SettingsView;
  /** The change `key = value` would make, validated; nothing is written. */
  preview(key: string, value: Json | undefined): SettingsPreview;
  /** Writes `key = value` (undefined: unset) when valid; returns the changes made. */
  set(key: string, value: Json | undefined, actor: string): ConfigChange[];
  /** Puts a version's key back to its value before that change. */
  rollback(id: number, actor: string): ConfigChange[];
  /** The config schema as JSON Schema (what a settings form is built from; secret fields carry `secret: true`). */
  schema(): Record<string, unknown>;
  raw(): RawSettings;
  /** The changes a whole edited text would make, validated; nothing is written. */
  previewRaw(text: string, revision: string): SettingsPreview;
  /** Writes an edited text when it is valid, keeps every secret and matches `revision`; returns the changes. */
  setRaw(text: string, revision: string, actor: string): ConfigChange[];
};

type JsonObject = { [key: string]: Json };
const revisionOf = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 32);


export function createSettingsService(deps: {
  db: DatabaseSync;
  configFile: string;
  clock: () => number;
  /** Called with the file's new text after each write (config integrity, activity log). */
  onWritten: (text: string, actor: string) => void;
}): SettingsService {
  const insert = deps.db.prepare("INSERT INTO config_versions (at, actor, key, before, after) VALUES (?, ?, ?, ?, ?)");
  const recent = deps.db.prepare("SELECT id, at, actor, key, before, after FROM config_versions ORDER BY id DESC LIMIT 20");
  const one = deps.db.prepare("SELECT id, at, actor, key, before, after FROM config_versions WHERE id = ?");
  type Row = { id: number; at: number; actor: string; key: string; before: string | null; after: string | null };
  const versionOf = (r: Row): ConfigVersion => ({ id: r.id, at: r.at, actor: r.actor, key: r.key, ...(r.before !== null ? { before: r.before } : {}), ...(r.after !== null ? { after: r.after } : {}) });

  const refuseSecret = (key: string) => {
    if (isConfigSecretKey(key)) throw new WardenError(ErrorCode.BadRequest, `\`${key}\` holds a secret; set it with \`warden secrets set ${key}\`, never from the browser.`);
  };
  const preview = (key: string, value: Json | undefined): SettingsPreview => {
    refuseSecret(key);
    const raw = readRawConfig(deps.configFile);
    const after = value === undefined ? unsetDotted(raw, key) : setDotted(raw, key, value);
    const checked = validateRaw(after);
    if (!checked.ok) return { ok: false, problems: checked.problems.map((p) => `${p.key}: ${p.message} (${p.fix})`) };
    return { ok: true, changes: diffConfig(raw, after, isConfigSecretKey) };
  };
  const set = (key: string, value: Json | undefined, actor: string): ConfigChange[] => {
    const checked = preview(key, value);
    if (!checked.ok) throw new WardenError(ErrorCode.ConfigInvalid, `The change is not valid: ${checked.problems.join("; ")}. Nothing was written.`);
    if (checked.changes.length === 0) return [];
    const { before } = value === undefined ? unsetConfigValue(deps.configFile, key) : setConfigValue(deps.configFile, key, value);
    insert.run(deps.clock(), actor, key, before === undefined ? null : canonicalJson(before), value === undefined ? null : canonicalJson(value));
    deps.onWritten(readFileSync(deps.configFile, "utf8"), actor);
    return checked.changes;
  };
  const readText = () => (existsSync(deps.configFile) ? readFileSync(deps.configFile, "utf8") : "");
  let jsonSchema: Record<string, unknown> | undefined;

  /** Parses an edited text and puts every secret back; the problems say what to fix, with a position for syntax. */
  const restoreRaw = (text: string, revision: string): { ok: true; raw: JsonObject; after: JsonObject; text: string } | Extract<SettingsPreview, { ok: false }> => {
    const currentText = readText();
    if (revisionOf(currentText) !== revision) return { ok: false, problems: ["The config file changed since this text was loaded; reload it and make the change again."] };
    let edited: unknown;
    try {
      edited = JSON5.parse(text);
    } catch (error) {
      const e = error as { message?: string; lineNumber?: number; columnNumber?: number };
      return { ok: false, problems: [`Not valid JSON5: ${e.message ?? String(error)}`], ...(e.lineNumber !== undefined ? { at: { line: e.lineNumber, column: e.columnNumber ?? 1 } } : {}) };
    }
    if (edited === null || typeof edited !== "object" || Array.isArray(edited)) return { ok: false, problems: ["The config must be one object ({ ... })."] };
    const raw = readRawConfig(deps.configFile);
    const before = flattenConfig(raw);
    let after = edited as JsonObject;
    const problems: string[] = [];
    for (const [key, value] of flattenConfig(after)) {
      if (!isConfigSecretKey(key)) continue;
      if (value === SECRET_PLACEHOLDER && before.has(key)) after = setDotted(after, key, before.get(key) as Json);
      else problems.push(`\`${key}\` holds a secret: leave it as "${SECRET_PLACEHOLDER}" here and set it with \`warden secrets set ${key}\`.`);
    }
    for (const key of before.keys()) {
      if (isConfigSecretKey(key) && getDotted(after, key) === undefined) problems.push(`\`${key}\` holds a secret: it cannot be removed from the browser; use \`warden config unset ${key}\`.`);
    }
    if (problems.length > 0) return { ok: false, problems };
    const checked = validateRaw(after);
    if (!checked.ok) return { ok: false, problems: checked.problems.map((p) => `${p.key}: ${p.message} (${p.fix})`) };
    // The text to write: the owner's, with the real secret values where the placeholders stood.
    const written = editJson5(text, edited as JsonObject, after);
    if (!written.ok) return { ok: false, problems: [`The text cannot be written with its secrets kept (${written.why}); change it with single settings instead.`] };
    return { ok: true, raw, after, text: written.text };
  };

  return {
    schema() {
      jsonSchema ??= z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
      return jsonSchema;
    },
    raw() {
      const text = readText();
      const raw = readRawConfig(deps.configFile);
      const masked = [...flattenConfig(raw).keys()].filter(isConfigSecretKey);
      let shown = text;
      if (masked.length > 0) {
        let hidden = raw;
        for (const key of masked) hidden = setDotted(hidden, key, SECRET_PLACEHOLDER);
        const edited = editJson5(text, raw, hidden);
        // INVARIANT: a secret never reaches the browser; a text that cannot be masked exactly is not shown at all.
        if (!edited.ok) throw new WardenError(ErrorCode.BadRequest, `The config file's secrets cannot be hidden in its text (${edited.why}); edit it with single settings, or move the secrets out with \`warden secrets set\`.`);
        shown = edited.text;
      }
      return { file: deps.configFile, text: shown, revision: revisionOf(text), masked };
    },
    previewRaw(text, revision) {
      const r = restoreRaw(text, revision);
      return r.ok ? { ok: true, changes: diffConfig(r.raw, r.after, isConfigSecretKey) } : r;
    },
    setRaw(text, revision, actor) {
      const r = restoreRaw(text, revision);
      if (!r.ok) throw new WardenError(ErrorCode.ConfigInvalid, `The text is not valid: ${r.problems.join("; ")}. Nothing was written.`);
      const changes = diffConfig(r.raw, r.after, isConfigSecretKey);
      if (changes.length === 0) return [];
      writePrivateFile(deps.configFile, r.text);
      // One version per changed key, so each can be rolled back alone (secret keys never change here).
      for (const c of changes) {
        const before = getDotted(r.raw, c.key);
        const after = getDotted(r.after, c.key);
        insert.run(deps.clock(), actor, c.key, before === undefined ? null : canonicalJson(before), after === undefined ? null : canonicalJson(after));
      }
      deps.onWritten(readFileSync(deps.configFile, "utf8"), actor);
      return changes;
    },
    view() {
      const raw = readRawConfig(deps.configFile);
      const values = [...flattenConfig(raw)].map(([key, value]) => ({ key, value: isConfigSecretKey(key) ? "[secret]" : canonicalJson(value), secret: isConfigSecretKey(key) }));
      return { file: deps.configFile, values, versions: (recent.all() as Row[]).map(versionOf) };
    },
    preview,
    set,
    rollback(id, actor) {
      const row = one.get(id) as Row | undefined;
      if (!row) throw new WardenError(ErrorCode.NotFound, `No config version \`${id}\`.`);
      const current = getDotted(readRawConfig(deps.configFile), row.key);
      if ((current === undefined ? null : canonicalJson(current)) !== row.after) {
        throw new WardenError(ErrorCode.BadRequest, `\`${row.key}\` changed again since version ${id}; roll back the later change first.`);
      }
      return set(row.key, row.before === null ? undefined : (JSON.parse(row.before) as Json), actor);
    },
  };
}
