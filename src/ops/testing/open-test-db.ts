/**
 * Test support: a real SQLite database in a temp dir, opened the way the gateway opens its state database
 * (WAL), with the given migrations applied in order. Used by tests and benchmarks only.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { Migration } from "../migration.ts";

export function openTestDb(file: string, migrations: readonly Migration[]): DatabaseSync {
  const db = new DatabaseSync(file);
  db.exec("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;");
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY)");
  const has = db.prepare("SELECT 1 FROM schema_migrations WHERE id = ?");
  for (const migration of migrations) {
    if (has.get(migration.id)) continue;
    db.exec("BEGIN IMMEDIATE");
    db.exec(migration.sql);
    db.prepare("INSERT INTO schema_migrations (id) VALUES (?)").run(migration.id);
    db.exec("COMMIT");
  }
  return db;
}

export function makeTempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `warden-ops-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
