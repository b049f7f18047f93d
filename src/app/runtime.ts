/**
 * The composition root: builds the object graph from config, state paths and what the CLI read from the
 * environment, and nothing else — every decision lives in the module named for it. Nothing below this file
 * reads `process.env`.
 */
import { realpathSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { homedir } from "node:os";
import { ensurePrivateDir } from "../ops/secrets/private-files.ts";
import { describeLayoutProblem, protectedInsideWorkspace } from "../state/layout.ts";
import { createStorageHealth } from "../state/storage-guard.ts";
import { WardenError, ErrorCode } from "../core/errors.ts";
import type { Json } from "../core/types.ts";
import { resolveGatewayToken } from "./gateway-token.ts";
import { activityAnchorFile, createOpsServices } from "./ops-services.ts";
import { checkEmptiedFile } from "../ops/activity-log/external-anchor.ts";
import { prepareOpsAtStart } from "./ops-start.ts";
import { recordConfigChange } from "./config-drift.ts";
import { createSettingsService } from "./settings-service.ts";
import { coreMigrations, openStateDatabase } from "./migrations.ts";
import { retentionPolicyOf, startRetentionSweeps } from "./retention-schedule.ts";
import { createLoginActivity } from "../ops/activity-log/login-activity.ts";
import { createAccessActivity } from "../ops/activity-log/access-activity.ts";
import { createTranscriptStore } from "../sessions/transcripts.ts";
import { createApprovalService } from "../approvals/approvals.ts";
import { approvalPromptActions, approvalPromptText } from "../approvals/approval-prompt.ts";
import { createCronStore } from "../cron/store.ts";
import { createFileMarks, createSnapshotStore, createWorkspaceFs } from "../fs/index.ts";
import { createSafeFetch, createSystemResolver } from "../net/index.ts";
import { loadBundledGitleaksRules } from "../scan/gitleaks-rules.ts";
import { createSecretScanner } from "../scan/secrets.ts";
import { createPairingStore } from "../channels/pairing-store.ts";
import type { FlowState } from "../gate/types.ts";
import type { StoredMessage } from "../sessions/transcripts.ts";
import type { AuditSink } from "./policy-types.ts";
import { createChatService, type TurnPolicy, type TurnRequest } from "./chat-service.ts";
import { createMessageChannels } from "./message-channels.ts";
import { buildChannelAdapters, channelPolicies } from "./channels-wiring.ts";
import { providerFromConfig } from "./provider-config.ts";
import { createTurnRunner } from "./turn-runner.ts";
import { createEventHub, createOwnerNotifier } from "./owner-notices.ts";
import { createBuiltinTools } from "./tools-wiring.ts";
import { createMcpWiring } from "./mcp-wiring.ts";
import { createSkillsWiring } from "./skills-wiring.ts";
import { createLinkFilterPool, defaultLinkFilterPool } from "./link-filter-pool.ts";
import { createOwnerCommands } from "./owner-commands.ts";
import { createChannelTurns } from "./channel-turns.ts";
import { createCronRunner } from "./cron-runner.ts";
import { createSecurityOverview } from "./security-overview.ts";
import { createMcpControlWiring } from "./mcp-wiring.ts";
import { createGatewayMethods } from "./gateway-methods.ts";
import { createSignalLinker } from "../channels/signal/signal-link.ts";
import { channelSetups, describeChannelSetups } from "../channels/channel-setup.ts";
import { watchStorage } from "./storage-watch.ts";
import { startConfiguredGateway } from "./gateway-start.ts";
import type { Runtime, RuntimeOptions } from "./runtime-types.ts";

export type { Runtime, RuntimeEnv, RuntimeOptions, RuntimeOverrides } from "./runtime-types.ts";
export { coreMigrations };

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
  // A damaged database is refused here (quick_check), with the recovery steps, rather than failing every turn. A
  // scratch copy is not: its template was checked when it was made, and the copy is its bytes, made by this process.
  const scratch = options.scratchState === true;
  const db = openStateDatabase(paths, { health: storage, integrityCheck: !scratch, durability: scratch ? "scratch" : "durable", extraMigrations: options.extraMigrations });
  const ops = createOpsServices({ db, paths, config, clock, randomBytes, env });
  // A start's checks of the state dir's history (a wiped activity log, config drift) and what it records (the start
  // entry, the config's fingerprint) are for the next start: a scratch copy has no history and never starts again.
  if (!scratch) prepareOpsAtStart({ ops, db, paths });
  // Transcripts are encrypted at rest; secrets in tool output are redacted before they are stored.
  const transcripts = createTranscriptStore({ db, clock, seal: ops.transcriptCipher.seal, open: ops.transcriptCipher.open });
  const retention = startRetentionSweeps({ ops, transcripts, policy: retentionPolicyOf(config), clock, log });
  const audit: AuditSink = options.audit ?? ((entry) => ops.activityLog.append({ kind: entry.kind, actor: entry.actor, summary: entry.summary, ...(entry.data ? { data: JSON.parse(JSON.stringify(entry.data)) as Json } : {}) }));
  const provider = providerFromConfig(config, env, options.providerRetries, overrides.providerFetch);
  const turns = createTurnRunner({ turnTimeoutSeconds: config.providers.turnTimeoutSeconds });
  // The ring of the store `ops` opened (the same file and key): not a second store reading and decrypting it again.
  const gatewayToken = resolveGatewayToken(config, paths, env.gatewayToken, ops.tokenRing);
  // Secrets Warden knows by value never leave toward anyone but the owner, and logs never show them.
  const scanner = createSecretScanner({ rules: loadBundledGitleaksRules, knownSecrets: ops.knownSecrets });

  const workspaceFs = createWorkspaceFs({ workspace: paths.workspace, protectedDirs: [paths.home, paths.keys], snapshots: createSnapshotStore({ db, dir: paths.snapshots }), maxReadBytes: config.tools.fs.maxReadBytes, maxWriteBytes: config.tools.fs.maxWriteBytes });
  const resolve = overrides.resolve ?? createSystemResolver();
  const safeFetch = createSafeFetch({ resolve, exempt: overrides.exempt, allowHosts: config.tools.web.allowHosts, maxBytes: config.tools.web.maxBytes, timeoutMs: config.tools.web.timeoutMs });
  const cron = createCronStore({ db, clock });
  const pairing = createPairingStore({ db, clock, randomBytes });
  const liveFlow = new Map<string, FlowState>();

  const adapters = [...(await buildChannelAdapters(config, log, clock, options.channels)), ...(overrides.extraChannels ?? []).map((c) => c.adapter)];
  const policies = channelPolicies(config, overrides.extraChannels ?? [], options.channels);
  const events = createEventHub();
  const messages = createMessageChannels({
    adapters: () => adapters,
    pairing,
    ownerIds: (channel) => policies.get(channel)?.ownerIds ?? [],
    knownPeers: (channel) => new Set(transcripts.listSessions().filter((s) => s.channel === channel).map((s) => s.peer)),
    toOwnerClients: events.toOwnerClients,
  });
  const notifyOwner = createOwnerNotifier({ events, policies, pairing, adapters: () => adapters });
  const builtin = await createBuiltinTools({
    config, paths, workspace, log, workspaceFs, safeFetch, exempt: overrides.exempt, resolve, messages, cron, clock,
    onEgress: (d) => audit({ kind: "tool", actor: "system", summary: `exec network ${d.decision === "allow" ? "allowed" : "refused"}: ${d.method} ${d.host}:${d.port}`, data: { ...d } }),
    flowOf: (key) => liveFlow.get(key), homeDir: overrides.homeDir, sandbox: overrides.sandbox, persistAllowRule: options.addExecAllowRule,
    onNoRule: (why) => audit({ kind: "gate", actor: "owner", summary: `approve always: no rule kept (${why})` }),
    onRunLaterUndone: (e) => audit({ kind: "alert", actor: "system", summary: `exec: undid ${e.undone.length} file(s) the command left that run later outside the sandbox`, data: { reason: "exec.run_later_undone", command: e.command.slice(0, 500), cwd: e.cwd, undone: e.undone.slice(0, 50) } }),
  });
  const { sandbox, approveAlways } = builtin;
  const tools = [...builtin.tools, ...(options.extraTools ?? [])];
  const mcpConnect = { sandbox, workspace, hiddenPaths: [paths.home, paths.keys, overrides.homeDir ?? homedir()], secretOf: (name: string) => ops.secrets.get(name), resolve, ...(overrides.exempt ? { exempt: overrides.exempt } : {}), ...(overrides.mcpInProcess ? { inProcess: overrides.mcpInProcess } : {}) };
  // A session Warden holds no labels for is decided as an untrusted one (fail closed).
  const mcp = createMcpWiring({ config, db, clock, audit, notifyOwner, reserved: () => tools.map((t) => t.name), connect: mcpConnect, tainted: (key) => liveFlow.get(key)?.tainted ?? true, shell: builtin.shell });

  const skills = createSkillsWiring({ config, paths, workspace, sandbox, hiddenPaths: [paths.home, paths.keys, overrides.homeDir ?? homedir()], secretOf: (name) => ops.secrets.get(name), audit, notifyOwner, resolve, ...(overrides.exempt ? { exempt: overrides.exempt } : {}) });

  const approvals = createApprovalService({
    db, clock, monotonic, ttlMs: config.approvals.ttlMs,
    onRequested: (view) => {
      const answer = overrides.autoAnswer?.(view);
      if (answer) queueMicrotask(() => approvals.resolve(view.id, answer, "simulated-owner"));
    },
  });
  approvals.subscribe(({ type, approval }) => {
    events.broadcast({ type: "event", event: type === "requested" ? "approval.requested" : "approval.resolved", payload: approval });
    if (type === "requested") notifyOwner(approvalPromptText(approval), undefined, { actions: approvalPromptActions(approval) });
  });
  // Long replies' links are checked in a worker thread: parsing 100 KB of Markdown would hold every client's turn.
  const linkFilter = createLinkFilterPool(defaultLinkFilterPool);
  // The gate and its readers (~50 modules, ~4 MB resident) load with the first turn: an idle gateway does not hold them.
  let guarded: Promise<TurnPolicy> | undefined;
  const loadPolicy = async () => {
    const [{ createGuardedPolicy }, { createWorkspaceSecrets }] = await Promise.all([import("./policy-wiring.ts"), import("./workspace-secrets.ts")]);
    return createGuardedPolicy({
      config, tools: () => [...tools, ...mcp.tools(), ...skills.tools()], approvals, transcripts, scanner, knownSecrets: ops.knownSecrets, messages, ops, provider, audit, notifyOwner, approveAlways, clock,
      rememberFlow: (key, state) => liveFlow.set(key, state), fileMarks: createFileMarks({ db, workspace }), documents: workspaceFs,
      rewriteLinks: linkFilter.rewrite, shell: builtin.shell, workspaceSecrets: createWorkspaceSecrets({ workspace, scanner }),
    });
  };
  // A load that failed (out of file handles, a file mid-update) is tried again with the next turn, not kept.
  const policyOnce = () => guarded ??= loadPolicy().catch((error: unknown) => { guarded = undefined; throw error; });
  const policy = async (request: TurnRequest, history: readonly StoredMessage[]) => (await policyOnce())(request, history);
  const chat = createChatService({
    provider: () => provider, transcripts, policy, clock, maxSteps: config.agent.maxSteps, maxOutputTokens: config.agent.maxOutputTokens, maxHistoryChars: config.agent.maxHistoryChars,
    // Secrets the model saw in a turn are not kept in the transcript (logging.redactSensitive: tools).
    redactStored: config.logging.redactSensitive === "tools" ? (text) => scanner.redact(text) : undefined,
  });
  const ownerCommands = createOwnerCommands({ approvals, transcripts, forgetFlow: (key) => liveFlow.delete(key), audit });

  // Strangers' messages are aggregated per channel per minute, failed logins per source; owner traffic never is.
  // Through `audit`, like every gate entry: the red-team runner reads access decisions from that sink.
  const accessLog = createAccessActivity({ append: (input) => audit({ kind: "gate", actor: input.actor, summary: input.summary, data: (input.data ?? {}) as Record<string, unknown> }), monotonic, windowMs: 60_000 });
  const logins = createLoginActivity({ append: (input) => ops.activityLog.append(input), monotonic, windowMs: 60_000 });
  const pipeline = createChannelTurns({ config, adapters, policies, pairing, chat, turns, ownerCommands, accessLog, clock, audit, notifyOwner });
  const storageWatch = watchStorage({ storage, db, clock, monotonic, log, activityLog: ops.activityLog, notifyOwner, lossSources: [logins, accessLog], checkAnchor: () => {
    // A file emptied under the gateway still reads whole through this connection (its write-ahead log): its size tells.
    const emptied = checkEmptiedFile(paths.database, activityAnchorFile(paths));
    return emptied.ok ? ops.activityLog.checkAnchor() : emptied;
  } });
  const settings = createSettingsService({ db, configFile: paths.config, clock, onWritten: (text, actor) => recordConfigChange(ops, text, actor) });
  const handlers = createGatewayMethods({ agentId: config.agent.id, channelsLine: describeChannelSetups(channelSetups(config), config.channels.webchat.enabled), chat, turns, ownerCommands, transcripts, approvals, pairing, pipeline, storage, storageWatch, provider, sandbox, events, monotonic, settings, usage: ops.usageReport, activity: ops.activityLog, signalLink: createSignalLinker({ httpUrl: config.channels.signal.httpUrl }),
    cron, audit, skills: () => skills.list(), mcp: createMcpControlWiring({ config, db, clock, connect: mcpConnect, audit }), security: createSecurityOverview({ home: paths.home, sandbox, scanner, nodeVersion: process.version, uid: process.getuid?.() ?? null }) });
  const runDueJobs = createCronRunner({ cron, pairing, transcripts, chat, turns, messages, audit, clock });

  let cronTimer: NodeJS.Timeout | undefined;
  const sweep = setInterval(() => {
    logins.sweep();
    accessLog.sweep();
  }, 15_000);
  sweep.unref();
  return {
    db, storage, ops, transcripts, chat, provider, handlers, approvals, cron, pairing, pipeline, workspaceFs, sandbox, scanner, tools, mcp, runDueJobs,
    async startChannels() {
      // Never waits on a platform: channels start in the background; `close` cancels and awaits them.
      pipeline.launch();
      void mcp.start();
      cronTimer = setInterval(() => void runDueJobs().catch((error: unknown) => log.warn({ error: String(error) }, "scheduled job failed")), 15_000);
      cronTimer.unref();
    },
    async startGateway(o) {
      return startConfiguredGateway({ config, paths, envToken: env.gatewayToken, gatewayToken, handlers, clock, monotonic, log, onAuth: (e) => logins.record(e), overrides: o });
    },
    async close() {
      // Cancelled turns finish writing their transcripts before the database closes (bounded: 5 s).
      await turns.shutdown();
      if (cronTimer) clearInterval(cronTimer);
      clearInterval(sweep);
      retention.stop();
      storageWatch.stop();
      logins.flush();
      accessLog.flush();
      approvals.close();
      await pipeline.stop().catch(() => undefined);
      await safeFetch.close();
      await mcp.close();
      await builtin.close();
      await skills.close();
      await linkFilter.close();
      ops.activityLog.flush();
      db.close();
    },
  };
}
