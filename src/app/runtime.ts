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
import { createGatewayTokenVerifier, resolveGatewayToken } from "./gateway-token.ts";
import { createOpsServices, prepareOpsAtStart, type OpsServices } from "./ops-services.ts";
import { coreMigrations } from "./migrations.ts";
import { openDatabase, type Migration } from "../state/database.ts";
import { createTranscriptStore, type TranscriptStore } from "../sessions/transcripts.ts";
import { parseSessionKey, resolveClientSession, type SessionAddress } from "../sessions/session-key.ts";
import { selectProvider, type ProviderChoice } from "../providers/select.ts";
import { createChatService, type ChatService, type TurnRequest } from "./chat-service.ts";
import { startGateway, type GatewayHandlers, type RunningGateway } from "../gateway/server.ts";
import type { EventFrame } from "../gateway/protocol.ts";
import { loadWebchatAssets } from "../webchat/assets.ts";
import { WardenError, ErrorCode } from "../core/errors.ts";
import type { Json, Principal } from "../core/types.ts";
import { createApprovalService, type ApprovalService, type ApprovalView, type ApprovalAnswer } from "../approvals/approvals.ts";
import { createCronStore, type CronStore, type CronJob } from "../cron/store.ts";
import { createSnapshotStore, createWorkspaceFs, type WorkspaceFs } from "../fs/index.ts";
import { createSafeFetch, createSystemResolver, type ResolveHost, type ExemptEndpoint, type SafeFetch } from "../net/index.ts";
import { createShellAnalyzer, type AllowRule } from "../exec/index.ts";
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
import { createTurnPolicy, type AuditSink } from "./turn-policy.ts";
import { createMessageChannels } from "./message-channels.ts";
import type { LabelledData, TaintState } from "../gate/types.ts";
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

