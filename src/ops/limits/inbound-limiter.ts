/**
 * Rate limits for inbound chat messages: per sender, and a shared pool per channel for everyone who is not
 * the owner. The owner has buckets of their own, so no contact or stranger flood can lock the owner out.
 */
import type { Reason } from "../../core/decision.ts";
import type { PrincipalKind } from "../../core/types.ts";
import { createRateLimiter } from "./rate-limiter.ts";

export type InboundRateResult =
  | { ok: true }
  | { ok: false; reason: Reason; retryAfterMs: number; /** send `reason.message` to the sender only when true */ notify: boolean };

/** Must never queue a refused message and never let non-owner traffic consume the owner's allowance. */
export type InboundLimiter = {
  check(message: { channel: string; senderId: string; principal: PrincipalKind }): InboundRateResult;
};

export function createInboundLimiter(options: {
  clock: () => number;
  /** `limits.messages.perSenderPerMinute`. */
  perSenderPerMinute: number;
  /** Shared by all non-owner senders of one channel; default 10× the per-sender rate. */
  perChannelPerMinute?: number;
  /** Bound on tracked senders; default 10,000. */
  maxKeys?: number;
}): InboundLimiter {
  const { clock, perSenderPerMinute } = options;
  const perChannel = options.perChannelPerMinute ?? perSenderPerMinute * 10;
  const maxKeys = options.maxKeys ?? 10_000;
  const senders = createRateLimiter({ clock, capacity: perSenderPerMinute, refillPerSecond: perSenderPerMinute / 60, maxKeys });
  const channels = createRateLimiter({ clock, capacity: perChannel, refillPerSecond: perChannel / 60, maxKeys: 1_000 });

  function check(message: { channel: string; senderId: string; principal: PrincipalKind }): InboundRateResult {
    // INVARIANT: the owner's key lives in its own namespace and the owner never touches the channel pool.
    const isOwner = message.principal === "owner";
    const senderKey = `${isOwner ? "owner" : "peer"}\u0000${message.channel}\u0000${message.senderId}`;
    const sender = senders.take(senderKey);
    if (!sender.ok) {
      return {
        ok: false,
        retryAfterMs: sender.retryAfterMs,
        notify: sender.notify,
        reason: {
          id: "limit.rate.sender",
          message: `You are sending messages faster than ${perSenderPerMinute} per minute, so this one was not processed. Please wait ${formatWait(sender.retryAfterMs)} and send it again.`,
        },
      };
    }
    if (isOwner) return { ok: true };
    const pool = channels.take(message.channel);
    if (!pool.ok) {
      return {
        ok: false,
        retryAfterMs: pool.retryAfterMs,
        notify: pool.notify,
        reason: {
          id: "limit.rate.channel",
          message: `This assistant is receiving too many messages on ${message.channel} right now, so yours was not processed. Please try again in ${formatWait(pool.retryAfterMs)}.`,
        },
      };
    }
    return { ok: true };
  }

  return { check };
}

function formatWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}
