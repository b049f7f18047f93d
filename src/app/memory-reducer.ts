/**
 * Returns an idle gateway's freed heap to the OS on Node 24, where V8 (13.6) otherwise keeps it, and gives back
 * what a surge (abusive clients, a burst of large replies) left behind even while ordinary turns go on.
 *
 * Why the nudge: V8's memory reducer releases the pages a burst left pooled only once the allocation rate is low,
 * and it counts the rate of "embedder" (cppgc) allocations too. A process that never allocates there reports a
 * rate of exactly 0, which V8 reads as the highest rate, so the reducer never runs and the pages stay resident for
 * good (a regression of V8's change 5935313, first shipped in Node 24). Measured on the gateway: after 300 turns
 * RSS stayed at 254 MB against 142 MB idle; after the abuse benchmark's non-reading clients, +50 MB for good.
 * Compiling a trivial `vm.Script` allocates on cppgc. Done every `intervalMs` (the rate decays to exactly 0 about
 * 110 s after the last allocation), the reducer sees a low rate once the gateway is idle and releases the pool
 * (254 → 135 MB within 10 s). While the gateway is busy the reducer still waits, so turns pay nothing.
 * (`--memory-saver-mode` fixes the same, but makes every major GC compacting: 2.4× the CPU per turn.)
 *
 * Why the surge release: the reducer also waits while a steady trickle of turns keeps the allocation rate above
 * its threshold (~1 MB/s; a client sending a turn every 50 ms is enough), so after abusive clients left, the
 * gateway kept their garbage and pooled pages (+200 MB) for as long as anyone else used it. `releaseAfterSurges`
 * watches the resident size: once it is `surgeBytes` above the least it has been, one memory-reducing full
 * collection returns the pool (a pause of tens of ms of CPU, at most once per `minGapMs`). Drop both once Node ships a V8 that floors the embedder rate and lets the reducer see the surge.
 *
 * Why it waits for a quiet interval: a surge is seen while it is still going on, when the gateway is busiest, and
 * the collection is one synchronous pause (measured: 211-300 ms on the abuse benchmark's non-reading clients, in the
 * middle of the well-behaved client's turns). So it runs once the event loop was mostly idle over the last look's
 * interval of 2 s (the abusers left), and only after `maxDeferMs` of busy looks when the gateway never quiets down.
 * (Measured with a 10 s interval, a surge that began inside the interval still read as quiet and the pause hit it.)
 *
 * Why a new surge need not wait out the gap: the gap keeps a gateway whose working set grew for good from being
 * collected again and again, but a surge that came after the last release (the resident size `surgeBytes` above
 * what that release left) is new garbage, not the old working set. Measured: a 2,000-turn burst that began 20 s
 * after the non-reading clients' release held 323 MB for the whole minute, while its own quiet interval went by.
 *
 * Why the allocator is trimmed after the collection: the collection frees what the surge's buffers held, but glibc
 * keeps freed pages in the middle of its heap resident (see allocator-trim.ts): after the abuse benchmark, the main
 * malloc heap held 62 MB more than at the baseline, nearly all of it free (trimmed after each surge, 10 MB more).
 */
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { Script, runInNewContext } from "node:vm";
import { glibcAllocatorTrim, type TrimAllocator } from "./allocator-trim.ts";

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

type CollectGarbage = (options: { type: "major"; execution: "sync"; flavor: "last-resort" }) => void;

/**
 * V8's own full collection that also returns pooled pages (`flavor: "last-resort"`, as on a memory-pressure
 * notification). Node exposes it only behind --expose-gc; the flag set now applies to contexts made afterwards, so
 * a fresh context carries the function. Undefined where that does not hold.
 */
function memoryReducingCollector(): CollectGarbage | undefined {
  setFlagsFromString("--expose-gc");
  const gc: unknown = runInNewContext("typeof gc === 'function' ? gc : undefined");
  return typeof gc === "function" ? (gc as CollectGarbage) : undefined;
}

