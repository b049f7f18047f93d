/**
 * Idempotent chat sends: a client that lost its connection re-sends with the same key and gets the first send's
 * answer instead of a second turn. Keys are remembered for the last `max` sends (all owner clients share them);
 * a key is forgotten after a failed run, so a send that threw can be retried.
 */
export type SendDedup = { once<T>(key: string, run: () => Promise<T>): Promise<T> };

export function createSendDedup(max = 512): SendDedup {
  // INVARIANT: insertion order is age order; past `max` the oldest key is dropped.
  const seen = new Map<string, Promise<unknown>>();
  return {
    once<T>(key: string, run: () => Promise<T>): Promise<T> {
      const earlier = seen.get(key);
      if (earlier !== undefined) return earlier as Promise<T>;
      const running = run();
      seen.set(key, running);
      while (seen.size > max) seen.delete(seen.keys().next().value as string);
      running.catch(() => seen.delete(key));
      return running;
    },
  };
}
