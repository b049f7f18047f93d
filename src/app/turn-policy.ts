/**
 * Puts the gate between the agent loop and the tools: every call is assessed (facts), decided (pure gate, over the
 * context's labels), recorded, and — when the gate asks — sent to the owner for approval, re-assessed on approval
 * (any drift voids it), and only then run with a permit for exactly that call. Every redirect hop is a new request
 * to the gate. Tool output is labelled by provenance; external content is wrapped with per-turn markers and
 * scanned; the session's labels are stored after every step; replies and messages are filtered for their audience
 * with a Markdown parser, and nothing is streamed from an untrusted context.
 */
import type { Decision } from "../core/decision.ts";
import type { Principal } from "../core/types.ts";
import type { ToolContext, ToolContextExtras, ToolOutput } from "../agent/tool.ts";
import type { ToolCallRequest, HookVerdict } from "../agent/loop.ts";
import type { TurnPolicy, TurnRequest } from "./chat-service.ts";
import type { Assessment, GatedTool } from "../tools/gated-tool.ts";
import type { AlwaysPreview, ApprovalService } from "../approvals/approvals.ts";
import { bindingHash } from "../approvals/approvals.ts";
import { agentFileSource } from "../gate/labels.ts";
import { findSecretLeaks } from "../gate/leaks.ts";
import { foldLabel, labelNamesWifi, secretLabelEnds } from "../scan/credential-lexicon.ts";
import { decide, ownerSecretsFor } from "../gate/decide.ts";
import { argumentsTypedByOwner, mentionsName } from "../gate/provenance.ts";
import { composedUrlExcess } from "../gate/composed-url.ts";
import { fetchKey } from "../gate/owner-link-choice.ts";
import { ownerUnitGiving, sentEntry, spentKey } from "../gate/owner-units.ts";
import { issuePermit } from "../gate/permit.ts";
import { actKeyOf } from "../gate/owner-actions.ts";
import type { FlowState, LabelledData, ToolFacts } from "../gate/types.ts";
import { createFlowTracker, type SecretLabeler } from "../gate/flow-tracker.ts";
import type { SessionLabel } from "../gate/session-label.ts";
import type { FileMarks } from "../fs/file-marks.ts";
import { parseStoredLabel } from "./session-label-store.ts";
import type { Audience, AuditSink } from "./policy-types.ts";
import { markChangedFiles, markFile, marksReadable } from "./file-provenance.ts";
import { findRelayedValues, relayedFilesNote, relayedMark, shownSources, type RelayedValue } from "./relayed-values.ts";
import { relayForOthers } from "./group-relays.ts";
import { commandCandidates, findRelayedCommands, relayCandidates, relayedCommandsMark, type RelayedCommand } from "./relayed-commands.ts";
import { findRelayedRequests, relayedRequestsMark } from "./relayed-requests.ts";
import { findPasteInstructions, pasteInstructionsMark } from "./relayed-paste.ts";
import { createHeardFromOthers, othersWordsMarks } from "./heard-from-others.ts";
import { findHarmfulRelays, relayMarks, withholdRelays } from "./relayed-harm.ts";
import { findRelayedClaims, relayedClaimsMark } from "./relayed-claims.ts";
import type { DeferredShellAnalyzer, ShellAnalyzer } from "../exec/index.ts";
import { filterOutboundText, type FilteredText } from "./reply-filter.ts";
import { carriedTokens, mergeReadTokens, rememberedTokensOf } from "../gate/carried-data.ts";
import type { LinkRewriter } from "./link-filter-pool.ts";
import { guardWrittenDocuments, writerContext } from "./written-documents.ts";
import type { WorkspaceFs } from "../fs/index.ts";
import type { SessionAddress } from "../sessions/session-key.ts";

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
  /** Rewrites a reply's links off the event loop (link-filter-pool.ts); without it, on it. */
  rewriteLinks?: LinkRewriter;
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
  /** The workspace, to read back and set aside documents a command wrote that load URLs when opened. */
  documents?: Pick<WorkspaceFs, "read" | "remove">;
  /** What "approve always" would keep for a call, shown with the request. */
  previewAlways?: (tool: string, args: unknown) => AlwaysPreview;
  /** Live labels of a session, for the cron tool (a job keeps the labels of the turn that created it). */
  rememberFlow?: (sessionKey: string, state: FlowState) => void;
  /** The exec analyzer's bash grammar, to read command lines the model relays to the owner; without it none are read. */
  shell?: ShellAnalyzer | DeferredShellAnalyzer;
};

