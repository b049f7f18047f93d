/**
 * The turn policy over this gateway's pieces: secrets known up front (every known secret and a private system
 * prompt), content labelled by the secret scanner, tool grants from the channel config, and the operations
 * guards (budget, usage, loop breaker) around it.
 */
import { randomBytes } from "node:crypto";
import type { WardenConfig } from "../config/schema.ts";
import type { SessionAddress } from "../sessions/session-key.ts";
import type { TranscriptStore } from "../sessions/transcripts.ts";
import type { ApprovalService } from "../approvals/approvals.ts";
import type { ApproveAlways } from "../exec/index.ts";
import type { FlowState, LabelledData } from "../gate/types.ts";
import type { SessionLabel } from "../gate/session-label.ts";
import { createSecretLabeller, scanInjection, createContentWrapper, isSecretPath, type SecretScanner } from "../scan/index.ts";
import type { ProviderChoice } from "../providers/select.ts";
import type { GatedTool } from "../tools/gated-tool.ts";
import type { FileMarks } from "../fs/file-marks.ts";
import type { MessageChannels } from "../tools/message.ts";
import type { KnownSecret } from "../ops/redact-known.ts";
import { createTurnPolicy } from "./turn-policy.ts";
import type { LinkRewriter } from "./link-filter-pool.ts";
import type { AuditSink } from "./policy-types.ts";
import { promptHoldsSecrets } from "./reply-filter.ts";
import { foldForSecrets } from "../scan/normalize.ts";
import { credentialValuesIn } from "../scan/credential-values.ts";
import type { TurnPolicy } from "./chat-service.ts";
import type { OpsServices } from "./ops-services.ts";
import { budgetGuard, guardTurns, loopGuard, usageGuard } from "./turn-guards.ts";
import { grantsFor } from "./channels-wiring.ts";
import type { WorkspaceFs } from "../fs/index.ts";
import type { DeferredShellAnalyzer, ShellAnalyzer } from "../exec/index.ts";
import type { WorkspaceSecrets } from "./workspace-secrets.ts";

