/**
 * Puts the gate between the agent loop and the tools: every call is assessed (facts), decided (pure gate),
 * recorded, and — when the gate asks — sent to the owner for approval, re-assessed on approval (any drift voids
 * it), and only then run. Tool output is labelled by provenance; external content is wrapped with per-turn
 * markers and scanned; replies are filtered for who will read them.
 */
import type { Decision } from "../core/decision.ts";
import type { Principal } from "../core/types.ts";
import type { ToolContext, ToolOutput } from "../agent/tool.ts";
import type { ToolCallRequest, HookVerdict } from "../agent/loop.ts";
import type { TurnPolicy, TurnRequest } from "./chat-service.ts";
import type { GatedTool } from "../tools/gated-tool.ts";
import type { ApprovalService } from "../approvals/approvals.ts";
import { bindingHash } from "../approvals/approvals.ts";
import { decide } from "../gate/decide.ts";
import type { LabelledData, TaintState } from "../gate/types.ts";
import { createTaintTracker, hostsIn, type SecretLabeler } from "../gate/taint-tracker.ts";
import { findLeaks } from "../gate/leaks.ts";
import type { SessionAddress } from "../sessions/session-key.ts";
import type { ChatMessage } from "../providers/types.ts";

export type AuditSink = (entry: { kind: "gate" | "approval" | "tool" | "alert"; actor: string; summary: string; data?: Record<string, unknown> }) => void;

export type TurnPolicyDeps = {
  tools: readonly GatedTool[];
  approvals: ApprovalService;
  systemPrompt: string;
  /** Secret values known up front: provider keys, bot tokens, the gateway token, the system prompt. */
  baseSecrets: () => readonly LabelledData[];
  label: SecretLabeler;
  /** Redacts secrets by rule and by known value (output filtering for non-owners). */
  redact: (text: string) => string;
  scanInjection: (text: string) => { verdict: "suspicious" | "clean"; score: number };
  wrapper: () => { wrap(text: string, source: string): string };
  grantsFor: (principal: Principal, address: SessionAddress) => "all" | readonly string[];
  isOwnerSession: (address: SessionAddress) => boolean;
  audit: AuditSink;
  notifyOwner: (text: string) => void;
  /** "approve always" for exec: the owner's precise allowlist rule. */
  onApproveAlways: (tool: string, args: unknown, context: ToolContext) => void;
  /** Sources a turn inherits (a scheduled job created in a tainted turn). */
  inheritedSources?: (request: TurnRequest) => readonly string[];
  /** Live taint of a session, for the cron tool. */
  rememberTaint?: (sessionKey: string, state: TaintState) => void;
};

function describeDecision(d: Decision): string {
  return d.reasons.filter((r) => d.decision === "allow" || !r.id.endsWith("allowlisted")).map((r) => `${r.message} [${r.id}]`).join("; ") || d.decision;
}

function messageText(m: ChatMessage): string {
  return m.content;
}