/**
 * How a refusal is labelled. The gate's reasons quote the call's arguments and the context's labels (already the
 * model's), and what the tool's assessment saw: for the file tools that is the path's state (it exists, it is a
 * link, it is executable), for exec the workspace's git configuration and stored credentials. Those are workspace
 * data: the refusal carries the tool's label (untrusted, private), as the tool's output would. Web fetch assesses
 * the URL's text only, so its refusals stay the gate's own words.
 */
/**
 * The gate's objections to a message that concern only its text (the model wrote it in an untrusted context; the owner
 * asked for it at another time), never its recipient (unless the owner typed it this turn): an approval of such a
 * message is the owner's word on that text.
 */
const TextOnlyAsks: ReadonlySet<string> = new Set(["flow.untrusted_argument", "owner.act_later"]);

/** One approved message: its channel, recipient and exact text. */
function approvedKey(channel: string, to: string, text: string): string {
  return JSON.stringify([channel, to, text]);
}

function refusalLabel(facts: ToolFacts): { source?: string } {
  if (facts.tool === "read" || facts.tool === "write" || facts.tool === "edit") return { source: `tool:${facts.tool}` };
  if (facts.tool === "exec" && facts.base.reasons.some((r) => r.id.startsWith("git.") || r.id === "exec.secret_path")) return { source: "tool:exec" };
  return {};
}

/**
 * The agent-written files from an untrusted context that a call able to send data could read, for the activity log:
 * how many, which (the first ones), and what their contexts had read.
 */
function untrustedReadsOf(facts: ToolFacts): { count: number; complete: boolean; files: string[]; sources: string[] } | undefined {
  const reads = facts.tool === undefined || facts.tool === "exec" ? facts.reads : undefined;
  const files = reads?.untrusted ?? [];
  if (files.length === 0) return undefined;
  return {
    count: files.length,
    complete: reads?.untrustedComplete !== false,
    files: files.map((f) => (f.window === true ? `${f.path === "" ? "" : `${f.path}/`}(changed by a command)` : f.path)),
    sources: [...new Set(files.flatMap((f) => (f.source === undefined ? [] : [f.source])))],
  };
}

function describeDecision(d: Decision): string {
  return d.reasons.filter((r) => d.decision === "allow" || !r.id.endsWith("allowlisted")).map((r) => `${r.message} [${r.id}]`).join("; ") || d.decision;
}

export function audienceOf(request: TurnRequest): Audience {
  return request.principal.kind === "owner" && request.address.kind === "dm" ? "owner" : "other";
}

