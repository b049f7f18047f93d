/**
 * Config integrity: Warden records a fingerprint and a masked copy of the config every time it writes it
 * (or the owner accepts a change); at start, a config whose bytes differ from the last record was changed
 * behind Warden's back, and the drift is reported with a dotted-key diff.
 *
 * The masked copy replaces every secret value by an HMAC tag (`[secret:<12 hex>]`) under `maskKey` (from the
 * secret store), so the database never holds a config secret, yet a changed secret still shows as changed.
 */
import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import type { DatabaseSync } from "node:sqlite";
import type { Json } from "../../core/types.ts";
import type { Migration } from "../../state/database.ts";
import { diffConfig, isSecretLookingKey } from "./diff-config.ts";
import type { ConfigChange } from "./diff-config.ts";

export const configIntegrityMigrations: readonly Migration[] = [
  {
    id: "config-integrity-001",
    sql: `CREATE TABLE config_fingerprint (
            id INTEGER PRIMARY KEY CHECK (id = 1), sha256 TEXT NOT NULL, masked TEXT NOT NULL, recorded_at INTEGER NOT NULL) STRICT;`,
  },
];

export type DriftResult =
  | { status: "first_seen"; sha256: string }
  | { status: "unchanged"; sha256: string }
  | { status: "drifted"; sha256: string; previousSha256: string; changes: ConfigChange[] };

/** Must never store or return a secret value; must never report "unchanged" for bytes it has not recorded. */
export type ConfigIntegrity = {
  /** Records `text` (the exact bytes of the config file) as known-good; returns the changes since the last record. */
  record(text: string): ConfigChange[];
  /** Compares `text` with the last record. Does not record it: the caller decides (log an alert, then `record`). */
  detectDrift(text: string): DriftResult;
};

export function fingerprintText(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** SHA-256 of a file's bytes, or `undefined` when it does not exist. */
export function fingerprintFile(path: string): string | undefined {
  try {
    return fingerprintText(readFileSync(path, "utf8"));
  } catch (error) {
    if (typeof error === "object" && error !== null && (error as { code?: unknown }).code === "ENOENT") return undefined;
    throw error;
  }
}

export function createConfigIntegrity(deps: {
  db: DatabaseSync;
  clock: () => number;
  /** Parses the config file's text (JSON5 in Warden). A parse failure is drift with an unknown diff. */
  parse: (text: string) => Json;
  maskKey: Uint8Array;
  /** Whether a dotted key holds a secret (the config schema's rule); without it, a name heuristic decides. */
  isSecretKey?: (dottedKey: string) => boolean;
}): ConfigIntegrity {
  const { db, clock, parse, maskKey } = deps;
  const isSecret = deps.isSecretKey ?? isSecretLookingKey;
  const select = db.prepare("SELECT sha256, masked FROM config_fingerprint WHERE id = 1");
  const upsert = db.prepare(
    "INSERT INTO config_fingerprint (id, sha256, masked, recorded_at) VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET sha256 = excluded.sha256, masked = excluded.masked, recorded_at = excluded.recorded_at",
  );

  function mask(value: Json, path: string): Json {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      const out: { [key: string]: Json } = {};
      for (const [key, item] of Object.entries(value)) out[key] = mask(item, path === "" ? key : `${path}.${key}`);
      return out;
    }
    if (path !== "" && isSecret(path) && value !== null) {
      const tag = createHmac("sha256", maskKey).update(`${path}\u0000${JSON.stringify(value)}`).digest("hex").slice(0, 12);
      return `[secret:${tag}]`;
    }
    return value;
  }

  function maskedOf(text: string): Json {
    try {
      return mask(parse(text), "");
    } catch {
      return { "(unparseable)": fingerprintText(text).slice(0, 12) };
    }
  }

  function previous(): { sha256: string; masked: Json } | undefined {
    const row = select.get() as { sha256: string; masked: string } | undefined;
    return row ? { sha256: row.sha256, masked: JSON.parse(row.masked) as Json } : undefined;
  }

  function record(text: string): ConfigChange[] {
    const before = previous();
    const masked = maskedOf(text);
    upsert.run(fingerprintText(text), JSON.stringify(masked), clock());
    return before ? diffConfig(before.masked, masked, isSecret) : diffConfig({}, masked, isSecret);
  }

  function detectDrift(text: string): DriftResult {
    const sha256 = fingerprintText(text);
    const before = previous();
    if (!before) return { status: "first_seen", sha256 };
    if (before.sha256 === sha256) return { status: "unchanged", sha256 };
    return { status: "drifted", sha256, previousSha256: before.sha256, changes: diffConfig(before.masked, maskedOf(text), isSecret) };
  }

  return { record, detectDrift };
}
