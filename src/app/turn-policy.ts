/**
 * Puts the gate between the agent loop and the tools: every call is assessed (facts), decided (pure gate, over the
 * context's labels), recorded, and — when the gate asks — sent to the owner for approval, re-assessed on approval
 * (any drift voids it), and only then run with a permit for exactly that call. Every redirect hop is a new request
 * to the gate. Tool output is labelled by provenance; external content is wrapped with per-turn markers and
 * scanned; the session's labels are stored after every step; replies and messages are filtered for their audience
 * with a Markdown parser, and nothing is streamed from an untrusted context.
 */
import { z } from "zod";
import type { Decision } from "../core/decision.ts";
import type { Principal } from "../core/types.ts";
import type { ToolContext, ToolContextExtras, ToolOutput, WorkspaceFileRef } from "../agent/tool.ts";
import type { ToolCallRequest, HookVerdict } from "../agent/loop.ts";
import type { TurnPolicy, TurnRequest } from "./chat-service.ts";
import type { Assessment, GatedTool } from "../tools/gated-tool.ts";
import type { AlwaysPreview, ApprovalService } from "../approvals/approvals.ts";
import { bindingHash } from "../approvals/approvals.ts";
import { decide } from "../gate/decide.ts";
import { issuePermit } from "../gate/permit.ts";
import type { FlowState, LabelledData, ToolFacts } from "../gate/types.ts";
import { createFlowTracker, type SecretLabeler, type SessionLabel } from "../gate/flow-tracker.ts";
import { findLeaks, sharesPhrase } from "../gate/leaks.ts";
import { canonicalUrl } from "../gate/urls.ts";
import { agentFileSource } from "../gate/labels.ts";
import type { FileMarks } from "../fs/file-marks.ts";
import type { LinkKind, LinkVerdict } from "../scan/markdown-links.ts";
import { linkHost } from "../scan/url-spans.ts";
import type { SessionAddress } from "../sessions/session-key.ts";

export type AuditSink = (entry: { kind: "gate" | "approval" | "tool" | "alert"; actor: string; summary: string; data?: Record<string, unknown> }) => void;

/** Where a session's labels live (the transcript store). */
export type LabelStore = { get(sessionKey: string): unknown; set(sessionKey: string, label: SessionLabel): void };

export type TurnPolicyDeps = {
  /** The tools, or a getter read at the start of each turn (connected services come and go). */
  tools: readonly GatedTool[] | (() => readonly GatedTool[]);
  approvals: ApprovalService;
  /** The owner's system prompt: secret; only contexts whose replies the owner alone reads get it. */
  systemPrompt: string;
  /** The system prompt for contexts others read (contacts, groups). */
  publicSystemPrompt: string;
  /** The owner's system prompt holds secrets (see `promptHoldsSecrets`): composed outbound arguments are denied. */
  promptSecret?: boolean;
  /** Secret values known up front: provider keys, bot tokens, the gateway token, the system prompt. */
  baseSecrets: () => readonly LabelledData[];
  label: SecretLabeler;
  labels: LabelStore;
  clock: () => number;
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
  /** What the agent wrote into the workspace, with the labels of the context it wrote from (fs/file-marks.ts). */
  fileMarks: FileMarks;
  /** What "approve always" would keep for a call, shown with the request. */
  previewAlways?: (tool: string, args: unknown) => AlwaysPreview;
  /** Live labels of a session, for the cron tool (a job keeps the labels of the turn that created it). */
  rememberFlow?: (sessionKey: string, state: FlowState) => void;
};

const storedLabel = z.object({
  tainted: z.boolean(),
  confidentiality: z.enum(["public", "private", "secret"]),
  sources: z.array(z.string()),
  sourceHosts: z.array(z.string()),
  privateAt: z.number().optional(),
  secretAt: z.number().optional(),
  privateFrom: z.string().optional(),
  unnamed: z.array(z.string()).optional(),
});

