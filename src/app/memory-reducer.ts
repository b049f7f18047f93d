/**
 * Returns an idle gateway's freed heap to the OS on Node 24, where V8 (13.6) otherwise keeps it.
 *
 * Why: V8's memory reducer releases the pages a burst left pooled only once the allocation rate is low, and it
 * counts the rate of "embedder" (cppgc) allocations too. A process that never allocates there reports a rate of
 * exactly 0, which V8 reads as the highest rate, so the reducer never runs and the pages stay resident for good
 * (a regression of V8's change 5935313, first shipped in Node 24). Measured on the gateway: after 300 turns RSS
 * stayed at 254 MB against 142 MB idle; after the abuse benchmark's non-reading clients, +50 MB for good.
 *
 * The workaround: compiling a trivial `vm.Script` allocates on cppgc. Done every `intervalMs` (the rate decays
 * to exactly 0 about 110 s after the last allocation), the reducer sees a low rate once the gateway is idle and
 * releases the pool (254 → 135 MB within 10 s). While the gateway is busy the reducer still waits, so turns pay
 * nothing. (`--memory-saver-mode` fixes the same, but makes every major GC compacting: 2.4× the CPU per turn.)
 * Drop this once Node ships a V8 that floors the embedder rate.
 */
import { Script } from "node:vm";

/** Starts the periodic nudge; the timer never keeps the process alive. Returns a stop function. */
export function keepMemoryReducerWorking(intervalMs = 30_000): () => void {
  const nudge = () => {
    // A constant, never anything from outside: this compiles the number 0 and throws it away.
    new Script("0");
  };
  nudge();
  const timer = setInterval(nudge, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
