/**
 * `warden approvals list|approve|deny`: the owner answers pending approval requests through the running
 * gateway (methods `approvals.list` and `approvals.resolve`), so the waiting turn continues at once.
 */
import { loadClientContext } from "../client-context.ts";
import { callGateway, isGatewayDown } from "../gateway-client.ts";
import { WardenError, ErrorCode } from "../../core/errors.ts";
import type { ApprovalView } from "../../approvals/approvals.ts";
import { riskFirst } from "../../approvals/risk-reasons.ts";
import type { GatewayMethod, ParamsOf, ResultOf } from "../../gateway/protocol.ts";
import { blankControls } from "../../core/visible-controls.ts";

type Options = { json?: boolean; port?: number };

/** Summaries and reasons can quote attacker-chosen text: no control characters reach the terminal. */
export function cleanForTerminal(text: string): string {
  return blankControls(text, "?", { oneLine: true });
}

function expiry(view: ApprovalView, now: number): string {
  const secs = Math.round((view.expiresAt - now) / 1000);
  if (secs <= 0) return "expired";
  return secs >= 120 ? `expires in ${Math.round(secs / 60)} min` : `expires in ${secs} s`;
}

export function renderApprovals(views: readonly ApprovalView[], now: number): string {
  if (views.length === 0) return "No pending approvals.\n";
  const lines: string[] = [];
  for (const v of views) {
    lines.push(`${v.id}  ${v.tool}  ${v.risk} risk  ${expiry(v, now)}  (requested by ${cleanForTerminal(v.requester)} in ${cleanForTerminal(v.sessionKey)})`);
    lines.push(`  ${cleanForTerminal(v.summary)}`);
    const { risk, rest } = riskFirst(v.reasons);
    for (const r of risk) lines.push(`  risk: ${cleanForTerminal(r.message)} [${r.id}]`);
    for (const r of rest) lines.push(`  why: ${cleanForTerminal(r.message)} [${r.id}]`);
    for (const p of v.provenance) lines.push(`  provenance: ${cleanForTerminal(p)}`);
    lines.push(`  answer: warden approvals approve ${v.id}   |   warden approvals deny ${v.id}`);
  }
  return `${lines.join("\n")}\n`;
}

async function call<M extends GatewayMethod>(method: M, params: ParamsOf<M>, options: Options): Promise<ResultOf<M>> {
  const ctx = await loadClientContext();
  try {
    return await callGateway(ctx, method, params, { port: options.port, timeoutMs: 30_000 });
  } catch (error) {
    // Pending approvals live with the turn that waits for them: without a gateway there is nothing to answer.
    if (isGatewayDown(error)) throw new WardenError(ErrorCode.Unavailable, `${(error as Error).message} Approvals are answered through the running gateway.`);
    throw error;
  }
}

export async function approvalsList(options: Options): Promise<number> {
  const payload = await call("approvals.list", {}, options);
  process.stdout.write(options.json ? `${JSON.stringify(payload)}\n` : renderApprovals(payload.approvals, Date.now()));
  return 0;
}

export async function approvalsResolve(id: string, decision: "approve" | "approve-always" | "deny", options: Options): Promise<number> {
  const view = await call("approvals.resolve", { approvalId: id, decision }, options);
  if (options.json) process.stdout.write(`${JSON.stringify(view)}\n`);
  else process.stdout.write(`Approval ${view.id} (${cleanForTerminal(view.summary)}): ${view.status}${decision === "approve-always" ? " (always: an exact allowlist rule was added)" : ""}.\n`);
  const expected = decision === "deny" ? "denied" : "approved";
  return view.status === expected ? 0 : 1;
}
