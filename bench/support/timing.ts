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
