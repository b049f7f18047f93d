/**
 * The registry's SQL driver over embedded SQLite (`node:sqlite` through `openDatabase`: WAL, storage faults as
 * typed errors). node:sqlite is synchronous, so a transaction whose work awaits would let another request's
 * statements into it (or show it uncommitted rows): every statement and transaction is queued and runs alone.
 */
import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import { openDatabase } from "../../state/database.ts";
import type { SqlDriver, SqlExecutor, SqlRow, SqlValue } from "./sql.ts";

export function openSqliteDriver(file: string): SqlDriver {
  const db: DatabaseSync = openDatabase(file, []);
  const exec: SqlExecutor = {
    all: <T extends SqlRow>(sql: string, params: readonly SqlValue[] = []) => Promise.resolve(db.prepare(sql).all(...(params as SQLInputValue[])) as T[]),
    run: (sql: string, params: readonly SqlValue[] = []) => Promise.resolve(Number(db.prepare(sql).run(...(params as SQLInputValue[])).changes)),
  };
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    kind: "sqlite",
    all: <T extends SqlRow>(sql: string, params?: readonly SqlValue[]) => serial(() => exec.all<T>(sql, params)),
    run: (sql: string, params?: readonly SqlValue[]) => serial(() => exec.run(sql, params)),
    transaction: <T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> => serial(async () => {
      db.exec("BEGIN IMMEDIATE");
      try {
        const result = await work(exec);
        db.exec("COMMIT");
        return result;
      } catch (error) {
        db.exec("ROLLBACK");
        throw error;
      }
    }),
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}
