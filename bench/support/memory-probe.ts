/**
 * Preloaded into a measured process (`NODE_OPTIONS=--import=…/memory-probe.ts`) by the abuse benchmark: on
 * SIGUSR2 it appends one JSON line with `process.memoryUsage()` and the V8 heap spaces to the file named by
 * WARDEN_BENCH_MEMORY_FILE, so a figure can say where the resident memory is (JS heap, buffers, the rest).
 * It allocates nothing until asked. On SIGWINCH it does the same after a full garbage collection, when the
 * process runs with --expose-gc: live JS objects then show apart from garbage not yet collected.
 */
import { appendFileSync } from "node:fs";
import { getHeapSpaceStatistics } from "node:v8";

const file = process.env.WARDEN_BENCH_MEMORY_FILE;
if (file !== undefined && file !== "") {
  const report = (afterGc: boolean) => {
    const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;
    const m = process.memoryUsage();
    const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, mb(s.space_size)]));
    appendFileSync(file, `${JSON.stringify({ afterGc, rssMb: mb(m.rss), heapTotalMb: mb(m.heapTotal), heapUsedMb: mb(m.heapUsed), externalMb: mb(m.external), arrayBuffersMb: mb(m.arrayBuffers), spacesMb: spaces })}\n`);
  };
  process.on("SIGUSR2", () => report(false));
  process.on("SIGWINCH", () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    report(gc !== undefined);
  });
}