/** A stored label that does not parse is the worst label, not a clean one. */
export function parseStoredLabel(raw: unknown): SessionLabel | undefined {
  if (raw === undefined) return undefined;
  const parsed = storedLabel.safeParse(raw);
  if (parsed.success) return parsed.data;
  return { tainted: true, confidentiality: "secret", sources: ["a session label Warden could not read"], sourceHosts: [] };
}

/**
 * How a refusal is labelled. The gate's reasons quote the call's arguments and the context's labels (already the
 * model's), and what the tool's assessment saw: for the file tools that is the path's state (it exists, it is a
 * link, it is executable), for exec the workspace's git configuration and stored credentials. Those are workspace
 * data: the refusal carries the tool's label (untrusted, private), as the tool's output would. Web fetch assesses
 * the URL's text only, so its refusals stay the gate's own words.
 */
function refusalLabel(facts: ToolFacts): { source?: string } {
  if (facts.tool === "read" || facts.tool === "write" || facts.tool === "edit") return { source: `tool:${facts.tool}` };
  if (facts.tool === "exec" && facts.base.reasons.some((r) => r.id.startsWith("git.") || r.id === "exec.secret_path")) return { source: "tool:exec" };
  return {};
}

function describeDecision(d: Decision): string {
  return d.reasons.filter((r) => d.decision === "allow" || !r.id.endsWith("allowlisted")).map((r) => `${r.message} [${r.id}]`).join("; ") || d.decision;
}

/** Who reads what this turn produces: the owner alone, or others (a contact, a group). */
export type Audience = "owner" | "other";

export function audienceOf(request: TurnRequest): Audience {
  return request.principal.kind === "owner" && request.address.kind === "dm" ? "owner" : "other";
}

