/**
 * Logins in the activity log without a flood: every successful login is its own entry; failed ones are
 * aggregated per source per window — the first failure of a window is written at once (the owner sees an
 * attack start), the rest of that window become ONE entry with a count when the window closes. 3,000 bad-token
 * attempts from one address in a minute are two entries, not 3,000.
 *
 * Must not throw: it runs inside the gateway's authentication path. An entry that cannot be written (storage
 * fault) is counted in `lost()` and reported by the caller when storage recovers.
 */
import type { ActivityInput } from "./activity-log.ts";
import { createAggregationWindows } from "./aggregation-windows.ts";

export type LoginEvent = { ok: boolean; remote: string; via: "http" | "websocket"; lockedOut: boolean; unavailable?: string };

export type LoginActivity = {
  record(event: LoginEvent): void;
  /** Writes the summaries of windows that have closed (the caller runs it on a timer; `record` runs it too). */
  sweep(): void;
  /** Writes every open window's summary now (at shutdown). */
  flush(): void;
  /** Entries that could not be written since the last call; resets the count. */
  takeLost(): number;
};

type Window = { startedAt: number; failures: number; lockedOut: number; via: Set<string> };

export function createLoginActivity(deps: {
  append: (input: ActivityInput) => unknown;
  /** A monotonic clock (ms): a wall-clock step must not stretch or cut a window. */
  monotonic: () => number;
  windowMs: number;
  /** Bound on sources tracked at once; the oldest window is summarized early when it is reached. */
  maxSources?: number;
}): LoginActivity {
  const { monotonic, windowMs } = deps;
  const windows = createAggregationWindows<Window>({
    append: deps.append,
    monotonic,
    windowMs,
    maxKeys: deps.maxSources ?? 1000,
    summarize: (remote, w, seconds) => {
      if (w.failures === 0 && w.lockedOut === 0) return undefined;
      const parts = [`${w.failures} more failed login(s)`, ...(w.lockedOut > 0 ? [`${w.lockedOut} refused while locked out`] : [])];
      return {
        kind: "login",
        actor: remote,
        summary: `${parts.join(", ")} from ${remote} within ${seconds} s (${[...w.via].sort().join(", ")})`,
        data: { ok: false, aggregated: true, failures: w.failures, lockedOut: w.lockedOut, windowSeconds: seconds, via: [...w.via].sort() },
      };
    },
  });

  return {
    record(event) {
      const open = windows.open(event.remote);
      if (event.unavailable !== undefined) {
        windows.write({ kind: "alert", actor: event.remote, summary: `${event.via} login could not be checked: ${event.unavailable}`, data: { ok: false, via: event.via, unavailable: true } });
        return;
      }
      if (event.ok) {
        windows.write({ kind: "login", actor: event.remote, summary: `${event.via} login`, data: { ok: true, via: event.via } });
        return;
      }
      if (open) {
        if (event.lockedOut) open.lockedOut += 1;
        else open.failures += 1;
        open.via.add(event.via);
        return;
      }
      windows.start(event.remote, { startedAt: monotonic(), failures: 0, lockedOut: 0, via: new Set([event.via]) });
      windows.write({
        kind: "login",
        actor: event.remote,
        summary: `${event.via} ${event.lockedOut ? "refused (locked out)" : "failed login"}; further failures from ${event.remote} in the next ${Math.round(windowMs / 1000)} s are counted in one entry`,
        data: { ok: false, via: event.via, lockedOut: event.lockedOut },
      });
    },
    sweep: windows.sweep,
    flush: windows.flush,
    takeLost: windows.takeLost,
  };
}
