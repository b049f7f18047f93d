/**
 * One gateway per state directory. The lock is an OS lock: SQLite's exclusive file lock (POSIX `fcntl`) on
 * `<home>/gateway.lock`, held for the gateway's lifetime. The kernel drops it when the process dies, however it
 * dies (SIGKILL, OOM, power loss), so a stale lock never blocks the next start, and there is no pid-reuse race.
 * `gateway.pid` beside it only names the holder in the message the second instance prints.
 */
import { DatabaseSync } from "node:sqlite";
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ErrorCode, WardenError } from "../core/errors.ts";
import { storageConditionOf, storageError } from "./storage-guard.ts";

export type GatewayLock = {
  release(): void;
  /**
   * Checks every few seconds that `gateway.lock` is still the file this gateway locked: one deleted or replaced
   * (`rm ~/.warden/*.lock`) would let a second gateway start beside this one, so the lock is taken again on the new
   * file; `onLost` is told when another gateway got there first. Returns the stop function.
   */
  keep(onLost: (message: string) => void, everyMs?: number): () => void;
};

export function acquireGatewayLock(home: string, pid: number): GatewayLock {
  const file = join(home, "gateway.lock");
  const pidFile = join(home, "gateway.pid");
  // The lock file gone while the pid file names a live gateway: someone deleted the lock under it, which must not
  // let this one start beside it (the holder takes its lock again within seconds; see `keep`).
  const holder = existsSync(file) ? undefined : readHolder(pidFile);
  if (holder !== undefined && holder !== pid && isLiveWarden(holder)) throw anotherGateway(home, holder);
  let db = lockFile(file, home, pidFile);
  let held = inodeOf(file);
  writeFileSync(pidFile, `${pid}\n`, { mode: 0o600 });
  return {
    release() {
      rmSync(pidFile, { force: true });
      db.close();
    },
    keep(onLost, everyMs = 5_000) {
      let told = false;
      const timer = setInterval(() => {
        if (inodeOf(file) === held && held !== undefined) return;
        try {
          const next = lockFile(file, home, pidFile);
          db.close();
          db = next;
          held = inodeOf(file);
          writeFileSync(pidFile, `${pid}\n`, { mode: 0o600 });
          told = false;
        } catch (error) {
          if (!told) onLost(error instanceof Error ? error.message : String(error));
          told = true;
        }
      }, everyMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}

/** Opens `file` and takes SQLite's exclusive lock on it, held until the handle closes; a held lock is refused at once. */
function lockFile(file: string, home: string, pidFile: string): DatabaseSync {
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
    return db;
  } catch (error) {
    db.close();
    const code = typeof error === "object" && error !== null ? (error as { errcode?: unknown }).errcode : undefined;
    if (typeof code === "number" && (code & 0xff) === 5) throw anotherGateway(home, readHolder(pidFile));
    throw typedOrSame(error, file);
  }
}

function anotherGateway(home: string, holder: number | undefined): WardenError {
  return new WardenError(
    ErrorCode.StateUnsafe,
    `Another Warden gateway${holder ? ` (pid ${holder})` : ""} is already running on the state directory \`${home}\`. Stop it first, or give this one its own state directory (WARDEN_HOME). Two gateways on one state directory would expire each other's approvals and interleave their logs.`,
  );
}

function inodeOf(file: string): number | undefined {
  try {
    return statSync(file).ino;
  } catch {
    return undefined;
  }
}

/**
 * A running process whose command line has the `gateway` command (Linux's /proc; elsewhere unknown, and not
 * assumed): a pid file left by a killed gateway whose number another program reuses does not block a start.
 */
function isLiveWarden(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").includes("gateway");
  } catch {
    return false;
  }
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
