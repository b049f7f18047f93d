/** What the owner is asked when the gate wants an approval: the call, why, where its data came from, how to answer. */
import type { ApprovalView } from "./approvals.ts";
import { defangUrls } from "../gate/urls.ts";
import { riskFirst } from "./risk-reasons.ts";

/** INVARIANT: every URL quoted is defanged, so no chat client previews (fetches) it before the owner answers. */
export function approvalPromptText(approval: ApprovalView): string {
  const { risk, rest } = riskFirst(approval.reasons);
  const line = (label: string, reasons: readonly { message: string }[]) => (reasons.length > 0 ? `\n${label}: ${defangUrls(reasons.map((r) => r.message).join("; "))}` : "");
  const provenance = approval.provenance.length ? `\n${defangUrls(approval.provenance.join("; "))}` : "";
  return `Approval ${approval.id} (${approval.risk} risk): ${defangUrls(approval.summary)}${line("Risk", risk)}${line(risk.length > 0 ? "Also" : "Why", rest)}${provenance}\nAnswer with /approve ${approval.id} or /deny ${approval.id} (or \`warden approvals approve ${approval.id}\`).`;
}

/** The prompt's answers as buttons, where a channel has them: each sends the same `/approve` or `/deny` the text names. */
export function approvalPromptActions(approval: ApprovalView): { label: string; command: string; style: "primary" | "danger" }[] {
  return [
    { label: "Approve", command: `/approve ${approval.id}`, style: "primary" },
    { label: "Deny", command: `/deny ${approval.id}`, style: "danger" },
  ];
}
