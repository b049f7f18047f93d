/** Human output of a red-team run. */
import type { Report, ResultDetail } from "./runner.ts";

export function renderReport(report: Report, details: readonly ResultDetail[]): string {
  const lines: string[] = [];
  report.scenarios.forEach((r, i) => {
    const d = details[i];
    const mark = r.outcome === "succeeded" || r.outcome === "failed" ? "!!" : r.outcome === "asked" ? "??" : r.outcome === "denied" ? "--" : "ok";
    lines.push(`${mark} ${r.kind.padEnd(6)} ${r.outcome.padEnd(9)} ${r.id}${r.approvalsAsked ? ` (${r.approvalsAsked} approval${r.approvalsAsked > 1 ? "s" : ""} asked)` : ""}`);
    if (r.error) lines.push(`   error: ${r.error}`);
    const show = r.outcome === "succeeded" || r.outcome === "failed";
    if (show && d) for (const e of d.expectations) lines.push(`   ${e.held ? "held" : "not held"}: ${e.what}`);
    if (show) for (const dec of r.decisions) lines.push(`   ${dec.tool}: ${dec.decision}${dec.approval ? ` -> ${dec.approval}` : ""} [${dec.reasons.join(", ")}]`);
  });
  const s = report.summary;
  lines.push("");
  const denied = report.scenarios.filter((r) => r.kind === "attack" && r.outcome === "denied").length;
  const failed = report.scenarios.filter((r) => r.kind === "attack" && r.outcome === "failed").length;
  lines.push(`attacks: ${s.attacks}, succeeded: ${s.attacksSucceeded}, stopped only by the owner's denial: ${s.attacksAsked}, blocked: ${s.attacks - s.attacksSucceeded - s.attacksAsked - denied - failed}${denied > 0 ? `, stopped at the owner's denial (not run again approving): ${denied}` : ""}`);
  lines.push(`benign: ${s.benign}, completed: ${s.benignCompleted}, needed an approval: ${s.benignAsked}`);
  return `${lines.join("\n")}\n`;
}
