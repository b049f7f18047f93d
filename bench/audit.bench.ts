// Audit wall time: a default install and a workspace of 10,000 files, in process (runAudit over collected input)
// and as a CLI process (spawn to exit). OpenClaw's audit is timed by running it: bench/compare-openclaw.bench.ts.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { initStateDir, statePaths } from "../src/state/home.ts";
import { collectAuditInput, runAudit, findSecretsFallback } from "../src/audit/index.ts";
import { detectSandbox } from "../src/sandbox/index.ts";

const root = mkdtempSync(join(tmpdir(), "warden-audit-bench-"));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function makeHome(name: string, files: number): string {
  const home = join(root, name);
  initStateDir(statePaths(home));
  const ws = join(home, "workspace");
  mkdirSync(ws, { recursive: true });
  for (let i = 0; i < files; i++) {
    const dir = join(ws, `d${i % 100}`);
    if (i < 100) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `f${i}.txt`), `line one of file ${i}\nsome notes ${"lorem ipsum ".repeat(20)}\n`);
  }
  return home;
}

async function inProcess(home: string, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    runAudit(await collectAuditInput({ home, nodeVersion: process.version, uid: process.getuid?.() ?? null, detectSandbox: () => detectSandbox(), findSecrets: findSecretsFallback }));
    times.push(performance.now() - t0);
  }
  return Math.round(median(times) * 10) / 10;
}

const register = fileURLToPath(new URL("../src/cli/commands/security-audit.ts", import.meta.url));
const driver = `import { Command } from "commander"; import { registerAuditCommands } from ${JSON.stringify(register)};
const p = new Command(); registerAuditCommands(p.command("security")); await p.parseAsync(process.argv.slice(1), { from: "user" });`;

function cliProcess(home: string, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ["--input-type=module", "-e", driver, "security", "audit", "--json"], { env: { PATH: process.env.PATH, HOME: root, WARDEN_HOME: home }, cwd: fileURLToPath(new URL("../", import.meta.url)), encoding: "utf8", timeout: 60_000 });
    times.push(performance.now() - t0);
  }
  return Math.round(median(times));
}

try {
  const fresh = makeHome("fresh", 0);
  const big = makeHome("big", 10_000);
  const figures = {
    defaultInstallMs: await inProcess(fresh, 7),
    workspace10kFilesMs: await inProcess(big, 5),
    cliDefaultInstallMs: cliProcess(fresh, 5),
    cliWorkspace10kFilesMs: cliProcess(big, 3),
  };
  process.stdout.write(`${JSON.stringify({ area: "audit", clock: "median wall time: collectAuditInput + runAudit in process; one `warden security audit --json` process, spawn to exit", figures })}\n`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