export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, paths, env, clock, log } = options;
  const overrides = options.overrides ?? {};
  ensurePrivateDir(paths.home);
  ensurePrivateDir(paths.workspace);
  // Every policy compares against the workspace's real path, so a symlinked workspace is still one place.
  const workspace = realpathSync(paths.workspace);
  const db = openDatabase(paths.database, [...coreMigrations, ...(options.extraMigrations ?? [])]);
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
  const scanner = createSecretScanner({ rules: loadBundledGitleaksRules(), knownSecrets: known });
  const baseSecrets: LabelledData[] = [...known.map((k) => ({ label: k.name, value: k.value })), { label: "system prompt", value: config.agent.systemPrompt }];

  // Tools.
  const snapshots = createSnapshotStore({ db, dir: paths.snapshots });
  const workspaceFs = createWorkspaceFs({ workspace: paths.workspace, snapshots, maxReadBytes: config.tools.fs.maxReadBytes, maxWriteBytes: config.tools.fs.maxWriteBytes });
  const resolve = overrides.resolve ?? createSystemResolver();
  const safeFetch: SafeFetch = createSafeFetch({ resolve, exempt: overrides.exempt, allowHosts: config.tools.web.allowHosts, maxBytes: config.tools.web.maxBytes, timeoutMs: config.tools.web.timeoutMs });
  const analyzer = await createShellAnalyzer();
  const sandbox: SandboxAvailability = overrides.sandbox ?? (config.tools.exec.sandbox === "off" ? { kind: "none", why: "tools.exec.sandbox is off", shell: "/bin/bash" } as SandboxAvailability : await detectSandbox());
  if (sandbox.kind === "none") log.warn({ why: sandbox.why }, "exec runs WITHOUT a sandbox: every command needs the owner's approval");
  const runner = createSandboxRunner({ availability: sandbox });
  const home = overrides.homeDir ?? homedir();
  const execAllow: AllowRule[] = config.tools.exec.allow.map((r) => ({ binary: r.binary, argv: r.argv, match: r.match }));
  const cron = createCronStore({ db, clock });
  const pairing = createPairingStore({ db, clock, randomBytes });
  const liveTaint = new Map<string, TaintState>();

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
      hiddenPaths: [paths.home, home],
      network: config.tools.exec.network,
      timeoutMs: config.tools.exec.timeoutMs,
      maxOutputBytes: config.tools.exec.maxOutputBytes,
    }),
    ...createFileTools({ fs: workspaceFs, workspace: workspace }),
    createWebFetchTool({ fetch: safeFetch, resolve, exempt: overrides.exempt, allowHosts: config.tools.web.allowHosts }),
    createMessageTool(messageChannels),
    createCronTool({ store: cron, clock, taintOf: (key) => ({ tainted: liveTaint.get(key)?.tainted ?? false, sources: liveTaint.get(key)?.sources ?? [] }) }),
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
    ttlMs: config.approvals.ttlMs,
    onRequested: (view) => {
      const answer = overrides.autoAnswer?.(view);
      if (answer) queueMicrotask(() => approvals.resolve(view.id, answer, "simulated-owner"));
    },
  });
  approvals.subscribe(({ type, approval }) => {
    broadcast({ type: "event", event: type === "requested" ? "approval.requested" : "approval.resolved", payload: approval });
    if (type === "requested") {
      notifyOwner(`Approval ${approval.id} (${approval.risk} risk): ${approval.summary}\nWhy: ${approval.reasons.map((r) => r.message).join("; ")}${approval.provenance.length ? `\n${approval.provenance.join("; ")}` : ""}\nAnswer with /approve ${approval.id} or /deny ${approval.id} (or \`warden approvals approve ${approval.id}\`).`);
    }
  });

  const isOwnerSession = (address: SessionAddress) => address.channel === "webchat" || address.channel === "main" || messageChannels.isOwner(address.channel, address.peer);
  const cronTaint = new Map<string, readonly string[]>();
  const policy = createTurnPolicy({
    tools,
    approvals,
    systemPrompt: config.agent.systemPrompt,
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
      const command = (args as { command: string }).command;
      const analysis = analyzer.analyze(command);
      const only = analysis.commands.length === 1 && analysis.problems.length === 0 ? analysis.commands[0] : undefined;
      const argv = only?.argv.map((w) => (w.literal ? w.value : null));
      if (!argv || argv.some((w) => w === null) || argv.length === 0) return;
      const rule: AllowRule = { binary: argv[0] as string, argv: argv.slice(1) as string[], match: "exact" };
      execAllow.push(rule);
      options.addExecAllowRule?.(rule);
    },
    inheritedSources: (request: TurnRequest) => cronTaint.get(request.address.key) ?? [],
    rememberTaint: (key, state) => liveTaint.set(key, state),
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

  const pipeline = createInboundPipeline({
    adapters,
    access: (channel) => policies.get(channel),
    pairing,
    onAccepted: async (msg, principal, ctx) => {
      const address = parseSessionKey(ctx.sessionKey);
      await ctx.typing().catch(() => undefined);
      const outcome = await underDeadline(undefined, (signal) => chat.handle({ address, principal, text: msg.text, source: principal.kind === "owner" ? "owner" : `contact:${principal.id}`, signal }));
      await ctx.reply(outcome.reply);
    },
    onOwnerCommand: async (cmd, principal) => ownerCommand(`/${cmd.kind} ${cmd.id}`, principal.id),
    log: (entry) => audit({ kind: "gate", actor: "access", summary: `access ${entry.outcome}`, data: entry as unknown as Record<string, unknown> }),
    clock,
    rateLimit: { perSenderPerMinute: config.limits.messages.perSenderPerMinute },
    session: { agentId: config.agent.id, scope: config.session.scope },
  });

  const handlers: GatewayHandlers = {
    async chat(params, onDelta, signal) {
      const answer = await ownerCommand(params.text, "control-client");
      if (answer !== undefined) return { session: "owner", reply: answer };
      const address = resolveClientSession(config.agent.id, params.session);
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
        case "pairing.approve": {
          const r = await pipeline.approvePairing(String(params.channel), String(params.code), "control-client", { notify: true });
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
      if (job.tainted) cronTaint.set(job.sessionKey, job.taintSources.map((s) => `cron-tainted:${s}`));
      const address = parseSessionKey(job.sessionKey);
      const outcome = await underDeadline(undefined, (signal) => chat.handle({ address, principal: { ...creator }, text: job.prompt, source: creator.kind === "owner" ? "owner" : `contact:${creator.id}`, signal }));
      cronTaint.delete(job.sessionKey);
      // The job's answer goes where the job was created: the owner's clients, or the creator's own chat.
      const to = address.channel === "webchat" ? "owner" : address.peer;
      const sent = await messageChannels.send(address.channel, to, `[scheduled job #${job.id}] ${outcome.reply}`);
      if (!sent.ok) audit({ kind: "tool", actor: creator.id, summary: `cron job #${job.id} reply not delivered: ${sent.error}` });
    }
    return due.length;
  }

  let timer: NodeJS.Timeout | undefined;
  return {
    db,
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
        log: (level, message, data) => log[level](data ?? {}, message),
        onAuth: (e) => ops.activityLog.append({ kind: "login", actor: e.remote, summary: `${e.via} ${e.ok ? "login" : e.lockedOut ? "refused (locked out)" : "failed login"}`, data: { ok: e.ok, via: e.via } }),
      });
    },
    async close() {
      shutdown.abort(new WardenError(ErrorCode.Cancelled, "The gateway is shutting down; the turn was stopped."));
      // Cancelled turns finish writing their transcripts before the database closes (bounded: 5 s).
      let waited: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => (waited = setTimeout(r, 5000)))]);
      clearTimeout(waited);
      if (timer) clearInterval(timer);
      approvals.close();
      await pipeline.stop().catch(() => undefined);
      await safeFetch.close();
      db.close();
    },
  };
}
