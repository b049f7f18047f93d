import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { test } from "node:test";
import { makeTempDir } from "../../test/support/temp-dir.ts";
import { applyMigrations, openDatabase, type Migration } from "./database.ts";

const migrations: Migration[] = [
  { id: "t-001", sql: "CREATE TABLE a (x INTEGER)" },
  { id: "t-002", sql: "CREATE TABLE b (y INTEGER)" },
  { id: "t-003", sql: "CREATE TABLE c (z INTEGER)" },
];

await test("migrations", async (t) => {
  const temp = makeTempDir("migrations");
  t.after(() => temp.cleanup());

  await t.test("a fresh database gets every migration once; a second open applies none", () => {
    const file = join(temp.dir, "fresh.db");
    const db = new DatabaseSync(file);
    assert.deepEqual(applyMigrations(db, migrations), ["t-001", "t-002", "t-003"]);
    assert.deepEqual(applyMigrations(db, migrations), []);
    db.close();
    openDatabase(file, migrations, { integrityCheck: true }).close();
  });

  await t.test("a database is WAL with fsyncs unless opened `scratch`: then its journal is in memory, unsynced, and a rollback still undoes", () => {
    const durable = openDatabase(join(temp.dir, "durable.db"), migrations);
    assert.equal((durable.prepare("PRAGMA journal_mode").get() as { journal_mode: string }).journal_mode, "wal");
    assert.equal((durable.prepare("PRAGMA synchronous").get() as { synchronous: number }).synchronous, 1);
    durable.close();
    const scratch = openDatabase(join(temp.dir, "scratch.db"), migrations, { durability: "scratch" });
    assert.equal((scratch.prepare("PRAGMA journal_mode").get() as { journal_mode: string }).journal_mode, "memory");
    assert.equal((scratch.prepare("PRAGMA synchronous").get() as { synchronous: number }).synchronous, 0);
    scratch.exec("BEGIN IMMEDIATE; INSERT INTO a (x) VALUES (1); ROLLBACK");
    assert.equal((scratch.prepare("SELECT count(*) AS n FROM a").get() as { n: number }).n, 0);
    // Locked to its one connection (it wrote at open: the migrations): another one cannot even read it until it closes.
    assert.equal((scratch.prepare("PRAGMA locking_mode").get() as { locking_mode: string }).locking_mode, "exclusive");
    const other = new DatabaseSync(join(temp.dir, "scratch.db"), { timeout: 0 });
    assert.throws(() => other.prepare("SELECT count(*) AS n FROM a").get(), /locked/);
    scratch.close();
    assert.equal((other.prepare("SELECT count(*) AS n FROM a").get() as { n: number }).n, 0);
    other.close();
  });

  await t.test("an older database gets only the migrations it lacks, in order", () => {
    const db = new DatabaseSync(join(temp.dir, "older.db"));
    assert.deepEqual(applyMigrations(db, migrations.slice(0, 1)), ["t-001"]);
    assert.deepEqual(applyMigrations(db, migrations), ["t-002", "t-003"]);
    db.close();
  });

  await t.test("a migration another process applied after the first read is skipped under the write lock, not run twice", () => {
    const db = new DatabaseSync(join(temp.dir, "raced.db"));
    applyMigrations(db, migrations.slice(0, 1));
    // What another process commits between this one's read of the applied list and its write lock.
    const raced = db.prepare("SELECT id FROM schema_migrations");
    const original = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      const statement = original(sql);
      if (sql !== "SELECT id FROM schema_migrations") return statement;
      return {
        all: () => {
          const rows = raced.all();
          db.exec("CREATE TABLE b (y INTEGER); INSERT INTO schema_migrations (id, applied_at) VALUES ('t-002', 1)");
          return rows;
        },
      };
    }) as typeof db.prepare;
    assert.deepEqual(applyMigrations(db, migrations), ["t-003"]);
    db.close();
  });

  await t.test("a migration id listed twice is refused before anything is applied", () => {
    const db = new DatabaseSync(join(temp.dir, "twice.db"));
    assert.throws(() => applyMigrations(db, [...migrations, migrations[0] as Migration]), /listed twice/);
    assert.equal(db.prepare("SELECT count(*) AS n FROM schema_migrations").get()?.n, 0);
    db.close();
  });

  await t.test("an existing damaged file is refused at open with the recovery steps", () => {
    const file = join(temp.dir, "damaged.db");
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
    assert.throws(() => openDatabase(file, migrations, { integrityCheck: true }), /is damaged; refusing to start on it/);
  });
});
