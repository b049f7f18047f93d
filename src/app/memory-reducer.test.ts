import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { releaseAfterSurges } from "./memory-reducer.ts";

const moduleUrl = new URL("./memory-reducer.ts", import.meta.url).href;
const MB = 1024 * 1024;

function runScript(script: string): string {
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 120_000, cwd: fileURLToPath(new URL(".", import.meta.url)) });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

await test("the memory-reducer nudge never keeps a process alive, and stops when told", () => {
  // A process whose only work is the nudge ends by itself; a stopped nudge leaves no timer behind either.
  const out = runScript(`import { keepMemoryReducerWorking, releaseAfterSurges } from ${JSON.stringify(moduleUrl)};
    const stop = keepMemoryReducerWorking(10);
    keepMemoryReducerWorking(10);
    releaseAfterSurges({ intervalMs: 10 });
    setTimeout(() => { stop(); process.stdout.write("done"); }, 50);`);
  assert.equal(out, "done");
});

/** Starts a watcher (given the `done` to call when its scripted readings ran out), waits for `done`, stops it. */
async function watchUntilDone(start: (done: () => void) => () => void): Promise<void> {
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const stop = start(() => done());
  // The watcher's timer does not hold the process open; this one does, until the readings ran out.
  const keepAlive = setInterval(() => undefined, 1000);
  await finished;
  clearInterval(keepAlive);
  stop();
}

/**
 * Scripted resident sizes (MiB), one reading per call, on a clock that moves 10 s per reading; the last size repeats,
 * and `done` is called once more than `limit` readings were taken.
 */
function scriptedReadings(sizes: readonly number[], limit: number): { calls: () => number; clock: () => number; rss: (done: () => void) => number } {
  let calls = 0;
  return {
    calls: () => calls,
    clock: () => calls * 10_000,
    rss: (done) => {
      const mb = sizes[Math.min(calls, sizes.length - 1)] ?? 0;
      calls++;
      if (calls > limit) done();
      return mb * MB;
    },
  };
}

await test("a surge is released at most once per gap; while releases give little back, the gap doubles", async () => {
  // The resident size as the watcher sees it, one reading per call (MiB), on a clock that moves 10 s per reading.
  const readings = scriptedReadings([100, 100, 200, 160, 200, 200, 200, 200, 200, 190], 40);
  const released: number[][] = [];
  await watchUntilDone((done) => releaseAfterSurges({
    surgeBytes: 48 * MB,
    intervalMs: 1,
    minGapMs: 60_000,
    busy: () => false,
    clock: readings.clock,
    rss: () => readings.rss(done),
    trimAllocator: () => undefined,
    onRelease: (info) => released.push([info.beforeBytes / MB, info.afterBytes / MB, readings.calls()]),
  }));
  // 200 is a surge over 100: released (160 stayed, 40 given back). 200 again is no new surge over 160: it waits out
  // the 60 s gap, then is released, but 190 stays: the working set grew, so the gap doubles to 120 s, then 240 s
  // (the run ends before a fourth).
  assert.deepEqual(released, [[200, 160, 4], [200, 190, 10], [190, 190, 22]]);
});

await test("a new surge after a release is released without waiting out the gap, once per gap; the allocator is trimmed after each", async () => {
  // One reading per call (MiB), on a clock that moves 10 s per reading.
  const readings = scriptedReadings([100, 100, 200, 110, 200, 110, 200], 20);
  let trims = 0;
  const released: number[][] = [];
  await watchUntilDone((done) => releaseAfterSurges({
    surgeBytes: 48 * MB,
    intervalMs: 1,
    minGapMs: 60_000,
    newSurgeGapMs: 10_000,
    busy: () => false,
    clock: readings.clock,
    rss: () => readings.rss(done),
    trimAllocator: () => void trims++,
    onRelease: (info) => released.push([info.beforeBytes / MB, info.afterBytes / MB, readings.calls(), trims]),
  }));
  // 200 over 100: released (110 stayed). 200 again, 10 s later, is a new surge over the 110 left: released at once.
  // 200 a third time is a new surge too, but the early release was used: it waits the 60 s gap from the second,
  // which gives nothing back (the working set grew; the gap doubles and the run ends first).
  assert.deepEqual(released, [[200, 110, 4, 1], [200, 110, 6, 2], [200, 200, 12, 3]]);
});

