/** `warden security redteam [--json] --scenarios DIR`: runs the scenario suite against the real pipeline. */
import type { Command } from "commander";
import { existsSync, statSync } from "node:fs";
import { printJson } from "../output.ts";
import { WardenError, ErrorCode } from "../../core/errors.ts";

export function registerRedteamCommand(security: Command): void {
  security
    .command("redteam")
    .description("run red-team scenarios against the real pipeline with a scripted, hijacked model; exits 1 if an attack succeeds or a scenario cannot run")
    .requiredOption("--scenarios <dir>", "directory of *.yaml scenarios (DESIGN.md, \"Scenario format\")")
    .option("--json", "print the JSON report")
    .option("--concurrency <n>", "scenarios run at once (default 4)", (v) => Number(v))
    .action(async (opts: { scenarios: string; json?: boolean; concurrency?: number }) => {
      try {
        if (!existsSync(opts.scenarios) || !statSync(opts.scenarios).isDirectory()) {
          throw new WardenError(ErrorCode.BadRequest, `\`${opts.scenarios}\` is not a directory; pass --scenarios DIR with *.yaml scenario files`);
        }
        const { runScenarioDir, exitCodeOf } = await import("../../redteam/runner.ts");
        const { renderReport } = await import("../../redteam/render.ts");
        const concurrency = Number.isInteger(opts.concurrency) && (opts.concurrency ?? 0) > 0 ? opts.concurrency : 4;
        const { report, details } = await runScenarioDir(opts.scenarios, { concurrency });
        if (opts.json) printJson(report);
        else process.stdout.write(renderReport(report, details));
        process.exitCode = exitCodeOf(report);
      } catch (error) {
        const { fail } = await import("../output.ts");
        fail(error);
      }
    });
}
