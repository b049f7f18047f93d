/**
 * Runs the transcript retention sweep in the gateway: once at start, then daily. A failing sweep is logged and
 * tried again the next day; it never stops the gateway. With no `session.retention` days set it does nothing.
 */
import type { Logger } from "pino";
import type { WardenConfig } from "../config/schema.ts";
import type { RetentionPolicy } from "../ops/retention.ts";
import type { TranscriptStore } from "../sessions/transcripts.ts";
import { sweepTranscriptRetention, type OpsServices } from "./ops-services.ts";

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
