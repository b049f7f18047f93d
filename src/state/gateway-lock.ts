/**
 * One gateway per state directory. The lock is an OS lock: SQLite's exclusive file lock (POSIX `fcntl`) on
 * `<home>/gateway.lock`, held for the gateway's lifetime. The kernel drops it when the process dies, however it
 * dies (SIGKILL, OOM, power loss), so a stale lock never blocks the next start, and there is no pid-reuse race.
 * `gateway.pid` beside it only names the holder in the message the second instance prints.
 */
import { DatabaseSync } from "node:sqlite";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ErrorCode, WardenError } from "../core/errors.ts";
import { storageConditionOf, storageError } from "./storage-guard.ts";

export type GatewayLock = { release(): void };

export function acquireGatewayLock(home: string, pid: number): GatewayLock {
  const file = join(home, "gateway.lock");
  const pidFile = join(home, "gateway.pid");
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(file);
  } catch (error) {
    throw typedOrSame(error, file);
  }
  try {
    // No waiting: a held lock is an answer, not something to queue behind.
    db.exec("PRAGMA busy_timeout = 0; PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = DELETE;");
    db.exec("BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL); DELETE FROM holder; COMMIT;");
    // INVARIANT: in EXCLUSIVE locking mode the lock taken by that write stays held until `db.close()`.
  } catch (error) {
    db.close();
    const code = typeof error === "object" && error !== null ? (error as { errcode?: unknown }).errcode : undefined;
    if (typeof code === "number" && (code & 0xff) === 5) {
      const holder = readHolder(pidFile);
      throw new WardenError(
        ErrorCode.StateUnsafe,
        `Another Warden gateway${holder ? ` (pid ${holder})` : ""} is already running on the state directory \`${home}\`. Stop it first, or give this one its own state directory (WARDEN_HOME). Two gateways on one state directory would expire each other's approvals and interleave their logs.`,
      );
    }
    throw typedOrSame(error, file);
  }
  writeFileSync(pidFile, `${pid}\n`, { mode: 0o600 });
  return {
    release() {
      rmSync(pidFile, { force: true });
      db.close();
    },
  };
}

/** A read-only or full state directory says so, as every other storage fault does. */
function typedOrSame(error: unknown, file: string): unknown {
  const condition = storageConditionOf(error);
  return condition === undefined ? error : storageError(condition, file, error);
}

function readHolder(pidFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(pidFile, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