export type SurgeReleaseOptions = {
  /** How far above the least resident size seen a surge begins (default 48 MiB). */
  surgeBytes?: number;
  /**
   * How often the resident size is looked at (default 2 s). Short, because `busy` covers one interval: a surge that
   * began halfway through a long one would average out as quiet, and the pause would land in it.
   */
  intervalMs?: number;
  /** The least time between two releases (default 60 s); it doubles, up to 16×, while releases give little back. */
  minGapMs?: number;
  /** The resident size in bytes (default `process.memoryUsage.rss`). */
  rss?: () => number;
  /** A monotonic clock in ms (default `performance.now`). */
  clock?: () => number;
  /**
   * Whether the gateway was too busy over the last interval for a pause now (default: the event loop was busy more
   * than half of the time since the previous look, `performance.eventLoopUtilization`).
   */
  busy?: () => boolean;
  /** How long a due release waits for a quiet interval at most (default 60 s); then it runs busy or not. */
  maxDeferMs?: number;
  /**
   * The least time between two releases when the second is for a new surge: the resident size is `surgeBytes` above
   * what the first left (default 10 s).
   */
  newSurgeGapMs?: number;
  /** Run after each collection: gives the allocator's free pages back (default: glibc's `malloc_trim`, where it runs). */
  trimAllocator?: TrimAllocator;
  /**
   * Told after each release: the resident size before and after, how long the collection and the trim took (`ms`,
   * wall, of which `trimMs` the trim) and the CPU time they used.
   */
  onRelease?: (info: { beforeBytes: number; afterBytes: number; ms: number; trimMs: number; cpuMs: number }) => void;
};

/**
 * Starts watching for surges; the timer never keeps the process alive. Returns a stop function.
 * INVARIANT: a gateway whose working set grew for good (a release gives back less than half a surge) is collected
 * less and less often, at most once per 16 × `minGapMs`, never again and again; once sooner only for a new surge,
 * which needs the resident size to grow `surgeBytes` past what the last release left, and a quiet interval (so at
 * most two releases per gap, the second for memory that came after the first). A release the gap allows waits for a
 * quiet interval at most `maxDeferMs`: a gateway that is never quiet still gives its surges back, no sooner than
 * before the early release existed.
 */
export function releaseAfterSurges(options: SurgeReleaseOptions = {}): () => void {
  const collect = memoryReducingCollector();
  if (collect === undefined) return () => undefined;
  const surgeBytes = options.surgeBytes ?? 48 * 1024 * 1024;
  const minGapMs = options.minGapMs ?? 60_000;
  const rss = options.rss ?? (() => process.memoryUsage.rss());
  const clock = options.clock ?? (() => performance.now());
  // What the gateway needs: the least resident size seen since it started.
  let floor = rss();
  let gapMs = minGapMs;
  let lastRelease = -Infinity;
  // What the last release left; a new surge is measured from it.
  let lastAfter = Infinity;
  // A release for a new surge comes before the gap is over at most once between two releases the gap allowed.
  let earlyAllowed = true;
  const newSurgeGapMs = options.newSurgeGapMs ?? 10_000;
  const trimAllocator = options.trimAllocator ?? glibcAllocatorTrim();
  const maxDeferMs = options.maxDeferMs ?? 60_000;
  let loopUse = performance.eventLoopUtilization();
  const busy = options.busy ?? (() => {
    const since = performance.eventLoopUtilization(loopUse);
    loopUse = performance.eventLoopUtilization();
    return since.utilization > 0.5;
  });
  // When a due release was first put off for a busy interval (undefined: none is waiting).
  let deferredSince: number | undefined;
  const look = () => {
    const now = rss();
    if (now < floor) floor = now;
    // Asked at every look, so "busy" always covers the one interval before it.
    const wasBusy = busy();
    // Under steady traffic V8 lets garbage grow until its next major collection, so a surge need not stop growing.
    const sinceRelease = clock() - lastRelease;
    const byGap = sinceRelease >= gapMs;
    const newSurge = earlyAllowed && now - lastAfter >= surgeBytes && sinceRelease >= newSurgeGapMs;
    if (now - floor < surgeBytes || (!byGap && !newSurge)) {
      deferredSince = undefined;
      return;
    }
    const t0 = clock();
    if (wasBusy) {
      // Only a release the gap allows is forced on a gateway that stays busy: an early one waits for quiet or the gap.
      if (!byGap) return;
      deferredSince ??= t0;
      if (t0 - deferredSince < maxDeferMs) return;
    }
    deferredSince = undefined;
    const cpu0 = process.cpuUsage();
    collect({ type: "major", execution: "sync", flavor: "last-resort" });
    const trimmedAt = clock();
    trimAllocator();
    const cpu = process.cpuUsage(cpu0);
    lastRelease = clock();
    const after = rss();
    lastAfter = after;
    earlyAllowed = byGap;
    if (after < floor) floor = after;
    gapMs = now - after >= surgeBytes / 2 ? minGapMs : Math.min(gapMs * 2, minGapMs * 16);
    options.onRelease?.({ beforeBytes: now, afterBytes: after, ms: Math.round(lastRelease - t0), trimMs: Math.round(lastRelease - trimmedAt), cpuMs: Math.round((cpu.user + cpu.system) / 1000) });
  };
  const timer = setInterval(look, options.intervalMs ?? 2000);
  timer.unref();
  return () => clearInterval(timer);
}
