/**
 * Storage faults are data, not crashes. Every statement on the state database goes through a guard that turns
 * SQLite's fault codes (disk full, locked by another process, damaged file, read-only, I/O error) into a typed
 * `WardenError` with a message that says what to do, and records the condition in a `StorageHealth` that the
 * gateway reports (`warden status`) and that clears itself on the next write that succeeds.
 *
 * Contract: the guard never swallows an error (the caller still fails) and never changes what a statement does;
 * errors that are not storage faults (a constraint, a syntax error) pass through unchanged.
 */
import type { DatabaseSync, StatementSync } from "node:sqlite";
import { ErrorCode, WardenError } from "../core/errors.ts";

export type StorageCondition = "full" | "busy" | "corrupt" | "readonly" | "io";

export type StorageStatus =
  | { ok: true; lastFault?: { condition: StorageCondition; since: number; until: number; failures: number } }
  | { ok: false; condition: StorageCondition; message: string; since: number; failures: number };

/** Must not throw from `fault`, `ok` or a listener call: it sits on the error path of every storage call. */
export type StorageHealth = {
  status(): StorageStatus;
  fault(condition: StorageCondition, message: string): void;
  /** A write succeeded: the condition, if any, has cleared. */
  ok(): void;
  /** Called on every change between healthy and faulty (not on repeated faults of one condition). */
  onChange(listener: (now: StorageStatus, before: StorageStatus) => void): () => void;
};

