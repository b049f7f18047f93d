/**
 * Logging the Control UI in without putting the long-lived credential in a URL. `warden dashboard` asks the
 * gateway for a login code (`dashboard.code`): single use, expires in minutes, kept only as its hash. The page
 * trades the code (or a token it was given in the URL fragment) for a browser session over its own WebSocket
 * and keeps only that session in sessionStorage. A session is `expiry.mac`, an HMAC under a key derived from
 * the gateway's credential: it survives a gateway restart, ends at its expiry, and ends with the credential
 * (rotating the token or changing the password voids every browser session). Nothing here throws on bad input.
 */
import { createHash, createHmac, randomBytes as nodeRandomBytes } from "node:crypto";
import { secretsEqual } from "./auth.ts";

export type DashboardLogin = {
  /** A fresh single-use code; the oldest unused code is dropped beyond `maxCodes`. */
  mintCode(): { code: string; expiresAt: number };
  /** True once for a live code; every later try, and any unknown or expired code, is false. */
  redeemCode(code: string): boolean;
  issueSession(): { session: string; expiresAt: number };
  verifySession(session: string): boolean;
};

export const dashboardLoginDefaults = { codeTtlMs: 5 * 60_000, sessionTtlMs: 12 * 60 * 60_000, maxCodes: 16 };

const hashOf = (code: string) => createHash("sha256").update(code).digest("hex");

export function createDashboardLogin(deps: {
  /** The gateway's credential (token or password); undefined (auth mode none) keys sessions to this process. */
  credential: string | undefined;
  clock: () => number;
  randomBytes?: (n: number) => Buffer;
  codeTtlMs?: number;
  sessionTtlMs?: number;
  maxCodes?: number;
}): DashboardLogin {
  const randomBytes = deps.randomBytes ?? nodeRandomBytes;
  const codeTtlMs = deps.codeTtlMs ?? dashboardLoginDefaults.codeTtlMs;
  const sessionTtlMs = deps.sessionTtlMs ?? dashboardLoginDefaults.sessionTtlMs;
  const maxCodes = deps.maxCodes ?? dashboardLoginDefaults.maxCodes;
  const key = createHash("sha256").update("warden.dashboard-session\0").update(deps.credential ?? randomBytes(32).toString("hex")).digest();
  // INVARIANT: codes are kept by hash only, in insertion order (the first key is the oldest).
  const codes = new Map<string, number>();
  const mac = (expiry: string) => createHmac("sha256", key).update(expiry).digest("base64url");
  return {
    mintCode() {
      const code = randomBytes(18).toString("base64url");
      const expiresAt = deps.clock() + codeTtlMs;
      codes.set(hashOf(code), expiresAt);
      while (codes.size > maxCodes) codes.delete(codes.keys().next().value as string);
      return { code, expiresAt };
    },
    redeemCode(code) {
      const h = hashOf(code);
      const expiresAt = codes.get(h);
      codes.delete(h);
      return expiresAt !== undefined && expiresAt > deps.clock();
    },
    issueSession() {
      const expiresAt = deps.clock() + sessionTtlMs;
      const expiry = expiresAt.toString(36);
      return { session: `${expiry}.${mac(expiry)}`, expiresAt };
    },
    verifySession(session) {
      const dot = session.indexOf(".");
      if (dot <= 0) return false;
      const expiry = session.slice(0, dot);
      if (!/^[0-9a-z]{1,12}$/.test(expiry)) return false;
      if (parseInt(expiry, 36) <= deps.clock()) return false;
      return secretsEqual(session.slice(dot + 1), mac(expiry));
    },
  };
}
