/**
 * The inbound pipeline: adapter message → rate limit → access control → (stranger: pairing reply via the
 * adapter | drop | owner command | accepted → `onAccepted`). The agent only ever sees what `onAccepted`
 * receives; strangers' messages never get there. Every outcome is logged with a stable reason id and
 * without the message text.
 */
import { channelPrincipalId } from "../core/principal.ts";
import type { Reason } from "../core/decision.ts";
import type { Principal } from "../core/types.ts";
import { describeError } from "../core/errors.ts";
import { decideAccess, isOwnerSender } from "./access-control.ts";
import type { AccessDecision, ChannelAccessPolicy } from "./access-control.ts";
import type { ApproveResult, PairingStore } from "./pairing-store.ts";
import { createRateLimiter, type RateLimiter } from "../ops/limits/rate-limiter.ts";
import { looksLikeOwnerCommand, parseOwnerCommand } from "./owner-command.ts";
import type { OwnerCommand } from "./owner-command.ts";
import { resolveSessionAddress } from "./session-key.ts";
import type { SessionAddress } from "../sessions/session-key.ts";
import type { SessionScope } from "./session-key.ts";
import type { ChannelAdapter, InboundMessage, OutboundTarget } from "./types.ts";

export type InboundOutcome = "accepted" | "pairing" | "dropped" | "command";

/** One line per inbound message. Must never contain the message text or a secret. */
export type InboundLogEntry = {
  at: number;
  channel: string;
  senderId: string;
  chat: { kind: InboundMessage["chat"]["kind"]; id: string };
  messageId: string;
  outcome: InboundOutcome;
  principal?: "owner" | "contact";
  reason: Reason;
  /** For strangers: what the pairing store did. */
  pairing?: { result: "new" | "resent" | "suppressed" | "limited"; reason?: Reason };
};

export type AcceptedContext = {
  /** The session under the configured scope, built once here. */
  address: SessionAddress;
  /** `address.key`: `agent:<agentId>:<channel>:<kind>:<peer>`. */
  sessionKey: string;
  reply(text: string): Promise<void>;
  typing(): Promise<void>;
};

export type InboundPipelineOptions = {
  adapters: readonly ChannelAdapter[];
  /** The access policy for a channel; undefined means the channel is not configured (everything dropped). */
  access: (channel: string) => ChannelAccessPolicy | undefined;
  pairing: PairingStore;
  onAccepted: (msg: InboundMessage, principal: Principal, ctx: AcceptedContext) => Promise<void>;
  /** `/approve ID` and `/deny ID` from the owner's own DM; returns the text to answer with. */
  onOwnerCommand?: (cmd: Extract<OwnerCommand, { kind: "approve" | "deny" }>, principal: Principal) => Promise<string | undefined>;
  log: (entry: InboundLogEntry) => void;
  clock: () => number;
  /** `limits.messages.perSenderPerMinute`; applies to everyone, strangers included. */
  rateLimit?: { perSenderPerMinute: number; maxTrackedSenders?: number };
  /** Deliver edited messages to the agent (default false: an edit is not a new instruction). */
  acceptEdits?: boolean;
  session?: { agentId: string; scope?: SessionScope };
  /** Accepted messages whose `onAccepted` may run at once (default 16); beyond it, delivery waits. */
  maxInFlight?: number;
};

