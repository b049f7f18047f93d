/**
 * Gateway authentication: constant-time secret comparison and failed-attempt lockout. No client is exempt
 * from the lockout, loopback and browser origins included.
 */
import { createHash, timingSafeEqual } from "node:crypto";

export type AuthSettings = {
  mode: "token" | "password" | "none";
  token?: string;
  password?: string;
  /** Checks a token against every live token (rotation with a grace period); must compare in constant time. */
  verifyToken?: (candidate: string) => boolean;
};

/** Compares through fixed-length digests so neither content nor length leaks through timing. */
export function secretsEqual(candidate: string, expected: string): boolean {
  const a = createHash("sha256").update(candidate).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b) && candidate.length === expected.length;
}

export function checkCredential(settings: AuthSettings, presented: { token?: string; password?: string }): boolean {
  if (settings.mode === "none") return true;
  if (settings.mode === "token") {
    if (presented.token === undefined) return false;
    if (settings.verifyToken) return settings.verifyToken(presented.token);
    return settings.token !== undefined && secretsEqual(presented.token, settings.token);
  }
  return settings.password !== undefined && presented.password !== undefined && secretsEqual(presented.password, settings.password);
}

export type LockoutSettings = { maxFailures: number; windowMs: number; lockoutMs: number; maxLockoutMs?: number };

/**
 * A global failure budget per credential (not per source address: any local process can pick any 127.x.y.z,
 * and any local user could lock the owner out of 127.0.0.1). `maxFailures` wrong credentials within `windowMs`,
 * from anywhere, start a lockout; each further lockout before a success doubles its length (backoff, capped at
 * `maxLockoutMs`). INVARIANT: the lockout never refuses a valid credential: the credential is checked first, a
 * correct one gets in and a wrong one is answered "locked out". What bounds guessing is the budget's alarm and
 * backoff together with the credential's strength (256-bit tokens; passwords must pass `checkPasswordStrength`).
 */
export type AuthLimiter = {
  /** Whether the credential is in a lockout now, and for how long. */
  check(credential: string): { ok: true } | { ok: false; retryAfterMs: number };
  /** Counts one wrong attempt; returns the lockout state after it. */
  fail(credential: string): { ok: true } | { ok: false; retryAfterMs: number };
  succeed(credential: string): void;
};

export function createAuthLimiter(settings: LockoutSettings, clock: () => number): AuthLimiter {
  const maxLockoutMs = settings.maxLockoutMs ?? 24 * 60 * 60 * 1000;
  // One entry per credential kind (token, password): a handful of keys, never one per client.
  const entries = new Map<string, { failures: number[]; lockedUntil: number; strikes: number }>();
  const state = (credential: string): { ok: true } | { ok: false; retryAfterMs: number } => {
    const e = entries.get(credential);
    const now = clock();
    if (e && e.lockedUntil > now) return { ok: false, retryAfterMs: e.lockedUntil - now };
    return { ok: true };
  };
  return {
    check: state,
    fail(credential) {
      const now = clock();
      const e = entries.get(credential) ?? { failures: [], lockedUntil: 0, strikes: 0 };
      entries.set(credential, e);
      if (e.lockedUntil > now) return state(credential);
      e.failures = e.failures.filter((t) => now - t < settings.windowMs);
      e.failures.push(now);
      if (e.failures.length >= settings.maxFailures) {
        e.strikes += 1;
        e.lockedUntil = now + Math.min(maxLockoutMs, settings.lockoutMs * 2 ** Math.min(e.strikes - 1, 30));
        e.failures = [];
      }
      return state(credential);
    },
    succeed(credential) {
      // The backoff resets only once the lockout is over: a success during it does not shorten it for others.
      const e = entries.get(credential);
      if (e && e.lockedUntil <= clock()) entries.delete(credential);
    },
  };
}