export function createGuardedPolicy(deps: {
  config: WardenConfig;
  tools: readonly GatedTool[] | (() => readonly GatedTool[]);
  approvals: ApprovalService;
  transcripts: Pick<TranscriptStore, "label" | "setLabel">;
  scanner: SecretScanner;
  knownSecrets: readonly KnownSecret[];
  messages: Pick<MessageChannels, "isOwner">;
  ops: OpsServices;
  provider: ProviderChoice;
  audit: AuditSink;
  notifyOwner: (text: string) => void;
  approveAlways: ApproveAlways;
  rememberFlow: (sessionKey: string, state: FlowState) => void;
  fileMarks: FileMarks;
  documents?: Pick<WorkspaceFs, "read" | "remove">;
  clock: () => number;
  rewriteLinks?: LinkRewriter;
  shell?: ShellAnalyzer | DeferredShellAnalyzer;
  /** The credential values the workspace's files hold: known in every session (refreshed at each turn's start). */
  workspaceSecrets?: WorkspaceSecrets;
}): TurnPolicy {
  const { config, scanner } = deps;
  // The owner's system prompt is secret when it says more than the one others are answered with.
  const privatePrompt = config.agent.systemPrompt !== config.agent.publicSystemPrompt;
  const baseSecrets: LabelledData[] = [
    ...deps.knownSecrets.filter((k) => k.value.length >= 8).map((k) => ({ label: k.name, value: k.value })),
    ...(privatePrompt ? [{ label: "system prompt", value: config.agent.systemPrompt }] : []),
  ];
  // Every turn labels its session's history again (up to 200 items): a stored message (the transcript store hands
  // out the same frozen object while it stays cached) is labelled once per path and set of known secrets; other
  // clean items cost a digest after the first time.
  const labeller = createSecretLabeller(scanner);
  const remembered = new WeakMap<object, { known: number; path: string | undefined; found: LabelledData[] }>();
  const labelText = (text: string, path: string | undefined): LabelledData[] => {
    const label = labeller.label({ text, ...(path ? { path } : {}) });
    if (!label.secret) return [];
    // Found in the folded spelling (a UTF-16 file, look-alike letters): the folded text is what a copy looks like.
    const folded = foldForSecrets(text);
    const whole = (name: string) => [{ label: name, value: text }, ...(folded !== text ? [{ label: name, value: folded }] : [])];
    if (path && isSecretPath(path)) return whole(`secret file ${path}`);
    const found = [...new Set([text, folded])].flatMap((t) => scanner.findSecrets(t).map((f) => ({ label: f.ruleId, value: t.slice(f.start, f.end) })));
    if (found.length > 0) return found;
    // A credential no rule spans in a file (a PIN in the household notes): the values the credential reader finds, when
    // they are all the labeller sees (the file without them labels clean), so that what a reply carries of them is
    // withheld, not every reply about the rest of the file. Otherwise (a password in a URL, on a command line, in
    // notes the reader cannot take apart) the whole text is the secret.
    const values = path === undefined ? [] : credentialValuesIn(text, path);
    if (values.length > 0) {
      const rest = values.reduce((t, v) => t.split(v.value).join(" "), text);
      if (!labeller.label({ text: rest, path: path as string }).secret) return values.map((v) => (v.short === true ? { label: v.name, value: v.value, wholeToken: true } : { label: v.name, value: v.value }));
    }
    return whole(label.reasons[0]?.id ?? "secret");
  };
  const isOwnerSession = (address: SessionAddress) => address.channel === "webchat" || address.channel === "main" || deps.messages.isOwner(address.channel, address.peer);
  const policy = createTurnPolicy({
    tools: deps.tools,
    approvals: deps.approvals,
    systemPrompt: config.agent.systemPrompt,
    publicSystemPrompt: config.agent.publicSystemPrompt,
    promptSecret: privatePrompt && promptHoldsSecrets(config.agent.systemPrompt),
    ...(deps.rewriteLinks ? { rewriteLinks: deps.rewriteLinks } : {}),
    labels: { get: (key: string) => deps.transcripts.label(key), set: (key: string, label: SessionLabel) => deps.transcripts.setLabel(key, label) },
    clock: deps.clock,
    baseSecrets: () => (deps.workspaceSecrets === undefined ? baseSecrets : [...baseSecrets, ...deps.workspaceSecrets.current()]),
    label: (text, path, key) => {
      const known = scanner.knownSecretCount();
      const hit = key === undefined ? undefined : remembered.get(key);
      if (hit !== undefined && hit.known === known && hit.path === path) return [...hit.found];
      const found = labelText(text, path);
      if (key !== undefined) remembered.set(key, { known, path, found: [...found] });
      return found;
    },
    redact: (text) => scanner.redact(text),
    scanInjection: (text) => scanInjection(text),
    wrapper: () => createContentWrapper(randomBytes),
    grantsFor: (principal, address) => grantsFor(config, principal, address),
    isOwnerSession,
    audit: deps.audit,
    notifyOwner: deps.notifyOwner,
    onApproveAlways: (tool, args) => deps.approveAlways.keep(tool, args),
    previewAlways: (tool, args) => {
      // A preview that fails offers no rule; it never stands in the way of the request itself.
      try {
        return deps.approveAlways.preview(tool, args);
      } catch {
        return { ok: false, why: "no precise rule could be derived for this command" };
      }
    },
    rememberFlow: deps.rememberFlow,
    fileMarks: deps.fileMarks,
    ...(deps.documents ? { documents: deps.documents } : {}),
    ...(deps.shell ? { shell: deps.shell } : {}),
  });
  // The workspace's credential values as of this turn's start: a file changed since is looked at again.
  const fresh: TurnPolicy = (request, history) => {
    deps.workspaceSecrets?.refresh();
    return policy(request, history);
  };
  // Operations around every turn: budgets before each model call, usage after it, a breaker for tool loops.
  return guardTurns(fresh, [budgetGuard(deps.ops), usageGuard(deps.ops, deps.provider), loopGuard(deps.ops)]);
}
