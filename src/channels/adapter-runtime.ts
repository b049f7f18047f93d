/**
 * What every long-running adapter does the same way, written once: deliver platform messages to the handler in
 * order with a bounded backlog, keep a connection up with backoff and jitter, and tell health when a send hits a
 * credential fault and when sends work again. Nothing here talks to a platform or throws.
 */
import { describeError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { faultOf, pause, retryDelayMs, stateOfFault } from "./channel-health.ts";
import type { ChannelFault, HealthReporter, RetryPolicy } from "./channel-health.ts";
import type { InboundHandler, InboundMessage } from "./types.ts";

export type DeliveryQueue = {
  /** Queues a message for the current handler; beyond `maxBacklog` waiting, it is dropped and logged. */
  push(message: InboundMessage): void;
  /** Resolves when everything queued so far was handled. */
  drained(): Promise<void>;
};

/** Delivers in arrival order, one at a time: a flood costs a fixed amount of memory. A handler that throws is logged. */
export function createDeliveryQueue(o: { label: string; log: Logger; maxBacklog: number; handler: () => InboundHandler | undefined }): DeliveryQueue {
  const max = Math.max(1, o.maxBacklog);
  let backlog = 0;
  let chain: Promise<void> = Promise.resolve();
  return {
    push(message) {
      if (backlog >= max) {
        o.log.warn(`${o.label}: inbound backlog full (${max}); dropped message ${message.messageId}`);
        return;
      }
      backlog += 1;
      chain = chain.then(async () => {
        try {
          const current = o.handler();
          if (current !== undefined) await current(message);
        } catch (error) {
          o.log.error(`${o.label}: handler failed on message ${message.messageId}: ${describeError(error)}`);
        } finally {
          backlog -= 1;
        }
      });
    },
    drained: () => chain,
  };
}

/**
 * Keeps a connection up after start, until `signal` aborts: waits for the current one to end, releases it, then
 * reconnects with backoff and jitter, reporting `degraded`/`failed` per fault and `running` once it is back.
 */
export async function superviseConnection<C>(o: {
  first: C;
  signal: AbortSignal;
  label: string;
  log: Logger;
  policy: RetryPolicy;
  random: () => number;
  /** The reporter now (an adapter drops it when stopped). */
  report: () => HealthReporter | undefined;
  connect(signal: AbortSignal): Promise<C>;
  /** Resolves with the fault that ended `c` (any fault when `signal` aborts first). */
  ended(c: C, signal: AbortSignal): Promise<ChannelFault>;
  release?(c: C): Promise<void>;
  /** Told the connection in use: the new one, or undefined while there is none. */
  current?(c: C | undefined): void;
}): Promise<void> {
  let current: C | undefined = o.first;
  let failures = 0;
  while (!o.signal.aborted) {
    let fault: ChannelFault;
    if (current !== undefined) {
      const done: C = current;
      fault = await o.ended(done, o.signal);
      current = undefined;
      o.current?.(undefined);
      await o.release?.(done);
      if (o.signal.aborted) break;
    } else {
      try {
        current = await o.connect(o.signal);
        o.current?.(current);
        if (failures > 0) {
          failures = 0;
          o.log.info(`${o.label}: connection recovered`);
          o.report()?.("running");
        }
        continue;
      } catch (error) {
        if (o.signal.aborted) break;
        fault = faultOf(error);
      }
    }
    failures += 1;
    o.report()?.(stateOfFault(fault), fault);
    const wait = retryDelayMs(fault, failures, o.policy, o.random);
    o.log[fault.kind === "transient" ? "warn" : "error"](`${o.label}: ${fault.reason}; reconnecting in ${Math.round(wait / 1000)} s`);
    await pause(wait, o.signal);
  }
}

/** A send's effect on health: a credential fault marks the channel failed, the next send that works marks it running. */
export function createSendHealth(report: () => HealthReporter | undefined) {
  let failed = false;
  return {
    failed(fault: ChannelFault): void {
      if (fault.kind !== "credential") return;
      failed = true;
      report()?.("failed", fault);
    },
    succeeded(): void {
      if (!failed) return;
      failed = false;
      report()?.("running");
    },
  };
}
