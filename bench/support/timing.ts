/** Median and 95th percentile of repeated async work, after a short warm-up; plus the process's CPU time per run. */

function stats(times: number[]): { medianMs: number; p95Ms: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN).toFixed(3));
  return { medianMs: at(0.5), p95Ms: at(0.95) };
}

/** Runs `fn` up to 10 times to warm up, then `n` times timed. `cpuMsEach`: this process's user+system CPU per run. */
export async function timeEach(n: number, fn: () => Promise<unknown>): Promise<{ medianMs: number; p95Ms: number; cpuMsEach: number }> {
  for (let i = 0; i < 10 && i < n; i++) await fn();
  const times: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  const used = process.cpuUsage(cpu);
  return { ...stats(times), cpuMsEach: Number(((used.user + used.system) / 1000 / n).toFixed(3)) };
}

/**
 * Runs `fn` 3 times to warm up, then `runs` times, each after `before` (untimed): the median and 99th percentile of
 * its wall time and the median of this process's CPU time (user + system) per call, the figure that holds when the
 * machine is shared.
 */
export function measureSync(runs: number, fn: () => unknown, before?: () => void): { medianMs: number; p99Ms: number; cpuMedianMs: number } {
  for (let i = 0; i < 3; i += 1) {
    before?.();
    fn();
  }
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    before?.();
    const used = process.cpuUsage();
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
    const d = process.cpuUsage(used);
    cpu.push((d.user + d.system) / 1000);
  }
  const at = (values: number[], q: number): number => {
    const sorted = [...values].sort((a, b) => a - b);
    return Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN).toFixed(2));
  };
  return { medianMs: at(times, 0.5), p99Ms: at(times, 0.99), cpuMedianMs: at(cpu, 0.5) };
}
