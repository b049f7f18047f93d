/**
 * Settings from the Control UI: the config file's values (secrets masked: they never reach the browser), a
 * validated diff before any write, writes through the config store (comments kept, invalid changes refused),
 * and the last versions with rollback. Secret keys are set with `warden secrets set`, never from the page.
 * A written change is recorded for config integrity and takes effect when the gateway restarts.
 */
import { readFileSync } from "node:fs";
import type { DatabaseSync } from "node:sqlite";
import type { Migration } from "../state/database.ts";
import type { Json } from "../core/types.ts";
import { WardenError, ErrorCode } from "../core/errors.ts";
import { configSecretKeys, readRawConfig, setConfigValue, unsetConfigValue, validateRaw } from "../config/store.ts";
import { getDotted, setDotted, unsetDotted } from "../config/dotted.ts";
import { diffConfig, flattenConfig, isSecretLookingKey, type ConfigChange } from "../ops/config-integrity/diff-config.ts";
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
export type SettingsPreview = { ok: true; changes: ConfigChange[] } | { ok: false; problems: string[] };

export type SettingsService = {
  view(): SettingsView;
  /** The change `key = value` would make, validated; nothing is written. */
  preview(key: string, value: Json | undefined): SettingsPreview;
  /** Writes `key = value` (undefined: unset) when valid; returns the changes made. */
  set(key: string, value: Json | undefined, actor: string): ConfigChange[];
  /** Puts a version's key back to its value before that change. */
  rollback(id: number, actor: string): ConfigChange[];
};

const isSecretKey = (key: string) => configSecretKeys.includes(key) || isSecretLookingKey(key);

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
    if (isSecretKey(key)) throw new WardenError(ErrorCode.BadRequest, `\`${key}\` holds a secret; set it with \`warden secrets set ${key}\`, never from the browser.`);
  };
  const preview = (key: string, value: Json | undefined): SettingsPreview => {
    refuseSecret(key);
    const raw = readRawConfig(deps.configFile);
    const after = value === undefined ? unsetDotted(raw, key) : setDotted(raw, key, value);
    const checked = validateRaw(after);
    if (!checked.ok) return { ok: false, problems: checked.problems.map((p) => `${p.key}: ${p.message} (${p.fix})`) };
    return { ok: true, changes: diffConfig(raw, after, isSecretKey) };
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
  return {
    view() {
      const raw = readRawConfig(deps.configFile);
      const values = [...flattenConfig(raw)].map(([key, value]) => ({ key, value: isSecretKey(key) ? "[secret]" : canonicalJson(value), secret: isSecretKey(key) }));
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
