/**
 * What each gateway method does: a chat turn for the owner's control client (owner commands first), and the
 * request/response methods (history, approvals, pairing, status). The gateway has parsed the frame already.
 */
import type { GatewayHandlers } from "../gateway/server.ts";
import type { EventHub } from "./owner-notices.ts";
import type { Principal } from "../core/types.ts";
import { WardenError, ErrorCode } from "../core/errors.ts";
import { resolveClientSession } from "../sessions/session-key.ts";
import { isResetCommand } from "../channels/owner-command.ts";
import type { ApprovalService } from "../approvals/approvals.ts";
import type { PairingStore } from "../channels/pairing-store.ts";
import type { InboundPipeline } from "../channels/inbound-pipeline.ts";
import type { TranscriptStore } from "../sessions/transcripts.ts";
import type { StorageHealth } from "../state/storage-guard.ts";
import type { ProviderChoice } from "../providers/select.ts";
import type { ChatService } from "./chat-service.ts";
import type { OwnerCommands } from "./owner-commands.ts";
import type { TurnRunner } from "./turn-runner.ts";
import type { StorageWatch } from "./storage-watch.ts";
import { storageStatusView } from "./storage-watch.ts";
import type { SettingsService } from "./settings-service.ts";
import type { UsageReport } from "../ops/limits/usage-report.ts";
import type { ActivityLog } from "../ops/activity-log/activity-log.ts";
import { parseStoredLabel } from "./session-label-store.ts";
import type { SandboxAvailability } from "../sandbox/index.ts";
import type { SignalLinker } from "../channels/signal/signal-link.ts";
import type { CronStore } from "../cron/store.ts";
import type { SecurityOverview } from "./security-overview.ts";
import type { AuditSink } from "./policy-types.ts";
import type { McpControl } from "../mcp/mcp-control.ts";
import type { InstalledSkillView } from "../skills/skill-store.ts";

const ownerPrincipal: Principal = { kind: "owner", id: "gateway:owner", channel: "webchat" };

/**
 * A signal that follows `client`'s abort unless `asking()` holds at that moment; then it never aborts. Never
 * throws: an `asking()` that throws counts as false. `release()` once the turn is over: a connection lives for many
 * turns, and a listener left on its signal per turn would run thousands of checks when it closes.
 */
export function keepWhileAsking(client: AbortSignal, asking: () => boolean): { signal: AbortSignal; release(): void } {
  const kept = new AbortController();
  const onAbort = () => {
    let waits = false;
    try {
      waits = asking();
    } catch {
      // Runs in an event listener (the socket's close, perhaps after shutdown closed the store): a check that
      // cannot be made stops the turn, as before, and never escapes.
    }
    if (!waits) kept.abort(client.reason);
  };
  if (client.aborted) onAbort();
  else client.addEventListener("abort", onAbort, { once: true });
  return { signal: kept.signal, release: () => client.removeEventListener("abort", onAbort) };
}

