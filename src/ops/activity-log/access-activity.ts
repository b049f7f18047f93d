/**
 * Channel access entries without a flood: messages the agent never sees because a stranger sent them (pairing
 * replies, access drops, rate-limit drops) are aggregated per channel per window. The first of a window is
 * written at once; the rest become ONE entry with counts when the window closes. 10,000 strangers in a minute
 * are two entries, not 10,000. Owner and contact traffic (accepted, commands) is never aggregated.
 *
 * Must not throw: it runs inside the channel pipeline. Entries that cannot be written are counted in `takeLost`.
 */
import type { ActivityInput } from "./activity-log.ts";
import { createAggregationWindows } from "./aggregation-windows.ts";

/** The part of a channel pipeline log entry this needs (no message text ever reaches it). */
export type AccessEvent = { channel: string; senderId: string; outcome: string; reason: { id: string }; principal?: string };

export type AccessActivity = {
  record(event: AccessEvent, full: ActivityInput): void;
  sweep(): void;
  flush(): void;
  takeLost(): number;
};

type Window = { startedAt: number; messages: number; senders: Set<string>; sendersOverflow: number; outcomes: Map<string, number> };

/** Stranger outcomes: pairing codes, access-policy drops and rate-limit drops. Everything else is written as is. */
export function isStrangerNoise(event: AccessEvent): boolean {
  if (event.principal !== undefined) return false;
  if (event.outcome === "pairing") return true;
  return event.outcome === "dropped" && (event.reason.id.startsWith("access.") || event.reason.id === "inbound.rate_limited" || event.reason.id === "inbound.channel_rate_limited");
}

const MAX_SENDERS_LISTED = 50;

export function createAccessActivity(deps: { append: (input: ActivityInput) => unknown; monotonic: () => number; windowMs: number }): AccessActivity {
  const { monotonic, windowMs } = deps;
  const windows = createAggregationWindows<Window>({
    ...deps,
    summarize: (channel, w, seconds) => {
      if (w.messages === 0) return undefined;
      const outcomes = Object.fromEntries([...w.outcomes].sort());
      // Only the first senders are tracked (bounded memory): beyond them the count is "at least".
      const senders = w.senders.size;
      return {
        kind: "gate",
        actor: "access",
        summary: `${w.messages} more message(s) from ${senders}${w.sendersOverflow > 0 ? "+" : ""} sender(s) not admitted on ${channel} within ${seconds} s (${Object.entries(outcomes).map(([k, v]) => `${k}: ${v}`).join(", ")})`,
        data: { aggregated: true, channel, messages: w.messages, senders: [...w.senders], messagesFromUnlistedSenders: w.sendersOverflow, outcomes, windowSeconds: seconds },
      };
    },
  });
  return {
    record(event, full) {
      const open = windows.open(event.channel);
      if (!isStrangerNoise(event)) return windows.write(full);
      if (!open) {
        windows.start(event.channel, { startedAt: monotonic(), messages: 0, senders: new Set(), sendersOverflow: 0, outcomes: new Map() });
        return windows.write({ ...full, summary: `${full.summary}; further stranger messages on ${event.channel} in the next ${Math.round(windowMs / 1000)} s are counted in one entry` });
      }
      open.messages += 1;
      if (!open.senders.has(event.senderId)) {
        if (open.senders.size < MAX_SENDERS_LISTED) open.senders.add(event.senderId);
        else open.sendersOverflow += 1;
      }
      const key = `${event.outcome}:${event.reason.id}`;
      open.outcomes.set(key, (open.outcomes.get(key) ?? 0) + 1);
    },
    sweep: windows.sweep,
    flush: windows.flush,
    takeLost: windows.takeLost,
  };
}
