/**
 * The inbound pipeline: adapter message → owner check → rate limits (per sender; non-owners also share a
 * per-channel pool) → access control → (stranger: pairing reply via the adapter | drop | owner command |
 * accepted → `onAccepted`). The agent only ever sees what `onAccepted` receives; strangers' messages never get
 * there. Every outcome is logged with a stable reason id and without the message text.
 *
 * Owner traffic first: adapters deliver in order (Telegram), so nothing a stranger or contact sends may hold
 * the delivery loop. Strangers' pairing replies go out detached and bounded; turns run detached in two lanes
 * (owner, everyone else), each with its own concurrency cap, so a flood never takes the owner's slots.
 *
 * Channels start in the background under a supervisor: `launch` returns at once, a start that fails is
 * retried (backoff with jitter; credential and conflict faults slowly), and each channel's state is on
 * `health`. `stop` cancels starts under way and waits for them.
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
import { createChannelHealthBoard, DefaultRetryPolicy, faultOf, pause, retryDelayMs, stateOfFault } from "./channel-health.ts";
import type { ChannelHealthBoard, RetryPolicy } from "./channel-health.ts";

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

/** Something the owner should hear about a channel (and the activity log should record). No message text. */
export type ChannelNotice = {
  channel: string;
  /** `channel.degraded`, `channel.failed`, `channel.recovered`, `channel.reply_lost`. */
  kind: string;
  summary: string;
  /** Tell the owner (not only the activity log). */
  owner: boolean;
  data: Record<string, unknown>;
};

export type AcceptedContext = {
  /** The session under the configured scope, built once here. */
  address: SessionAddress;
  /** `address.key`: `agent:<agentId>:<channel>:<kind>:<peer>`. */
  sessionKey: string;
  /** Sends the reply (the adapter retries what is safe to retry). Never throws: a lost reply is logged and told. */
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
  /**
   * `limits.messages.perSenderPerMinute` applies to everyone, strangers included (the owner has a bucket of
   * their own). Everyone but the owner also draws from one pool per channel (default 10 × the per-sender rate).
   */
  rateLimit?: { perSenderPerMinute: number; perChannelPerMinute?: number; maxTrackedSenders?: number };
  /** Deliver edited messages to the agent (default false: an edit is not a new instruction). */
  acceptEdits?: boolean;
  session?: { agentId: string; scope?: SessionScope };
  /** `onAccepted` calls that may run at once per lane (owner; everyone else), default 16; beyond, turns queue. */
  maxInFlight?: number;
  /** Turns that may wait for a slot per lane (default 256); beyond, the message is dropped (`inbound.busy`). */
  maxQueued?: number;
  /** Strangers being paired (store write and reply) at once (default 32); beyond, no code is issued (logged). */
  maxStrangerPairings?: number;
  /** Backoff for channel starts that fail. */
  retry?: RetryPolicy;
  /** Channel health changes and lost replies, for the owner and the activity log. Must not throw. */
  notify?: (notice: ChannelNotice) => void;
};