export function createGatewayMethods(deps: {
  agentId: string;
  /** `warden status`'s channels line: what this gateway runs, what is configured but off. */
  channelsLine: string;
  chat: ChatService;
  turns: TurnRunner;
  ownerCommands: OwnerCommands;
  transcripts: Pick<TranscriptStore, "history" | "listSessions" | "label">;
  approvals: Pick<ApprovalService, "list" | "resolve">;
  pairing: Pick<PairingStore, "list">;
  pipeline: Pick<InboundPipeline, "approvePairing" | "health">;
  storage: Pick<StorageHealth, "status">;
  storageWatch: Pick<StorageWatch, "lostEntries" | "historyProblem">;
  provider: ProviderChoice;
  sandbox: SandboxAvailability;
  events: EventHub;
  monotonic: () => number;
  settings: SettingsService;
  usage: () => UsageReport;
  activity: Pick<ActivityLog, "tail" | "verify">;
  signalLink: SignalLinker;
  cron: Pick<CronStore, "list" | "remove">;
  security: () => Promise<SecurityOverview>;
  audit: AuditSink;
  mcp: McpControl;
  skills: () => InstalledSkillView[];
}): GatewayHandlers {
  const startedAt = deps.monotonic();
  return {
    async chat(params, onDelta, signal, pace) {
      const answer = deps.ownerCommands.answerApproval(params.text, "control-client");
      if (answer !== undefined) return { session: "owner", reply: answer };
      const address = resolveClientSession(deps.agentId, params.session);
      if (isResetCommand(params.text)) return { session: address.key, reply: deps.ownerCommands.resetSession(address.key) };
      // The owner's client going away (Ctrl-C, a closed tab) stops the turn, unless the turn waits for the owner's
      // approval: that request stays pending, to be answered elsewhere or to expire, and the turn goes on.
      const client = keepWhileAsking(signal, () => deps.approvals.list({ status: "pending" }).some((a) => a.sessionKey === address.key));
      let outcome: Awaited<ReturnType<ChatService["handle"]>>;
      try {
        outcome = await deps.turns.run(client.signal, (turn) => deps.chat.handle({ address, principal: ownerPrincipal, text: params.text, source: "owner", onDelta: (d) => onDelta(address.key, d), signal: turn, ...(pace ? { pace } : {}) }));
      } finally {
        client.release();
      }
      return { session: outcome.session, reply: outcome.reply, ...(outcome.error ? { error: outcome.error } : {}) };
    },
    methods: {
      "chat.history": async (params) => {
        const address = resolveClientSession(deps.agentId, params.session);
        return { session: address.key, messages: deps.transcripts.history(address.key) };
      },
      "approvals.list": async () => ({ approvals: deps.approvals.list({ status: "pending" }) }),
      "approvals.resolve": async (params) => deps.approvals.resolve(params.approvalId, params.decision, "control-client"),
      "pairing.list": async (params) => deps.pairing.list(params.channel),
      status: async () => {
        const historyLost = deps.storageWatch.historyProblem();
        const current = deps.storage.status();
        const channels = deps.pipeline.health.list();
        const provider = deps.provider;
        const usage = deps.usage();
        return {
          ok: current.ok && historyLost === undefined && channels.every((h) => h.state !== "degraded" && h.state !== "failed"),
          storage: storageStatusView(current),
          lostActivityEntries: deps.storageWatch.lostEntries(),
          ...(historyLost !== undefined ? { historyLost } : {}),
          channels: channels.map((h) => ({ ...h, since: new Date(h.since).toISOString() })),
          channelsLine: deps.channelsLine,
          uptimeSeconds: Math.round((deps.monotonic() - startedAt) / 1000),
          model: provider.ok ? `${provider.provider.id}/${provider.provider.model}` : null,
          sandbox: deps.sandbox.kind === "bubblewrap" ? { active: true, detail: `bubblewrap at ${deps.sandbox.path}` } : { active: false, detail: deps.sandbox.why },
          pendingApprovals: deps.approvals.list({ status: "pending" }).length,
          usageToday: { tokens: usage.tokens.today, costUsd: usage.costUsd.today },
          pid: process.pid,
        };
      },
      "sessions.list": async () => ({
        sessions: deps.transcripts.listSessions().map((s) => {
          const label = parseStoredLabel(deps.transcripts.label(s.key));
          return { ...s, tainted: label?.tainted ?? false, confidentiality: label?.confidentiality ?? "public", sources: (label?.sources ?? []).slice(0, 8) };
        }),
      }),
      "sessions.reset": async (params) => ({ reply: deps.ownerCommands.resetSession(params.session) }),
      "usage.get": async () => deps.usage(),
      "activity.tail": async (params) => ({ entries: deps.activity.tail(params.limit ?? 200).filter((e) => e.seq > (params.afterSeq ?? 0)) }),
      "activity.verify": async () => deps.activity.verify(),
      "settings.get": async () => deps.settings.view(),
      "settings.preview": async (params) => deps.settings.preview(params.key, params.value),
      "settings.set": async (params) => ({ changes: deps.settings.set(params.key, params.value, "control-client") }),
      "settings.rollback": async (params) => ({ changes: deps.settings.rollback(params.version, "control-client") }),
      "signal.link.start": async () => {
        const started = await deps.signalLink.start();
        // The QR encoder loads when a link is first started, not at gateway start.
        const { linkQrModules } = await import("../channels/signal/signal-link.ts");
        return { uri: started.uri, qr: await linkQrModules(started.uri) };
      },
      "signal.link.finish": async (params) => {
        const linked = await deps.signalLink.finish(params.uri, params.deviceName ?? "Warden");
        return { account: linked.number ?? null };
      },
      "cron.list": async () => ({ jobs: deps.cron.list() }),
      "cron.remove": async (params) => {
        const removed = deps.cron.remove(params.id);
        if (removed) deps.audit({ kind: "gate", actor: "owner", summary: `cron job #${params.id} removed from a control client`, data: { job: params.id } });
        return { removed };
      },
      "security.overview": async () => deps.security(),
      "mcp.list": async () => ({ servers: deps.mcp.list() }),
      "skills.list": async () => ({ skills: deps.skills() }),
      "mcp.inspect": async (params) => deps.mcp.inspect(params.server),
      "mcp.approve": async (params) => deps.mcp.approve(params.server, params.tools, params.effect, "control-client"),
      "mcp.revoke": async (params) => ({ removed: deps.mcp.revoke(params.server, params.tool, "control-client") }),
      "settings.schema": async () => ({ schema: deps.settings.schema() }),
      "settings.raw": async () => deps.settings.raw(),
      "settings.previewRaw": async (params) => deps.settings.previewRaw(params.text, params.revision),
      "settings.setRaw": async (params) => ({ changes: deps.settings.setRaw(params.text, params.revision, "control-client") }),
      "pairing.approve": async (params) => {
        const r = await deps.pipeline.approvePairing(params.channel, params.code, "control-client", { notify: true, asOwner: params.owner === true });
        if (!r.ok) throw new WardenError(ErrorCode.BadRequest, r.message);
        return r;
      },
    },
    subscribe: (listener) => deps.events.subscribe(listener),
  };
}
