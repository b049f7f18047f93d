/**
 * Keyed aggregation windows for the activity log (failed logins per source, stranger traffic per channel): the
 * first event of a window is written by the caller at once, the rest are counted in the window, and one summary
 * entry is written when the window closes (`sweep`) or at shutdown (`flush`).
 *
 * Must not throw: writes that fail (storage faults) are counted and handed out by `takeLost`.
 */
import type { ActivityInput } from "./activity-log.ts";

export type AggregationWindows<W extends { startedAt: number }> = {
  /** The open window for `key`, or undefined (closed windows are summarized first). */
  open(key: string): W | undefined;
  /** Opens a window for `key`; at capacity, the oldest window is summarized early to make room. */
  start(key: string, window: W): void;
  /** Writes an entry now, counting it as lost if storage refuses it. */
  write(input: ActivityInput): void;
  sweep(): void;
  flush(): void;
  takeLost(): number;
};

export function createAggregationWindows<W extends { startedAt: number }>(deps: {
  append: (input: ActivityInput) => unknown;
  monotonic: () => number;
  windowMs: number;
  maxKeys?: number;
  /** The summary of a closed window, or undefined when there is nothing to say; `seconds` is its length. */
  summarize: (key: string, window: W, seconds: number) => ActivityInput | undefined;
}): AggregationWindows<W> {
  const { append, monotonic, windowMs } = deps;
  const maxKeys = deps.maxKeys ?? Number.POSITIVE_INFINITY;
  const windows = new Map<string, W>();
  let lost = 0;
  const write = (input: ActivityInput) => {
    try {
      append(input);
    } catch {
      lost += 1;
    }
  };
  const close = (key: string, w: W) => {
    windows.delete(key);
    const entry = deps.summarize(key, w, Math.max(1, Math.round((monotonic() - w.startedAt) / 1000)));
    if (entry !== undefined) write(entry);
  };
  const sweep = () => {
    const now = monotonic();
    for (const [key, w] of windows) if (now - w.startedAt >= windowMs) close(key, w);
  };
  return {
    open(key) {
      sweep();
      return windows.get(key);
    },
    start(key, window) {
      if (windows.size >= maxKeys) {
        const [oldest, w] = windows.entries().next().value as [string, W];
        close(oldest, w);
      }
      windows.set(key, window);
    },
    write,
    sweep,
    flush() {
      for (const [key, w] of [...windows]) close(key, w);
    },
    takeLost() {
      const n = lost;
      lost = 0;
      return n;
    },
  };
}
