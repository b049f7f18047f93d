/**
 * Red-team figures: attack success rate, attacks stopped only by the owner's denial, benign completion and how
 * many benign tasks needed an approval, over the shipped suite; wall and CPU seconds per scenario at concurrency 2.
 *
 * `--per-scenario`: where the CPU goes instead. One scenario at a time (concurrency 1), so each one's CPU is what
 * this process and the processes it reaped (sandboxed commands) spent between its start and the next; prints the
 * costliest scenarios and the CPU by what a scenario uses (MCP fixtures, skills, exec, web pages, several turns)
 * and by whether it ran twice (an attack the simulated owner denied runs again with every approval granted).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { runScenarioDir } from "../src/redteam/runner.ts";
import { approvalAnswerAt, createStateTemplate } from "../src/redteam/run-scenario.ts";
import { openStateDatabase } from "../src/app/migrations.ts";
import { statePaths } from "../src/state/home.ts";
import { loadScenarios, turnsOf, type Scenario } from "../src/redteam/scenario.ts";

const dir = fileURLToPath(new URL("../scenarios", import.meta.url));
const perScenario = process.argv.includes("--per-scenario");
const concurrency = perScenario ? 1 : 2;

/** CPU (user + system, ms) of the processes this one waited for; Linux only (0 elsewhere). */
function reapedCpuMs(): number {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]?.split(" ") ?? [];
    const ticks = Number(fields[13]) + Number(fields[14]);
    return Number.isFinite(ticks) ? ticks * 10 : 0;
  } catch {
    return 0;
  }
}
const ownCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** What a scenario makes the runner start or the gateway do, as a label (`mcp+web`, `plain`). */
function featuresOf(s: Scenario): string {
  const calls = new Set(turnsOf(s).flatMap((t) => t.model.flatMap((step) => ("reply" in step ? [] : "calls" in step ? step.calls.map((c) => c.call) : [step.call]))));
  const out = [
    ...(Object.keys(s.mcp).length > 0 ? ["mcp"] : []),
    ...(Object.keys(s.skills).length > 0 ? ["skill"] : []),
    ...(calls.has("exec") ? ["exec"] : []),
    ...(calls.has("web_fetch") ? ["web"] : []),
    ...(turnsOf(s).length > 1 ? ["turns"] : []),
  ];
  return out.length > 0 ? out.join("+") : "plain";
}

const loaded = new Map(loadScenarios(dir).flatMap((l) => (l.ok ? [[l.scenario.id, l.scenario] as const] : [])));
const costs: { id: string; features: string; twice: boolean; cpuMs: number; wallMs: number }[] = [];
let mark = { own: ownCpuMs(), reaped: reapedCpuMs(), wall: performance.now() };

const started = performance.now();
const cpuBefore = process.cpuUsage();
const { report } = await runScenarioDir(dir, {
  concurrency,
  ...(perScenario
    ? {
        onResult: (r) => {
          const now = { own: ownCpuMs(), reaped: reapedCpuMs(), wall: performance.now() };
          // Ran twice: an attack that did not succeed and met a denial is run again with every approval granted (runner.ts).
          const scenario = loaded.get(r.id);
          const denied = scenario !== undefined && Array.from({ length: r.approvalsAsked }, (_, i) => approvalAnswerAt(scenario.approvals, i)).includes("deny");
          const twice = r.kind === "attack" && r.outcome !== "succeeded" && denied;
          costs.push({ id: r.id, features: scenario === undefined ? "unloaded" : featuresOf(scenario), twice, cpuMs: Math.round(now.own - mark.own + now.reaped - mark.reaped), wallMs: Math.round(now.wall - mark.wall) });
          mark = now;
        },
      }
    : {}),
});
const seconds = (performance.now() - started) / 1000;

/**
 * A scenario's floor: the median CPU (ms) of one that only starts the runtime from the state template, takes a
 * one-line owner turn answered without a tool, and closes (50 runs, one at a time, after the suite warmed up).
 */
async function fixedCostCpuMs(): Promise<number> {
  const fixed = mkdtempSync(join(tmpdir(), "warden-bench-fixed-"));
  try {
    for (let i = 0; i < 50; i++) writeFileSync(join(fixed, `s${String(i).padStart(2, "0")}.yaml`), `id: fixed-${i}\nkind: benign\ntitle: start, one turn, close\nuser: hello\nmodel:\n  - reply: hi\nexpect:\n  - reply_contains: hi\n`);
    const runs: number[] = [];
    let last = ownCpuMs();
    await runScenarioDir(fixed, { concurrency: 1, onResult: () => {
      const now = ownCpuMs();
      runs.push(now - last);
      last = now;
    } });
    runs.sort((a, b) => a - b);
    return Math.round(runs[Math.floor(runs.length / 2)] ?? 0);
  } finally {
    rmSync(fixed, { recursive: true, force: true });
  }
}
const fixedCost = perScenario ? await fixedCostCpuMs() : undefined;

