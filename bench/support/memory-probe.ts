/**
 * Preloaded into a measured process (`NODE_OPTIONS=--import=…/memory-probe.ts`) by the abuse benchmark: on
 * SIGUSR2 it appends one JSON line with `process.memoryUsage()` and the V8 heap spaces to the file named by
 * WARDEN_BENCH_MEMORY_FILE, so a figure can say where the resident memory is (JS heap, buffers, the rest).
 * It allocates nothing until asked. On SIGWINCH it does the same after a full garbage collection, when the
 * process runs with --expose-gc: live JS objects then show apart from garbage not yet collected. Each line also says
 * how long the event loop was held at most (and at the 99th percentile) since the line before (`eventLoopStall`,
 * `monitorEventLoopDelay` at 10 ms resolution): what every client of the process waited on, whatever it asked for.
 * Worker threads the process starts get the same preload; only the main thread reports.
 */
import { appendFileSync, readFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";
import { isMainThread } from "node:worker_threads";

// Experiments: V8 flags NODE_OPTIONS does not allow (heap growth and the like), set before the gateway loads.
for (const flag of (process.env.WARDEN_BENCH_V8_FLAGS ?? "").split(" ").filter((f) => f !== "")) setFlagsFromString(flag);

const file = process.env.WARDEN_BENCH_MEMORY_FILE;
if (file !== undefined && file !== "" && isMainThread) {
  const stall = monitorEventLoopDelay({ resolution: 10 });
  stall.enable();
  const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;
  /**
   * Resident memory by mapping kind from /proc/self/smaps: the main malloc heap (`[heap]`), anonymous mappings
   * (V8's pages, malloc's thread arenas and its mmapped large blocks), and files (code, the database's -shm).
   */
  const mappings = () => {
    const rss = { heap: 0, anonymous: 0, files: 0, other: 0 };
    let kind: keyof typeof rss = "other";
    for (const line of readFileSync("/proc/self/smaps", "utf8").split("\n")) {
      const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \d+\s*(.*)$/.exec(line);
      if (head) kind = head[1] === "[heap]" ? "heap" : head[1] === "" ? "anonymous" : head[1]?.startsWith("/") === true ? "files" : "other";
      const rssLine = /^Rss:\s+(\d+) kB/.exec(line);
      if (rssLine) rss[kind] += Number(rssLine[1]) * 1024;
    }
    return Object.fromEntries(Object.entries(rss).map(([k, v]) => [k, mb(v)]));
  };
  const report = (afterGc: boolean) => {
    const m = process.memoryUsage();
    const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, mb(s.space_size)]));
    const eventLoopStall = { p99Ms: Math.round(stall.percentile(99) / 1e6), maxMs: Math.round(stall.max / 1e6) };
    stall.reset();
    appendFileSync(file, `${JSON.stringify({ afterGc, eventLoopStall, rssMb: mb(m.rss), heapTotalMb: mb(m.heapTotal), heapUsedMb: mb(m.heapUsed), externalMb: mb(m.external), arrayBuffersMb: mb(m.arrayBuffers), spacesMb: spaces, mappingsMb: mappings() })}\n`);
  };
  process.on("SIGUSR2", () => report(false));
  process.on("SIGWINCH", () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    report(gc !== undefined);
  });
}
