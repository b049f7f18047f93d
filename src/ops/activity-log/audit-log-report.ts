/**
 * What `warden audit-log verify|tail` print. The CLI exits with `exitCode`: 0 when the chain is intact,
 * 1 when an entry does not verify (the output names it).
 */
import type { ActivityEntry } from "./activity-log.ts";
import type { VerifyResult } from "./verify-chain.ts";

export function renderVerifyResult(result: VerifyResult, json: boolean): { exitCode: 0 | 1; output: string } {
  if (json) return { exitCode: result.ok ? 0 : 1, output: JSON.stringify(result) };
  if (result.ok) {
    const anchor = result.anchored ? "head anchored" : "head NOT anchored: give the log its anchor key";
    const external = result.externalAnchor ? ` External anchor matches: ${result.externalAnchor.count.toLocaleString("en-US")} entries up to #${result.externalAnchor.lastSeq}.` : "";
    return { exitCode: 0, output: `Activity log intact: ${result.count.toLocaleString("en-US")} entries verified (${anchor}).${external}` };
  }
  return {
    exitCode: 1,
    output: `Activity log FAILED verification at entry ${result.firstBadSeq} (${result.problem}): ${result.message}. ${result.checked.toLocaleString("en-US")} entries before it verified.`,
  };
}

export function formatEntryLine(entry: ActivityEntry): string {
  return `${new Date(entry.ts).toISOString()} #${entry.seq} ${entry.kind} ${entry.actor}: ${entry.summary}`;
}
