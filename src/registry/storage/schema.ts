/**
 * The registry's one schema, applied by the same migrations on SQLite and PostgreSQL (portable SQL only: TEXT and
 * BIGINT, no AUTOINCREMENT or SERIAL — sequence numbers come from `registry_counters`, bumped inside the
 * transaction that uses them). Times are milliseconds since the epoch. A shipped migration never changes.
 */
import type { SqlMigration } from "./sql.ts";

export const registryMigrations: readonly SqlMigration[] = [
  {
    id: "registry-001",
    statements: [
      "CREATE TABLE registry_counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
      "INSERT INTO registry_counters (name, value) VALUES ('sequence', 0), ('log', 0), ('revocations', 0), ('audit', 0)",
      `CREATE TABLE registry_accounts (
        name TEXT PRIMARY KEY, role TEXT NOT NULL, created_at BIGINT NOT NULL, disabled_at BIGINT
      )`,
      `CREATE TABLE registry_keys (
        key_id TEXT PRIMARY KEY, account TEXT NOT NULL REFERENCES registry_accounts(name), public_key TEXT NOT NULL,
        added_at BIGINT NOT NULL, retired_at BIGINT, revoked_at BIGINT, revoke_reason TEXT
      )`,
      "CREATE INDEX registry_keys_account ON registry_keys (account)",
      "CREATE TABLE registry_nonces (key_id TEXT NOT NULL, nonce TEXT NOT NULL, at BIGINT NOT NULL, PRIMARY KEY (key_id, nonce))",
      `CREATE TABLE registry_names (
        name TEXT PRIMARY KEY, owner TEXT NOT NULL REFERENCES registry_accounts(name), created_at BIGINT NOT NULL,
        hidden_at BIGINT, hidden_reason TEXT
      )`,
      `CREATE TABLE registry_releases (
        digest TEXT PRIMARY KEY, name TEXT NOT NULL REFERENCES registry_names(name), version TEXT, publisher TEXT NOT NULL,
        key_id TEXT NOT NULL, status TEXT NOT NULL, upload_blob TEXT NOT NULL, bundle_blob TEXT, bundle_bytes BIGINT,
        sequence BIGINT UNIQUE, findings TEXT NOT NULL, status_reason TEXT, created_at BIGINT NOT NULL, decided_at BIGINT
      )`,
      "CREATE INDEX registry_releases_name ON registry_releases (name, sequence)",
      "CREATE INDEX registry_releases_status ON registry_releases (status)",
      `CREATE TABLE registry_reports (
        name TEXT NOT NULL REFERENCES registry_names(name), reporter TEXT NOT NULL REFERENCES registry_accounts(name),
        reason TEXT NOT NULL, at BIGINT NOT NULL, state TEXT NOT NULL, PRIMARY KEY (name, reporter)
      )`,
      "CREATE INDEX registry_reports_reporter ON registry_reports (reporter, at)",
      `CREATE TABLE registry_log (
        seq BIGINT PRIMARY KEY, at BIGINT NOT NULL, kind TEXT NOT NULL, body TEXT NOT NULL, prev TEXT NOT NULL, hash TEXT NOT NULL
      )`,
      `CREATE TABLE registry_revocations (
        seq BIGINT PRIMARY KEY, at BIGINT NOT NULL, digest TEXT, name TEXT, key_id TEXT, reason TEXT NOT NULL
      )`,
      `CREATE TABLE registry_audit (
        seq BIGINT PRIMARY KEY, at BIGINT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL, detail TEXT NOT NULL
      )`,
    ],
  },
];
