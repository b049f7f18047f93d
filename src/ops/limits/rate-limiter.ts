/**
 * Token-bucket rate limiting with a bounded key map: a flood is refused (never queued), the sender gets one
 * polite notice per burst, and memory stays bounded however many keys appear.
 */
import { ErrorCode, WardenError } from "../../core/errors.ts";

export type RateResult = { ok: true } | { ok: false; retryAfterMs: number; notify: boolean };

/** Must never queue work, never grow past `maxKeys` buckets, and never throw on any key. */
export type RateLimiter = {
  take(key: string): RateResult;
  /** Number of keys currently tracked (≤ maxKeys). */
  size(): number;
};

type Bucket = { tokens: number; updatedAt: number; refused: boolean };

export function createRateLimiter(options: {
  clock: () => number;
  /** Burst size: how many takes a fresh key gets at once. */
  capacity: number;
  refillPerSecond: number;
  maxKeys: number;
}): RateLimiter {
  const { clock, capacity, refillPerSecond, maxKeys } = options;
  if (!(capacity >= 1) || !(refillPerSecond > 0) || !Number.isFinite(refillPerSecond) || !(maxKeys >= 1)) {
    throw new WardenError(
      ErrorCode.ConfigInvalid,
      `rate limiter needs capacity ≥ 1, refillPerSecond > 0 and maxKeys ≥ 1 (got ${capacity}, ${refillPerSecond}, ${maxKeys})`,
    );
  }
  // INVARIANT: Map iteration order is recency order (every take re-inserts its key), so the first key is the
  // least recently seen and is the one evicted. A flooding key is always the most recent: it cannot evict
  // itself to get a fresh bucket. An evicted key comes back with a full bucket, which only ever errs toward
  // letting a quiet sender through.
  const buckets = new Map<string, Bucket>();

  function take(key: string): RateResult {
    const now = clock();
    let bucket = buckets.get(key);
    if (bucket) {
      buckets.delete(key);
      const elapsed = Math.max(0, now - bucket.updatedAt);
      bucket.tokens = Math.min(capacity, bucket.tokens + (elapsed * refillPerSecond) / 1000);
      bucket.updatedAt = now;
    } else {
      bucket = { tokens: capacity, updatedAt: now, refused: false };
      while (buckets.size >= maxKeys) {
        const oldest = buckets.keys().next();
        if (oldest.done) break;
        buckets.delete(oldest.value);
      }
    }
    buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.refused = false;
      return { ok: true };
    }
    const retryAfterMs = Math.ceil(((1 - bucket.tokens) / refillPerSecond) * 1000);
    const notify = !bucket.refused;
    bucket.refused = true;
    return { ok: false, retryAfterMs, notify };
  }

  return { take, size: () => buckets.size };
}
