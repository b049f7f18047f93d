/**
 * How much a WebSocket client has left unread, proven by pings. `bufferedAmount` only counts what the gateway could
 * not hand to the kernel yet; on loopback and fast links the kernel's socket buffers take megabytes first, so a
 * client that stops reading looked fine while every turn it asked for still ran. A ping is queued behind the data
 * sent before it, and a client answers it (RFC 6455 §5.5.2: browsers and `ws` do so by themselves) only after it
 * has read that data; its pong echoes the ping's random payload, so a pong the client sends without reading cannot
 * vouch for data it did not read.
 */
import { randomBytes } from "node:crypto";

export type UnreadTracker = {
  /** Counts a frame of `bytes` just queued; returns a ping payload to send after it, or undefined. */
  sent(bytes: number): Buffer | undefined;
  /** A pong arrived with `payload`: what was queued before the ping it answers has been read. */
  ponged(payload: Buffer): void;
  /**
   * Bytes queued that the client has not shown it read, counted only once a ping has waited longer than the grace
   * (a reading client answers within a round trip); 0 while it keeps up.
   */
  behind(): number;
  /** Bytes queued that no answered ping has shown read yet, grace or not. */
  unconfirmed(): number;
  /**
   * A ping payload to send now, so that everything queued so far can be shown read; undefined when a ping already
   * waits behind all of it, or `maxPendingPings` wait.
   */
  confirm(): Buffer | undefined;
};

export type UnreadOptions = {
  /** A ping after each this many bytes queued. */
  pingEveryBytes: number;
  /** Pings waiting for their pong at most; past that no more are sent until one is answered. */
  maxPendingPings: number;
  /** How long a ping may wait for its pong before the client counts as not reading. */
  graceMs: number;
  /** A monotonic clock in ms. */
  clock: () => number;
};

export function createUnreadTracker(options: UnreadOptions): UnreadTracker {
  let queued = 0;
  let read = 0;
  let lastPingAt = 0;
  const pending: { tag: string; mark: number; at: number }[] = [];
  const ping = (): Buffer => {
    const payload = randomBytes(8);
    pending.push({ tag: payload.toString("hex"), mark: queued, at: options.clock() });
    lastPingAt = queued;
    return payload;
  };
  return {
    sent(bytes) {
      queued += bytes;
      if (queued - lastPingAt < options.pingEveryBytes || pending.length >= options.maxPendingPings) return undefined;
      return ping();
    },
    confirm() {
      if (queued === read || (pending.at(-1)?.mark ?? read) === queued || pending.length >= options.maxPendingPings) return undefined;
      return ping();
    },
    unconfirmed: () => queued - read,
    ponged(payload) {
      const tag = payload.toString("hex");
      const answered = pending.findIndex((p) => p.tag === tag);
      if (answered < 0) return;
      read = (pending[answered] as { mark: number }).mark;
      pending.splice(0, answered + 1);
    },
    behind() {
      const oldest = pending[0];
      if (oldest === undefined || options.clock() - oldest.at < options.graceMs) return 0;
      return queued - read;
    },
  };
}