/**
 * What a run's database costs: the CPU (µs, median of 50 copies) to open a copy of the state template as a run
 * opens it (`scratch`) and of one write transaction on it (an activity-log append is one, a ledger record another;
 * a run makes tens). The copy is locked to its one connection, so no lock is taken and released around each.
 */
function scratchDatabaseCpuUs(): { openCpuUs: number; writeCpuUs: number } {
  const scratch = mkdtempSync(join(tmpdir(), "warden-bench-db-"));
  const template = createStateTemplate(scratch);
  const opens: number[] = [];
  const writes: number[] = [];
  try {
    for (let i = 0; i < 50; i++) {
      const paths = statePaths(join(scratch, `state-${i}`));
      template.copyTo(paths);
      let mark = ownCpuMs();
      const db = openStateDatabase(paths, { durability: "scratch" });
      opens.push(ownCpuMs() - mark);
      const write = db.prepare("INSERT INTO storage_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at");
      mark = ownCpuMs();
      for (let j = 0; j < 20; j++) {
        db.exec("BEGIN IMMEDIATE");
        write.run(j);
        db.exec("COMMIT");
      }
      writes.push((ownCpuMs() - mark) / 20);
      db.close();
    }
  } finally {
    template.remove();
    rmSync(scratch, { recursive: true, force: true });
  }
  const median = (xs: number[]) => Math.round(1000 * ([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0));
  return { openCpuUs: median(opens), writeCpuUs: median(writes) };
}
const scratchDatabase = perScenario ? scratchDatabaseCpuUs() : undefined;
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const s = report.summary;
const round = (n: number) => Math.round(n * 1000) / 1000;

function byFeature() {
  const groups = new Map<string, { scenarios: number; cpuSeconds: number }>();
  for (const c of costs) {
    const key = `${c.features}${c.twice ? " (run twice)" : ""}`;
    const g = groups.get(key) ?? { scenarios: 0, cpuSeconds: 0 };
    g.scenarios++;
    g.cpuSeconds += c.cpuMs / 1000;
    groups.set(key, g);
  }
  return [...groups]
    .sort((a, b) => b[1].cpuSeconds - a[1].cpuSeconds)
    .map(([what, g]) => ({ what, scenarios: g.scenarios, cpuSeconds: round(g.cpuSeconds), cpuMsPerScenario: Math.round((1000 * g.cpuSeconds) / g.scenarios) }));
}

process.stdout.write(`${JSON.stringify({
  area: "redteam",
  clock: perScenario
    ? "one scenario at a time; a scenario's CPU is this process's (its threads included) and its reaped children's between its start and the next; its wall time likewise; the first scenarios of a kind also carry one-time work (the sandbox probe, the state template, modules and scanner indexes loaded at first use)"
    : "wall time of runScenarioDir over the shipped suite, in this process; CPU time of this process over the same span (its threads included, the sandboxed commands it starts not)",
  settings: { concurrency, cpus: availableParallelism() },
  figures: {
    scenarios: report.scenarios.length,
    attacks: s.attacks,
    attackSuccessRate: round(s.attacksSucceeded / Math.max(1, s.attacks)),
    attacksStoppedOnlyByOwnerDenial: s.attacksAsked,
    benign: s.benign,
    benignCompletionRate: round(s.benignCompleted / Math.max(1, s.benign)),
    benignNeedingApprovalRate: round(s.benignAsked / Math.max(1, s.benign)),
    failedToRun: report.scenarios.filter((r) => r.error !== undefined).length,
    totalSeconds: round(seconds),
    secondsPerScenario: round(seconds / Math.max(1, report.scenarios.length)),
    cpuSeconds: round(cpuSeconds),
    cpuSecondsPerScenario: round(cpuSeconds / Math.max(1, report.scenarios.length)),
    ...(perScenario ? { fixedCostCpuMsPerScenario: fixedCost, scratchDatabase, cpuByFeature: byFeature(), costliest: [...costs].sort((a, b) => b.cpuMs - a.cpuMs).slice(0, 20) } : {}),
  },
})}\n`);
