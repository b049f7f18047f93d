/**
 * Ops wiring figures: what every CLI command pays for the state dir (initStateDir with the secret store),
 * what the gateway pays once at start (createOpsServices), the per-turn cost of the budget check plus usage
 * record, and the wall time of `warden usage --json` and `warden audit-log verify` through the CLI.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { configSchema } from "../src/config/schema.ts";
import { openStateDatabase } from "../src/app/migrations.ts";
import { initStateDir, statePaths } from "../src/state/home.ts";
import { createOpsServices } from "../src/app/ops-services.ts";

const repo = fileURLToPath(new URL("..", import.meta.url));
const root = mkdtempSync(join(tmpdir(), "warden-opswire-bench-"));
const round = (n: number) => Math.round(n * 1000) / 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
try {
  const paths = statePaths(join(root, "state"));
  let t = performance.now();
  initStateDir(paths);
  const initFirstMs = performance.now() - t;
  const initAgain: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    t = performance.now();
    initStateDir(paths);
    initAgain.push(performance.now() - t);
  }
  const config = configSchema.parse({ limits: { tokens: { perDay: 1e12 } } });
  const db = openStateDatabase(paths);
  t = performance.now();
  const ops = createOpsServices({ db, paths, config, clock: Date.now, randomBytes });
  const createMs = performance.now() - t;
  const turns = 2_000;
  t = performance.now();
  for (let i = 0; i < turns; i += 1) {
    ops.budget("agent:main:webchat:owner");
    ops.usage.record({ sessionKey: "agent:main:webchat:owner", provider: "openai", model: "gpt-5-mini", inputTokens: 100, outputTokens: 20 });
  }
  const perTurnUs = ((performance.now() - t) / turns) * 1000;
  for (let i = 0; i < 1_000; i += 1) ops.activityLog.append({ kind: "system", actor: "bench", summary: `entry ${i}` });
  db.close();
  const env = { PATH: process.env.PATH, HOME: root, WARDEN_HOME: paths.home };
  const launcher = `import { Command } from "commander"; const { registerOpsCommands } = await import("./src/cli/commands/ops.ts");
    const p = new Command(); registerOpsCommands(p); await p.parseAsync(process.argv.slice(1), { from: "user" });`;
  const cli = (args: string[]): number => {
    const start = performance.now();
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", launcher, "--", ...args], { cwd: repo, env, encoding: "utf8", timeout: 30_000 });
    if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
    return performance.now() - start;
  };
  const usageMs = median([0, 1, 2, 3, 4].map(() => cli(["usage", "--json"])));
  const verifyMs = median([0, 1, 2].map(() => cli(["audit-log", "verify"])));
  process.stdout.write(`${JSON.stringify({
    area: "opswire",
    figures: {
      initStateDirFirstMs: round(initFirstMs),
      initStateDirExistingMedianMs: round(median(initAgain)),
      createOpsServicesMs: round(createMs),
      budgetCheckPlusUsageRecordPerTurnUs: round(perTurnUs),
      cliUsageJsonMedianMs: round(usageMs),
      cliAuditVerify1000EntriesMedianMs: round(verifyMs),
    },
  })}\n`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
