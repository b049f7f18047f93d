/**
 * Red-team figures: attack success rate, attacks stopped only by the owner's denial, benign completion and how
 * many benign tasks needed an approval, over the shipped suite; wall and CPU seconds per scenario at concurrency 2.
 */
import { fileURLToPath } from "node:url";
import { availableParallelism } from "node:os";
import { runScenarioDir } from "../src/redteam/runner.ts";

const dir = fileURLToPath(new URL("../scenarios", import.meta.url));
const started = performance.now();
const cpuBefore = process.cpuUsage();
const { report } = await runScenarioDir(dir, { concurrency: 2 });
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const s = report.summary;
const round = (n: number) => Math.round(n * 1000) / 1000;
process.stdout.write(`${JSON.stringify({
  area: "redteam",
  clock: "wall time of runScenarioDir over the shipped suite, in this process; CPU time of this process over the same span (its threads included, the sandboxed commands it starts not)",
  settings: { concurrency: 2, cpus: availableParallelism() },
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
  },
})}\n`);