export type InboundPipeline = {
  /**
   * Runs one message through the pipeline. Never throws. Resolves once the message is decided; for an
   * accepted message `onAccepted` may still be running, and a stranger's pairing still under way (see `idle`).
   */
  handle(msg: InboundMessage): Promise<InboundOutcome>;
  /** Resolves when no `onAccepted` call or stranger reply is running or queued. */
  idle(): Promise<void>;
  /** Starts every adapter in the background under the supervisor; returns at once. */
  launch(): void;
  /** `launch`, then waits until every adapter's first start attempt has settled (started, or failed and retrying). */
  start(): Promise<void>;
  /** Cancels starts under way, stops every adapter, waits for running turns. */
  stop(): Promise<void>;
  /** Each channel's state (starting, running, degraded, failed, stopped) with the reason, the fix and since. */
  readonly health: ChannelHealthBoard;
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
  // One pool per channel for everyone but the owner: a flood of distinct strangers drains it, not the owner.
  const pool = options.rateLimit === undefined ? undefined : senderRateLimiter({
    perSenderPerMinute: options.rateLimit.perChannelPerMinute ?? options.rateLimit.perSenderPerMinute * 10, maxTrackedSenders: 1_000,
  }, clock);
  const inFlight = new Set<Promise<void>>();
  const lanes = { owner: createLane(options.maxInFlight, options.maxQueued), others: createLane(options.maxInFlight, options.maxQueued) };
  const strangerTasks = new Set<Promise<void>>();
  const maxStrangerPairings = Math.max(1, options.maxStrangerPairings ?? 32);
  const health = createChannelHealthBoard(clock);
  const retry = options.retry ?? DefaultRetryPolicy;
  let lifecycle = new AbortController();
  const supervisors = new Map<string, Promise<void>>();

  function notify(notice: ChannelNotice): void {
    try {
      options.notify?.(notice);
    } catch {
      // A broken notice sink must not take a channel down.
    }
  }

  // Health changes become notices: faults that need a person (credential, conflict) and their recovery reach
  // the owner; transient ones only the activity log (a flaky network would otherwise page the owner).
  health.subscribe((now, before) => {
    const needsPerson = now.fault === "credential" || now.fault === "conflict";
    if (now.state === "degraded" || now.state === "failed") {
      notify({
        channel: now.channel, kind: `channel.${now.state}`, owner: needsPerson,
        summary: `channel ${now.channel} ${now.state}: ${now.reason ?? "unknown fault"}${now.fix ? `. Fix: ${now.fix}` : ""}`,
        data: { state: now.state, reason: now.reason ?? null, fix: now.fix ?? null, since: now.since },
      });
    } else if (now.state === "running" && (before?.state === "degraded" || before?.state === "failed")) {
      const minutes = Math.max(1, Math.round((now.since - before.since) / 60_000));
      notify({
        channel: now.channel, kind: "channel.recovered", owner: before.fault === "credential" || before.fault === "conflict",
        summary: `channel ${now.channel} recovered after about ${minutes} min ${before.state} (${before.reason ?? "unknown fault"})`,
        data: { state: now.state, was: before.state, reason: before.reason ?? null, since: before.since, until: now.since },
      });
    }
  });

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

  /**
   * A stranger's pairing (a store write, then the reply) off the delivery loop: it starts after the current
   * batch of updates is handled, so an owner message in that batch never waits for it. Bounded.
   */
  function pairDetached(msg: InboundMessage, adapter: ChannelAdapter, why: Reason): void {
    const task: Promise<void> = (async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      // INVARIANT: this path never calls onAccepted; the only thing the stranger gets is the code.
      const r = pairing.request(msg.channel, msg.senderId, {
        ...(msg.senderName === undefined ? {} : { senderName: msg.senderName }), chatId: msg.chat.id,
      });
      if (r.kind === "limited") return void write(msg, "pairing", why, { pairing: { result: "limited", reason: r.reason } });
      if (r.kind === "existing" && !r.resend) return void write(msg, "pairing", why, { pairing: { result: "suppressed" } });
      write(msg, "pairing", why, { pairing: { result: r.kind === "new" ? "new" : "resent" } });
      await send(adapter, { chatId: msg.chat.id, kind: msg.chat.kind }, pairingReplyText(msg.channel, r.code, r.expiresAt, clock()));
    })().catch((error: unknown) => {
      write(msg, "dropped", reason("inbound.error", `pairing failed: ${describeError(error)}`));
    }).finally(() => strangerTasks.delete(task));
    strangerTasks.add(task);
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
    // INVARIANT: the owner is known before any stranger work; the owner never draws from the channel pool.
    const owner = msg.senderId !== "" && isOwnerSender(msg, policy, state);
    if (limiter !== undefined && !limiter.take(`${msg.channel}\u0000${msg.senderId}`).ok) {
      return write(msg, "dropped", reason("inbound.rate_limited", "the sender is over `limits.messages.perSenderPerMinute`"));
    }
    if (!owner && pool !== undefined && !pool.take(msg.channel).ok) {
      return write(msg, "dropped", reason("inbound.channel_rate_limited", `non-owner messages on \`${msg.channel}\` are over the channel's pool (10 × \`limits.messages.perSenderPerMinute\`)`));
    }
    if (msg.edited && options.acceptEdits !== true) {
      return write(msg, "dropped", reason("inbound.edit_ignored", "edited messages are not delivered to the agent"));
    }
    const decision: AccessDecision = decideAccess(msg, policy, state);
    if (decision.outcome === "drop") return write(msg, "dropped", decision.reason);
    if (decision.outcome === "pairing") {
      // Logged when decided (`pairDetached`); a full backlog is logged here and costs nothing more.
      if (strangerTasks.size >= maxStrangerPairings) {
        return write(msg, "pairing", decision.reason, { pairing: { result: "limited", reason: reason("inbound.stranger_backlog", "too many strangers are being answered; no pairing code this time") } });
      }
      pairDetached(msg, adapter, decision.reason);
      return "pairing";
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
      reply: async (text) => {
        try {
          await adapter.send(target, text);
        } catch (error) {
          // The adapter already retried what was safe to resend; the reply is lost: say so, without its text.
          write(msg, "accepted", reason("inbound.reply_lost", `the reply could not be delivered: ${describeError(error)}`), { principal: decision.outcome === "owner" ? "owner" : "contact" });
          const to = decision.outcome === "owner" ? "you" : (msg.senderName ?? msg.senderId);
          notify({
            channel: msg.channel, kind: "channel.reply_lost", owner: true,
            summary: `a reply to ${to} on ${msg.channel} was lost: ${describeError(error)}`,
            data: { chat: msg.chat.id, messageId: msg.messageId, principal: decision.outcome },
          });
        }
      },
      typing: async () => {
        await adapter.typing?.(target);
      },
    };
    const acceptedAs: "owner" | "contact" = decision.outcome;
    // The agent turn runs detached: an adapter that delivers in order (Telegram) must keep delivering while a
    // turn waits for the owner's `/approve`, or the approval could never arrive. Bounded instead of blocking:
    // beyond `maxInFlight` a turn waits in its lane's queue, and a full queue drops the message.
    const lane = acceptedAs === "owner" ? lanes.owner : lanes.others;
    if (lane.full()) return write(msg, "dropped", reason("inbound.busy", "too many turns are waiting; the message was not delivered"), { principal: acceptedAs });
    write(msg, "accepted", decision.reason, { principal: acceptedAs });
    const turn: Promise<void> = lane.run(async () => {
      try {
        await options.onAccepted(msg, principal, ctx);
      } catch (error) {
        write(msg, "accepted", reason("inbound.handler_failed", `the agent handler failed: ${describeError(error)}`), { principal: acceptedAs });
      }
    }).finally(() => inFlight.delete(turn));
    inFlight.add(turn);
    return "accepted";
  }

  /** Starts one adapter, retrying a failed start until it runs or the pipeline stops. Never rejects. */
  async function supervise(adapter: ChannelAdapter, signal: AbortSignal, settled: () => void): Promise<void> {
    const deliver = async (msg: InboundMessage) => {
      // INVARIANT: an adapter speaks only for its own channel; a message claiming another is dropped.
      if (msg.channel !== adapter.id) {
        write(msg, "dropped", reason("inbound.channel_mismatch", `adapter \`${adapter.id}\` delivered a message for \`${msg.channel}\``));
        return;
      }
      await pipeline.handle(msg);
    };
    health.report(adapter.id, "starting");
    for (let failures = 0; !signal.aborted;) {
      try {
        const starting = adapter.start(deliver, { report: (s, fault) => health.report(adapter.id, s, fault), signal });
        await untilSettledOrAborted(starting, signal);
        if (signal.aborted) {
          starting.catch(() => undefined);
          break;
        }
        health.report(adapter.id, "running");
        settled();
        return;
      } catch (error) {
        if (signal.aborted) break;
        failures += 1;
        const fault = faultOf(error);
        health.report(adapter.id, stateOfFault(fault), fault);
        settled();
        await pause(retryDelayMs(fault, failures, retry), signal);
      }
    }
    settled();
  }

  const pipeline: InboundPipeline = {
    async handle(msg) {
      try {
        return await handleUnsafe(msg);
      } catch (error) {
        return write(msg, "dropped", reason("inbound.error", `the pipeline failed: ${describeError(error)}`));
      }
    },
    launch() {
      void launchAll();
    },
    async start() {
      await launchAll();
    },
    async idle() {
      while (inFlight.size > 0 || strangerTasks.size > 0) await Promise.allSettled([...inFlight, ...strangerTasks]);
    },
    async stop() {
      lifecycle.abort();
      const running = [...supervisors.values()];
      supervisors.clear();
      await Promise.allSettled(running);
      await Promise.allSettled(options.adapters.map((a) => a.stop()));
      for (const a of options.adapters) if (health.get(a.id) !== undefined) health.report(a.id, "stopped");
      await this.idle();
      lifecycle = new AbortController();
    },
    approvePairing,
    health,
  };

  /** Launches a supervisor per adapter not yet supervised; resolves when each has settled its first attempt. */
  function launchAll(): Promise<void> {
    const firsts: Promise<void>[] = [];
    for (const adapter of options.adapters) {
      if (supervisors.has(adapter.id)) continue;
      let settled!: () => void;
      firsts.push(new Promise<void>((r) => (settled = r)));
      supervisors.set(adapter.id, supervise(adapter, lifecycle.signal, () => settled()));
    }
    return Promise.all(firsts).then(() => undefined);
  }

  return pipeline;
}

/** Waits for `promise`, or only until `signal` aborts (a start stuck on an unreachable platform). */
async function untilSettledOrAborted(promise: Promise<void>, signal: AbortSignal): Promise<void> {
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<void>((resolve) => {
    onAbort = () => resolve();
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    await Promise.race([promise, aborted]);
  } finally {
    if (onAbort !== undefined) signal.removeEventListener("abort", onAbort);
  }
}

/** A concurrency lane: at most `max` tasks run at once, at most `maxQueued` wait (FIFO). */
function createLane(max = 16, maxQueued = 256) {
  const limit = Math.max(1, max);
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    full: () => running >= limit && waiting.length >= Math.max(0, maxQueued),
    async run(task: () => Promise<void>): Promise<void> {
      if (running >= limit) await new Promise<void>((r) => waiting.push(r));
      else running += 1;
      try {
        await task();
      } finally {
        // INVARIANT: a finishing task hands its slot straight to the next waiter, so `running` never overshoots.
        const next = waiting.shift();
        if (next !== undefined) next();
        else running -= 1;
      }
    },
  };
}
