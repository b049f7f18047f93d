/** `warden audit-log verify|tail|export`. */
import { formatEntryLine, renderVerifyResult } from "../../ops/activity-log/audit-log-report.ts";
import { checkEmptiedFile } from "../../ops/activity-log/external-anchor.ts";
import type { VerifyResult } from "../../ops/activity-log/verify-chain.ts";
import { withOpsState } from "../ops-state.ts";

export async function auditVerify(options: { json?: boolean }): Promise<number> {
  const report = (result: VerifyResult) => {
    const { exitCode, output } = renderVerifyResult(result, options.json === true);
    // JSON is for programs: always on stdout. The human failure message goes to stderr.
    (exitCode === 0 || options.json ? process.stdout : process.stderr).write(`${output}\n`);
    return exitCode;
  };
  // Before opening: a file wiped under a running gateway cannot be opened (its old log is held), but is plainly empty.
  const { loadContext } = await import("../context.ts");
  const { activityAnchorFile } = await import("../../app/ops-services.ts");
  const { paths } = loadContext();
  const emptied = checkEmptiedFile(paths.database, activityAnchorFile(paths));
  if (!emptied.ok) return report({ ok: false, firstBadSeq: emptied.anchor.lastSeq, problem: emptied.problem, message: emptied.message, checked: 0 });
  return withOpsState(({ ops }) => report(ops.activityLog.verify()));
}

export function auditTail(options: { lines?: number; json?: boolean }): Promise<number> {
  return withOpsState(({ ops }) => {
    for (const entry of ops.activityLog.tail(options.lines ?? 20)) {
      process.stdout.write(`${options.json ? JSON.stringify({ ...entry, at: new Date(entry.ts).toISOString() }) : formatEntryLine(entry)}\n`);
    }
    return 0;
  });
}

export function auditExport(options: { from?: number }): Promise<number> {
  return withOpsState(({ ops }) => {
    for (const line of ops.activityLog.exportJsonl(options.from ?? 1)) process.stdout.write(`${line}\n`);
    return 0;
  });
}

export function auditAcceptReset(): Promise<number> {
  return withOpsState(({ ops }) => {
    const { previous } = ops.activityLog.acceptReset("cli");
    process.stdout.write(previous.ok ? "The activity log matched its anchor; re-anchored it anyway.\n" : `Accepted: ${previous.message}.\nAn alert entry records this; the log is anchored at its current head.\n`);
    return 0;
  });
}
