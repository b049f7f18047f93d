/** Storage faults from real SQLite become typed errors and a health state that clears itself. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { makeTempDir } from "../../test/support/temp-dir.ts";
import { openDatabase, storageProbe, storageProbeMigrations } from "./database.ts";
import { createStorageHealth, storageMessage } from "./storage-guard.ts";
import { isWardenError } from "../core/errors.ts";
import { holdWriteLock } from "../../test/support/sqlite-lock.ts";

const migrations = [...storageProbeMigrations, { id: "t-001", sql: "CREATE TABLE t (x TEXT NOT NULL)" }];

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    return isWardenError(error) ? error.code : `untyped: ${String(error)}`;
  }
  return undefined;
}

await test("storage guard", async (t) => {
  const temp = makeTempDir("storage");
  t.after(() => temp.cleanup());

  await t.test("a full disk is STORAGE_FULL, recorded, and clears on the next write that succeeds", () => {
    const health = createStorageHealth(Date.now);
    const db = openDatabase(join(temp.dir, "full.db"), migrations, { health });
    // A real SQLITE_FULL: the database may not grow past its current pages.
    const pages = (db.prepare("PRAGMA page_count").get() as { page_count: number }).page_count;
    db.exec(`PRAGMA max_page_count = ${pages}`);
    const insert = db.prepare("INSERT INTO t VALUES (?)");
    let code: string | undefined;
    for (let i = 0; i < 1000 && code === undefined; i += 1) code = codeOf(() => insert.run("x".repeat(2000)));
    assert.equal(code, "STORAGE_FULL");
    const status = health.status();
    assert.equal(status.ok, false);
    assert.ok(!status.ok && status.condition === "full" && /is full\. Free space/.test(status.message));
    assert.equal(db.isTransaction, false);
    db.exec("PRAGMA max_page_count = 1000000");
    storageProbe(db, Date.now());
    const after = health.status();
    assert.ok(after.ok && after.lastFault?.condition === "full");
    db.close();
  });

  await t.test("another process holding the write lock is STORAGE_BUSY (retryable), and writes work once it lets go", async () => {
    const health = createStorageHealth(Date.now);
    const file = join(temp.dir, "busy.db");
    const db = openDatabase(file, migrations, { health });
    const holder = await holdWriteLock(file);
    let error: unknown;
    try {
      db.prepare("INSERT INTO t VALUES ('a')").run();
    } catch (e) {
      error = e;
    }
    assert.ok(isWardenError(error) && error.code === "STORAGE_BUSY" && error.retryable, String(error));
    assert.match((error as Error).message, /Another process holds the write lock/);
    await holder.release();
    db.prepare("INSERT INTO t VALUES ('b')").run();
    assert.equal(health.status().ok, true);
    db.close();
  });

  await t.test("a page-corrupted database is refused at open with the recovery steps", () => {
    const file = join(temp.dir, "corrupt.db");
    const db = openDatabase(file, migrations);
    for (let i = 0; i < 300; i += 1) db.prepare("INSERT INTO t VALUES (?)").run("y".repeat(500));
    db.close();
    const fd = openSync(file, "r+");
    writeSync(fd, Buffer.alloc(4096 * 3, 0x5a), 0, 4096 * 3, 4096 * 5);
    closeSync(fd);
    assert.throws(() => openDatabase(file, migrations, { integrityCheck: true }), (e: unknown) => {
      assert.ok(isWardenError(e) && e.code === "STORAGE_CORRUPT");
      assert.match(e.message, /is damaged; refusing to start/);
      assert.match(e.message, /\.recover/);
      return true;
    });
  });

  await t.test("a message that sends the owner to a section of docs/operations.md names one that exists", () => {
    const docs = readFileSync(new URL("../../docs/operations.md", import.meta.url), "utf8");
    const headings = new Set([...docs.matchAll(/^#{2,4} (.+)$/gm)].map((m) => m[1]));
    for (const condition of ["full", "busy", "corrupt", "readonly", "io"] as const) {
      for (const [, section] of storageMessage(condition, "warden.db").matchAll(/"([^"]+)" in docs\/operations\.md/g)) {
        assert.ok(headings.has(section), `${condition}: docs/operations.md has no section "${section}"`);
      }
    }
  });

  await t.test("errors that are not storage faults pass through unchanged", () => {
    const db = openDatabase(join(temp.dir, "plain.db"), migrations);
    assert.throws(() => db.prepare("INSERT INTO t VALUES (NULL)").run(), (e: unknown) => !isWardenError(e) && /NOT NULL/.test(String(e)));
    assert.throws(() => db.exec("SELEKT 1"), (e: unknown) => !isWardenError(e));
    db.close();
  });

  await t.test("a statement is prepared at its first use: a store can make statements it never runs, and a bad one fails when used", async () => {
    const file = join(temp.dir, "lazy.db");
    const health = createStorageHealth(Date.now);
    const db = openDatabase(file, migrations, { health });
    const missing = db.prepare("SELECT x FROM no_such_table");
    const insert = db.prepare("INSERT INTO t VALUES (?)");
    assert.throws(() => missing.all(), (e: unknown) => !isWardenError(e) && /no such table/.test(String(e)));
    insert.run("a");
    assert.equal(insert.sourceSQL, "INSERT INTO t VALUES (?)");
    // A fault met at a first use (the statement prepared and run at once) is typed and recorded as ever.
    const later = db.prepare("INSERT INTO t VALUES ('b')");
    const holder = await holdWriteLock(file);
    db.exec("PRAGMA busy_timeout = 50");
    const code = codeOf(() => later.run());
    await holder.release();
    assert.equal(code, "STORAGE_BUSY");
    assert.equal(health.status().ok, false);
    later.run();
    assert.equal(health.status().ok, true);
    db.close();
  });
});
