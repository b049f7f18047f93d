/**
 * Storage faults, told to the owner when they start; when they clear, an alert records how long and what was lost.
 * While faulty, a tiny write every few seconds notices the recovery even if nothing else writes. Also keeps the
 * count of activity entries that could not be written (the `status` method reports it).
 */
import type { DatabaseSync } from "node:sqlite";
import type { Logger } from "../core/logger.ts";
import { storageProbe } from "../state/database.ts";
import type { StorageHealth, StorageStatus } from "../state/storage-guard.ts";
import type { ActivityLog } from "../ops/activity-log/activity-log.ts";
import type { ResultOf } from "../gateway/protocol.ts";

export type StorageWatch = {
  /** Activity entries lost so far (and not yet reported by a recovery alert). */
  lostEntries(): number;
  stop(): void;
};

export function watchStorage(deps: {
  storage: StorageHealth;
  db: DatabaseSync;
  clock: () => number;
  monotonic: () => number;
  log: Logger;
  activityLog: Pick<ActivityLog, "append">;
  notifyOwner: (text: string) => void;
  /** Aggregators whose entries can be lost while the database refuses writes. */
  lossSources: readonly { takeLost(): number }[];
}): StorageWatch {
  const { storage, db, clock, monotonic, log } = deps;
  let lost = 0;
  const collect = () => {
    for (const s of deps.lossSources) lost += s.takeLost();
    return lost;
  };
  let probe: NodeJS.Timeout | undefined;
  let lastNoticeAt = Number.NEGATIVE_INFINITY;
  storage.onChange((now, before) => {
    if (!now.ok) {
      log.warn({ condition: now.condition }, now.message);
      // A disk with room for small writes only flaps between faulty and healthy: tell the owner once a minute.
      if (monotonic() - lastNoticeAt >= 60_000) {
        lastNoticeAt = monotonic();
        deps.notifyOwner(`Warden storage problem (${now.condition}): ${now.message}`);
      }
      probe ??= setInterval(() => {
        try {
          storageProbe(db, clock());
        } catch {
          // still faulty: the guard has recorded it
        }
      }, 5_000);
      probe.unref();
      return;
    }
    if (probe) clearInterval(probe);
    probe = undefined;
    if (before.ok) return;
    setImmediate(() => {
      const missed = collect();
      lost = 0;
      const minutes = Math.max(1, Math.round((clock() - before.since) / 60_000));
      const summary = `storage recovered: ${before.condition} for about ${minutes} min (${before.failures} failed operation(s))${missed > 0 ? `; ${missed} activity entr${missed === 1 ? "y" : "ies"} could not be written meanwhile` : ""}`;
      log.info({ condition: before.condition, lost: missed }, summary);
      try {
        deps.activityLog.append({ kind: "alert", actor: "system", summary, data: { condition: before.condition, since: before.since, until: clock(), failures: before.failures, lostEntries: missed } });
      } catch {
        lost += missed + 1;
      }
      deps.notifyOwner(`Warden ${summary}.`);
    });
  });
  return {
    lostEntries: collect,
    stop: () => {
      if (probe) clearInterval(probe);
    },
  };
}

/** The storage part of the `status` answer: dates as ISO strings. */
export function storageStatusView(status: StorageStatus): ResultOf<"status">["storage"] {
  return status.ok
    ? { ok: true, ...(status.lastFault ? { lastFault: { ...status.lastFault, since: new Date(status.lastFault.since).toISOString(), until: new Date(status.lastFault.until).toISOString() } } : {}) }
    : { ok: false, condition: status.condition, message: status.message, since: new Date(status.since).toISOString(), failures: status.failures };
}
