// Cost of masking credential files, on a workspace of 10,000 files in 500 directories with 20 credential files:
// the scan (cold, then warm from the listing cache), the exec decision with and without it, and the sandbox start
// with and without the masks, and the walk for files a command changed. Bounded: RUNS per variant.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createShellAnalyzer, decideExec } from "../src/exec/index.ts";
import { createSandboxRunner, createWorkspaceScanner, DEFAULT_PATH, detectSandbox } from "../src/sandbox/index.ts";
import { createExecTool } from "../src/tools/exec.ts";
import { findChangedFiles } from "../src/fs/changed-files.ts";

const RUNS = 60;
const FILES = 10_000;
const DIRS = 500;

function stats(times: number[]): { medianMs: number; p99Ms: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number): number => Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN).toFixed(2));
  return { medianMs: at(0.5), p99Ms: at(0.99) };
}

async function measure(fn: () => unknown): Promise<{ medianMs: number; p99Ms: number }> {
  for (let i = 0; i < 3; i += 1) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return stats(times);
}

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-bench-scan-")));
try {
  const ws = path.join(root, "ws");
  const past = new Date(Date.now() - 60_000);
  for (let d = 0; d < DIRS; d += 1) fs.mkdirSync(path.join(ws, `pkg${d % 25}`, `mod${d}`), { recursive: true });
  for (let f = 0; f < FILES; f += 1) {
    const dir = path.join(ws, `pkg${(f % DIRS) % 25}`, `mod${f % DIRS}`);
    fs.writeFileSync(path.join(dir, f % 499 === 0 ? ".env" : `file${f}.ts`), "x\n");
  }
  // Settled directories, as in a workspace that is not being written to this very second.
  const settle = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) settle(path.join(dir, e.name));
    fs.utimesSync(dir, past, past);
  };
  settle(ws);
  // Setting the times changed each directory's ctime: wait until the scanner trusts its listings.
  await new Promise((resolve) => setTimeout(resolve, 2500));

  const coldScanner = createWorkspaceScanner();
  const t0 = performance.now();
  const scan = coldScanner.scan(ws);
  const coldMs = Number((performance.now() - t0).toFixed(2));
  const warm = createWorkspaceScanner();
  warm.scan(ws);
  const figures: Record<string, unknown> = {
    runs: RUNS, files: FILES, directories: DIRS, credentialFiles: scan.credentialPaths.length, entries: scan.entries,
    scanColdMs: coldMs, scanWarm: await measure(() => warm.scan(ws)),
    // CPU time per warm scan (user + system): what the scan costs when the machine is shared and wall time is not.
    scanWarmCpuMs: (() => {
      const before = process.cpuUsage();
      for (let i = 0; i < RUNS; i += 1) warm.scan(ws);
      const used = process.cpuUsage(before);
      return Number(((used.user + used.system) / 1000 / RUNS).toFixed(2));
    })(),
    // What an exec in an untrusted context adds after the command: the walk for files it changed (none here).
    changedFilesWalk: await measure(() => findChangedFiles(ws, Date.now())),
    loadAverage: os.loadavg()[0],
  };

  const analyzer = await createShellAnalyzer();
  const availability = await detectSandbox();
  const runner = createSandboxRunner({ availability });
  const home = path.join(root, "home");
  const policy = { security: "allowlist" as const, ask: "on-miss" as const };
  const input = { command: "grep -r TODO .", cwd: ws, workspace: ws, homeDir: home, stateDir: path.join(home, ".warden"), pathEnv: DEFAULT_PATH, policy };
  figures.decisionWithoutScan = await measure(() => decideExec(input, analyzer));
  const tool = createExecTool({
    analyzer, runner, scanner: warm, policy: () => policy, workspace: ws, homeDir: home, stateDir: path.join(home, ".warden"),
    pathEnv: DEFAULT_PATH, hiddenPaths: [home], network: false, timeoutMs: 10_000, maxOutputBytes: 65_536,
  });
  const context = { sessionKey: "b", principal: { kind: "owner", id: "webchat:owner", channel: "webchat" } as const, signal: new AbortController().signal };
  figures.decisionWithScan = await measure(() => tool.assess({ command: "grep -r TODO ." }, context));
  if (availability.kind === "bubblewrap") {
    const req = { script: "true", cwd: ws, workspace: ws, hiddenPaths: [home], network: false, timeoutMs: 10_000, maxOutputBytes: 65_536 };
    figures.sandboxStartWithoutMasks = await measure(() => runner.run(req));
    figures.sandboxStartWithMasks = await measure(() => runner.run({ ...req, maskPaths: warm.scan(ws).credentialPaths }));
  } else {
    figures.sandbox = `unavailable: ${availability.why}`;
  }
  console.log(JSON.stringify({ area: "workspace-scan", figures }));
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
