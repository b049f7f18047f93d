/**
 * Channel health: each channel's state (starting, running, degraded, failed, stopped), why, what fixes it and
 * since when. Adapters report platform faults as data (`ChannelFault`); the pipeline's supervisor turns them
 * into states, retries and owner notices. Nothing here throws or talks to a platform.
 *
 * Fault classes, the same for every channel:
 * - `transient` (network, 5xx, 429): retried with exponential backoff and jitter, forever, delay capped.
 * - `credential` (401, revoked token): `failed`, with the fix; retried slowly so a restored token recovers.
 * - `conflict` (409: another process polls the same bot): `degraded`, with the fix; retried slowly, so the
 *   channel recovers by itself when the other poller stops.
 */
import { setTimeout as delay } from "node:timers/promises";

export const ChannelStates = {
  Starting: "starting",
  Running: "running",
  Degraded: "degraded",
  Failed: "failed",
  Stopped: "stopped",
} as const;
export type ChannelState = (typeof ChannelStates)[keyof typeof ChannelStates];

export type ChannelFaultKind = "transient" | "credential" | "conflict";

/** What went wrong talking to a platform, as the adapter classified it. Never contains a secret. */
export type ChannelFault = {
  kind: ChannelFaultKind;
  reason: string;
  /** What the owner can do about it, when there is something to do. */
  fix?: string;
  /** The platform's own requested wait (429 `retry_after`), already capped by the adapter. */
  retryAfterMs?: number;
};

export type ChannelHealth = {
  channel: string;
  state: ChannelState;
  /** Epoch ms of the last state change. */
  since: number;
  reason?: string;
  fix?: string;
  /** The class of the fault behind a degraded or failed state. */
  fault?: ChannelFaultKind;
  /** Faults seen since the channel last ran cleanly. */
  failures: number;
};

/** What an adapter may report while it runs (after `start` resolved). */
export type HealthReporter = (state: ChannelState, fault?: ChannelFault) => void;

export type ChannelHealthBoard = {
  report(channel: string, state: ChannelState, fault?: ChannelFault): void;
  get(channel: string): ChannelHealth | undefined;
  list(): ChannelHealth[];
  /** Called on every change of state or reason (not on a repeat of the same fault). */
  subscribe(listener: (now: ChannelHealth, before: ChannelHealth | undefined) => void): () => void;
};

export function createChannelHealthBoard(clock: () => number): ChannelHealthBoard {
  const states = new Map<string, ChannelHealth>();
  const listeners = new Set<(now: ChannelHealth, before: ChannelHealth | undefined) => void>();
  return {
    report(channel, state, fault) {
      const before = states.get(channel);
      const failures = fault === undefined ? 0 : (before?.failures ?? 0) + 1;
      if (before !== undefined && before.state === state && before.reason === fault?.reason) {
        states.set(channel, { ...before, failures });
        return;
      }
      const now: ChannelHealth = {
        channel, state, since: clock(), failures,
        ...(fault === undefined ? {} : { reason: fault.reason, fault: fault.kind }),
        ...(fault?.fix === undefined ? {} : { fix: fault.fix }),
      };
      states.set(channel, now);
      for (const l of listeners) {
        try {
          l(now, before);
        } catch {
          // A broken listener must not stop the channel that reported.
        }
      }
    },
    get: (channel) => states.get(channel),
    list: () => [...states.values()],
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The state a fault puts a channel in. */
export function stateOfFault(fault: ChannelFault): ChannelState {
  return fault.kind === "credential" ? ChannelStates.Failed : ChannelStates.Degraded;
}

export type RetryPolicy = {
  /** First transient delay; doubles per failure. */
  baseMs: number;
  /** Cap on any transient delay. */
  maxMs: number;
  /** The slow cadence for credential and conflict faults (they need a person, or the other poller to stop). */
  slowMs: number;
};

export const DefaultRetryPolicy: RetryPolicy = { baseMs: 1_000, maxMs: 60_000, slowMs: 30_000 };

/**
 * How long to wait before the next attempt after `failures` consecutive faults: exponential with "equal
 * jitter" (half fixed, half random) so many gateways never retry in step, never above `maxMs`, at least the
 * platform's own `retryAfterMs` (capped the same way).
 */
export function retryDelayMs(fault: ChannelFault, failures: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = fault.kind === "transient"
    ? Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(30, Math.max(0, failures - 1)))
    : policy.slowMs;
  const jittered = ceiling / 2 + (ceiling / 2) * random();
  return Math.min(Math.max(jittered, fault.retryAfterMs ?? 0), Math.max(policy.maxMs, policy.slowMs));
}

/** Sleeps `ms`, or less when `signal` aborts. Never rejects. */
export async function pause(ms: number, signal: AbortSignal): Promise<void> {
  await delay(ms, undefined, { signal }).catch(() => undefined);
}

/** The fault an adapter attached to an error it threw (`cause`), or a transient fault describing it. */
export function faultOf(error: unknown): ChannelFault {
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  if (isChannelFault(cause)) return cause;
  return { kind: "transient", reason: error instanceof Error ? error.message : String(error) };
}

function isChannelFault(value: unknown): value is ChannelFault {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (v.kind === "transient" || v.kind === "credential" || v.kind === "conflict") && typeof v.reason === "string";
}

/** The network error codes that prove a request never reached the peer's application (safe to resend). */
const NotDeliveredCodes = new Set([
  "ECONNREFUSED", "ECONNRESET", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_SOCKET",
]);

/** The first `code` found along an error's `error`/`cause` chain (bounded). */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === "object" && current !== null; depth++) {
    const c = current as { code?: unknown; cause?: unknown; error?: unknown };
    if (typeof c.code === "string" && c.code !== "") return c.code;
    current = c.error ?? c.cause;
  }
  return undefined;
}

/** Whether a network failure happened before the peer could have acted on the request. */
export function surelyNotDelivered(error: unknown): boolean {
  const code = networkErrorCode(error);
  return code !== undefined && NotDeliveredCodes.has(code);
}
