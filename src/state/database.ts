/**
 * The embedded SQLite database (`node:sqlite`, no native addon), in WAL mode, with versioned migrations.
 * Each store declares its own migrations; the entry point passes the full list in order.
 */
import { DatabaseSync } from "node:sqlite";
import { chmodSync, existsSync } from "node:fs";
import { WardenError, ErrorCode } from "../core/errors.ts";

/** A migration is applied once, in list order, inside a transaction; its id never changes once shipped. */
export type Migration = { id: string; sql: string };

export function openDatabase(file: string, migrations: readonly Migration[]): DatabaseSync {
  const fresh = !existsSync(file);
  const db = new DatabaseSync(file);
  if (fresh) chmodSync(file, 0o600);
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;");
  applyMigrations(db, migrations);
  return db;
}

export function applyMigrations(db: DatabaseSync, migrations: readonly Migration[]): string[] {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)");
  const seen = new Set<string>();
  const applied: string[] = [];
  const has = db.prepare("SELECT 1 FROM schema_migrations WHERE id = ?");
  const record = db.prepare("INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)");
  for (const migration of migrations) {
    if (seen.has(migration.id)) throw new WardenError(ErrorCode.Internal, `migration id \`${migration.id}\` is listed twice`);
    seen.add(migration.id);
    if (has.get(migration.id)) continue;
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec(migration.sql);
      record.run(migration.id, Date.now());
      db.exec("COMMIT");
    } catch (error) {
      db.exec("ROLLBACK");
      throw new WardenError(ErrorCode.Internal, `database migration \`${migration.id}\` failed`, { cause: error });
    }
    applied.push(migration.id);
  }
  return applied;
}
