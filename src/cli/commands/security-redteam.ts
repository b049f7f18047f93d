/** `warden security redteam [--json] --scenarios DIR`: runs the scenario suite against the real pipeline. */
import type { Command } from "commander";
import { existsSync, statSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import { exitWith, printJson } from "../output.ts";
import { WardenError, ErrorCode } from "../../core/errors.ts";

/** Keeps the run's summary in the state directory, when there is one, for the Control UI's security page. */
async function recordRun(scenarios: string, summary: Record<string, number>): Promise<void> {
  const [{ homeFromEnv }, { REDTEAM_RECORD }, { writePrivateFile }, { join, resolve }] = await Promise.all([
    import("../home-env.ts"), import("../../app/security-overview.ts"), import("../../ops/secrets/private-files.ts"), import("node:path"),
  ]);
  const home = homeFromEnv(process.env);
  if (!existsSync(home)) return;
  try {
    writePrivateFile(join(home, REDTEAM_RECORD), `${JSON.stringify({ at: new Date().toISOString(), scenarios: resolve(scenarios), summary })}\n`);
  } catch {
    // A state directory that cannot be written to only loses the page's "last run" line.
  }
}

/** `k/n` with 1 ≤ k ≤ n ≤ 64. */
function parseShard(text: string): { index: number; count: number } {
  const m = /^([1-9][0-9]?)\/([1-9][0-9]?)$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || index > count || count > 64) {
    throw new WardenError(ErrorCode.BadRequest, `--shard takes k/n with 1 ≤ k ≤ n ≤ 64 (part k of n), not \`${text}\``);
  }
  return { index, count };
}

export function registerRedteamCommand(security: Command): void {
  security
    .command("redteam")
    .description("run red-team scenarios against the real pipeline with a scripted, hijacked model; exits 1 if an attack succeeds or a scenario cannot run")
    .requiredOption("--scenarios <dir>", "directory of *.yaml scenarios (format: docs/redteam.md)")
    .option("--json", "print the JSON report")
    .option("--concurrency <n>", "scenarios run at once (default 4)", (v) => Number(v))
    .option("--shard <k/n>", "run only part k of n (every n-th scenario in file order, from the k-th): n processes share a suite between cores")
    .option("--scenario-timeout <seconds>", "longest run of one scenario before it counts as failed (default 20; raise it on a busy machine)", (v) => Number(v))
    .option("--scratch <dir>", "where each scenario's throwaway state and workspace are made (default: the temp dir); a RAM-backed one such as /dev/shm never waits on the disk")
    .option("--now <date-time>", "the clock of the first turn (ISO 8601 with a time zone) for scenarios that pin no `now` of their own: check that a suite does not depend on the day it runs")
    .option("--no-approving-rerun", "do not run an attack that the owner's denial stopped again with every approval granted: it is reported `denied` instead of `asked` or `blocked` (a quicker run; success is judged as ever)")
    .action((opts: { scenarios: string; json?: boolean; concurrency?: number; shard?: string; scenarioTimeout?: number; scratch?: string; now?: string; approvingRerun: boolean }) =>
      exitWith(async () => {
        if (!existsSync(opts.scenarios) || !statSync(opts.scenarios).isDirectory()) {
          throw new WardenError(ErrorCode.BadRequest, `\`${opts.scenarios}\` is not a directory; pass --scenarios DIR with *.yaml scenario files`);
        }
        const { runScenarioDir, exitCodeOf } = await import("../../redteam/runner.ts");
        const { renderReport } = await import("../../redteam/render.ts");
        const concurrency = Number.isInteger(opts.concurrency) && (opts.concurrency ?? 0) > 0 ? opts.concurrency : 4;
        const timeout = opts.scenarioTimeout;
        if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0 && timeout <= 3600)) {
          throw new WardenError(ErrorCode.BadRequest, "--scenario-timeout takes a number of seconds from 1 to 3600");
        }
        const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
        if (opts.scratch !== undefined && !(existsSync(opts.scratch) && statSync(opts.scratch).isDirectory())) {
          throw new WardenError(ErrorCode.BadRequest, `\`${opts.scratch}\` is not a directory; --scratch takes an existing directory to make each scenario's throwaway state in`);
        }
        const { instantOf } = await import("../../redteam/scenario.ts");
        const now = opts.now === undefined ? undefined : instantOf(opts.now);
        if (opts.now !== undefined && now === undefined) {
          throw new WardenError(ErrorCode.BadRequest, `--now takes an ISO 8601 date-time with its time zone (2027-07-14T10:00:00+02:00), not \`${opts.now}\``);
        }
        const { report, details } = await runScenarioDir(opts.scenarios, {
          concurrency,
          ...(timeout !== undefined ? { timeoutMs: timeout * 1000 } : {}),
          ...(shard !== undefined ? { shard } : {}),
          ...(opts.scratch !== undefined ? { scratchDir: resolvePath(opts.scratch) } : {}),
          approvingRerun: opts.approvingRerun,
          ...(now !== undefined ? { now } : {}),
        });
        await recordRun(opts.scenarios, report.summary);
        if (opts.json) printJson(report);
        else process.stdout.write(renderReport(report, details));
        return exitCodeOf(report);
      }),
    );
}
