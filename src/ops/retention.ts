/**
 * Data minimization: per-channel retention for transcripts and logs. The sweeper computes each channel's
 * cutoff from the policy and asks each store to prune; stores own their tables (the transcript store
 * implements `RetentionTarget` over its `messages` table, the activity log uses `pruneBefore`).
 */
import { ErrorCode, WardenError } from "../core/errors.ts";

/** Days to keep per channel; a channel not listed uses `defaultDays`; nothing set means keep forever. */
export type RetentionPolicy = { defaultDays?: number; channels?: Readonly<Record<string, number>> };

/** Must delete only rows of `channel` older than `beforeTs`, and return how many it deleted. */
export type RetentionTarget = {
  name: string;
  channels(): string[];
  pruneBefore(channel: string, beforeTs: number): number;
};

export type RetentionReport = { target: string; channel: string; beforeTs: number; removed: number }[];

const DAY_MS = 86_400_000;

export function retentionCutoff(policy: RetentionPolicy, channel: string, now: number): number | undefined {
  const days = policy.channels?.[channel] ?? policy.defaultDays;
  if (days === undefined) return undefined;
  if (!Number.isFinite(days) || days < 0) {
    throw new WardenError(ErrorCode.ConfigInvalid, `retention for \`${channel}\` must be a non-negative number of days (got \`${String(days)}\`)`);
  }
  return now - days * DAY_MS;
}

export function sweepRetention(deps: { clock: () => number; policy: RetentionPolicy; targets: readonly RetentionTarget[] }): RetentionReport {
  const now = deps.clock();
  const report: RetentionReport = [];
  for (const target of deps.targets) {
    for (const channel of target.channels()) {
      const beforeTs = retentionCutoff(deps.policy, channel, now);
      if (beforeTs === undefined) continue;
      report.push({ target: target.name, channel, beforeTs, removed: target.pruneBefore(channel, beforeTs) });
    }
  }
  return report;
}
