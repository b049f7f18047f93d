/**
 * Storage faults, told to the owner when they start; when they clear, an alert records how long and what was lost.
 * While faulty, a tiny write every few seconds notices the recovery even if nothing else writes. Also keeps the
 * count of activity entries that could not be written (the `status` method reports it), and checks every half minute
 * that the database still holds the activity log's externally anchored head: a database emptied, truncated or
 * replaced under the running gateway is told to the owner at once, not only at the next start.
 */
import type { DatabaseSync } from "node:sqlite";
import type { Logger } from "../core/logger.ts";
import { storageProbe } from "../state/database.ts";
import type { StorageHealth, StorageStatus } from "../state/storage-guard.ts";
import type { ActivityLog } from "../ops/activity-log/activity-log.ts";
import type { AnchorCheck } from "../ops/activity-log/external-anchor.ts";
import type { ResultOf } from "../gateway/protocol.ts";

export type StorageWatch = {
  /** Activity entries lost so far (and not yet reported by a recovery alert). */
  lostEntries(): number;
  /** Why the database no longer holds the anchored activity history, while it does not. */
  historyProblem(): string | undefined;
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
  /** The activity log's check against its external anchor (`ActivityLog.checkAnchor`); may throw when the head row is gone. */
  checkAnchor?: () => AnchorCheck;
  anchorEveryMs?: number;
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
      const seconds = Math.max(1, Math.round((clock() - before.since) / 1000));
      const lasted = seconds < 90 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
      const summary = `storage recovered: ${before.condition} for about ${lasted} (${before.failures} failed operation(s))${missed > 0 ? `; ${missed} activity entr${missed === 1 ? "y" : "ies"} could not be written meanwhile` : ""}`;
      log.info({ condition: before.condition, lost: missed }, summary);
      try {
        deps.activityLog.append({ kind: "alert", actor: "system", summary, data: { condition: before.condition, since: before.since, until: clock(), failures: before.failures, lostEntries: missed } });
      } catch {
        lost += missed + 1;
      }
      deps.notifyOwner(`Warden ${summary}.`);
    });
  });
  let historyProblem: string | undefined;
  const checkHistory = () => {
    if (!deps.checkAnchor) return;
    let problem: string | undefined;
    try {
      const check = deps.checkAnchor();
      problem = check.ok ? undefined : check.message;
    } catch (error) {
      // A storage fault is the guard's to report; a missing head row or table is the history gone.
      if (!storage.status().ok) return;
      problem = error instanceof Error ? error.message : String(error);
    }
    if (problem !== undefined && historyProblem === undefined) {
      const text = `the state database no longer holds the activity history its anchor recorded (${problem}): it was emptied, cut short or replaced while the gateway ran. Stop the gateway and run \`warden audit-log verify\` (docs/operations.md, "Storage faults")`;
      log.error({ problem }, text);
      deps.notifyOwner(`Warden: ${text}.`);
      try {
        deps.activityLog.append({ kind: "alert", actor: "system", summary: `activity history lost under the running gateway: ${problem}`, data: { problem } });
      } catch {
        // the database that lost it may refuse this too; the log line and the notice stand
      }
    }
    historyProblem = problem;
  };
  const anchorTimer = deps.checkAnchor ? setInterval(checkHistory, deps.anchorEveryMs ?? 30_000) : undefined;
  anchorTimer?.unref();
  return {
    lostEntries: collect,
    // Asked by `status`: checked now (one row), so the answer is never half a minute old.
    historyProblem: () => {
      checkHistory();
      return historyProblem;
    },
    stop: () => {
      if (probe) clearInterval(probe);
      if (anchorTimer) clearInterval(anchorTimer);
    },
  };
}

/** The storage part of the `status` answer: dates as ISO strings. */
export function storageStatusView(status: StorageStatus): ResultOf<"status">["storage"] {
  return status.ok
    ? { ok: true, ...(status.lastFault ? { lastFault: { ...status.lastFault, since: new Date(status.lastFault.since).toISOString(), until: new Date(status.lastFault.until).toISOString() } } : {}) }
    : { ok: false, condition: status.condition, message: status.message, since: new Date(status.since).toISOString(), failures: status.failures };
}
