/** Small waits for tests: a free loopback port, and a bounded poll until a condition holds. */
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";

/** A TCP port on 127.0.0.1 that was free a moment ago (for a config that needs a fixed port). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/**
 * How long a test waits for something to happen before it fails naming what never did. A bound against a hang,
 * not a check of speed: on a loaded machine (the suite beside two CPU burners, or other agents) a step that takes
 * 50 ms idle can take many seconds, so every wait in the tests uses this one generous figure rather than a number
 * of its own. A test that proves something does *not* happen waits for a later event instead of for time.
 */
export const waitBoundMs = 120_000;

/** Polls `check` every 10 ms until it holds; throws naming `what` after `timeoutMs` (a bound, not an assertion on time). */
export async function waitUntil(check: () => boolean, what: string, timeoutMs = waitBoundMs): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
