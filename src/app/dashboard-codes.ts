/**
 * One-time dashboard codes: `warden dashboard` asks the gateway for a link that opens the UI without putting the
 * long-lived gateway token in a URL. A code is 256 random bits, valid for two minutes (monotonic clock), and
 * single use; it is kept only in memory, so a restart voids every code.
 */
import { randomBytes as nodeRandomBytes } from "node:crypto";

export const DASHBOARD_CODE_TTL_MS = 120_000;

export type DashboardCodes = {
  /** A new code and when it stops working (epoch ms, for display). */
  mint(): { code: string; expiresAt: number };
  /** True once for a code that exists and has not expired; the code is gone after this call either way. */
  redeem(code: string): boolean;
};

export function createDashboardCodes(deps: { clock: () => number; monotonic: () => number; randomBytes?: (n: number) => Buffer; ttlMs?: number }): DashboardCodes {
  const randomBytes = deps.randomBytes ?? nodeRandomBytes;
  const ttl = deps.ttlMs ?? DASHBOARD_CODE_TTL_MS;
  const live = new Map<string, number>();
  const sweep = () => {
    const now = deps.monotonic();
    for (const [code, deadline] of live) if (deadline <= now) live.delete(code);
  };
  return {
    mint() {
      sweep();
      const code = randomBytes(32).toString("base64url");
      live.set(code, deps.monotonic() + ttl);
      return { code, expiresAt: deps.clock() + ttl };
    },
    redeem(code) {
      const deadline = live.get(code);
      live.delete(code);
      return deadline !== undefined && deadline > deps.monotonic();
    },
  };
}
