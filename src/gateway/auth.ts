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

export type LockoutSettings = { maxFailures: number; windowMs: number; lockoutMs: number; maxKeys?: number };

export type AuthLimiter = {
  /** Whether `key` may try now; `retryAfterMs` when it is locked out. */
  check(key: string): { ok: true } | { ok: false; retryAfterMs: number };
  fail(key: string): void;
  succeed(key: string): void;
};

export function createAuthLimiter(settings: LockoutSettings, clock: () => number): AuthLimiter {
  const maxKeys = settings.maxKeys ?? 10_000;
  // INVARIANT: the map is bounded; when full, the oldest entry goes first (Map keeps insertion order).
  const entries = new Map<string, { failures: number[]; lockedUntil: number }>();
  return {
    check(key) {
      const e = entries.get(key);
      const now = clock();
      if (e && e.lockedUntil > now) return { ok: false, retryAfterMs: e.lockedUntil - now };
      return { ok: true };
    },
    fail(key) {
      const now = clock();
      const e = entries.get(key) ?? { failures: [], lockedUntil: 0 };
      entries.delete(key);
      e.failures = e.failures.filter((t) => now - t < settings.windowMs);
      e.failures.push(now);
      if (e.failures.length >= settings.maxFailures) {
        e.lockedUntil = now + settings.lockoutMs;
        e.failures = [];
      }
      entries.set(key, e);
      while (entries.size > maxKeys) entries.delete(entries.keys().next().value as string);
    },
    succeed(key) {
      const e = entries.get(key);
      if (e && e.lockedUntil <= clock()) entries.delete(key);
    },
  };
}