await test("a new surge on a gateway that stays busy is not forced early: it waits for the gap and maxDeferMs as any", async () => {
  // As above, but busy from the first release on; the clock moves 10 s per reading.
  const readings = scriptedReadings([100, 100, 200, 110, 200], 16);
  let releases = 0;
  const released: number[][] = [];
  await watchUntilDone((done) => releaseAfterSurges({
    surgeBytes: 48 * MB,
    intervalMs: 1,
    minGapMs: 60_000,
    newSurgeGapMs: 10_000,
    maxDeferMs: 30_000,
    busy: () => releases > 0,
    clock: readings.clock,
    rss: () => readings.rss(done),
    trimAllocator: () => undefined,
    onRelease: (info) => {
      releases++;
      released.push([info.beforeBytes / MB, info.afterBytes / MB, readings.calls()]);
    },
  }));
  // The first release at 30 s; the new surge is busy, so it waits for the gap (90 s), then 30 s more (120 s); forced
  // early, it would have come at 80 s (10 s, then 30 s of deferral).
  assert.deepEqual(released, [[200, 110, 4], [200, 200, 13]]);
});

/** The looks (1-based) at which a surge of 200 MiB over 100 was released, with `busy` answering per look. */
async function releasesWhile(busyAt: (look: number) => boolean, looks: number, maxDeferMs?: number): Promise<number[]> {
  // `busy` is asked once per look; the clock moves 10 s per look.
  let look = 0;
  let readings = 0;
  const released: number[] = [];
  await watchUntilDone((done) => releaseAfterSurges({
    surgeBytes: 48 * MB,
    intervalMs: 1,
    minGapMs: 60_000,
    ...(maxDeferMs === undefined ? {} : { maxDeferMs }),
    busy: () => {
      look++;
      if (look >= looks) done();
      return busyAt(look);
    },
    clock: () => look * 10_000,
    // The first reading (at the start) is the floor; every later one stays at the surge (nothing is given back).
    rss: () => (readings++ === 0 ? 100 : 200) * MB,
    trimAllocator: () => undefined,
    onRelease: () => released.push(look),
  }));
  return released;
}

await test("a due release waits for a quiet interval (the surge is over), at most maxDeferMs while the gateway stays busy", async () => {
  // Busy for the first five looks (the abuse), quiet from the sixth: released at the sixth, not in the middle of it.
  assert.deepEqual(await releasesWhile((look) => look < 6, 8), [6]);
  // Never quiet: first due at look 1, put off for 30 s (three looks of 10 s), then released anyway at look 4.
  assert.deepEqual(await releasesWhile(() => true, 8, 30_000), [4]);
});

await test("after a surge of garbage, the release gives the pooled heap back to the OS", () => {
  const out = runScript(`import { releaseAfterSurges } from ${JSON.stringify(moduleUrl)};
    const base = process.memoryUsage.rss();
    releaseAfterSurges({ intervalMs: 5, minGapMs: 0, surgeBytes: 32 * 1024 * 1024, onRelease: (info) => {
      process.stdout.write(JSON.stringify({ base, peak, ...info }));
      process.exit(0);
    } });
    let junk = Array.from({ length: 4000 }, (_, i) => ({ text: JSON.stringify({ z: "z".repeat(40_000), i }), parts: Array.from({ length: 50 }, (_, j) => ({ i, j })) }));
    const peak = process.memoryUsage.rss();
    junk = null;
    setTimeout(() => { process.stdout.write("{}"); process.exit(0); }, 60_000);`);
  const r = JSON.parse(out) as { base?: number; peak?: number; beforeBytes?: number; afterBytes?: number };
  assert.ok(r.base !== undefined && r.peak !== undefined && r.beforeBytes !== undefined && r.afterBytes !== undefined, `no release happened: ${out}`);
  assert.ok(r.peak - r.base > 100 * MB, `the surge was too small to test: ${JSON.stringify(r)}`);
  assert.ok(r.afterBytes - r.base < 48 * MB, `still ${Math.round((r.afterBytes - r.base) / MB)} MB above the start after the release`);
});
