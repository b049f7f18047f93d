/**
 * Loaded (`--import`) into each test file's process by scripts/run-tests.ts: when the process exits it writes the
 * CPU time it used, with that of the child processes it waited for (`bin/warden`, bubblewrap, git, Chromium), to
 * `$WARDEN_TEST_CPU_DIR/<pid>.json` with its parent's pid (the runner keeps its own children's figures, not those of
 * a node process a test started with the same flags). The runner reads these into its timing summary. Linux only
 * (/proc); elsewhere, or when the directory is not set, it does nothing. It never fails a test: a figure it cannot
 * write is left out.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.WARDEN_TEST_CPU_DIR;

/** user + system CPU (ms) of this process and of its reaped children, from /proc/self/stat (clock ticks of 10 ms). */
function cpuMs(): { self: number; children: number } | undefined {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]?.split(" ") ?? [];
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
    if (![utime, stime, cutime, cstime].every(Number.isFinite)) return undefined;
    return { self: ((utime ?? 0) + (stime ?? 0)) * 10, children: ((cutime ?? 0) + (cstime ?? 0)) * 10 };
  } catch {
    return undefined;
  }
}

if (dir !== undefined && dir !== "") {
  process.on("exit", () => {
    const cpu = cpuMs();
    const file = process.argv[1];
    if (cpu === undefined || file === undefined) return;
    try {
      writeFileSync(join(dir, `${process.pid}.json`), JSON.stringify({ file, ppid: process.ppid, ...cpu }));
    } catch {
      // the summary goes without this file's CPU figure
    }
  });
}
