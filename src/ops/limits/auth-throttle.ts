/**
 * Throttle for the gateway's authentication: failed attempts per client address within a sliding window.
 * Successes are never counted. Tokens are 256-bit random values that cannot be guessed, so token mode
 * accepts a valid token without asking the throttle: that is what keeps the owner from being locked out by
 * someone else's failures from the same address (every local process shares 127.0.0.1). Passwords can be
 * guessed: in password mode a throttled address is refused before the password is checked.
 */
import type { Reason } from "../../core/decision.ts";

export type AuthThrottleResult = { ok: true } | { ok: false; retryAfterMs: number; reason: Reason };

/** Must never count a successful attempt, and never track more than `maxKeys` addresses. */
export type AuthThrottle = {
  /** Before checking a password: may this address try now? */
  mayAttempt(address: string): AuthThrottleResult;
  /** After a failed attempt: records it and says whether the address is now throttled. */
  recordFailure(address: string): AuthThrottleResult;
  size(): number;
};

export function createAuthThrottle(options: { clock: () => number; maxFailures?: number; windowMs?: number; maxKeys?: number }): AuthThrottle {
  const { clock } = options;
  const maxFailures = options.maxFailures ?? 10;
  const windowMs = options.windowMs ?? 5 * 60_000;
  const maxKeys = options.maxKeys ?? 10_000;
  // INVARIANT: Map order is recency order (re-inserted on every failure), each list holds ≤ maxFailures
  // timestamps, and the map holds ≤ maxKeys addresses: memory is bounded whatever the flood.
  const failures = new Map<string, number[]>();

  function recent(address: string, now: number): number[] {
    const list = (failures.get(address) ?? []).filter((ts) => ts > now - windowMs);
    if (list.length === 0) failures.delete(address);
    return list;
  }

  function verdict(list: number[], now: number): AuthThrottleResult {
    if (list.length < maxFailures) return { ok: true };
    const retryAfterMs = Math.max(1, (list[0] ?? now) + windowMs - now);
    return {
      ok: false,
      retryAfterMs,
      reason: { id: "auth.locked_out", message: `Too many failed sign-in attempts from this address. Try again in ${Math.ceil(retryAfterMs / 1000)} s.` },
    };
  }

  function mayAttempt(address: string): AuthThrottleResult {
    const now = clock();
    return verdict(recent(address, now), now);
  }

  function recordFailure(address: string): AuthThrottleResult {
    const now = clock();
    const list = [...recent(address, now), now].slice(-maxFailures);
    failures.delete(address);
    while (failures.size >= maxKeys) {
      const oldest = failures.keys().next();
      if (oldest.done) break;
      failures.delete(oldest.value);
    }
    failures.set(address, list);
    return verdict(list, now);
  }

  return { mayAttempt, recordFailure, size: () => failures.size };
}