export function createTurnPolicy(deps: TurnPolicyDeps): TurnPolicy {
  // What non-owners told the agent lately: a reply to the owner from a clean context is read against it (heard-from-others.ts).
  const heard = createHeardFromOthers();
  return (request, history) => {
    if (request.principal.kind !== "owner") heard.record([...(request.preamble ?? []).map((p) => p.text), request.text].join("\n"), `a message from ${request.principal.id}`, deps.clock());
    const all = typeof deps.tools === "function" ? deps.tools() : deps.tools;
    const byName = new Map(all.map((t) => [t.name, t]));
    const grants = deps.grantsFor(request.principal, request.address);
    const tools = grants === "all" ? all : all.filter((t) => grants.includes(t.name));
    const audience = audienceOf(request);
    const key = request.address.key;
    const storedRaw = deps.labels.get(key);
    const tracker = createFlowTracker({
      stored: parseStoredLabel(storedRaw),
      history: history.map((h) => ({ content: h.message.content, source: h.source, at: h.at, key: h.message })),
      ...(request.preamble ? { preamble: request.preamble } : {}),
      userText: request.text,
      userSource: request.source,
      label: deps.label,
      baseSecrets: deps.baseSecrets(),
      clock: deps.clock,
      groupChat: request.address.kind === "group",
    });
    const promptSecret = audience === "owner" && deps.promptSecret === true;
    // The owner's message asks for a credential by its words ("the gate code", "the wifi password", "the guest wifi
    // details": a Wi-Fi's value is its key, as a file's `WLAN:` label says): see FlowState.
    const asksCredential = request.principal.kind === "owner" && request.source === "owner" && (secretLabelEnds(foldLabel(request.text)).length > 0 || labelNamesWifi(request.text));
    const state = (): FlowState => (promptSecret || asksCredential ? { ...tracker.state(), ...(promptSecret ? { promptSecret: true } : {}), ...(asksCredential ? { turnAsksCredential: true } : {}) } : tracker.state());
    // Read on every streamed delta: kept current by `save`, not rebuilt from the tracker each time.
    let noStream = false;
    // `unchanged`: the label as read a moment ago, in the same synchronous step. The save at the start of a turn
    // writes nothing when the label is that one (most turns start so); the saves after tool calls always write, as
    // the stored label may have been reset meanwhile (`/new` elsewhere) and the turn's context still holds what it saw.
    const save = (unchanged?: string) => {
      const current = tracker.state();
      // A context holding a secret (the owner's own, or the system prompt's) does not stream either: its links are
      // judged on the whole reply.
      noStream = current.tainted || current.secretRead || promptSecret;
      const label = tracker.sessionLabel();
      if (unchanged === undefined || JSON.stringify(label) !== unchanged) deps.labels.set(key, label);
      deps.rememberFlow?.(key, current);
    };
    save(storedRaw === undefined ? undefined : JSON.stringify(storedRaw));
    const ownerSession = deps.isOwnerSession(request.address);
    const actor = request.principal.id;
    const wrapper = deps.wrapper();

    // INVARIANT: the calls of one model answer were composed before any of their results existed, so none of them can
    // carry what an earlier one of the same answer brought in: when the context before the answer was trusted, each is
    // decided against it. Its results still join the context (and the stored label) as they arrive, and the turn's
    // running counts (links followed, bits composed) stay live: they bound what all calls together carry. Not in an
    // untrusted context: there, what a composed argument may carry is bounded per call (five digits to a service), and
    // the private answer of the first call is what makes the next one ask, so the calls are decided one after another.
    let answerContext: { answer: number; flow: FlowState } | undefined;
    /** The model answer whose call is being decided or run (its redirect hops belong to it). */
    let runningAnswer: number | undefined;
    const decidingState = (answer: number | undefined): FlowState => {
      const live = state();
      if (answer === undefined) return live;
      if (answerContext?.answer !== answer) answerContext = { answer, flow: live };
      if (answerContext.flow.tainted) return live;
      const { composedBits: _before, ...before } = answerContext.flow;
      // Lists that only grow (bounded): what the answer's earlier results added is their tail.
      const results = [...live.readData.slice(before.readData.length), ...live.secrets.slice(before.secrets.length)];
      return { ...before, linkFetches: live.linkFetches, ...(live.fetchedThisTurn !== undefined ? { fetchedThisTurn: live.fetchedThisTurn } : {}), ...(live.ownerActsTaken !== undefined ? { ownerActsTaken: live.ownerActsTaken } : {}), ...(live.composedBits !== undefined ? { composedBits: live.composedBits } : {}), ...(results.length > 0 ? { answerResults: results } : {}) };
    };

    /** Texts the gate let out as the owner's own words, verbatim, this turn (`flow.owner_provided`): see reply-filter's `TextOrigin`. */
    const ownerWordsAllowed = new Set<string>();
    /**
     * Messages the owner approved, shown whole, to a recipient the gate did not object to (`approvedKey`): see
     * reply-filter's `TextOrigin.ownerApproved`.
     */
    const ownerApproved = new Set<string>();
    /** Every message the owner approved this turn (`approvedKey`), whatever the gate's objections. */
    const approvedSends = new Set<string>();
    // Message texts the gate let out carrying a secret the owner typed for that recipient, with those secrets.
    const handedSecrets = new Map<string, string[]>();

    /** A message about to go out with a text an owner message gave its recipient: that message's text is spent on them. */
    const noteSpent = (facts: ToolFacts, flow: FlowState) => {
      const sends = facts.tool === "message" ? [{ to: facts.to, texts: [facts.text] }] : facts.tool === undefined ? (facts.service?.recipients ?? []).map((to) => ({ to, texts: facts.service?.texts ?? [] })) : [];
      for (const { to, texts } of sends) {
        // A mail's subject and body given in one message go together: each is spent in turn (decide.ts reads them so).
        const spent = [...(flow.ownerTextsSpent ?? [])];
        for (const text of texts) {
          const giving = ownerUnitGiving(text, to, { ownerTexts: flow.ownerTexts, ownerTextsSpent: spent });
          if (giving === undefined) continue;
          const key = spentKey(giving.ownerText, to, giving.unit);
          spent.push(key);
          tracker.noteOwnerTextSpent(key);
          if (facts.tool === undefined) tracker.noteOwnerTextSent(to);
        }
      }
    };

    /** A page about to be fetched (not a redirect hop): which of the owner's links opened this turn, in order (owner-link-choice.ts). */
    const noteFetched = (facts: ToolFacts) => {
      if (facts.tool !== "web_fetch" || facts.redirectFrom !== undefined) return;
      const fetched = fetchKey(facts.url);
      if (fetched !== undefined) tracker.noteFetched(fetched);
    };

    /** Decides one assessed call; asks the owner when the gate asks. The verdict carries a permit for `args`. */
    async function gate(name: string, args: unknown, assessment: Assessment, reassess: () => Promise<Assessment>, onApprovedAlways?: () => void): Promise<HookVerdict> {
      const flow = decidingState(runningAnswer);
      const decision = decide({ principal: request.principal, ownerSession, grants, flow, facts: assessment.facts });
      // The owner's request this call binds is spent on it, whatever is decided (owner-actions.ts).
      const act = actKeyOf({ principal: request.principal, ownerSession, flow, facts: assessment.facts });
      if (act !== undefined) tracker.noteOwnerAct(act);
      const hop = assessment.facts.tool === "web_fetch" && assessment.facts.redirectFrom !== undefined;
      const marked = untrustedReadsOf(assessment.facts);
      deps.audit({ kind: "gate", actor, summary: `${decision.decision} ${assessment.summary}`, data: { session: key, tool: name, decision: decision.decision, risk: decision.risk, reasons: decision.reasons.map((r) => r.id), tainted: flow.tainted, confidentiality: flow.confidentiality, ...(hop ? { redirect: true } : {}), ...(marked ? { untrustedFilesReadable: marked } : {}) } });
      if (decision.decision === "allow") {
        // The deciding reasons of an allow are all of them (the SSRF guard's come first): look for the link rule.
        if (decision.reasons.some((r) => r.id === "flow.link_same_site")) tracker.noteLinkFetch();
        noteFetched(assessment.facts);
        if (assessment.facts.tool === "web_fetch" && decision.reasons.some((r) => r.id === "flow.composed_owner_words")) tracker.noteComposedBits(composedUrlExcess(assessment.facts.url, flow).bits);
        // The owner's words, or the owner's own file sent whole as they asked (`flow.owner_file_sent`): the model wrote neither.
        if (assessment.facts.tool === "message" && decision.reasons.some((r) => r.id === "flow.owner_provided" || r.id === "flow.owner_file_sent")) {
          tracker.noteOwnerTextSent(sentEntry(assessment.facts.to, assessment.facts.text, flow));
          ownerWordsAllowed.add(assessment.facts.text);
        }
        // The secrets the owner typed for this recipient (the gate let them pass: `flow.owner_secret_handed`, or a text
        // the owner typed) pass the reply filter too.
        if (assessment.facts.tool === "message") handedSecrets.set(assessment.facts.text, ownerSecretsFor(assessment.facts.to, flow));
        noteSpent(assessment.facts, flow);
        return { allow: true, permit: issuePermit(name, args, assessment.decided) };
      }
      const refuse = (message: string): HookVerdict => ({ allow: false, message, ...refusalLabel(assessment.facts) });
      if (decision.decision === "deny") return refuse(`Denied by Warden's gate: ${describeDecision(decision)}.`);

      const labels = flow.tainted ? [`the context is untrusted (${flow.sources.slice(0, 4).join(", ")}${flow.sources.length > 4 ? ", …" : ""}) and ${flow.confidentiality === "public" ? "holds no private data" : `holds ${flow.confidentiality} data${flow.privateFrom ? ` since ${flow.privateFrom}` : ""}`}`] : [];
      // What the owner is shown in full; a detail that cannot be made leaves the summary alone, never the request.
      const detail = await assessment.detail?.().catch(() => undefined);
      const { id, outcome } = await deps.approvals.request(
        { sessionKey: key, requester: actor, tool: name, summary: assessment.summary, binding: bindingHash(assessment.binding), decision, provenance: labels, ...(deps.previewAlways ? { always: deps.previewAlways(name, args) } : {}), ...(detail ? { detail } : {}) },
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
      // The owner's request this call spent (above) is not spent against the call itself: the acts taken before it.
      const recheck = decide({ principal: request.principal, ownerSession, grants, flow: { ...decidingState(runningAnswer), ownerActsTaken: flow.ownerActsTaken ?? [] }, facts: again.facts });
      if (recheck.decision === "deny") return refuse(`Denied by Warden's gate: ${describeDecision(recheck)}.`);
      if (outcome === "approved-always") onApprovedAlways?.();
      // The owner saw this text whole and said yes to it for this recipient: when the gate's only objections were to
      // the text, the approval is the owner's answer to what it carries of the owner's own material (reply-filter.ts).
      if (again.facts.tool === "message") {
        const sent = approvedKey(again.facts.channel, again.facts.to, again.facts.text);
        approvedSends.add(sent);
        // A recipient the owner typed in this turn's words, not read as one ("dì a chiara-2", "sato-5 に"), is theirs too.
        const typed = flow.turnText !== undefined && mentionsName(flow.turnText, again.facts.to);
        if (recheck.reasons.every((r) => TextOnlyAsks.has(r.id) || (typed && r.id === "flow.untrusted_recipient"))) ownerApproved.add(sent);
        // A secret asked, not refused, is the owner's own send (decide.ts `ownerSendsOwnFileSecret`: from a file they
        // named, to the recipient they named): approved, what this exact text carries of it passes the message filter.
        if (recheck.reasons.some((r) => r.id === "flow.secret_outbound" || r.id === "flow.secret_egress")) {
          const text = again.facts.text;
          handedSecrets.set(text, [...decidingState(runningAnswer).secrets, ...deps.baseSecrets()].filter((s) => findSecretLeaks(text, [s]).length > 0).map((s) => s.value));
        }
      }
      noteSpent(again.facts, flow);
      noteFetched(again.facts);
      // The paths of the re-assessment: what the recheck decided, not what the first look saw.
      return { allow: true, permit: issuePermit(name, args, again.decided) };
    }

    const readable: ToolContext["marksReadable"] = (root, paths) => marksReadable(deps.fileMarks, root, paths);
    // Assessing a call may look at the marks of what it could read (a networked skill sends what it reads).
    const context: ToolContext = { sessionKey: key, principal: request.principal, signal: request.signal, marksReadable: readable };

    async function gateCall(call: ToolCallRequest): Promise<HookVerdict> {
      const tool = byName.get(call.name);
      if (!tool || !tools.includes(tool)) return { allow: false, message: `\`${call.name}\` is not available to ${actor}.` };
      runningAnswer = call.answer;
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

    async function afterCall(call: ToolCallRequest, output: ToolOutput): Promise<ToolOutput> {
      // The context that composed the call, before its output joins it: what a command's writes are judged in.
      const composing = state();
      let result = output;
      // Marks carry the system prompt's secrets too: a file written from a context that knew them may restate them.
      const writer = { tracker: { noteWritten: tracker.noteWritten, state }, actor, key };
      if (output.file !== undefined && !output.isError) result = markFile(deps, writer, output.file, output);
      if (output.file?.wrote === true && !output.isError && composing.tainted) noteRelayedFile(call, composing);
      // A command that failed may still have written: what changed is marked whatever its exit code.
      // Bytes of the agent's a command or script could read come with their marks: into its output and what it wrote.
      if (output.readMark !== undefined) tracker.observe(agentFileSource(output.readMark.from, output.readMark.mark, output.readMark.described === true), output.content, output.isError);
      if (output.changedFiles !== undefined) {
        markChangedFiles(deps, writer, output.changedFiles, output.readMark?.mark);
        if (deps.documents !== undefined) {
          const writer = output.source.startsWith("skill:") ? "skill" : "command";
          const moved = await guardWrittenDocuments({ fs: deps.documents, audit: deps.audit, notifyOwner: deps.notifyOwner }, { actor, key }, writerContext(composing, writer), output.changedFiles.files);
          if (moved !== undefined) result = { ...result, content: `${result.content}\n\n${moved}` };
        }
      }
      // A connected service's result and a skill's text or script output are external content too: wrapped, scanned, labelled.
      if (output.source.startsWith("external:") || output.source.startsWith("mcp:") || output.source.startsWith("skill:")) {
        const scan = deps.scanInjection(output.content);
        if (scan.verdict === "suspicious") {
          deps.audit({ kind: "alert", actor, summary: `possible prompt injection in ${output.source}`, data: { score: scan.score, tool: call.name, session: key } });
          deps.notifyOwner(`Warden: content from ${output.source.replace(/^external:/, "")} looks like a prompt injection (score ${scan.score.toFixed(2)}); the gate treats the session as untrusted.`);
        }
        result = { ...result, content: wrapper.wrap(output.content, output.source) };
      }
      tracker.observe(result.source, output.content, output.isError, { argsTypedByOwner: argumentsTypedByOwner(JSON.stringify(call.args ?? {}), composing), ...(output.readFiles !== undefined ? { readFiles: output.readFiles } : {}) });
      save();
      deps.audit({ kind: "tool", actor, summary: `${call.name} ${output.isError ? "failed" : "ran"}`, data: { tool: call.name, source: result.source, session: key } });
      return result;
    }

    // A file the agent wrote in a tainted turn that gives values the owner did not (a "lease update" with a new IBAN):
    // the activity log names it now, and the turn's reply names it with where the turn's content came from.
    const relayedFiles: { path: string; found: RelayedValue[] }[] = [];
    function noteRelayedFile(call: ToolCallRequest, flow: FlowState): void {
      const args = (call.args ?? {}) as { path?: unknown; content?: unknown; newText?: unknown };
      const text = typeof args.content === "string" ? args.content : typeof args.newText === "string" ? args.newText : undefined;
      if (typeof args.path !== "string" || text === undefined) return;
      const found = findRelayedValues(text, flow.untrustedTexts, flow.ownerTexts);
      if (found.length === 0) return;
      relayedFiles.push({ path: args.path, found });
      deps.audit({ kind: "alert", actor, summary: `${call.name} ${args.path}: a file written in an untrusted context gives ${found.map((f) => f.kind).join(", ")} the owner did not; named in the reply`, data: { session: key, reason: "file.relayed_untrusted_values", path: args.path, values: found, sources: flow.sources.slice(0, 5) } });
    }
    // What the owner is sent after untrusted content entered: values relayed from it (a phone number, an IBAN, a
    // crypto address) or text posing as Warden get Warden's mark after the model's text, and the activity log says so.
    // Commands and requests are read in what the model wrote (`written`): a link the outbound filter removed from a
    // relayed command leaves the rest of it to be pasted, and the command is no longer a copy of the content.
    const markRelayed = async (given: string, who: "owner" | "other", via: string, written = given): Promise<string> => {
      const flow = state();
      if (!flow.tainted) return who === "owner" ? markOthersWords(given, flow, via) : given;
      if (who !== "owner") return relayToOthers(given, flow, via, written);
      const withheld = await withholdHarmful(given, flow, via);
      const text = withheld + relayMarks(withheld);
      // INVARIANT: a value from a file is marked too, even one in the owner's workspace: a saved mail or a download in
      // it is someone else's words (the atk34 relays ride on exactly that).
      const found = findRelayedValues(text, flow.untrustedTexts, flow.ownerTexts);
      const read = written === given ? text : written;
      const commands = await relayedCommands(read, flow);
      const files = via === "the reply" ? relayedFilesNote(relayedFiles, flow.sources) : "";
      if (commands.length > 0) deps.audit({ kind: "alert", actor, summary: `${via} to the owner gives ${commands.length} command line(s) from untrusted content; marked`, data: { session: key, reason: "reply.relayed_untrusted_command", commands: commands.map((c) => c.command.slice(0, 500)), sources: flow.sources.slice(0, 5) } });
      const commandMark = relayedCommandsMark(commands, shownSources(flow.sources), text) + pasteMark(read, flow, via, shownSources(flow.sources)) + requestsMark(read, flow, via, shownSources(flow.sources));
      // Amounts, dates, addresses and codes the content announces as changed or tells the owner to act on (relayed-claims.ts).
      const claims = findRelayedClaims(text, untrustedContent(flow), flow.ownerTexts, shownSources(flow.sources));
      if (claims.length > 0) deps.audit({ kind: "alert", actor, summary: `${via} to the owner states ${claims.map((c) => c.kind).join(", ")} on untrusted content's word; marked`, data: { session: key, reason: "reply.relayed_untrusted_claim", claims, sources: flow.sources.slice(0, 5) } });
      const claimMark = relayedClaimsMark(claims);
      if (found.length === 0) return text + claimMark + commandMark + files;
      deps.audit({ kind: "alert", actor, summary: `${via} to the owner relays ${found.map((f) => f.kind).join(", ")} from untrusted content; marked`, data: { session: key, reason: "reply.relayed_untrusted_values", values: found, sources: flow.sources.slice(0, 5) } });
      return text + relayedMark(found, flow.sources) + claimMark + commandMark + files;
    };
    // A clean context's reply to the owner that copies what a contact told the agent in another chat: marked, and logged.
    const markOthersWords = async (given: string, flow: FlowState, via: string): Promise<string> => {
      const others = heard.recent(deps.clock());
      if (others.length === 0) return given;
      const shell = deps.shell;
      if (shell !== undefined && "load" in shell && relayCandidates(given).length > 0) await shell.load();
      const { mark, kinds } = othersWordsMarks(given, others, flow.ownerTexts, shell !== undefined && "analyze" in shell ? shell : undefined);
      if (mark === "") return given;
      deps.audit({ kind: "alert", actor, summary: `${via} to the owner repeats ${kinds.join(", ")} from what others told the assistant; marked`, data: { session: key, reason: "reply.relayed_untrusted_values", kinds, sources: [...new Set(others.map((o) => o.from))].slice(0, 5) } });
      return given + mark;
    };
    // Each untrusted text with where it came from, to name it to the owner.
    const untrustedContent = (flow: FlowState) => flow.untrustedTexts.map((t, i) => ({ text: t, from: flow.untrustedFrom?.[i] ?? shownSources(flow.sources) }));
    // What the owner must not be told to do on untrusted content's word (relayed-harm.ts) is withheld in place. Without
    // the shell grammar only the sentences are judged: its command lines are then marked, never judged harmless.
    const withholdHarmful = async (text: string, flow: FlowState, via: string): Promise<string> => {
      const shell = deps.shell;
      if (shell !== undefined && "load" in shell && commandCandidates(text).length > 0) await shell.load();
      const content = untrustedContent(flow);
      let relays;
      try {
        relays = findHarmfulRelays(text, content, flow.ownerTexts, shell, shownSources(flow.sources));
      } catch {
        // INVARIANT: a reply whose passages could not be judged is withheld, never sent as it was (fail closed).
        deps.audit({ kind: "alert", actor, summary: `${via} to the owner could not be judged for relayed commands; withheld`, data: { session: key, reason: "reply.withheld_untrusted_command" } });
        return "[withheld by Warden: this reply could not be checked for commands passed on from content that did not come from you. (reply.withheld_untrusted_command)]";
      }
      if (relays.length === 0) return text;
      deps.audit({ kind: "alert", actor, summary: `${via} to the owner passed on ${relays.length} harmful passage(s) from untrusted content; withheld`, data: { session: key, reason: relays[0]?.reason, withheld: relays.map((r) => ({ reason: r.reason, why: r.why, from: r.from, passage: text.slice(r.start, r.end).slice(0, 500) })), sources: flow.sources.slice(0, 5) } });
      return withholdRelays(text, relays);
    };
    // Command lines in the owner's reply that came from untrusted content; none without the shell grammar to read them.
    const relayedCommands = async (text: string, flow: FlowState): Promise<RelayedCommand[]> => {
      const shell = deps.shell;
      if (shell === undefined || relayCandidates(text).length === 0) return [];
      if ("load" in shell) await shell.load();
      return findRelayedCommands(text, flow.untrustedTexts, flow.ownerTexts, shell);
    };
    // Requests from untrusted content that the reader give up a secret or a safeguard (relayed-requests.ts): marked, and logged.
    const requestsMark = (text: string, flow: FlowState, via: string, from: string): string => {
      const found = findRelayedRequests(text, flow.untrustedTexts, flow.ownerTexts);
      if (found.length === 0) return "";
      deps.audit({ kind: "alert", actor, summary: `${via} relays a request for ${found.map((f) => f.asks).join(", ")} from untrusted content; marked`, data: { session: key, reason: "reply.relayed_credential_request", requests: found.map((f) => f.clause.slice(0, 500)), sources: flow.sources.slice(0, 5) } });
      return relayedRequestsMark(found, from);
    };
    // "Press Win+R, then Ctrl+V": a command the content put on the clipboard, run by pasting it (relayed-paste.ts): marked, and logged.
    const pasteMark = (text: string, flow: FlowState, via: string, from: string): string => {
      const found = findPasteInstructions(text, flow.untrustedTexts, flow.ownerTexts);
      if (found.length === 0) return "";
      deps.audit({ kind: "alert", actor, summary: `${via} tells its reader to paste into ${found.map((f) => f.place).join(", ")} after untrusted content; marked`, data: { session: key, reason: "reply.relayed_untrusted_command", paste: found.map((f) => f.paragraph.slice(0, 500)), sources: flow.sources.slice(0, 5) } });
      return pasteInstructionsMark(found, from);
    };
    // What others are sent after untrusted content: payment values the owner did not give withheld, the rest marked;
    // commands and requests for secrets from that content marked as for the owner, naming no source (a path is the owner's).
    const relayToOthers = async (given: string, flow: FlowState, via: string, written: string): Promise<string> => {
      const commands = await relayedCommands(written, flow);
      if (commands.length > 0) deps.audit({ kind: "alert", actor, summary: `${via} to others gives ${commands.length} command line(s) from untrusted content; marked`, data: { session: key, reason: "reply.relayed_untrusted_command", commands: commands.map((c) => c.command.slice(0, 500)), sources: flow.sources.slice(0, 5) } });
      const marks = relayedCommandsMark(commands, "content the assistant read", given) + pasteMark(written, flow, `${via} to others`, "content the assistant read") + requestsMark(written, flow, `${via} to others`, "content the assistant read");
      const out = relayForOthers(given, flow.untrustedTexts, flow.ownerTexts);
      if (out.withheld.length === 0 && out.marked.length === 0) return given + marks;
      deps.audit({ kind: "alert", actor, summary: `${via} to others relays ${[...out.withheld, ...out.marked].map((f) => f.kind).join(", ")} from untrusted content; ${out.withheld.length > 0 ? "payment values withheld" : "marked"}`, data: { session: key, reason: "reply.relayed_to_others", withheld: out.withheld, values: out.marked, sources: flow.sources.slice(0, 5) } });
      return out.text + marks;
    };
    // What of the session's read data went to others is theirs from now on (reply-filter.ts `carriedEarlier`).
    const noteShown = (text: string, who: Audience) => {
      const flow = state();
      if (who !== "other" || (flow.readData.length === 0 && (flow.earlierRead ?? []).length === 0)) return text;
      const read = mergeReadTokens(flow.earlierRead ?? [], flow.readData.map(rememberedTokensOf));
      const shown = carriedTokens(text, read, new Set()).flatMap((r) => r.tokens);
      if (shown.length > 0) {
        tracker.noteShown(shown);
        save();
      }
      return text;
    };
    /** A text withheld whole is a decision like the gate's: recorded with its reason id (reply-filter.ts `WithheldReasons`). */
    const noteWithheld = (out: FilteredText, tool: "reply" | "message", to?: string): FilteredText => {
      if ("withheld" in out) deps.audit({ kind: "gate", actor, summary: `withhold ${tool}${to !== undefined ? ` to ${to}` : ""}: ${out.withheld}`, data: { session: key, tool, decision: "withhold", risk: "high", reasons: [out.reason], tainted: state().tainted } });
      return out;
    };
    const toolContext: ToolContextExtras = {
      authorizeRedirect,
      filterOutbound: async (text, who, toOwnChat, recipient) => {
        const sent = recipient !== undefined ? approvedKey(recipient.channel, recipient.to, text) : undefined;
        const out = noteWithheld(await filterOutboundText(deps, request.principal, state(), text, who, { ownerWords: ownerWordsAllowed.has(text), handedSecrets: handedSecrets.get(text) ?? [], toOwnChat: toOwnChat === true, ownerApproved: sent !== undefined && ownerApproved.has(sent) }), "message", recipient?.to);
        // An act the owner approved that does not happen is said to the owner by Warden, not left to the model's report.
        if (sent !== undefined && approvedSends.has(sent) && "withheld" in out) deps.notifyOwner(`Warden did not send the message you approved to ${recipient?.to ?? "its recipient"}: ${out.withheld}`);
        return "text" in out ? { text: noteShown(await markRelayed(out.text, who, "a message", text), who) } : out;
      },
      // Also with the system prompt's secrets: a command's new documents are checked for links that load when opened.
      marksNeeded: () => {
        const flow = state();
        return flow.tainted || flow.confidentiality !== "public" || flow.promptSecret === true;
      },
      marksReadable: readable,
    };

    return {
      tools,
      system: audience === "owner" ? deps.systemPrompt : deps.publicSystemPrompt,
      hooks: {
        beforeToolCall: gateCall,
        afterToolCall: afterCall,
      },
      toolContext,
      filterReply: async (reply) => {
        const out = noteWithheld(await filterOutboundText(deps, request.principal, state(), reply, audience, { toOwnChat: true }), "reply");
        return noteShown(await markRelayed("text" in out ? out.text : out.withheld, audience, "the reply", "text" in out ? reply : out.withheld), audience);
      },
      // Deltas go out before any filter could see the whole reply: only an owner-only, trusted context streams.
      streamable: () => audience === "owner" && !noStream,
    };
  };
}