export type InboundPipeline = {
  /**
   * Runs one message through the pipeline. Never throws. Resolves once the message is decided; for an
   * accepted message `onAccepted` has been called but may still be running (see `idle`).
   */
  handle(msg: InboundMessage): Promise<InboundOutcome>;
  /** Resolves when no `onAccepted` call is running. */
  idle(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Approves a pairing code on behalf of `approvedBy` (`cli`, `control:<id>`, `<channel>:<owner>`) — callers
   * must already know it is the owner. With `notify`, tells the new contact on their channel.
   */
  /** `asOwner`: the explicit owner designation (`--owner`); without it the sender becomes a contact only. */
  approvePairing(channel: string, code: string, approvedBy: string, opts?: { notify?: boolean; asOwner?: boolean }): Promise<ApproveResult>;
};

function reason(id: string, message: string): Reason {
  return { id, message };
}

export function pairingReplyText(channel: string, code: string, expiresAt: number, now: number): string {
  const minutes = Math.max(1, Math.round((expiresAt - now) / 60_000));
  return [
    "This assistant does not know you yet, so your message was not delivered.",
    `Pairing code: ${code} (valid for ${minutes} min, single use).`,
    `Send it to the owner; they approve with: warden pairing approve ${channel} ${code}`,
  ].join("\n");
}

/** Per-sender token buckets: `perSenderPerMinute` is both the sustained rate and the burst. */
function senderRateLimiter(limit: { perSenderPerMinute: number; maxTrackedSenders?: number }, clock: () => number): RateLimiter {
  const capacity = Math.max(1, Math.floor(limit.perSenderPerMinute));
  return createRateLimiter({ clock, capacity, refillPerSecond: capacity / 60, maxKeys: Math.max(1, limit.maxTrackedSenders ?? 10_000) });
}

export function createInboundPipeline(options: InboundPipelineOptions): InboundPipeline {
  const { pairing, clock } = options;
  const adapters = new Map(options.adapters.map((a) => [a.id, a]));
  const limiter = options.rateLimit === undefined ? undefined : senderRateLimiter(options.rateLimit, clock);
  const started: ChannelAdapter[] = [];
  const inFlight = new Set<Promise<void>>();
  const maxInFlight = Math.max(1, options.maxInFlight ?? 16);

  const state = {
    isOwner: (channel: string, senderId: string) => pairing.getOwner(channel) === senderId,
    isContact: (channel: string, senderId: string) => pairing.isContact(channel, senderId),
  };

  function write(msg: InboundMessage, outcome: InboundOutcome, why: Reason, extra: Partial<InboundLogEntry> = {}): InboundOutcome {
    try {
      options.log({
        at: clock(), channel: msg.channel, senderId: msg.senderId, chat: { kind: msg.chat.kind, id: msg.chat.id },
        messageId: msg.messageId, outcome, reason: why, ...extra,
      });
    } catch {
      // A broken logger must not turn into a crash of the channel loop.
    }
    return outcome;
  }

  async function send(adapter: ChannelAdapter, target: OutboundTarget, text: string): Promise<void> {
    try {
      await adapter.send(target, text);
    } catch (error) {
      options.log({
        at: clock(), channel: adapter.id, senderId: "", chat: { kind: target.kind, id: target.chatId }, messageId: "",
        outcome: "dropped", reason: reason("inbound.send_failed", `sending a reply failed: ${describeError(error)}`),
      });
    }
  }

  async function approvePairing(channel: string, code: string, approvedBy: string, opts: { notify?: boolean; asOwner?: boolean } = {}): Promise<ApproveResult> {
    const policy = options.access(channel);
    // Config owners replace the stored owner, so an approval then never claims ownership.
    if (opts.asOwner === true && policy?.ownerIds !== undefined && policy.ownerIds.length > 0) {
      return { ok: false, error: "owner_exists", message: `\`${channel}\` has its owner in config (channels.${channel}.ownerIds); approve without --owner` };
    }
    const result = pairing.approve(channel, code, approvedBy, { claimOwner: opts.asOwner === true });
    const adapter = adapters.get(channel);
    if (result.ok && opts.notify === true && adapter !== undefined && result.contact.chatId !== undefined) {
      const text = result.becameOwner
        ? "You are paired, as the owner of this assistant on this channel."
        : "You are paired. You can now talk to this assistant.";
      await send(adapter, { chatId: result.contact.chatId, kind: "dm" }, text);
    }
    return result;
  }

  async function runOwnerCommand(msg: InboundMessage, cmd: OwnerCommand, principal: Principal, adapter: ChannelAdapter): Promise<void> {
    const target: OutboundTarget = { chatId: msg.chat.id, kind: msg.chat.kind };
    if (cmd.kind === "pair-list") {
      const pending = pairing.list(msg.channel).pending;
      const lines = pending.map((p) => `${p.code}  ${p.senderName ?? ""} (${p.senderId})`);
      await send(adapter, target, lines.length === 0 ? "No pending pairing requests." : `Pending:\n${lines.join("\n")}`);
      return;
    }
    if (cmd.kind === "pair-approve") {
      const channel = cmd.channel ?? msg.channel;
      if (channel !== msg.channel) {
        // Owners are per channel: one channel's owner must not grant (or claim ownership on) another.
        await send(adapter, target, `Approve ${channel} codes from the ${channel} owner's chat or with \`warden pairing approve\`.`);
        return;
      }
      const result = await approvePairing(channel, cmd.code, principal.id, { notify: true });
      await send(adapter, target, result.ok
        ? `Approved ${result.contact.senderName ?? result.contact.senderId} on ${channel}${result.becameOwner ? " as owner" : ""}.`
        : result.message);
      return;
    }
    if (options.onOwnerCommand === undefined) {
      await send(adapter, target, "Approvals are not available here.");
      return;
    }
    const answer = await options.onOwnerCommand(cmd, principal);
    if (answer !== undefined) await send(adapter, target, answer);
  }

  async function handleUnsafe(msg: InboundMessage): Promise<InboundOutcome> {
    const adapter = adapters.get(msg.channel);
    if (adapter === undefined) return write(msg, "dropped", reason("inbound.unknown_channel", `no adapter for \`${msg.channel}\``));
    const policy = options.access(msg.channel);
    if (policy === undefined) {
      return write(msg, "dropped", reason("access.no_policy", `\`${msg.channel}\` has no access policy: denying`));
    }
    if (limiter !== undefined && !limiter.take(`${msg.channel}\u0000${msg.senderId}`).ok) {
      return write(msg, "dropped", reason("inbound.rate_limited", "the sender is over `limits.messages.perSenderPerMinute`"));
    }
    if (msg.edited && options.acceptEdits !== true) {
      return write(msg, "dropped", reason("inbound.edit_ignored", "edited messages are not delivered to the agent"));
    }
    const decision: AccessDecision = decideAccess(msg, policy, state);
    if (decision.outcome === "drop") return write(msg, "dropped", decision.reason);
    if (decision.outcome === "pairing") {
      // INVARIANT: this branch never calls onAccepted; the only thing the stranger gets is the code.
      const r = pairing.request(msg.channel, msg.senderId, {
        ...(msg.senderName === undefined ? {} : { senderName: msg.senderName }), chatId: msg.chat.id,
      });
      const target: OutboundTarget = { chatId: msg.chat.id, kind: msg.chat.kind };
      if (r.kind === "limited") return write(msg, "pairing", decision.reason, { pairing: { result: "limited", reason: r.reason } });
      if (r.kind === "existing" && !r.resend) return write(msg, "pairing", decision.reason, { pairing: { result: "suppressed" } });
      await send(adapter, target, pairingReplyText(msg.channel, r.code, r.expiresAt, clock()));
      return write(msg, "pairing", decision.reason, { pairing: { result: r.kind === "new" ? "new" : "resent" } });
    }
    const principal: Principal = { kind: decision.outcome, id: channelPrincipalId(msg.channel, msg.senderId), channel: msg.channel };
    // A forwarded `/approve …` or `/pair approve CODE` is someone else's text (a stranger can hand the owner
    // one to forward): never a command; it reaches the agent as a forward like any other.
    if (msg.forwardedFrom === undefined && looksLikeOwnerCommand(msg.text)) {
      // Only the owner, only in their own DM, and re-checked here rather than trusted from the decision.
      if (decision.outcome !== "owner" || !isOwnerSender(msg, policy, state)) {
        return write(msg, "dropped", reason("inbound.command_not_owner", "only the owner may run approval commands"));
      }
      if (msg.chat.kind !== "dm") {
        return write(msg, "dropped", reason("inbound.command_in_group", "approval commands work only in the owner's DM"));
      }
      const cmd = parseOwnerCommand(msg.text);
      if (cmd === undefined) {
        await send(adapter, { chatId: msg.chat.id, kind: "dm" }, "Usage: /approve ID, /deny ID, /pair approve CODE, /pair list");
        return write(msg, "command", reason("command.invalid", "the command was not well formed"), { principal: "owner" });
      }
      await runOwnerCommand(msg, cmd, principal, adapter);
      return write(msg, "command", reason(`command.${cmd.kind}`, "owner command handled"), { principal: "owner" });
    }
    const target: OutboundTarget = { chatId: msg.chat.id, kind: msg.chat.kind };
    const address = resolveSessionAddress({
      agentId: options.session?.agentId ?? "main", channel: msg.channel, kind: msg.chat.kind,
      peer: msg.chat.kind === "dm" ? msg.senderId : msg.chat.id,
      principal: decision.outcome,
      ...(options.session?.scope === undefined ? {} : { scope: options.session.scope }),
    });
    const ctx: AcceptedContext = {
      address,
      sessionKey: address.key,
      reply: (text) => adapter.send(target, text),
      typing: async () => {
        await adapter.typing?.(target);
      },
    };
    const acceptedAs: "owner" | "contact" = decision.outcome;
    write(msg, "accepted", decision.reason, { principal: acceptedAs });
    // The agent turn runs detached: an adapter that delivers in order (Telegram) must keep delivering while a
    // turn waits for the owner's `/approve`, or the approval could never arrive. Backpressure instead of
    // unbounded concurrency: at `maxInFlight` the next accepted message waits for a slot.
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    const turn: Promise<void> = (async () => {
      try {
        await options.onAccepted(msg, principal, ctx);
      } catch (error) {
        write(msg, "accepted", reason("inbound.handler_failed", `the agent handler failed: ${describeError(error)}`), { principal: acceptedAs });
      }
    })().finally(() => inFlight.delete(turn));
    inFlight.add(turn);
    return "accepted";
  }

  return {
    async handle(msg) {
      try {
        return await handleUnsafe(msg);
      } catch (error) {
        return write(msg, "dropped", reason("inbound.error", `the pipeline failed: ${describeError(error)}`));
      }
    },
    async start() {
      for (const adapter of options.adapters) {
        try {
          await adapter.start(async (msg) => {
            // INVARIANT: an adapter speaks only for its own channel; a message claiming another is dropped.
            if (msg.channel !== adapter.id) {
              write(msg, "dropped", reason("inbound.channel_mismatch", `adapter \`${adapter.id}\` delivered a message for \`${msg.channel}\``));
              return;
            }
            await this.handle(msg);
          });
          started.push(adapter);
        } catch (error) {
          await this.stop();
          throw error;
        }
      }
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async stop() {
      const running = started.splice(0);
      await Promise.allSettled(running.map((a) => a.stop()));
      await this.idle();
    },
    approvePairing,
  };
}
