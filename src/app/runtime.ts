/**
 * Wiring in one place: builds the object graph from config, state paths and what the CLI read from the
 * environment. Nothing below this file reads `process.env`.
 */
import type { DatabaseSync } from "node:sqlite";
import { realpathSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { homedir } from "node:os";
import type { Logger } from "pino";
import type { WardenConfig } from "../config/schema.ts";
import type { StatePaths } from "../state/home.ts";
import { ensurePrivateDir } from "../state/home.ts";
import { describeLayoutProblem, protectedInsideWorkspace } from "../state/layout.ts";
import { createGatewayTokenVerifier, resolveGatewayToken } from "./gateway-token.ts";
import { createOpsServices, prepareOpsAtStart, type OpsServices } from "./ops-services.ts";
import { coreMigrations } from "./migrations.ts";
import { openDatabase, storageProbe, type Migration } from "../state/database.ts";
import { createStorageHealth, type StorageHealth, type StorageStatus } from "../state/storage-guard.ts";
import { createLoginActivity } from "../ops/activity-log/login-activity.ts";
import { createAccessActivity } from "../ops/activity-log/access-activity.ts";
import { createTranscriptStore, type TranscriptStore } from "../sessions/transcripts.ts";
import { parseSessionKey, resolveClientSession, type SessionAddress } from "../sessions/session-key.ts";
import { selectProvider, type ProviderChoice } from "../providers/select.ts";
import { createChatService, type ChatService } from "./chat-service.ts";
import { startGateway, type GatewayHandlers, type RunningGateway } from "../gateway/server.ts";
import type { EventFrame } from "../gateway/protocol.ts";
import { loadWebchatAssets } from "../webchat/assets.ts";
import { WardenError, ErrorCode } from "../core/errors.ts";
import type { Json, Principal } from "../core/types.ts";
import { createApprovalService, type ApprovalService, type ApprovalView, type ApprovalAnswer } from "../approvals/approvals.ts";
import { createCronStore, type CronStore, type CronJob } from "../cron/store.ts";
import { createSnapshotStore, createWorkspaceFs, type WorkspaceFs } from "../fs/index.ts";
import { createSafeFetch, createSystemResolver, type ResolveHost, type ExemptEndpoint, type SafeFetch } from "../net/index.ts";
import { canonicalAllowRule, deferShellAnalyzer, type AllowRule } from "../exec/index.ts";
import { detectSandbox, createSandboxRunner, DEFAULT_PATH, type SandboxAvailability } from "../sandbox/index.ts";
import { loadBundledGitleaksRules, createSecretScanner, labelSecretContent, scanInjection, createContentWrapper, isSecretPath, type SecretScanner } from "../scan/index.ts";
// Channel modules by file: the package index would load every platform SDK, used or not.
import type { ChannelAdapter } from "../channels/types.ts";
import type { ChannelAccessPolicy } from "../channels/access-control.ts";
import { createPairingStore, type PairingStore } from "../channels/pairing-store.ts";
import { createInboundPipeline, type InboundPipeline } from "../channels/inbound-pipeline.ts";
import { parseOwnerCommand } from "../channels/owner-command.ts";
import { createFileTools } from "../tools/files.ts";
import { createWebFetchTool } from "../tools/web-fetch.ts";
import { createMessageTool } from "../tools/message.ts";
import { createCronTool } from "../tools/cron.ts";
import { createExecTool } from "../tools/exec.ts";
import type { GatedTool } from "../tools/gated-tool.ts";
import { createTurnPolicy, parseStoredLabel, promptHoldsSecrets, type AuditSink } from "./turn-policy.ts";
import { createMessageChannels } from "./message-channels.ts";
import type { FlowState, LabelledData } from "../gate/types.ts";
import { emptySessionLabel, type SessionLabel } from "../gate/flow-tracker.ts";
import { defangUrls } from "../gate/urls.ts";
import { buildChannelAdapters, channelPolicies, grantsFor } from "./channels-wiring.ts";

export type RuntimeEnv = {
  model?: string;
  openaiApiKey?: string;
  openaiBaseUrl?: string;
  anthropicApiKey?: string;
  anthropicBaseUrl?: string;
  gatewayToken?: string;
  /** Credential-looking environment values (never leave toward anyone but the owner). */
  knownSecrets?: readonly { name: string; value: string }[];
};

/** Test and red-team seams: every one of them is a real implementation, swapped for a loopback peer. */
export type RuntimeOverrides = {
  resolve?: ResolveHost;
  exempt?: readonly ExemptEndpoint[];
  /** Extra channel adapters (the red-team runner's test channel) with their access policy. */
  extraChannels?: readonly { adapter: ChannelAdapter; policy: ChannelAccessPolicy }[];
  /** A simulated owner answering every approval request (red team). */
  autoAnswer?: (approval: ApprovalView) => ApprovalAnswer | undefined;
  homeDir?: string;
  sandbox?: SandboxAvailability;
};

export type RuntimeOptions = {
  paths: StatePaths;
  config: WardenConfig;
  env: RuntimeEnv;
  clock: () => number;
  /** A monotonic clock (ms) for lockouts and expiries; `performance.now` when omitted. */
  monotonic?: () => number;
  log: Logger;
  providerRetries?: number;
  overrides?: RuntimeOverrides;
  /** Persists an exec "approve always" rule (the CLI writes it to the config file). */
  addExecAllowRule?: (rule: AllowRule) => void;
  /** Extra migrations and an audit sink from the operations services. */
  extraMigrations?: readonly Migration[];
  audit?: AuditSink;
};

export type Runtime = {
  db: DatabaseSync;
  /** The state database's health: faults seen, cleared by the next write that succeeds. */
  storage: StorageHealth;
  ops: OpsServices;
  transcripts: TranscriptStore;
  chat: ChatService;
  provider: ProviderChoice;
  handlers: GatewayHandlers;
  approvals: ApprovalService;
  cron: CronStore;
  pairing: PairingStore;
  pipeline: InboundPipeline;
  workspaceFs: WorkspaceFs;
  sandbox: SandboxAvailability;
  scanner: SecretScanner;
  tools: readonly GatedTool[];
  /** Runs due scheduled jobs once (the gateway calls it on a timer). */
  runDueJobs(): Promise<number>;
  startGateway(overrides?: { port?: number; bind?: string }): Promise<RunningGateway>;
  startChannels(): Promise<void>;
  close(): Promise<void>;
};

export { coreMigrations };

/** The owner's `/new` (and `/reset`): start the session over. */
export function isResetCommand(text: string): boolean {
  return /^\/(new|reset)(@\S+)?$/i.test(text.trim());
}

export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, paths, env, clock, log } = options;
  const overrides = options.overrides ?? {};
  ensurePrivateDir(paths.home);
  ensurePrivateDir(paths.workspace);
  // Every policy compares against the workspace's real path, so a symlinked workspace is still one place.
  const workspace = realpathSync(paths.workspace);
  // INVARIANT: Warden's own state is never reachable from the workspace; refuse to start rather than hope.
  const layout = protectedInsideWorkspace(paths)[0];
  if (layout !== undefined) {
    const { message, fix } = describeLayoutProblem(layout);
    throw new WardenError(ErrorCode.StateUnsafe, `${message}. Fix: ${fix}.`);
  }
  const monotonic = options.monotonic ?? (() => performance.now());
  const storage = createStorageHealth(clock);
  // A damaged database is refused here (quick_check), with the recovery steps, rather than failing every turn.
  const db = openDatabase(paths.database, [...coreMigrations, ...(options.extraMigrations ?? [])], { health: storage, integrityCheck: true });
  const ops = createOpsServices({
    db,
    paths,
    config,
    clock,
    randomBytes,
    ...(env.gatewayToken ? { envToken: env.gatewayToken } : {}),
    envSecrets: [
      ...(env.openaiApiKey ? [{ name: "env.OPENAI_API_KEY", value: env.openaiApiKey }] : []),
      ...(env.anthropicApiKey ? [{ name: "env.ANTHROPIC_API_KEY", value: env.anthropicApiKey }] : []),
    ],
  });
  prepareOpsAtStart({ ops, db, paths });
  // Transcripts are encrypted at rest; secrets in tool output are redacted before they are stored.
  const transcripts = createTranscriptStore({ db, clock, seal: ops.transcriptCipher.seal, open: ops.transcriptCipher.open });
  const audit: AuditSink = options.audit ?? ((entry) => {
    ops.activityLog.append({ kind: entry.kind, actor: entry.actor, summary: entry.summary, ...(entry.data ? { data: JSON.parse(JSON.stringify(entry.data)) as Json } : {}) });
  });
  const provider = selectProvider({
    model: env.model ?? config.agent.model,
    openai: { apiKey: env.openaiApiKey ?? config.providers.openai.apiKey, baseURL: env.openaiBaseUrl ?? config.providers.openai.baseUrl },
    anthropic: { apiKey: env.anthropicApiKey ?? config.providers.anthropic.apiKey, baseURL: env.anthropicBaseUrl ?? config.providers.anthropic.baseUrl },
    timeoutMs: config.providers.timeoutMs ?? config.providers.responseTimeoutSeconds * 1000,
    maxRetries: options.providerRetries ?? config.providers.maxRetries,
    limits: {
      connectMs: config.providers.connectTimeoutSeconds * 1000,
      firstByteMs: config.providers.firstByteTimeoutSeconds * 1000,
      idleMs: config.providers.idleTimeoutSeconds * 1000,
      maxRetryAfterMs: config.providers.maxRetryAfterSeconds * 1000,
    },
  });
  // Every turn (gateway, channel, cron) runs under the whole-turn deadline and stops when the runtime closes.
  const shutdown = new AbortController();
  const inFlight = new Set<Promise<unknown>>();
  function underDeadline<T>(base: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new WardenError(ErrorCode.Cancelled, `The turn took longer than ${config.providers.turnTimeoutSeconds} s (providers.turnTimeoutSeconds) and was stopped.`)), config.providers.turnTimeoutSeconds * 1000);
    const turn = run(AbortSignal.any([...(base ? [base] : []), shutdown.signal, deadline.signal])).finally(() => {
      clearTimeout(timer);
      inFlight.delete(turn);
    });
    inFlight.add(turn);
    return turn;
  }

  // Secrets Warden knows by value: they never leave toward anyone but the owner, and logs never show them.
  const gatewayToken = resolveGatewayToken(config, paths, env.gatewayToken);
  const known: { name: string; value: string }[] = [...(env.knownSecrets ?? [])];
  const addKnown = (name: string, value: string | undefined) => {
    if (value && value.length >= 8) known.push({ name, value });
  };
  addKnown("gateway token", gatewayToken);
  addKnown("OPENAI_API_KEY", env.openaiApiKey ?? config.providers.openai.apiKey);
  addKnown("ANTHROPIC_API_KEY", env.anthropicApiKey ?? config.providers.anthropic.apiKey);
  addKnown("telegram bot token", config.channels.telegram.botToken);
  addKnown("slack bot token", config.channels.slack.botToken);
  addKnown("slack signing secret", config.channels.slack.signingSecret);
  const scanner = createSecretScanner({ rules: loadBundledGitleaksRules, knownSecrets: known });
  // The owner's system prompt is secret when it says more than the one others are answered with.
  const privatePrompt = config.agent.systemPrompt !== config.agent.publicSystemPrompt;
  const baseSecrets: LabelledData[] = [...known.map((k) => ({ label: k.name, value: k.value })), ...(privatePrompt ? [{ label: "system prompt", value: config.agent.systemPrompt }] : [])];

  // Tools.
  const snapshots = createSnapshotStore({ db, dir: paths.snapshots });
  const workspaceFs = createWorkspaceFs({ workspace: paths.workspace, protectedDirs: [paths.home, paths.keys], snapshots, maxReadBytes: config.tools.fs.maxReadBytes, maxWriteBytes: config.tools.fs.maxWriteBytes });
  const resolve = overrides.resolve ?? createSystemResolver();
  const safeFetch: SafeFetch = createSafeFetch({ resolve, exempt: overrides.exempt, allowHosts: config.tools.web.allowHosts, maxBytes: config.tools.web.maxBytes, timeoutMs: config.tools.web.timeoutMs });
  // The bash grammar loads before the first exec analysis; the secret rules compile at the first scan.
  const analyzer = deferShellAnalyzer();
  const sandbox: SandboxAvailability = overrides.sandbox ?? (config.tools.exec.sandbox === "off" ? { kind: "none", why: "tools.exec.sandbox is off", shell: "/bin/bash" } as SandboxAvailability : await detectSandbox());
  if (sandbox.kind === "none") log.warn({ why: sandbox.why }, "exec runs WITHOUT a sandbox: every command needs the owner's approval");
  const runner = createSandboxRunner({ availability: sandbox });
  const home = overrides.homeDir ?? homedir();
  const execAllow: AllowRule[] = config.tools.exec.allow.map((r) => ({ binary: r.binary, argv: r.argv, match: r.match }));
  const cron = createCronStore({ db, clock });
  const pairing = createPairingStore({ db, clock, randomBytes });
  const liveFlow = new Map<string, FlowState>();

  const adapters: ChannelAdapter[] = [...(await buildChannelAdapters(config, log, clock)), ...(overrides.extraChannels ?? []).map((c) => c.adapter)];
  const policies = channelPolicies(config, overrides.extraChannels ?? []);
  const listeners = new Set<(event: EventFrame) => void>();
  const broadcast = (event: EventFrame) => {
    for (const l of listeners) l(event);
  };
  const messageChannels = createMessageChannels({
    adapters: () => adapters,
    pairing,
    ownerIds: (channel) => policies.get(channel)?.ownerIds ?? [],
    knownPeers: (channel) => new Set(transcripts.listSessions().filter((s) => s.channel === channel).map((s) => s.peer)),
    toOwnerClients: (text) => broadcast({ type: "event", event: "chat.delta", payload: { session: "owner-notice", delta: `${text}\n` } }),
  });

  const tools: GatedTool[] = [
    createExecTool({
      analyzer,
      runner,
      policy: () => ({ security: config.tools.exec.security, ask: config.tools.exec.ask, allow: execAllow }),
      workspace: workspace,
      homeDir: home,
      stateDir: paths.home,
      pathEnv: DEFAULT_PATH,
      hiddenPaths: [paths.home, paths.keys, home],
      network: config.tools.exec.network,
      timeoutMs: config.tools.exec.timeoutMs,
      maxOutputBytes: config.tools.exec.maxOutputBytes,
    }),
    ...createFileTools({ fs: workspaceFs, workspace: workspace, protectedDirs: [paths.home, paths.keys] }),
    createWebFetchTool({ fetch: safeFetch, resolve, exempt: overrides.exempt, allowHosts: config.tools.web.allowHosts }),
    createMessageTool(messageChannels),
    createCronTool({ store: cron, clock, taintOf: (key) => ({ tainted: liveFlow.get(key)?.tainted ?? false, sources: liveFlow.get(key)?.sources ?? [] }) }),
  ];

  const notifyOwner = (text: string) => {
    broadcast({ type: "event", event: "chat.delta", payload: { session: "owner-notice", delta: `${text}\n` } });
    for (const [channel, policy] of policies) {
      const owner = policy.ownerIds?.[0] ?? pairing.getOwner(channel);
      const adapter = adapters.find((a) => a.id === channel);
      if (owner && adapter) void adapter.send({ chatId: owner, kind: "dm" }, text).catch(() => undefined);
    }
  };

  const approvals = createApprovalService({
    db,
    clock,
    monotonic,
    ttlMs: config.approvals.ttlMs,
    onRequested: (view) => {
      const answer = overrides.autoAnswer?.(view);
      if (answer) queueMicrotask(() => approvals.resolve(view.id, answer, "simulated-owner"));
    },
  });
  approvals.subscribe(({ type, approval }) => {
    broadcast({ type: "event", event: type === "requested" ? "approval.requested" : "approval.resolved", payload: approval });
    if (type === "requested") {
      // The prompt quotes the URL it asks about: defanged, so no chat client previews (fetches) it before the owner answers.
      notifyOwner(`Approval ${approval.id} (${approval.risk} risk): ${defangUrls(approval.summary)}\nWhy: ${defangUrls(approval.reasons.map((r) => r.message).join("; "))}${approval.provenance.length ? `\n${defangUrls(approval.provenance.join("; "))}` : ""}\nAnswer with /approve ${approval.id} or /deny ${approval.id} (or \`warden approvals approve ${approval.id}\`).`);
    }
  });

  const isOwnerSession = (address: SessionAddress) => address.channel === "webchat" || address.channel === "main" || messageChannels.isOwner(address.channel, address.peer);
  const labels = { get: (key: string) => transcripts.label(key), set: (key: string, label: SessionLabel) => transcripts.setLabel(key, label) };
  const policy = createTurnPolicy({
    tools,
    approvals,
    systemPrompt: config.agent.systemPrompt,
    publicSystemPrompt: config.agent.publicSystemPrompt,
    promptSecret: privatePrompt && promptHoldsSecrets(config.agent.systemPrompt),
    labels,
    clock,
    baseSecrets: () => baseSecrets,
    label: (text, path) => {
      const label = labelSecretContent({ text, ...(path ? { path } : {}) }, scanner);
      if (!label.secret) return [];
      if (path && isSecretPath(path)) return [{ label: `secret file ${path}`, value: text }];
      return scanner.findSecrets(text).map((f) => ({ label: f.ruleId, value: text.slice(f.start, f.end) }));
    },
    redact: (text) => scanner.redact(text),
    scanInjection: (text) => scanInjection(text),
    wrapper: () => createContentWrapper(randomBytes),
    grantsFor: (principal, address) => grantsFor(config, principal, address),
    isOwnerSession,
    audit,
    notifyOwner,
    onApproveAlways: (tool, args) => {
      if (tool !== "exec" || typeof (args as { command?: unknown }).command !== "string") return;
      // The rule is stored as the matcher compares it: the binary's resolved real path, exact arguments.
      const made = canonicalAllowRule((args as { command: string }).command, analyzer, { pathEnv: DEFAULT_PATH, cwd: workspace, workspace, stateDir: paths.home });
      if (!made.ok) return audit({ kind: "gate", actor: "owner", summary: `approve always: no rule kept (${made.why})` });
      const rule: AllowRule = made.rule;
      execAllow.push(rule);
      options.addExecAllowRule?.(rule);
    },
    rememberFlow: (key, state) => liveFlow.set(key, state),
  });

  // Operations around every turn: budgets before each model call, usage after it, a breaker for tool loops.
  const withOps: typeof policy = (request, history) => {
    const built = policy(request, history);
    const session = request.address.key;
    const breaker = ops.loopBreaker();
    return {
      ...built,
      hooks: {
        ...built.hooks,
        beforeModelCall: () => {
          const prior = built.hooks.beforeModelCall?.();
          if (prior && !prior.allow) return prior;
          const budget = ops.budget(session);
          if (budget.ok) return { allow: true };
          ops.activityLog.append({ kind: "limit", actor: session, summary: budget.reason.message, data: { reason: budget.reason.id } });
          return { allow: false, message: budget.reason.message };
        },
        afterModelCall: (usage) => {
          built.hooks.afterModelCall?.(usage);
          if (provider.ok) ops.usage.record({ sessionKey: session, provider: provider.provider.id, model: provider.provider.model, ...usage });
        },
        beforeToolCall: async (call) => {
          const loop = breaker.observe(call.name, call.rawArguments);
          if (!loop.ok) {
            ops.activityLog.append({ kind: "limit", actor: session, summary: loop.reason.message, data: { reason: loop.reason.id, tool: call.name } });
            return { allow: false, message: loop.reason.message };
          }
          return built.hooks.beforeToolCall(call);
        },
      },
    };
  };

  const chat = createChatService({
    provider: () => provider,
    transcripts,
    policy: withOps,
    // Secrets the model saw in a turn are not kept in the transcript (logging.redactSensitive: tools).
    redactStored: config.logging.redactSensitive === "tools" ? (text) => scanner.redact(text) : undefined,
    clock,
    maxSteps: config.agent.maxSteps,
    maxOutputTokens: config.agent.maxOutputTokens,
  });

  const ownerPrincipal: Principal = { kind: "owner", id: "gateway:owner", channel: "webchat" };

  /** `/new`: the owner starts the session over; its history and labels (taint) are gone. */
  function resetSession(sessionKey: string): string {
    const removed = transcripts.reset(sessionKey);
    liveFlow.delete(sessionKey);
    audit({ kind: "gate", actor: "owner", summary: `session reset: ${sessionKey} (${removed} message(s) removed, labels cleared)`, data: { session: sessionKey } });
    return "Started a new session: the earlier conversation and everything it read are forgotten.";
  }

  async function ownerCommand(text: string, by: string): Promise<string | undefined> {
    const cmd = parseOwnerCommand(text);
    if (!cmd || (cmd.kind !== "approve" && cmd.kind !== "deny")) return undefined;
    try {
      const view = approvals.resolve(cmd.id, cmd.kind === "approve" ? "approve" : "deny", by);
      return `Approval ${view.id}: ${view.status}.`;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  // Strangers' messages (pairing replies, drops) are aggregated per channel per minute; owner traffic never is.
  // Through `audit`, like every gate entry: the red-team runner reads access decisions from that sink.
  const accessLog = createAccessActivity({ append: (input) => audit({ kind: "gate", actor: input.actor, summary: input.summary, data: (input.data ?? {}) as Record<string, unknown> }), monotonic, windowMs: 60_000 });
  const pipeline = createInboundPipeline({
    adapters,
    access: (channel) => policies.get(channel),
    pairing,
    onAccepted: async (msg, principal, ctx) => {
      const address = parseSessionKey(ctx.sessionKey);
      if (principal.kind === "owner" && isResetCommand(msg.text)) {
        await ctx.reply(resetSession(address.key));
        return;
      }
      await ctx.typing().catch(() => undefined);
      // INVARIANT: only what the owner typed is the owner's. A forward is someone else's words; a quote too.
      const own = principal.kind === "owner" ? "owner" : `contact:${principal.id}`;
      const source = msg.forwardedFrom !== undefined ? `forwarded:${msg.forwardedFrom}` : own;
      const preamble = msg.quotedText !== undefined && msg.quotedText !== "" ? [{ text: `[quoted message]\n${msg.quotedText}`, source: `quoted:${msg.channel}` }] : undefined;
      const outcome = await underDeadline(undefined, (signal) => chat.handle({ address, principal, text: msg.text, source, ...(preamble ? { preamble } : {}), signal }));
      await ctx.reply(outcome.reply);
    },
    onOwnerCommand: async (cmd, principal) => ownerCommand(`/${cmd.kind} ${cmd.id}`, principal.id),
    log: (entry) => accessLog.record(entry, { kind: "gate", actor: "access", summary: `access ${entry.outcome}`, data: entry as unknown as Json }),
    clock,
    rateLimit: { perSenderPerMinute: config.limits.messages.perSenderPerMinute },
    session: { agentId: config.agent.id, scope: config.session.scope },
  });

  // Failed logins are aggregated per source per minute: a flood of bad tokens is two entries, not thousands.
  const logins = createLoginActivity({ append: (input) => ops.activityLog.append(input), monotonic, windowMs: 60_000 });
  let lostActivity = 0;
  const takeLost = () => {
    lostActivity += logins.takeLost() + accessLog.takeLost();
    const n = lostActivity;
    lostActivity = 0;
    return n;
  };
  const startedAt = monotonic();

  // Storage faults: told to the owner when they start; when they clear, an alert records how long and what was lost.
  // While faulty, a tiny write every few seconds notices the recovery even if nothing else writes.
  let probe: NodeJS.Timeout | undefined;
  let lastNoticeAt = Number.NEGATIVE_INFINITY;
  storage.onChange((now, before) => {
    if (!now.ok) {
      log.warn({ condition: now.condition }, now.message);
      // A disk with room for small writes only flaps between faulty and healthy: tell the owner once a minute.
      if (monotonic() - lastNoticeAt >= 60_000) {
        lastNoticeAt = monotonic();
        notifyOwner(`Warden storage problem (${now.condition}): ${now.message}`);
      }
      probe ??= setInterval(() => {
        try {
          storageProbe(db, clock());
        } catch {
          // still faulty: the guard has recorded it
        }
      }, 5_000);
      probe.unref();
      return;
    }
    if (probe) clearInterval(probe);
    probe = undefined;
    if (before.ok) return;
    setImmediate(() => {
      const lost = takeLost();
      const minutes = Math.max(1, Math.round((clock() - before.since) / 60_000));
      const summary = `storage recovered: ${before.condition} for about ${minutes} min (${before.failures} failed operation(s))${lost > 0 ? `; ${lost} activity entr${lost === 1 ? "y" : "ies"} could not be written meanwhile` : ""}`;
      log.info({ condition: before.condition, lost }, summary);
      try {
        ops.activityLog.append({ kind: "alert", actor: "system", summary, data: { condition: before.condition, since: before.since, until: clock(), failures: before.failures, lostEntries: lost } });
      } catch {
        lostActivity += lost + 1;
      }
      notifyOwner(`Warden ${summary}.`);
    });
  });
  const statusView = (status: StorageStatus) =>
    status.ok
      ? { ok: true, ...(status.lastFault ? { lastFault: { ...status.lastFault, since: new Date(status.lastFault.since).toISOString(), until: new Date(status.lastFault.until).toISOString() } } : {}) }
      : { ok: false, condition: status.condition, message: status.message, since: new Date(status.since).toISOString(), failures: status.failures };

  const handlers: GatewayHandlers = {
    async chat(params, onDelta, signal) {
      const answer = await ownerCommand(params.text, "control-client");
      if (answer !== undefined) return { session: "owner", reply: answer };
      const address = resolveClientSession(config.agent.id, params.session);
      if (isResetCommand(params.text)) return { session: address.key, reply: resetSession(address.key) };
      const outcome = await underDeadline(signal, (turn) => chat.handle({ address, principal: ownerPrincipal, text: params.text, source: "owner", onDelta: (d) => onDelta(address.key, d), signal: turn }));
      return { session: outcome.session, reply: outcome.reply, ...(outcome.error ? { error: outcome.error } : {}) };
    },
    async call(method, params) {
      switch (method) {
        case "chat.history": {
          const address = resolveClientSession(config.agent.id, typeof params.session === "string" ? params.session : undefined);
          return { session: address.key, messages: transcripts.history(address.key) };
        }
        case "approvals.list":
          return { approvals: approvals.list({ status: "pending" }) };
        case "approvals.resolve":
          return approvals.resolve(String(params.approvalId), params.decision as ApprovalAnswer, "control-client");
        case "pairing.list":
          return pairing.list(typeof params.channel === "string" ? params.channel : undefined);
        case "status": {
          const current = storage.status();
          lostActivity += logins.takeLost() + accessLog.takeLost();
          return {
            ok: current.ok,
            storage: statusView(current),
            lostActivityEntries: lostActivity,
            uptimeSeconds: Math.round((monotonic() - startedAt) / 1000),
            model: provider.ok ? `${provider.provider.id}/${provider.provider.model}` : null,
          };
        }
        case "pairing.approve": {
          const r = await pipeline.approvePairing(String(params.channel), String(params.code), "control-client", { notify: true, asOwner: params.owner === true });
          if (!r.ok) throw new WardenError(ErrorCode.BadRequest, r.message);
          return r;
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  async function runDueJobs(): Promise<number> {
    const due: CronJob[] = cron.due(clock());
    for (const job of due) {
      cron.markRun(job.id, clock());
      // A job never outlives its creator's permissions: a revoked contact's jobs stop.
      const creator = job.creator;
      const stillAllowed = creator.kind === "owner" || (creator.kind === "contact" && pairing.isContact(creator.channel, creator.id.slice(creator.channel.length + 1)));
      if (!stillAllowed) {
        cron.disable(job.id);
        audit({ kind: "gate", actor: creator.id, summary: `cron job #${job.id} disabled: its creator no longer holds the permission` });
        continue;
      }
      const address = parseSessionKey(job.sessionKey);
      // INVARIANT: a job keeps the labels of the turn that created it, forever. A prompt written in an untrusted
      // turn is not the owner's words: it runs as `job:<id>`, and the session carries the creating turn's origins.
      if (job.tainted) {
        const current = parseStoredLabel(transcripts.label(job.sessionKey)) ?? emptySessionLabel;
        transcripts.setLabel(job.sessionKey, { ...current, tainted: true, sources: [...new Set([...current.sources, ...job.taintSources])].slice(-64) });
      }
      const source = job.tainted ? `job:${job.id}` : creator.kind === "owner" ? "owner" : `contact:${creator.id}`;
      const outcome = await underDeadline(undefined, (signal) => chat.handle({ address, principal: { ...creator }, text: job.prompt, source, signal }));
      // The job's answer goes where the job was created: the owner's clients, or the creator's own chat.
      const to = address.channel === "webchat" ? "owner" : address.peer;
      const sent = await messageChannels.send(address.channel, to, `[scheduled job #${job.id}] ${outcome.reply}`);
      if (!sent.ok) audit({ kind: "tool", actor: creator.id, summary: `cron job #${job.id} reply not delivered: ${sent.error}` });
    }
    return due.length;
  }

  let timer: NodeJS.Timeout | undefined;
  const loginSweep = setInterval(() => {
    logins.sweep();
    accessLog.sweep();
  }, 15_000);
  loginSweep.unref();
  return {
    db,
    storage,
    ops,
    transcripts,
    chat,
    provider,
    handlers,
    approvals,
    cron,
    pairing,
    pipeline,
    workspaceFs,
    sandbox,
    scanner,
    tools,
    runDueJobs,
    async startChannels() {
      await pipeline.start();
      timer = setInterval(() => void runDueJobs().catch((error: unknown) => log.warn({ error: String(error) }, "scheduled job failed")), 15_000);
      timer.unref();
    },
    async startGateway(o = {}) {
      return startGateway({
        bind: o.bind ?? config.gateway.bind,
        port: o.port ?? config.gateway.port,
        auth: { mode: config.gateway.auth.mode, token: gatewayToken, password: config.gateway.auth.password, verifyToken: createGatewayTokenVerifier(config, paths, env.gatewayToken) },
        lockout: config.gateway.auth.rateLimit,
        extraOrigins: config.gateway.allowedOrigins,
        maxFrameBytes: config.gateway.maxFrameBytes,
        preAuthTimeoutMs: config.gateway.preAuthTimeoutMs,
        limits: {
          maxSendBufferBytes: config.gateway.maxSendBufferBytes,
          maxConcurrentTurnsPerClient: config.gateway.maxConcurrentTurnsPerClient,
          headersTimeoutMs: config.gateway.headersTimeoutMs,
          requestTimeoutMs: config.gateway.requestTimeoutMs,
        },
        handlers,
        webchat: loadWebchatAssets(),
        clock,
        monotonic,
        log: (level, message, data) => log[level](data ?? {}, message),
        onAuth: (e) => logins.record(e),
      });
    },
    async close() {
      shutdown.abort(new WardenError(ErrorCode.Cancelled, "The gateway is shutting down; the turn was stopped."));
      // Cancelled turns finish writing their transcripts before the database closes (bounded: 5 s).
      let waited: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => (waited = setTimeout(r, 5000)))]);
      clearTimeout(waited);
      if (timer) clearInterval(timer);
      clearInterval(loginSweep);
      if (probe) clearInterval(probe);
      logins.flush();
      accessLog.flush();
      approvals.close();
      await pipeline.stop().catch(() => undefined);
      await safeFetch.close();
      ops.activityLog.flush();
      db.close();
    },
  };
}
