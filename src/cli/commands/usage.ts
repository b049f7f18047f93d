/** `warden usage [--json]`: tokens and cost today and this month (UTC), with the configured limits. */
import { formatUsageReport } from "../../ops/limits/usage-report.ts";
import { withOpsState } from "../ops-state.ts";

export function runUsage(options: { json?: boolean }): Promise<number> {
  return withOpsState(({ ops }) => {
    const report = ops.usageReport();
    if (options.json) {
      // The documented contract: exactly these three keys.
      process.stdout.write(`${JSON.stringify({ tokens: report.tokens, costUsd: report.costUsd, limits: report.limits })}\n`);
    } else {
      process.stdout.write(`${formatUsageReport(report)}\n`);
    }
    return 0;
  });
}
