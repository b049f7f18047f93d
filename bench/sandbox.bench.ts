// Sandbox start overhead: wall time of `true` under bubblewrap (full profile, limits, scrubbed env) against a
// bare spawn of /bin/true and against the host fallback (bash + ulimit prelude). Bounded: RUNS per variant.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { detectSandbox } from "../src/sandbox/detect.ts";
import { createSandboxRunner } from "../src/sandbox/runner.ts";
import type { ExecRequest } from "../src/sandbox/types.ts";

const RUNS = 60;
const WARMUP = 5;

function spawnBare(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("/bin/true", [], { stdio: "ignore", env: {} });
    child.on("error", reject);
    child.on("close", () => resolve());
  });
}

async function measure(fn: () => Promise<unknown>): Promise<{ medianMs: number; p95Ms: number }> {
  for (let i = 0; i < WARMUP; i += 1) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number): number => Number((times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN).toFixed(2));
  return { medianMs: at(0.5), p95Ms: at(0.95) };
}

const workspace = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-bench-")));
try {
  const availability = await detectSandbox();
  const req: ExecRequest = { script: "true", cwd: workspace, workspace, hiddenPaths: [], network: false, timeoutMs: 10_000, maxOutputBytes: 65_536 };
  const figures: Record<string, unknown> = { runs: RUNS, bareSpawn: await measure(spawnBare) };
  const host = createSandboxRunner({ availability: { kind: "none", why: "bench", shell: availability.shell } });
  figures.hostFallback = await measure(() => host.run(req));
  if (availability.kind === "bubblewrap") {
    const sandbox = createSandboxRunner({ availability });
    const check = await sandbox.run(req);
    if (check.exitCode !== 0) throw new Error(`sandboxed \`true\` failed: ${check.error ?? check.stderr}`);
    figures.bubblewrap = await measure(() => sandbox.run(req));
    figures.bubblewrapNetwork = await measure(() => sandbox.run({ ...req, network: true }));
  } else {
    figures.bubblewrap = `unavailable: ${availability.why}`;
  }
  console.log(JSON.stringify({ area: "sandbox", figures }));
} finally {
  fs.rmSync(workspace, { recursive: true, force: true });
}
