/**
 * Per-sender token buckets, bounded in memory: a flood from one sender (or many) can cost at most
 * `maxTracked` entries. Never throws.
 */
export type SenderRateLimiter = {
  /** Takes one token for `key`; false when the sender is over the limit. */
  take(key: string): boolean;
  readonly size: number;
};

export type SenderRateLimitOptions = {
  /** Sustained messages per minute; also the burst size. */
  perMinute: number;
  clock: () => number;
  /** Most senders tracked at once; the least recently seen is forgotten first. */
  maxTracked?: number;
};

export function createSenderRateLimiter(options: SenderRateLimitOptions): SenderRateLimiter {
  const capacity = Math.max(1, Math.floor(options.perMinute));
  const refillPerMs = capacity / 60_000;
  const maxTracked = Math.max(1, options.maxTracked ?? 10_000);
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const now = options.clock();
      const existing = buckets.get(key);
      let bucket = existing ?? { tokens: capacity, at: now };
      if (existing !== undefined) {
        buckets.delete(key); // re-insert below: Map order is recency order
        const elapsed = Math.max(0, now - bucket.at);
        bucket = { tokens: Math.min(capacity, bucket.tokens + elapsed * refillPerMs), at: now };
      }
      const allowed = bucket.tokens >= 1;
      if (allowed) bucket.tokens -= 1;
      buckets.set(key, bucket);
      // INVARIANT: memory stays bounded; a forgotten sender starts again with a full bucket, which is the
      // price of the bound (an attacker rotating more than maxTracked identities gets one burst each).
      while (buckets.size > maxTracked) {
        const oldest = buckets.keys().next().value;
        if (oldest === undefined) break;
        buckets.delete(oldest);
      }
      return allowed;
    },
    get size() {
      return buckets.size;
    },
  };
}
