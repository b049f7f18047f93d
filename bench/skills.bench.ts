// Skills: (1) verification on every load (read every installed file, hash it, compare with the locked manifest,
// parse SKILL.md) by skill size, up to 256 files / 8 MiB (target ≤ 50 ms); (2) install time (read the source,
// check the Ed25519 signature and every hash, write the read-only tree, write the lock) for the same sizes;
// (3) signing (manifest + Ed25519) for the publisher; (4) a script's start under bubblewrap with only its declared
// executables (the system view: programs, libraries, links) against the whole read-only /usr, and the cost of
// building that view (the first time, with `ldd`; then from the cache). Wall-clock medians on whatever machine runs it.
// Bounded: RUNS timed runs per variant after WARMUP untimed ones.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { publisherKey, storeDeps, writeSkill } from "../test/support/skill-fixture.ts";
import { signSkillDirectory } from "../src/skills/package-source.ts";
import { EnvelopeFile } from "../src/skills/package-manifest.ts";
import { installSkill, loadVerifiedSkill, removeSkill } from "../src/skills/skill-store.ts";
import { buildServiceCommand, detectSandbox } from "../src/sandbox/index.ts";
import { buildSystemView } from "../src/sandbox/executables.ts";
import { runProcess } from "../src/sandbox/run-process.ts";
import { spawn } from "node:child_process";
import type { SpawnFn } from "../src/sandbox/types.ts";

const RUNS = 15;
const WARMUP = 3;

function stats(times: number[]): { medianMs: number; p95Ms: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN).toFixed(3));
  return { medianMs: at(0.5), p95Ms: at(0.95) };
}

/** Wall-clock and CPU (user + system of this process) medians: on a shared, loaded machine the CPU figure is the steadier one. */
async function timeEach(fn: () => unknown): Promise<{ medianMs: number; p95Ms: number; cpuMedianMs: number }> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(startCpu);
    times.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
  }
  return { ...stats(times), cpuMedianMs: stats(cpu).medianMs };
}

const sizes = [
  { files: 4, bytes: 16 * 1024 },
  { files: 32, bytes: 512 * 1024 },
  { files: 256, bytes: 8 * 1024 * 1024 },
];
const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-skills-bench-")));
const key = publisherKey("bench");
const results: Record<string, unknown>[] = [];
let executablesSandbox: Record<string, unknown> = {};
try {
  for (const size of sizes) {
    const name = `bench-${size.files}`;
    const per = Math.floor(size.bytes / size.files);
    const files: Record<string, Buffer> = {};
    for (let i = 1; i < size.files; i++) files[`references/part-${String(i).padStart(3, "0")}.md`] = Buffer.alloc(per, 0x61 + (i % 26));
    const src = writeSkill(path.join(root, "src", name), { name, files });
    const sign = await timeEach(() => signSkillDirectory(src, key));
    fs.writeFileSync(path.join(src, EnvelopeFile), JSON.stringify(signSkillDirectory(src, key).envelope));
    const deps = storeDeps(path.join(root, `home-${name}`));
    const install = await timeEach(async () => {
      removeSkill(deps, name);
      await installSkill(deps, { source: src, mode: "install", trustNewPublisher: true });
    });
    const verify = await timeEach(() => {
      const outcome = loadVerifiedSkill(deps, name);
      if (!outcome.ok) throw new Error(outcome.reason);
    });
    const total = fs.readdirSync(path.join(src, "references")).reduce((n, f) => n + fs.statSync(path.join(src, "references", f)).size, 0);
    results.push({ files: size.files, bytes: total, verifyOnLoad: verify, install, sign });
  }
  executablesSandbox = await sandboxStart(root);
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}

/** A one-line script run under bubblewrap, with `["wc"]` (or `["python3"]`) declared versus the whole /usr. */
async function sandboxStart(dir: string): Promise<Record<string, unknown>> {
  const availability = await detectSandbox();
  if (availability.kind !== "bubblewrap") return { skipped: availability.why };
  const ws = path.join(dir, "ws");
  fs.mkdirSync(ws, { recursive: true });
  const script = path.join(dir, "run.sh");
  fs.writeFileSync(script, "#!/bin/sh\necho one two | wc -w\n", { mode: 0o755 });
  const firstView = (names: string[]) => {
    const start = process.cpuUsage();
    const t = performance.now();
    const view = buildSystemView(names, [availability.shell]);
    const used = process.cpuUsage(start);
    return { wallMs: Number((performance.now() - t).toFixed(1)), cpuMs: Number(((used.user + used.system) / 1000).toFixed(1)), binds: view.ok ? view.binds.length : view.why };
  };
  const viewWc = firstView(["wc"]);
  const viewPython = firstView(["python3"]);
  const run = (executables: string[] | undefined) => async () => {
    const built = buildServiceCommand({ availability, confinement: "bubblewrap", command: script, args: [], workspace: ws, workspaceAccess: "none", readPaths: [dir], hiddenPaths: [], env: {}, ...(executables ? { executables } : {}) });
    if (!built.ok) throw new Error(built.why);
    const out = await runProcess(spawn as SpawnFn, { command: built.command, args: built.args, env: built.env, cwd: built.cwd, timeoutMs: 30_000, maxOutputBytes: 4096 });
    if (out.stdout.trim() !== "2") throw new Error(`unexpected output: ${out.stdout} ${out.stderr}`);
  };
  return { firstViewBuild: { wc: viewWc, python3: viewPython }, startWholeUsr: await timeEach(run(undefined)), startDeclaredOnly: await timeEach(run(["wc"])) };
}
const largest = results.at(-1) as { verifyOnLoad: { medianMs: number; cpuMedianMs: number } };
process.stdout.write(`${JSON.stringify({ runs: RUNS, loadAverage: os.loadavg()[0], sizes: results, targetMs: 50, largestVerifyWithinTarget: largest.verifyOnLoad.medianMs <= 50, largestVerifyCpuWithinTarget: largest.verifyOnLoad.cpuMedianMs <= 50, executablesSandbox })}\n`);
