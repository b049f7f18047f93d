/**
 * Gateway tokens: 256-bit random, stored in the secret store, with optional expiry and rotation without
 * downtime (the previous token keeps working for a grace period). Comparison is constant-time.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { ErrorCode, WardenError } from "../../core/errors.ts";
import type { RandomBytes } from "./field-cipher.ts";
import type { SecretStore } from "./secret-store.ts";

type Token = { token: string; createdAt: number; expiresAt: number | null };

export type TokenInfo = { createdAt: number; expiresAt: number | null; current: boolean };

/** Must never accept an expired token, never compare in variable time, never expose tokens other than `current()`. */
export type TokenRing = {
  /** The current token, created on first use. */
  current(): string;
  verify(candidate: string): boolean;
  /** New current token; older live tokens expire after `graceMs` (default 0 = immediately). */
  rotate(options?: { graceMs?: number; expiresInMs?: number }): string;
  list(): TokenInfo[];
};

export function createTokenRing(deps: { secrets: SecretStore; clock: () => number; randomBytes: RandomBytes; name?: string }): TokenRing {
  const { secrets, clock, randomBytes } = deps;
  const name = deps.name ?? "gateway.tokens";

  function load(): Token[] {
    const raw = secrets.get(name);
    if (raw === undefined) return [];
    const parsed = JSON.parse(raw) as unknown;
    if (!Array.isArray(parsed)) throw new WardenError(ErrorCode.StateUnsafe, `the stored secret \`${name}\` has an unexpected shape; run \`warden secrets rotate\``);
    return parsed as Token[];
  }

  const live = (tokens: Token[], now: number): Token[] => tokens.filter((t) => t.expiresAt === null || t.expiresAt > now);
  const newToken = (now: number, expiresInMs?: number): Token => ({
    token: randomBytes(32).toString("base64url"),
    createdAt: now,
    expiresAt: expiresInMs === undefined ? null : now + expiresInMs,
  });

  function current(): string {
    const now = clock();
    const tokens = load();
    const last = tokens.at(-1);
    if (last && (last.expiresAt === null || last.expiresAt > now)) return last.token;
    // The current token expired (or none exists yet): issue a new one, keeping any still-live older ones.
    const created = newToken(now);
    secrets.set(name, JSON.stringify([...live(tokens, now), created]));
    return created.token;
  }

  function verify(candidate: string): boolean {
    // INVARIANT: a store that cannot be read (a key file deleted while running) throws instead of answering
    // "no match": it is a server fault, and must never count toward a client's lockout as a wrong token.
    const tokens = live(load(), clock());
    const given = digest(candidate);
    let match = false;
    // INVARIANT: every live token is compared, match or not, so timing does not reveal which one matched.
    for (const t of tokens) match = timingSafeEqual(given, digest(t.token)) || match;
    return match;
  }

  function rotate(options: { graceMs?: number; expiresInMs?: number } = {}): string {
    const now = clock();
    const graceEnd = now + Math.max(0, options.graceMs ?? 0);
    const kept = live(load(), now).map((t) => ({ ...t, expiresAt: t.expiresAt === null ? graceEnd : Math.min(t.expiresAt, graceEnd) }));
    const created = newToken(now, options.expiresInMs);
    secrets.set(name, JSON.stringify([...live(kept, now), created]));
    return created.token;
  }

  function list(): TokenInfo[] {
    const tokens = live(load(), clock());
    return tokens.map((t, i) => ({ createdAt: t.createdAt, expiresAt: t.expiresAt, current: i === tokens.length - 1 }));
  }

  return { current, verify, rotate, list };
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}