export function createTurnPolicy(deps: TurnPolicyDeps): TurnPolicy {
  return (request, history) => {
    const all = typeof deps.tools === "function" ? deps.tools() : deps.tools;
    const byName = new Map(all.map((t) => [t.name, t]));
    const grants = deps.grantsFor(request.principal, request.address);
    const tools = grants === "all" ? all : all.filter((t) => grants.includes(t.name));
    const audience = audienceOf(request);
    const key = request.address.key;
    const tracker = createFlowTracker({
      stored: parseStoredLabel(deps.labels.get(key)),
      history: history.map((h) => ({ content: h.message.content, source: h.source, at: h.at })),
      ...(request.preamble ? { preamble: request.preamble } : {}),
      userText: request.text,
      userSource: request.source,
      label: deps.label,
      baseSecrets: deps.baseSecrets(),
      clock: deps.clock,
    });
    const promptSecret = audience === "owner" && deps.promptSecret === true;
    const state = (): FlowState => (promptSecret ? { ...tracker.state(), promptSecret: true } : tracker.state());
    // Read on every streamed delta: kept current by `save`, not rebuilt from the tracker each time.
    let untrusted = false;
    const save = () => {
      const current = tracker.state();
      untrusted = current.tainted;
      deps.labels.set(key, tracker.sessionLabel());
      deps.rememberFlow?.(key, current);
    };
    save();
    const ownerSession = deps.isOwnerSession(request.address);
    const actor = request.principal.id;
    const wrapper = deps.wrapper();

    /** Decides one assessed call; asks the owner when the gate asks. The verdict carries a permit for `args`. */
    async function gate(name: string, args: unknown, assessment: Assessment, reassess: () => Promise<Assessment>, onApprovedAlways?: () => void): Promise<HookVerdict> {
      const flow = state();
      const decision = decide({ principal: request.principal, ownerSession, grants, flow, facts: assessment.facts });
      const hop = assessment.facts.tool === "web_fetch" && assessment.facts.redirectFrom !== undefined;
      deps.audit({ kind: "gate", actor, summary: `${decision.decision} ${assessment.summary}`, data: { session: key, tool: name, decision: decision.decision, risk: decision.risk, reasons: decision.reasons.map((r) => r.id), tainted: flow.tainted, confidentiality: flow.confidentiality, ...(hop ? { redirect: true } : {}) } });
      if (decision.decision === "allow") {
        // The deciding reasons of an allow are all of them (the SSRF guard's come first): look for the link rule.
        if (decision.reasons.some((r) => r.id === "flow.link_same_site")) tracker.noteLinkFetch();
        return { allow: true, permit: issuePermit(name, args) };
      }
      const refuse = (message: string): HookVerdict => ({ allow: false, message, ...refusalLabel(assessment.facts) });
      if (decision.decision === "deny") return refuse(`Denied by Warden's gate: ${describeDecision(decision)}.`);

      const labels = flow.tainted ? [`the context is untrusted (${flow.sources.slice(0, 4).join(", ")}${flow.sources.length > 4 ? ", …" : ""}) and ${flow.confidentiality === "public" ? "holds no private data" : `holds ${flow.confidentiality} data${flow.privateFrom ? ` since ${flow.privateFrom}` : ""}`}`] : [];
      const { id, outcome } = await deps.approvals.request(
        { sessionKey: key, requester: actor, tool: name, summary: assessment.summary, binding: bindingHash(assessment.binding), decision, provenance: labels, ...(deps.previewAlways ? { always: deps.previewAlways(name, args) } : {}) },
        request.signal,
      );
      // A cancelled request (the turn stopped first) is the gateway's doing, never recorded as the owner's answer.
      deps.audit({ kind: "approval", actor: outcome === "cancelled" ? "gateway" : "owner", summary: `${outcome} ${id}: ${assessment.summary}`, data: { id, outcome, tool: name } });
      if (outcome === "denied" || outcome === "expired" || outcome === "cancelled") {
        const how = outcome === "expired" ? "not answered in time" : outcome === "cancelled" ? "cancelled when the turn stopped" : "denied";
        return refuse(`The owner's approval was needed (${describeDecision(decision)}) and the request was ${how}.`);
      }
      // INVARIANT: an approval covers the exact action that was shown; re-assess and compare before running.
      const again = await reassess();
      if (bindingHash(again.binding) !== bindingHash(assessment.binding)) {
        deps.audit({ kind: "approval", actor, summary: `voided ${id}: the action changed after approval` });
        return { allow: false, message: "The action changed between approval and execution; the approval was voided (approval.drift)." };
      }
      const recheck = decide({ principal: request.principal, ownerSession, grants, flow: state(), facts: again.facts });
      if (recheck.decision === "deny") return refuse(`Denied by Warden's gate: ${describeDecision(recheck)}.`);
      if (outcome === "approved-always") onApprovedAlways?.();
      return { allow: true, permit: issuePermit(name, args) };
    }

    const context: ToolContext = { sessionKey: key, principal: request.principal, signal: request.signal };

    async function gateCall(call: ToolCallRequest): Promise<HookVerdict> {
      const tool = byName.get(call.name);
      if (!tool || !tools.includes(tool)) return { allow: false, message: `\`${call.name}\` is not available to ${actor}.` };
      const assessment = await tool.assess(call.args, context);
      return gate(call.name, call.args, assessment, () => tool.assess(call.args, context), () => deps.onApproveAlways(call.name, call.args, context));
    }

    async function authorizeRedirect(from: string, to: string): Promise<{ ok: true } | { ok: false; message: string }> {
      const tool = byName.get("web_fetch");
      if (!tool || !tools.includes(tool)) return { ok: false, message: "web_fetch is not available" };
      const hop = async (): Promise<Assessment> => {
        const a = await tool.assess({ url: to }, context);
        const facts = a.facts.tool === "web_fetch" ? ({ ...a.facts, redirectFrom: from } satisfies ToolFacts) : a.facts;
        return { ...a, facts, summary: `${a.summary} (redirected from ${from})` };
      };
      const verdict = await gate("web_fetch", { url: to }, await hop(), hop);
      return verdict.allow ? { ok: true } : { ok: false, message: `the redirect to \`${to}\` was refused: ${verdict.message}` };
    }

    /**
     * Provenance follows the file, not the session: a write leaves a mark with this context's labels on the bytes
     * written; a read of marked bytes is labelled as the agent's own output from then (any session, job or turn).
     */
    function markFile(file: WorkspaceFileRef, output: ToolOutput): ToolOutput {
      if (file.wrote) {
        tracker.noteWritten(file.realPath);
        const flow = tracker.state();
        // Written from a trusted context that held nothing private: the owner's words, the owner's file.
        if (file.sha256 === undefined || (!flow.tainted && flow.confidentiality === "public")) return output;
        try {
          deps.fileMarks.record({ path: file.realPath, sha256: file.sha256, size: file.size }, { confidentiality: flow.confidentiality, tainted: flow.tainted });
        } catch (error) {
          // The write happened; only this turn knows it was the agent's. Say so rather than fail the turn.
          deps.audit({ kind: "alert", actor, summary: `could not record that the agent wrote ${file.realPath}; later sessions may take its links for yours`, data: { session: key, error: String(error) } });
          deps.notifyOwner(`Warden: could not record that the agent wrote \`${file.realPath}\` from an untrusted context (storage error); do not trust its links.`);
        }
        return output;
      }
      // Too large to hash: it cannot be bytes a tool wrote (writes are capped lower than that).
      if (file.sha256 === undefined) return output;
      let mark: ReturnType<FileMarks["find"]>;
      try {
        mark = deps.fileMarks.find({ path: file.realPath, sha256: file.sha256, size: file.size });
      } catch {
        // Marks that cannot be read are the worst marks.
        mark = { confidentiality: "secret", tainted: true };
      }
      return mark === undefined ? output : { ...output, source: agentFileSource(file.realPath, mark.confidentiality) };
    }

    function afterCall(call: ToolCallRequest, output: ToolOutput): ToolOutput {
      let result = output;
      if (output.file !== undefined && !output.isError) result = markFile(output.file, output);
      // A connected service's result is external content too: wrapped, scanned, labelled with the server.
      if (output.source.startsWith("external:") || output.source.startsWith("mcp:")) {
        const scan = deps.scanInjection(output.content);
        if (scan.verdict === "suspicious") {
          deps.audit({ kind: "alert", actor, summary: `possible prompt injection in ${output.source}`, data: { score: scan.score, tool: call.name, session: key } });
          deps.notifyOwner(`Warden: content from ${output.source.replace(/^external:/, "")} looks like a prompt injection (score ${scan.score.toFixed(2)}); the gate treats the session as untrusted.`);
        }
        result = { ...result, content: wrapper.wrap(output.content, output.source) };
      }
      tracker.observe(result.source, output.content, output.isError);
      save();
      deps.audit({ kind: "tool", actor, summary: `${call.name} ${output.isError ? "failed" : "ran"}`, data: { tool: call.name, source: result.source, session: key } });
      return result;
    }

    /** Links and images in an untrusted context survive only if they cannot carry the session's data. */
    function judgeLink(flow: FlowState, url: string, kind: LinkKind): LinkVerdict {
      if (!flow.tainted) return { keep: true };
      // Read as a client reads it: compatibility forms folded (`ｈｔｔｐ://` is `http://`).
      const trimmed = url.normalize("NFKC").trim();
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
      // Only http(s) can reach a host; any other scheme (javascript:, data:, …) is removed.
      if (scheme !== undefined && scheme !== "http" && scheme !== "https") return { keep: false };
      // A relative link (`#usage`, `docs/a.md`) names no host: it cannot carry anything anywhere.
      if (linkHost(trimmed) === undefined) return scheme === undefined && !trimmed.startsWith("//") ? { keep: true } : { keep: false };
      const forms = scheme !== undefined ? [trimmed] : trimmed.startsWith("//") ? [`https:${trimmed}`] : [`https://${trimmed}`, `http://${trimmed}`];
      const canonicals = forms.map(canonicalUrl).filter((c): c is string => c !== undefined);
      if (canonicals.length === 0) return { keep: false };
      const any = (list: readonly string[]) => canonicals.some((c) => list.includes(c));
      if (any(flow.ownerUrls) || any(flow.contentUrls.map((c) => c.url))) return { keep: true };
      // A link copied from a file that existed before this session carries nothing of the session; it is clicked, not loaded.
      return kind !== "image" && kind !== "html" && any(flow.fileUrls) ? { keep: true } : { keep: false };
    }

    async function filterText(reply: string, who: Audience): Promise<string> {
      let text = reply;
      const state = tracker.state();
      if (who === "other") {
        text = deps.redact(text);
        for (const s of deps.baseSecrets()) if (s.value.length >= 8 && text.includes(s.value)) text = text.split(s.value).join(`[withheld: ${s.label}]`);
        // The owner's own system prompt is secret: quoted or restated in plain words, the reply is withheld.
        const ownPrompt = deps.systemPrompt !== deps.publicSystemPrompt && deps.systemPrompt.length >= 24;
        // Short codes (a 4-digit door code) are too short for the leak detector; a prompt that holds secrets
        // has its numbers withheld from others as whole numbers.
        const codes = deps.promptSecret === true ? [...new Set(deps.systemPrompt.match(/\d{4,}/g) ?? [])] : [];
        const saysCode = codes.some((c) => new RegExp(`(?<!\\d)${c}(?!\\d)`).test(text.replace(/[\s-]+(?=\d)/g, "")));
        if (ownPrompt && (saysCode || findLeaks(text, [{ label: "system prompt", value: deps.systemPrompt }]).length > 0 || sharesPhrase(text, deps.systemPrompt))) text = "[withheld: the reply restated the owner's private instructions]";
        if (findLeaks(text, state.secrets).length > 0) text = deps.redact(text.replace(/\S{12,}/g, (w) => (findLeaks(w, state.secrets).length > 0 ? "[withheld secret]" : w)));
        // Spaced, spelled or split copies survive word-by-word redaction: then nothing of the reply goes out.
        if (findLeaks(text, [...state.secrets, ...deps.baseSecrets().filter((b) => b.label !== "system prompt")]).length > 0) text = "[withheld: the reply carried a secret]";
        // The owner asking in a group chose to answer there, about what they named. Private data from anything
        // they did not name (a file an injection pointed at) does not go to the group's other members.
        if (request.principal.kind === "owner") {
          const unnamed = new Set(state.unnamedSources);
          const unasked = state.readData.filter((d) => unnamed.has(d.label.startsWith("file:") ? `the file ${d.label.slice("file:".length)}` : d.label));
          if (findLeaks(text, unasked).length > 0) text = "[withheld: the reply carried private data you did not ask to share here]";
        }
      }
      // The Markdown parser (~120 modules) loads with the first reply, not at gateway start.
      const { rewriteLinks } = await import("../scan/markdown-links.ts");
      return rewriteLinks(text, (url, kind) => judgeLink(state, url, kind)).text;
    }

    const toolContext: ToolContextExtras = { authorizeRedirect, filterOutbound: (text, who) => filterText(text, who) };

    return {
      tools,
      system: audience === "owner" ? deps.systemPrompt : deps.publicSystemPrompt,
      hooks: {
        beforeToolCall: gateCall,
        afterToolCall: async (call, output) => afterCall(call, output),
      },
      toolContext,
      filterReply: (reply) => filterText(reply, audience),
      // Deltas go out before any filter could see the whole reply: only an owner-only, trusted context streams.
      streamable: () => audience === "owner" && !untrusted,
    };
  };
}

/**
 * Whether a system prompt holds secrets: codes, passwords, keys, anything marked private. A persona ("You are
 * Jarvis, be terse") is not a secret; "the alarm code is 4491" is.
 */
export function promptHoldsSecrets(prompt: string): boolean {
  return /\d{4,}|\b(password|passcode|passphrase|pin|code|secret|token|api[ -]?key|key|private|confidential|credential|iban|account|ssn|wifi)\b/i.test(prompt);
}
