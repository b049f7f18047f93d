/**
 * Logins in the activity log without a flood, aggregated per source per window: the first failure of a window is
 * written at once (the owner sees an attack start), the rest of that window become ONE entry with a count when the
 * window closes. 3,000 bad-token attempts from one address in a minute are two entries, not 3,000. Successful
 * logins likewise, in a window of their own: the first from a source is written at once, repeats (a client that
 * reconnects, 150 connections from one script) are counted; a success while failures from the same source are
 * being counted is always written at once (a guess that worked is news).
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

type Window = { startedAt: number; failures: number; lockedOut: number; successes: number; via: Set<string> };

/** The window key of a source's successful logins; failures use the source itself. */
const successKey = (remote: string) => `ok\u0000${remote}`;
const remoteOf = (key: string) => (key.startsWith(successKey("")) ? key.slice(successKey("").length) : key);

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
    summarize: (key, w, seconds): ActivityInput | undefined => {
      const remote = remoteOf(key);
      const via = [...w.via].sort();
      if (w.successes > 0) {
        return {
          kind: "login",
          actor: remote,
          summary: `${w.successes} more login(s) from ${remote} within ${seconds} s (${via.join(", ")})`,
          data: { ok: true, aggregated: true, logins: w.successes, windowSeconds: seconds, via },
        };
      }
      if (w.failures === 0 && w.lockedOut === 0) return undefined;
      const parts = [`${w.failures} more failed login(s)`, ...(w.lockedOut > 0 ? [`${w.lockedOut} refused while locked out`] : [])];
      return {
        kind: "login",
        actor: remote,
        summary: `${parts.join(", ")} from ${remote} within ${seconds} s (${via.join(", ")})`,
        data: { ok: false, aggregated: true, failures: w.failures, lockedOut: w.lockedOut, windowSeconds: seconds, via },
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
        const repeat = windows.open(successKey(event.remote));
        if (repeat !== undefined && open === undefined) {
          repeat.successes += 1;
          repeat.via.add(event.via);
          return;
        }
        if (repeat === undefined) windows.start(successKey(event.remote), { startedAt: monotonic(), failures: 0, lockedOut: 0, successes: 0, via: new Set([event.via]) });
        windows.write({ kind: "login", actor: event.remote, summary: `${event.via} login`, data: { ok: true, via: event.via } });
        return;
      }
      if (open) {
        if (event.lockedOut) open.lockedOut += 1;
        else open.failures += 1;
        open.via.add(event.via);
        return;
      }
      windows.start(event.remote, { startedAt: monotonic(), failures: 0, lockedOut: 0, successes: 0, via: new Set([event.via]) });
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
