/**
 * The embedded SQLite database (`node:sqlite`, no native addon), in WAL mode, with versioned migrations.
 * Each store declares its own migrations; the entry point passes the full list in order.
 *
 * Faults: every statement goes through `guardDatabase`, so a full disk, a foreign write lock, a damaged file or
 * a read-only directory reaches callers as a typed `STORAGE_*` error and is recorded in the given health.
 * `busy_timeout` is SQLite's own bounded retry (with backoff) on a locked database; it blocks the event loop
 * while it waits (node:sqlite is synchronous), so it is kept short: a lock held longer fails the request with
 * `STORAGE_BUSY` instead of freezing every other client.
 */
import { DatabaseSync } from "node:sqlite";
import { chmodSync, existsSync } from "node:fs";
import { WardenError, ErrorCode } from "../core/errors.ts";
import { createStorageHealth, guardDatabase, storageConditionOf, storageError, type StorageHealth } from "./storage-guard.ts";

/** A migration is applied once, in list order, inside a transaction; its id never changes once shipped. */
export type Migration = { id: string; sql: string };

/** How long one statement waits for another process's write lock before failing with `STORAGE_BUSY`. */
export const BUSY_TIMEOUT_MS = 2000;

export type OpenDatabaseOptions = {
  /** Where faults are recorded (the gateway reports it); a private one when omitted. */
  health?: StorageHealth;
  /** Run `PRAGMA quick_check` and refuse a damaged database (the gateway at start); skipped for a file this open creates. */
  integrityCheck?: boolean;
  /**
   * `durable` (the default): WAL, fsynced at checkpoints. `scratch`: a throw-away database that nothing reads after
   * this process closes it (the red-team runner's per-scenario copies): the rollback journal kept in memory and no
   * fsync, so a crash or power loss may corrupt it, and the file locked to this connection from its first write to
   * its close (`locking_mode = EXCLUSIVE`: no lock taken and released, and no change counter read, around each
   * statement; another connection to the file fails with `STORAGE_BUSY`). Transactions and ROLLBACK behave as in
   * `durable`. Never for a gateway's or a CLI command's state.
   */
  durability?: "durable" | "scratch";
};

export function openDatabase(file: string, migrations: readonly Migration[], options: OpenDatabaseOptions = {}): DatabaseSync {
  const fresh = !existsSync(file);
  let raw: DatabaseSync;
  try {
    raw = new DatabaseSync(file);
  } catch (error) {
    const condition = storageConditionOf(error);
    if (condition === undefined) throw error;
    throw storageError(condition, file, error);
  }
  const health = options.health ?? createStorageHealth(Date.now);
  const db = guardDatabase(raw, health, file, BUSY_TIMEOUT_MS);
  try {
    if (fresh) chmodSync(file, 0o600);
    const journal = options.durability === "scratch" ? "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE;" : "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}; ${journal} PRAGMA foreign_keys = ON;`);
    // A file this open created has nothing to check. Any other is checked, a state dir copied from elsewhere (a
    // backup, the red-team runner's template) included: the gateway cannot know where a file came from.
    if (options.integrityCheck && !fresh) checkIntegrity(db, file);
    applyMigrations(db, migrations);
  } catch (error) {
    raw.close();
    const cause = error instanceof WardenError && error.cause !== undefined ? error.cause : error;
    if (storageConditionOf(cause) === "corrupt") throw corruptDatabaseError(file, cause);
    throw error;
  }
  return db;
}

/** `PRAGMA quick_check`: O(size) but much cheaper than `integrity_check`; any answer but "ok" is a refusal. */
function checkIntegrity(db: DatabaseSync, file: string): void {
  const rows = db.prepare("PRAGMA quick_check(5)").all() as { quick_check: string }[];
  if (rows.length === 1 && rows[0]?.quick_check === "ok") return;
  throw corruptDatabaseError(file, new Error(rows.map((r) => r.quick_check).join("; ")));
}

/** The refusal at start, with the exact recovery steps. */
export function corruptDatabaseError(file: string, cause: unknown): WardenError {
  return new WardenError(
    ErrorCode.StorageCorrupt,
    [
      `Warden's database \`${file}\` is damaged; refusing to start on it. Recovery (the gateway stays stopped meanwhile):`,
      `  1. keep a copy:      cp -p "${file}"* /somewhere/safe/`,
      // INVARIANT: no pipe: a `.recover` that fails must stop the chain, not feed an empty database to the `mv`.
      `  2. try to salvage:   sqlite3 "${file}" ".recover" > "${file}.sql" && sqlite3 "${file}.recovered" < "${file}.sql" && mv "${file}.recovered" "${file}" && rm -f "${file}-wal" "${file}-shm"`,
      "     (or restore warden.db from your last backup instead; also when `.recover` fails: a sqlite3 built without it,",
      "     such as Debian 12's 3.40.1, answers \"SQL logic error\" and the chain stops before replacing anything)",
      "  3. check the result: warden audit-log verify   (a salvaged log may report lost entries; see docs/operations.md)",
    ].join("\n"),
    { cause },
  );
}

export function applyMigrations(db: DatabaseSync, migrations: readonly Migration[]): string[] {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)");
  const seen = new Set<string>();
  for (const migration of migrations) {
    if (seen.has(migration.id)) throw new WardenError(ErrorCode.Internal, `migration id \`${migration.id}\` is listed twice`);
    seen.add(migration.id);
  }
  // What is applied already, in one query rather than one per migration: a database opens at every start and CLI
  // command, and almost always has nothing to apply.
  const done = new Set((db.prepare("SELECT id FROM schema_migrations").all() as { id: string }[]).map((r) => r.id));
  const applied: string[] = [];
  if (migrations.every((m) => done.has(m.id))) return applied;
  const has = db.prepare("SELECT 1 FROM schema_migrations WHERE id = ?");
  const record = db.prepare("INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)");
  for (const migration of migrations) {
    if (done.has(migration.id)) continue;
    db.exec("BEGIN IMMEDIATE");
    try {
      // Asked again under the write lock: another process (a CLI command beside the gateway) may have applied it
      // since the read above; then there is nothing to do.
      if (has.get(migration.id)) {
        db.exec("COMMIT");
        continue;
      }
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

/** A one-row table the gateway writes to notice that storage recovered when nothing else is writing. */
export const storageProbeMigrations: readonly Migration[] = [
  { id: "storage-probe-001", sql: "CREATE TABLE storage_probe (id INTEGER PRIMARY KEY CHECK (id = 1), at INTEGER NOT NULL) STRICT" },
];

/** One tiny committed write (a new WAL frame): succeeds only when the database can be written again. */
export function storageProbe(db: DatabaseSync, now: number): void {
  db.prepare("INSERT INTO storage_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at").run(now);
}