export function createStorageHealth(clock: () => number): StorageHealth {
  let current: StorageStatus = { ok: true };
  const listeners = new Set<(now: StorageStatus, before: StorageStatus) => void>();
  const change = (next: StorageStatus) => {
    const before = current;
    current = next;
    for (const l of listeners) {
      try {
        l(next, before);
      } catch {
        // A broken listener must not turn a storage fault into a crash.
      }
    }
  };
  return {
    status: () => current,
    fault(condition, message) {
      if (!current.ok && current.condition === condition) {
        current = { ...current, message, failures: current.failures + 1 };
        return;
      }
      change({ ok: false, condition, message, since: clock(), failures: 1 });
    },
    ok() {
      if (current.ok) return;
      change({ ok: true, lastFault: { condition: current.condition, since: current.since, until: clock(), failures: current.failures } });
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** SQLite primary result codes that are storage faults (the extended code's low byte). */
const CONDITION_BY_CODE: ReadonlyMap<number, StorageCondition> = new Map([
  [13, "full"], // SQLITE_FULL
  [5, "busy"], // SQLITE_BUSY
  [6, "busy"], // SQLITE_LOCKED
  [11, "corrupt"], // SQLITE_CORRUPT
  [26, "corrupt"], // SQLITE_NOTADB
  [8, "readonly"], // SQLITE_READONLY
  [10, "io"], // SQLITE_IOERR
  [14, "io"], // SQLITE_CANTOPEN
]);

/** The storage condition a thrown value stands for, or undefined when it is not a storage fault. */
export function storageConditionOf(error: unknown): StorageCondition | undefined {
  if (error instanceof WardenError) return conditionOfCode(error.code);
  if (typeof error !== "object" || error === null) return undefined;
  const errcode = (error as { errcode?: unknown }).errcode;
  if (typeof errcode !== "number") return undefined;
  return CONDITION_BY_CODE.get(errcode & 0xff);
}

function conditionOfCode(code: string): StorageCondition | undefined {
  switch (code) {
    case ErrorCode.StorageFull: return "full";
    case ErrorCode.StorageBusy: return "busy";
    case ErrorCode.StorageCorrupt: return "corrupt";
    case ErrorCode.StorageReadOnly: return "readonly";
    case ErrorCode.StorageIo: return "io";
    default: return undefined;
  }
}

const CODE_OF: Readonly<Record<StorageCondition, ErrorCode>> = {
  full: ErrorCode.StorageFull,
  busy: ErrorCode.StorageBusy,
  corrupt: ErrorCode.StorageCorrupt,
  readonly: ErrorCode.StorageReadOnly,
  io: ErrorCode.StorageIo,
};

/** What the owner reads for each condition: what is wrong and what to do. `file` is the database path. */
export function storageMessage(condition: StorageCondition, file: string): string {
  switch (condition) {
    case "full":
      return `The disk holding Warden's state (\`${file}\`) is full. Free space on that disk: a running gateway recovers by itself, a stopped one can then be started again; nothing already stored is lost.`;
    case "busy":
      return `Another process holds the write lock on Warden's database (\`${file}\`): a second gateway, a \`sqlite3\` shell or a backup tool. Try again in a moment; close that process if this persists.`;
    case "corrupt":
      return `Warden's database (\`${file}\`) is damaged. Stop the gateway and start it again: it refuses a damaged database and prints the recovery steps (back up, \`sqlite3 … .recover\`, or restore a backup; also under "Storage faults" in docs/operations.md).`;
    case "readonly":
      return `Warden cannot write its database (\`${file}\`): the state directory or the file is read-only. Make it writable by the user running Warden: a running gateway recovers by itself, a stopped one can then be started again.`;
    case "io":
      return `Reading or writing Warden's database (\`${file}\`) failed with an I/O error. Check the disk (\`dmesg\`, free space, mounts); a running gateway retries by itself.`;
  }
}

/** A typed, retryable-when-it-can-clear error for a storage fault. */
export function storageError(condition: StorageCondition, file: string, cause?: unknown): WardenError {
  return new WardenError(CODE_OF[condition], storageMessage(condition, file), { cause, retryable: condition !== "corrupt" });
}

/** Statements whose success shows the database is writable again (BEGIN proves nothing about free space). */
const ROLLBACK = /^\s*rollback\s*;?\s*$/i;
const WRITES = /^\s*(insert|update|delete|replace|create|drop|alter|commit|end)\b/i;

/**
 * Wraps `db` so every `exec`, `prepare`d `run/get/all/iterate` translates storage faults into typed errors and
 * keeps `health` current. The returned object is the same database (same connection, same statements).
 */
export function guardDatabase(db: DatabaseSync, health: StorageHealth, file: string, busyTimeoutMs = 2000): DatabaseSync {
  // While another process holds the lock, later statements wait only briefly: node:sqlite blocks the event loop
  // while it waits, and one full wait per request would stall every other client for the lock's duration.
  let waitingShort = false;
  const setWait = (short: boolean) => {
    if (short === waitingShort) return;
    waitingShort = short;
    try {
      db.exec(`PRAGMA busy_timeout = ${short ? Math.min(100, busyTimeoutMs) : busyTimeoutMs}`);
    } catch {
      // a pragma that cannot be set leaves the previous wait in place
    }
  };
  // INVARIANT: health clears only on a write that committed (outside a transaction), so a fault that recurs at
  // COMMIT does not flap between healthy and faulty on the statements before it.
  const guarded = <T>(work: () => T, write: boolean): T => {
    let result: T;
    try {
      result = work();
    } catch (error) {
      const condition = storageConditionOf(error);
      if (condition === undefined) throw error;
      const typed = error instanceof WardenError ? error : storageError(condition, file, error);
      health.fault(condition, typed.message);
      if (condition === "busy") setWait(true);
      throw typed;
    }
    if (write && !db.isTransaction) {
      health.ok();
      setWait(false);
    }
    return result;
  };
  /**
   * A statement prepared at its first use rather than when a store is made: a store prepares every statement it
   * might need, and a process that lives for one command or one red-team run uses a third of them or fewer
   * (SQLite parses and plans each one: ~40 µs). Preparing is guarded like running, and a statement's SQL is
   * checked by SQLite at its first use instead of at the store's creation.
   */
  const wrapStatement = (prepare: () => StatementSync, write: boolean): StatementSync => {
    let prepared: StatementSync | undefined;
    // Any property of the statement (a method, `sourceSQL`) prepares it; the proxy's own target is never read.
    return new Proxy({} as StatementSync, {
      get(_, prop) {
        const target = (prepared ??= prepare());
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== "function") return value;
        const fn = value as (...args: unknown[]) => unknown;
        if (prop === "iterate") {
          return (...args: unknown[]) => {
            const it = guarded(() => fn.apply(target, args), false) as Iterator<unknown> & Iterable<unknown>;
            const wrapped: IterableIterator<unknown> = {
              next: () => guarded(() => it.next(), false),
              return: (value?: unknown) => (it.return ? it.return(value) : { done: true, value }),
              [Symbol.iterator]() {
                return wrapped;
              },
            };
            return wrapped;
          };
        }
        if (prop === "run") return (...args: unknown[]) => guarded(() => fn.apply(target, args), true);
        if (prop === "get" || prop === "all") return (...args: unknown[]) => guarded(() => fn.apply(target, args), write);
        return fn.bind(target);
      },
    });
  };
  return new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== "function") return value;
      const fn = value as (...args: unknown[]) => unknown;
      if (prop === "exec") {
        return (sql: string) => {
          // SQLite rolls a transaction back by itself on SQLITE_FULL (and some I/O errors). A caller's
          // `catch { ROLLBACK }` would then throw "no transaction is active" and hide the real, typed fault.
          if (ROLLBACK.test(sql) && !target.isTransaction) return undefined;
          return guarded(() => fn.call(target, sql), WRITES.test(sql));
        };
      }
      if (prop === "prepare") return (sql: string, ...rest: unknown[]) => wrapStatement(() => guarded(() => fn.call(target, sql, ...rest), false) as StatementSync, WRITES.test(sql));
      return fn.bind(target);
    },
  });
}
