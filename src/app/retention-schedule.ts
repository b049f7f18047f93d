/**
 * Runs the transcript retention sweep in the gateway: once at start, then daily. A failing sweep is logged and
 * tried again the next day; it never stops the gateway. With no `session.retention` days set it does nothing.
 */
import type { Logger } from "../core/logger.ts";
import type { WardenConfig } from "../config/schema.ts";
import { sweepRetention, type RetentionPolicy, type RetentionReport } from "../ops/retention.ts";
import type { TranscriptStore } from "../sessions/transcripts.ts";
import type { OpsServices } from "./ops-services.ts";

export const RetentionSweepIntervalMs = 86_400_000;

export function retentionPolicyOf(config: WardenConfig): RetentionPolicy {
  const { days, channels } = config.session.retention;
  return { ...(days === undefined ? {} : { defaultDays: days }), channels };
}

/** Sweeps now and every day after; `stop` clears the timer (the gateway's close). */
export function startRetentionSweeps(deps: {
  ops: Pick<OpsServices, "activityLog">;
  transcripts: TranscriptStore;
  policy: RetentionPolicy;
  clock: () => number;
  log: Pick<Logger, "warn">;
}): { stop(): void } {
  const sweep = (): void => {
    try {
      sweepTranscriptRetention(deps);
    } catch (error) {
      deps.log.warn({ error: String(error) }, "retention sweep failed; it runs again tomorrow");
    }
  };
  sweep();
  const timer = setInterval(sweep, RetentionSweepIntervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/**
 * The retention sweep over transcripts (per-channel days from `policy`): deletes old messages and the sessions
 * they leave empty, and records what it removed in the activity log. Run at start and then daily.
 */
export function sweepTranscriptRetention(deps: { ops: Pick<OpsServices, "activityLog">; transcripts: TranscriptStore; policy: RetentionPolicy; clock: () => number }): RetentionReport {
  const report = sweepRetention({
    clock: deps.clock,
    policy: deps.policy,
    targets: [{ name: "transcripts", channels: () => deps.transcripts.channels(), pruneBefore: (channel, beforeTs) => deps.transcripts.pruneBefore(channel, beforeTs) }],
  });
  const removed = report.reduce((sum, r) => sum + r.removed, 0);
  if (removed > 0) {
    deps.ops.activityLog.append({
      kind: "retention",
      actor: "system",
      summary: `retention removed ${removed} transcript message(s)`,
      data: report.map((r) => ({ channel: r.channel, before: new Date(r.beforeTs).toISOString(), removed: r.removed })),
    });
  }
  return report;
}
