/**
 * The links of a reply judged and rewritten (scan/markdown-links.ts) off the gateway's event loop. Parsing Markdown
 * costs ~2-10 ms per KB (micromark, more under load): one 100 KB reply in an untrusted context held every other
 * client's turn for 0.2-1 s. Replies up to `inlineMaxChars` are rewritten in place (cheaper than the hand-off);
 * longer ones go to a small pool of worker threads, started when first needed and stopped when idle.
 *
 * Bounded: at most `workers` threads, each with one reply at a time, and `maxQueued` replies waiting; a reply past
 * that is withheld at once (`busy`) instead of waiting on memory. A reply whose worker runs past `timeoutMs` (the
 * thread is ended), fails or exits is withheld too.
 *
 * INVARIANT: never throws and never returns a reply unfiltered: every outcome is a rewritten text or a refusal with
 * a message that says why.
 */
import { Worker } from "node:worker_threads";
import type { RewriteResult } from "../scan/markdown-links.ts";
import { judgeLink, linkFlowOf, type LinkFlow } from "./link-judge.ts";
import type { LinkFilterJob } from "./link-filter-worker.ts";

export type LinkRewrite = { ok: true; result: RewriteResult } | { ok: false; why: "busy" | "timeout" | "failed"; message: string };

/** Rewrites the links of a reply for a context's labels; never throws. */
export type LinkRewriter = (text: string, flow: LinkFlow) => Promise<LinkRewrite>;

export type LinkFilterPool = {
  rewrite: LinkRewriter;
  /** Threads running, replies being rewritten and waiting (for status and tests). */
  load(): { workers: number; busy: number; queued: number };
  /** Ends every thread; replies waiting or in progress are withheld. */
  close(): Promise<void>;
};

export type LinkFilterPoolOptions = {
  workers: number;
  maxQueued: number;
  timeoutMs: number;
  inlineMaxChars: number;
  /** A thread with nothing to do for this long is stopped (its memory returns). */
  idleMs: number;
  /** The worker's module; link-filter-worker.ts unless a test replaces it. */
  workerUrl?: URL;
};

export const defaultLinkFilterPool: Omit<LinkFilterPoolOptions, "workerUrl"> = { workers: 1, maxQueued: 32, timeoutMs: 30_000, inlineMaxChars: 8 * 1024, idleMs: 30_000 };

const withheld = {
  busy: "[reply withheld by Warden: it is long and the link checker is busy with other replies, so its links could not be checked now; it is kept in the session's transcript — ask again in a moment]",
  timeout: "[reply withheld by Warden: checking its links took too long, so they could not be checked; it is kept in the session's transcript]",
  failed: "[reply withheld by Warden: the link checker failed on it, so its links could not be checked; it is kept in the session's transcript]",
} as const;

type Job = { id: number; text: string; flow: LinkFlow; settle: (outcome: LinkRewrite) => void };
type Slot = { worker: Worker; job?: Job; timer?: NodeJS.Timeout; idle?: NodeJS.Timeout };

export function createLinkFilterPool(options: LinkFilterPoolOptions): LinkFilterPool {
  const workerUrl = options.workerUrl ?? new URL("./link-filter-worker.ts", import.meta.url);
  const slots = new Set<Slot>();
  // INVARIANT: bounded by options.maxQueued.
  const queue: Job[] = [];
  let nextId = 0;
  let closed = false;

  const refuse = (why: "busy" | "timeout" | "failed"): LinkRewrite => ({ ok: false, why, message: withheld[why] });

  /** Ends a thread and withholds the reply it held, if any. */
  const retire = (slot: Slot, why: "timeout" | "failed") => {
    if (!slots.delete(slot)) return;
    clearTimeout(slot.timer);
    clearTimeout(slot.idle);
    slot.job?.settle(refuse(why));
    slot.job = undefined;
    void slot.worker.terminate().catch(() => undefined);
    dispatch();
  };

  const spawn = (): Slot => {
    const slot: Slot = { worker: new Worker(workerUrl) };
    // The pool never keeps the process alive; `close` ends the threads at shutdown.
    slot.worker.unref();
    slot.worker.on("message", (message: { id: number; result: RewriteResult }) => {
      const job = slot.job;
      if (job === undefined || message.id !== job.id) return retire(slot, "failed");
      clearTimeout(slot.timer);
      slot.job = undefined;
      job.settle({ ok: true, result: message.result });
      slot.idle = setTimeout(() => retire(slot, "failed"), options.idleMs).unref();
      dispatch();
    });
    slot.worker.on("error", () => retire(slot, "failed"));
    slot.worker.on("exit", () => retire(slot, "failed"));
    slots.add(slot);
    return slot;
  };

  function dispatch(): void {
    while (!closed && queue.length > 0) {
      let slot = [...slots].find((s) => s.job === undefined);
      if (slot === undefined && slots.size < options.workers) slot = spawn();
      if (slot === undefined) return;
      const job = queue.shift() as Job;
      clearTimeout(slot.idle);
      slot.job = job;
      const running = slot;
      running.timer = setTimeout(() => retire(running, "timeout"), options.timeoutMs).unref();
      try {
        running.worker.postMessage({ id: job.id, text: job.text, flow: job.flow } satisfies LinkFilterJob);
      } catch {
        retire(running, "failed");
      }
    }
  }

  return {
    async rewrite(text, flow) {
      if (closed) return refuse("failed");
      if (text.length <= options.inlineMaxChars) {
        try {
          // The Markdown parser (~120 modules) loads with the first reply that needs it, not at gateway start.
          const { rewriteLinks } = await import("../scan/markdown-links.ts");
          return { ok: true, result: rewriteLinks(text, (url, kind) => judgeLink(flow, url, kind)) };
        } catch {
          return refuse("failed");
        }
      }
      if (queue.length >= options.maxQueued) return refuse("busy");
      return new Promise<LinkRewrite>((settle) => {
        queue.push({ id: nextId++, text, flow: linkFlowOf(flow), settle });
        dispatch();
      });
    },
    load: () => ({ workers: slots.size, busy: [...slots].filter((s) => s.job !== undefined).length, queued: queue.length }),
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.settle(refuse("failed"));
      await Promise.all([...slots].map(async (slot) => {
        const worker = slot.worker;
        retire(slot, "failed");
        await worker.terminate().catch(() => undefined);
      }));
    },
  };
}
