/** What the owner is asked when the gate wants an approval: the call, why, where its data came from, how to answer. */
import type { ApprovalView } from "./approvals.ts";
import { defangUrls } from "../gate/urls.ts";

/** INVARIANT: every URL quoted is defanged, so no chat client previews (fetches) it before the owner answers. */
export function approvalPromptText(approval: ApprovalView): string {
  const why = defangUrls(approval.reasons.map((r) => r.message).join("; "));
  const provenance = approval.provenance.length ? `\n${defangUrls(approval.provenance.join("; "))}` : "";
  return `Approval ${approval.id} (${approval.risk} risk): ${defangUrls(approval.summary)}\nWhy: ${why}${provenance}\nAnswer with /approve ${approval.id} or /deny ${approval.id} (or \`warden approvals approve ${approval.id}\`).`;
}

/** The prompt's answers as buttons, where a channel has them: each sends the same `/approve` or `/deny` the text names. */
export function approvalPromptActions(approval: ApprovalView): { label: string; command: string; style: "primary" | "danger" }[] {
  return [
    { label: "Approve", command: `/approve ${approval.id}`, style: "primary" },
    { label: "Deny", command: `/deny ${approval.id}`, style: "danger" },
  ];
}