export function createTurnPolicy(deps: TurnPolicyDeps): TurnPolicy {
  const byName = new Map(deps.tools.map((t) => [t.name, t]));
  return (request, history) => {
    const grants = deps.grantsFor(request.principal, request.address);
    const tools = grants === "all" ? deps.tools : deps.tools.filter((t) => grants.includes(t.name));
    const tracker = createTaintTracker({
      history: history.map((h) => ({ role: h.message.role, content: messageText(h.message), source: h.source })),
      principal: request.principal,
      userText: request.text,
      userSource: request.source,
      label: deps.label,
      baseSecrets: deps.baseSecrets(),
      inheritedSources: deps.inheritedSources?.(request),
    });
    deps.rememberTaint?.(request.address.key, tracker.state());
    const ownerSession = deps.isOwnerSession(request.address);
    const context: ToolContext = { sessionKey: request.address.key, principal: request.principal, signal: request.signal };
    const actor = request.principal.id;
    const wrapper = deps.wrapper();

    async function gateCall(call: ToolCallRequest): Promise<HookVerdict> {
      const tool = byName.get(call.name);
      if (!tool || !tools.includes(tool)) return { allow: false, message: `\`${call.name}\` is not available to ${actor}.` };
      const assessment = await tool.assess(call.args, context);
      const taint = tracker.state();
      const decision = decide({ principal: request.principal, ownerSession, grants, taint, facts: assessment.facts });
      deps.audit({ kind: "gate", actor, summary: `${decision.decision} ${assessment.summary}`, data: { session: request.address.key, tool: call.name, decision: decision.decision, risk: decision.risk, reasons: decision.reasons.map((r) => r.id), tainted: taint.tainted } });
      if (decision.decision === "allow") return { allow: true };
      if (decision.decision === "deny") return { allow: false, message: `Denied by Warden's gate: ${describeDecision(decision)}.` };

      const provenance = taint.sources.map((s) => `asked after reading ${s.replace(/^external:/, "")}`);
      const { id, outcome } = await deps.approvals.request(
        { sessionKey: request.address.key, requester: actor, tool: call.name, summary: assessment.summary, binding: bindingHash(assessment.binding), decision, provenance },
        request.signal,
      );
      deps.audit({ kind: "approval", actor: "owner", summary: `${outcome} ${id}: ${assessment.summary}`, data: { id, outcome, tool: call.name } });
      if (outcome === "denied" || outcome === "expired") {
        return { allow: false, message: `The owner's approval was needed (${describeDecision(decision)}) and the request was ${outcome === "expired" ? "not answered in time" : "denied"}.` };
      }
      // INVARIANT: an approval covers the exact action that was shown; re-assess and compare before running.
      const again = await tool.assess(call.args, context);
      if (bindingHash(again.binding) !== bindingHash(assessment.binding)) {
        deps.audit({ kind: "approval", actor, summary: `voided ${id}: the action changed after approval` });
        return { allow: false, message: "The action changed between approval and execution; the approval was voided (approval.drift)." };
      }
      const recheck = decide({ principal: request.principal, ownerSession, grants, taint: tracker.state(), facts: again.facts });
      if (recheck.decision === "deny") return { allow: false, message: `Denied by Warden's gate: ${describeDecision(recheck)}.` };
      if (outcome === "approved-always") deps.onApproveAlways(call.name, call.args, context);
      return { allow: true };
    }

    function afterCall(call: ToolCallRequest, output: ToolOutput): ToolOutput {
      let result = output;
      if (output.source.startsWith("external:")) {
        const scan = deps.scanInjection(output.content);
        if (scan.verdict === "suspicious") {
          deps.audit({ kind: "alert", actor, summary: `possible prompt injection in ${output.source}`, data: { score: scan.score, tool: call.name, session: request.address.key } });
          deps.notifyOwner(`Warden: content from ${output.source.replace(/^external:/, "")} looks like a prompt injection (score ${scan.score.toFixed(2)}); the gate treats the session as tainted.`);
        }
        result = { ...output, content: wrapper.wrap(output.content, output.source) };
      }
      tracker.observe(call.name, output);
      deps.rememberTaint?.(request.address.key, tracker.state());
      deps.audit({ kind: "tool", actor, summary: `${call.name} ${output.isError ? "failed" : "ran"}`, data: { tool: call.name, source: output.source, session: request.address.key } });
      return result;
    }

    function filterReply(reply: string): string {
      let text = reply;
      const state = tracker.state();
      if (request.principal.kind !== "owner") {
        text = deps.redact(text);
        for (const s of deps.baseSecrets()) if (s.value.length >= 8 && text.includes(s.value)) text = text.split(s.value).join(`[withheld: ${s.label}]`);
        if (deps.systemPrompt.length >= 24 && findLeaks(text, [{ label: "system prompt", value: deps.systemPrompt }]).length > 0) text = "[withheld: the reply quoted Warden's system prompt]";
        if (findLeaks(text, state.secrets).length > 0) text = deps.redact(text.replace(/\S{12,}/g, (w) => (findLeaks(w, state.secrets).length > 0 ? "[withheld secret]" : w)));
      }
      if (state.tainted) {
        const owned = new Set(state.ownerHosts);
        // A host the owner named but that served untrusted content this turn gets no session data in a link.
        const sourceHosts = new Set(state.sources.flatMap((src) => hostsIn(src)));
        const carriesData = (url: string) => findLeaks(url, [...state.readData, ...state.secrets]).length > 0;
        // Images load by themselves and links invite a click: neither may carry session data to another host.
        text = text.replace(/(!?)\[([^\]]*)\]\((\S+?)\)/g, (all, bang: string, label: string, url: string) => {
          const host = hostsIn(url)[0];
          if (!host) return all;
          if (owned.has(host)) return sourceHosts.has(host) && carriesData(url) ? `${label} [link to ${host} removed by Warden]` : all;
          const carries = /[?#]./.test(url) || carriesData(url);
          return bang || carries ? `${label} [link to ${host} removed by Warden]` : all;
        });
        text = text.replace(/https?:\/\/\S+/g, (url) => {
          const host = hostsIn(url)[0];
          if (!host || (owned.has(host) && !sourceHosts.has(host))) return url;
          return carriesData(url) ? `[link to ${host} removed by Warden]` : url;
        });
      }
      return text;
    }

    return {
      tools,
      system: deps.systemPrompt,
      hooks: {
        beforeToolCall: gateCall,
        afterToolCall: async (call, output) => afterCall(call, output),
      },
      filterReply,
    };
  };
}
