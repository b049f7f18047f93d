/**
 * Channel messages into turns: the inbound pipeline (rate limit, access, pairing, owner commands) with what an
 * accepted message does — the owner's `/new`, else a turn whose sources say whose words each part is.
 */
import type { Json } from "../core/types.ts";
import type { WardenConfig } from "../config/schema.ts";
import type { ChannelAdapter } from "../channels/types.ts";
import type { ChannelAccessPolicy } from "../channels/access-control.ts";
import type { PairingStore } from "../channels/pairing-store.ts";
import { createInboundPipeline, type InboundPipeline } from "../channels/inbound-pipeline.ts";
import { isResetCommand } from "../channels/owner-command.ts";
import type { ChatService } from "./chat-service.ts";
import type { OwnerCommands } from "./owner-commands.ts";
import type { TurnRunner } from "./turn-runner.ts";
import type { AccessActivity } from "../ops/activity-log/access-activity.ts";
import type { AuditSink } from "./policy-types.ts";

export function createChannelTurns(deps: {
  config: WardenConfig;
  adapters: readonly ChannelAdapter[];
  policies: ReadonlyMap<string, ChannelAccessPolicy>;
  pairing: PairingStore;
  chat: ChatService;
  turns: TurnRunner;
  ownerCommands: OwnerCommands;
  /** Access decisions, aggregated for strangers (see `createAccessActivity`). */
  accessLog: Pick<AccessActivity, "record">;
  clock: () => number;
  audit: AuditSink;
  notifyOwner: (text: string, except?: string) => void;
}): InboundPipeline {
  const { config, chat, ownerCommands } = deps;
  return createInboundPipeline({
    adapters: deps.adapters,
    access: (channel) => deps.policies.get(channel),
    pairing: deps.pairing,
    onAccepted: async (msg, principal, ctx) => {
      const address = ctx.address;
      if (principal.kind === "owner" && isResetCommand(msg.text)) {
        await ctx.reply(ownerCommands.resetSession(address.key));
        return;
      }
      await ctx.typing().catch(() => undefined);
      // INVARIANT: only what the owner typed is the owner's. A forward is someone else's words; a quote too.
      // `forwarded:`/`quoted:` name what the OWNER brought in; what a contact forwards or quotes is the contact's.
      const owner = principal.kind === "owner";
      const own = owner ? "owner" : `contact:${principal.id}`;
      const source = msg.forwardedFrom !== undefined && owner ? `forwarded:${msg.forwardedFrom}` : own;
      const preamble = msg.quotedText !== undefined && msg.quotedText !== "" ? [{ text: `[quoted message]\n${msg.quotedText}`, source: owner ? `quoted:${msg.channel}` : own }] : undefined;
      const outcome = await deps.turns.run(undefined, (signal) => chat.handle({ address, principal, text: msg.text, source, ...(preamble ? { preamble } : {}), signal }));
      await ctx.reply(outcome.reply);
    },
    onOwnerCommand: async (cmd, principal) => ownerCommands.answerApproval(`/${cmd.kind} ${cmd.id}`, principal.id),
    log: (entry) => deps.accessLog.record(entry, { kind: "gate", actor: "access", summary: `access ${entry.outcome}`, data: entry as unknown as Json }),
    clock: deps.clock,
    rateLimit: { perSenderPerMinute: config.limits.messages.perSenderPerMinute },
    session: { agentId: config.agent.id, scope: config.session.scope },
    // Channel faults and lost replies: the activity log always, the owner (WebChat and other channels) when it matters.
    notify: (notice) => {
      deps.audit({ kind: "alert", actor: `channel:${notice.channel}`, summary: notice.summary, data: { notice: notice.kind, ...notice.data } });
      if (notice.owner) deps.notifyOwner(`Warden: ${notice.summary}`, notice.channel);
    },
  });
}
