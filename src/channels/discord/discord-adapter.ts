/**
 * The Discord adapter: `@discordjs/rest` (with `@discordjs/core`'s typed routes) for REST and `@discordjs/ws` for the
 * gateway WebSocket. It normalizes `MESSAGE_CREATE`/`MESSAGE_UPDATE` and sends text; it never decides who may talk
 * to the agent, and never logs or throws the bot token. No caches of users, members or messages: the only state
 * is a bounded map from user to DM channel, so a flood of strangers costs a fixed amount of memory.
 *
 * Faults, as for every channel (channel-health.ts):
 * - start: `GET /users/@me`, then the gateway (IDENTIFY → READY), bounded by a timeout and the stop signal. A 401 or
 *   a close with 4004 is a `credential` fault; 4014 (an intent the application may not use) is one too, with the
 *   fix; anything else is `transient`. Start leaves nothing running when it fails; the supervisor retries.
 * - running: when the connection drops the library RESUMEs (Discord replays what was missed); we make every
 *   reconnect wait with backoff and jitter first (through its session store hook) and report `degraded` until READY
 *   or RESUMED. A fatal close (token reset, intents) ends the library's loop: we report it and reconnect from
 *   scratch, slowly, so a restored token recovers by itself.
 * - sends: Discord has an idempotency key (`nonce` with `enforce_nonce`), so the library's retries on 5xx,
 *   timeouts and resets can never post a reply twice. Rate limits are honoured from the `X-RateLimit-*` headers;
 *   a wait longer than 30 s fails the send instead of holding the reply.
 *
 * Every message goes out with embeds suppressed (no link previews: Discord itself would fetch a link the agent
 * wrote) and with mentions disabled (a hijacked model cannot ping @everyone or a role).
 *
 * Buttons (`send`'s `actions`, e.g. Approve/Deny under an approval prompt) carry their command in `custom_id`; a
 * press is acknowledged and delivered as that command typed by the presser, so the pipeline's owner checks decide.
 */
import { randomBytes } from "node:crypto";
import { API, ButtonStyle, ComponentType, GatewayCloseCodes, GatewayDispatchEvents, GatewayIntentBits, MessageFlags } from "@discordjs/core/http-only";
import type { APIActionRowComponent, APIButtonComponentWithCustomId } from "@discordjs/core/http-only";
import { DiscordAPIError, HTTPError, RateLimitError, REST } from "@discordjs/rest";
import { WebSocketManager, WebSocketShardEvents } from "@discordjs/ws";
import type { SessionInfo } from "@discordjs/ws";
import { WardenError, ErrorCode, describeError } from "../../core/errors.ts";
import { redactSecrets } from "../secret-file.ts";
import { splitText } from "../split-text.ts";
import type { ChannelAdapter, InboundHandler, InboundMessage, MessageAction, OutboundTarget, SendOptions } from "../types.ts";
import { silentLogger, withRedaction, type Logger } from "../../core/logger.ts";
import { DefaultRetryPolicy, pause, retryDelayMs, stateOfFault } from "../channel-health.ts";
import type { ChannelFault, HealthReporter, RetryPolicy } from "../channel-health.ts";
import { createDeliveryQueue, createSendHealth, superviseConnection } from "../adapter-runtime.ts";
import { ActionIdPrefix, MaxActionIdLength, normalizeDiscordInteraction, normalizeDiscordMessage } from "./normalize-message.ts";

export type DiscordAdapterOptions = {
  token: string;
  /** REST base (`channels.discord.apiRoot`, default `https://discord.com/api`); the gateway URL comes from it. */
  apiRoot?: string;
  /** Ask for the privileged Message Content intent (guild messages that do not mention the bot). */
  messageContentIntent?: boolean;
  clock: () => number;
  log?: Logger;
  id?: string;
  /** Backoff for gateway faults (default: 1 s doubling to 60 s; credential faults every ~30 s). */
  retry?: RetryPolicy;
  random?: () => number;
  /** How long a start may wait for READY (default 30 s). */
  startTimeoutMs?: number;
  /** Most users whose DM channel is remembered (default 10,000; the oldest is forgotten first). */
  maxDmChannels?: number;
  /** Most gateway messages waiting for the handler (default 1,000); beyond, new ones are dropped and logged. */
  maxBacklog?: number;
};

/** Discord's message length limit in characters (UTF-16 code units is the safe reading). */
export const DiscordMaxText = 2000;
/** The longest platform-requested wait we sit through before a send; longer fails the send (as on Telegram). */
const MaxRateLimitWaitMs = 30_000;

const FatalCloses: Record<number, { reason: string; fix: string }> = {
  [GatewayCloseCodes.AuthenticationFailed]: {
    reason: "Discord rejected the bot token (gateway close 4004): it was reset or is wrong",
    fix: "copy the bot token again from the Developer Portal (Bot → Reset Token), run `warden secrets set channels.discord.botToken`, then restart the gateway",
  },
  [GatewayCloseCodes.DisallowedIntents]: {
    reason: "Discord refused the Message Content intent (gateway close 4014): it is not enabled for this application",
    fix: "enable Message Content Intent in the Developer Portal (Bot → Privileged Gateway Intents), or set `channels.discord.messageContentIntent` to false",
  },
  [GatewayCloseCodes.InvalidIntents]: { reason: "Discord refused the gateway intents (close 4013)", fix: "report this as a Warden bug" },
  [GatewayCloseCodes.InvalidAPIVersion]: { reason: "Discord refused the gateway API version (close 4012)", fix: "update Warden" },
  [GatewayCloseCodes.ShardingRequired]: { reason: "Discord requires sharding for this bot (close 4011: in too many servers)", fix: "Warden runs one shard; remove the bot from servers it does not need" },
  [GatewayCloseCodes.InvalidShard]: { reason: "Discord refused the shard (close 4010)", fix: "report this as a Warden bug" },
};

/** Turns a REST, gateway or network error into a fault with a secret-free reason and the fix. */
export function classifyDiscordError(error: unknown, closeCode?: number): ChannelFault {
  const fatal = closeCode === undefined ? undefined : FatalCloses[closeCode];
  if (fatal !== undefined) return { kind: "credential", ...fatal };
  if (error instanceof DiscordAPIError) {
    if (error.status === 401) {
      return {
        kind: "credential", reason: `Discord rejected the bot token (${error.status} ${error.message})`,
        fix: "copy the bot token again from the Developer Portal (Bot → Reset Token), run `warden secrets set channels.discord.botToken`, then restart the gateway",
      };
    }
    return { kind: "transient", reason: `Discord answered ${error.status} ${error.message}` };
  }
  if (error instanceof RateLimitError) {
    return { kind: "transient", reason: `Discord is rate limiting the bot (${Math.round(error.retryAfter)} ms on ${error.route})`, retryAfterMs: Math.min(MaxRateLimitWaitMs, Math.max(0, error.retryAfter)) };
  }
  if (error instanceof HTTPError) return { kind: "transient", reason: `Discord answered HTTP ${error.status}` };
  return { kind: "transient", reason: `cannot reach Discord (${describeError(error)})`, fix: "check the network and `channels.discord.apiRoot`" };
}

function intentsOf(messageContent: boolean): number {
  const base = GatewayIntentBits.GuildMessages | GatewayIntentBits.DirectMessages;
  return messageContent ? base | GatewayIntentBits.MessageContent : base;
}

type Gateway = { manager: WebSocketManager; closed: Promise<ChannelFault> };

/** Buttons for a message: one row of at most 5; an action whose command does not fit a `custom_id` is left out. */
function buttonsOf(actions: readonly MessageAction[]): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const buttons = actions
    .filter((a) => ActionIdPrefix.length + a.command.length <= MaxActionIdLength)
    .slice(0, 5)
    .map((a): APIButtonComponentWithCustomId => ({
      type: ComponentType.Button,
      style: a.style === "danger" ? ButtonStyle.Danger : ButtonStyle.Primary,
      label: a.label.slice(0, 80),
      custom_id: `${ActionIdPrefix}${a.command}`,
    }));
  return buttons.length === 0 ? [] : [{ type: ComponentType.ActionRow, components: buttons }];
}

/** `promise`'s value, or undefined as soon as `signal` aborts (the promise is left to settle on its own). */
async function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return undefined;
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<undefined>((resolve) => {
    onAbort = () => resolve(undefined);
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, aborted]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

export function createDiscordAdapter(options: DiscordAdapterOptions): ChannelAdapter {
  const id = options.id ?? "discord";
  const secrets = [options.token];
  const policy = options.retry ?? DefaultRetryPolicy;
  const random = options.random ?? Math.random;
  const maxDmChannels = Math.max(1, options.maxDmChannels ?? 10_000);
  const log = withRedaction(options.log ?? silentLogger(), (text) => redactSecrets(text, secrets));
  const classify = (error: unknown, closeCode?: number): ChannelFault => {
    const fault = classifyDiscordError(error, closeCode);
    return { ...fault, reason: redactSecrets(fault.reason, secrets) };
  };
  const rest = new REST({
    ...(options.apiRoot === undefined ? {} : { api: options.apiRoot }),
    version: "10",
    retries: 3,
    timeout: 15_000,
    rejectOnRateLimit: (limit) => limit.timeToReset > MaxRateLimitWaitMs,
  });
  const api = new API(rest);
  // INVARIANT: bounded; insertion order is recency, the oldest entry goes first.
  const dmChannels = new Map<string, string>();
  let bot: { id: string } | undefined;
  let handler: InboundHandler | undefined;
  let report: HealthReporter | undefined;
  let gateway: Gateway | undefined;
  let loop: Promise<void> | undefined;
  let run = new AbortController();
  const queue = createDeliveryQueue({ label: "discord", log, maxBacklog: options.maxBacklog ?? 1_000, handler: () => handler });
  const sendHealth = createSendHealth(() => report);
  // Managers let go of (stopped, failed, replaced): their pending reconnects never open a socket.
  const released = new WeakSet<WebSocketManager>();

  function rememberDm(userId: string, channelId: string): void {
    dmChannels.delete(userId);
    dmChannels.set(userId, channelId);
    if (dmChannels.size > maxDmChannels) dmChannels.delete(dmChannels.keys().next().value as string);
  }

  /** Delivers in gateway order, one at a time, with a bounded backlog: a flood costs a fixed amount of memory. */
  function deliver(message: InboundMessage): void {
    queue.push(message);
  }

  function onDispatch(payload: { t?: unknown; d?: unknown }): void {
    if (handler === undefined || bot === undefined) return;
    if (payload.t === GatewayDispatchEvents.InteractionCreate) {
      onInteraction(payload.d, bot);
      return;
    }
    const edited = payload.t === GatewayDispatchEvents.MessageUpdate;
    if (payload.t !== GatewayDispatchEvents.MessageCreate && !edited) return;
    const normalized = normalizeDiscordMessage(payload.d, bot, options.clock(), { edited, channel: id });
    if (normalized === null) {
      log.debug("discord: ignored a message (not text from a person, or no content without the Message Content intent)");
      return;
    }
    if (normalized.dmChannelId !== undefined) rememberDm(normalized.message.senderId, normalized.dmChannelId);
    deliver(normalized.message);
  }

  /** A press of one of our buttons: acknowledged at once (Discord wants it within 3 s), then delivered as its command. */
  function onInteraction(payload: unknown, identity: { id: string }): void {
    const pressed = normalizeDiscordInteraction(payload, identity, options.clock(), id);
    if (pressed === null) {
      log.debug("discord: ignored an interaction (not one of our buttons)");
      return;
    }
    // Nothing visible changes: the answer comes as a message, from whatever the pipeline decides.
    api.interactions.deferMessageUpdate(pressed.interaction.id, pressed.interaction.token)
      .catch((error: unknown) => log.warn(`discord: acknowledging a button failed: ${classify(error).reason}`));
    if (pressed.dmChannelId !== undefined) rememberDm(pressed.message.senderId, pressed.dmChannelId);
    deliver(pressed.message);
  }

  /**
   * One gateway connection: a fresh manager whose reconnects wait with backoff and whose session lives here (the
   * library's default store is shared by every manager in the process). `closed` resolves with the fault that
   * ended the library's own recovery (a fatal close). Resolves once READY; rejects with a `ChannelFault` cause.
   */
  async function connectGateway(signal: AbortSignal): Promise<Gateway> {
    // A 401 clears the library's token; every connection sets it again, so a restored token works.
    rest.setToken(options.token);
    let session: SessionInfo | null = null;
    let lost = false;
    let closes = 0;
    let lastClose: number | undefined;
    let settleClosed: (fault: ChannelFault) => void = () => undefined;
    const closed = new Promise<ChannelFault>((resolve) => {
      settleClosed = resolve;
    });
    const manager: WebSocketManager = new WebSocketManager({
      token: options.token,
      intents: intentsOf(options.messageContentIntent ?? false),
      rest,
      shardCount: 1,
      shardIds: [0],
      helloTimeout: 20_000,
      readyTimeout: 15_000,
      // The library calls this before every connection: the hook where its reconnects wait with backoff.
      retrieveSessionInfo: async () => {
        if (closes > 0 && !released.has(manager)) {
          const wait = retryDelayMs({ kind: "transient", reason: "reconnect" }, closes, policy, random);
          log.info(`discord: gateway reconnecting in ${Math.round(wait)} ms (attempt ${closes})`);
          await pause(wait, signal);
        }
        // INVARIANT: a stopped or released gateway never opens another socket: its reconnect waits forever.
        if (signal.aborted || released.has(manager)) await new Promise<never>(() => undefined);
        return session;
      },
      updateSessionInfo: (_shardId, info) => {
        session = info;
      },
    });
    const isCurrent = () => gateway?.manager === manager;
    manager.on(WebSocketShardEvents.Dispatch, (payload) => onDispatch(payload));
    manager.on(WebSocketShardEvents.Closed, (code) => {
      lastClose = code;
      closes += 1;
      if (!lost && isCurrent()) {
        lost = true;
        const fault: ChannelFault = { kind: "transient", reason: `the Discord gateway connection closed (code ${code}); resuming` };
        log.warn(`discord: ${fault.reason}`);
        report?.(stateOfFault(fault), fault);
      }
    });
    const recovered = () => {
      closes = 0;
      if (lost && isCurrent()) {
        lost = false;
        log.info("discord: gateway connection recovered");
        report?.("running");
      }
    };
    manager.on(WebSocketShardEvents.Ready, recovered);
    manager.on(WebSocketShardEvents.Resumed, recovered);
    // The library emits `error` for a fatal close (with no listener it would throw) and `socketError` for the network.
    manager.on(WebSocketShardEvents.Error, (error) => settleClosed(classify(error, lastClose)));
    manager.on(WebSocketShardEvents.SocketError, (error) => log.debug(`discord: gateway socket: ${describeError(error)}`));
    manager.on(WebSocketShardEvents.Debug, (message) => log.debug(`discord: ${message}`));

    const noReady: ChannelFault = { kind: "transient", reason: "the Discord gateway sent no READY in time" };
    const fatal = closed.then((fault) => {
      throw new WardenError(ErrorCode.Unavailable, `discord: ${fault.reason}${fault.fix ? `; ${fault.fix}` : ""}`, { cause: fault, retryable: true });
    });
    const limit = AbortSignal.any([signal, AbortSignal.timeout(options.startTimeoutMs ?? 30_000)]);
    try {
      await untilAborted(Promise.race([manager.connect(), fatal]), limit);
      if (signal.aborted) throw new WardenError(ErrorCode.Cancelled, "discord: stopped while connecting");
      if (limit.aborted) throw new WardenError(ErrorCode.Unavailable, `discord: ${noReady.reason}`, { cause: noReady, retryable: true });
    } catch (error) {
      await destroyGateway(manager);
      if (error instanceof WardenError) throw error;
      const fault = classify(error);
      throw new WardenError(ErrorCode.Unavailable, `discord: could not connect (${fault.reason})${fault.fix ? `; ${fault.fix}` : ""}`, { cause: fault, retryable: true });
    }
    return { manager, closed };
  }

  /** Closes a manager's sockets, including one still being opened (the library only closes an open one). */
  async function destroyGateway(manager: WebSocketManager): Promise<void> {
    released.add(manager);
    const strategy = (manager as unknown as { strategy?: { shards?: Map<number, { connection?: { terminate?: () => void; readyState?: number } | null }> } }).strategy;
    const shards = [...(strategy?.shards?.values() ?? [])];
    try {
      await manager.destroy({ reason: "Warden is stopping this connection" });
    } catch (error) {
      log.debug(`discord: destroy: ${describeError(error)}`);
    }
    for (const shard of shards) if (shard.connection?.readyState !== 3) shard.connection?.terminate?.();
    manager.removeAllListeners();
  }

  /** After start: waits for a fatal close, then reconnects from scratch with backoff, until stopped. */
  async function supervise(first: Gateway, signal: AbortSignal): Promise<void> {
    await superviseConnection({
      first, signal, label: "discord", log, policy, random, report: () => report,
      connect: connectGateway,
      ended: async (g, s) => (await untilAborted(g.closed, s)) ?? { kind: "transient", reason: "stopped" },
      release: (g) => destroyGateway(g.manager),
      current: (g) => {
        gateway = g;
      },
    });
  }

  async function dmChannelFor(userId: string): Promise<string> {
    const known = dmChannels.get(userId);
    if (known !== undefined) return known;
    const channel = await api.users.createDM(userId);
    rememberDm(userId, channel.id);
    return channel.id;
  }

  async function channelOf(target: OutboundTarget): Promise<string> {
    return target.kind === "dm" ? dmChannelFor(target.chatId) : target.chatId;
  }

  return {
    id,
    async start(onMessage, hooks = {}) {
      if (loop !== undefined) throw new WardenError(ErrorCode.BadRequest, "the discord adapter is already started");
      if (run.signal.aborted) run = new AbortController();
      const signal = hooks.signal === undefined ? run.signal : AbortSignal.any([run.signal, hooks.signal]);
      rest.setToken(options.token);
      try {
        const me = await api.users.getCurrent({ signal });
        bot = { id: me.id };
      } catch (error) {
        if (signal.aborted) throw new WardenError(ErrorCode.Cancelled, "discord: stopped while starting");
        const fault = classify(error);
        throw new WardenError(ErrorCode.Unavailable, `discord: could not start (${fault.reason})${fault.fix ? `; ${fault.fix}` : ""}`, { cause: fault, retryable: true });
      }
      handler = onMessage;
      report = hooks.report;
      let first: Gateway;
      try {
        first = await connectGateway(signal);
      } catch (error) {
        handler = undefined;
        report = undefined;
        throw error;
      }
      gateway = first;
      log.info(`discord: connected as ${bot.id}`);
      loop = supervise(first, signal).catch((error: unknown) => log.error(`discord: gateway loop ended: ${describeError(error)}`));
    },
    async stop() {
      handler = undefined;
      report = undefined;
      run.abort();
      const running = loop;
      loop = undefined;
      await running;
      const g = gateway;
      gateway = undefined;
      if (g !== undefined) await destroyGateway(g.manager);
      await queue.drained();
    },
    async send(target: OutboundTarget, text: string, sendOptions?: SendOptions) {
      try {
        const channelId = await channelOf(target);
        const chunks = splitText(text, DiscordMaxText);
        const components = buttonsOf(sendOptions?.actions ?? []);
        for (const [index, chunk] of chunks.entries()) {
          await api.channels.createMessage(channelId, {
            content: chunk,
            ...(index === chunks.length - 1 && components.length > 0 ? { components } : {}),
            // No link previews: an embed makes Discord itself fetch a link the agent wrote (a zero-click leak).
            flags: MessageFlags.SuppressEmbeds,
            // No pings: a hijacked model must not mention @everyone, roles or people.
            allowed_mentions: { parse: [] },
            // The idempotency key that makes the library's retries safe.
            nonce: randomBytes(12).toString("base64url"),
            enforce_nonce: true,
          });
        }
      } catch (error) {
        const fault = classify(error);
        sendHealth.failed(fault);
        throw new WardenError(ErrorCode.Unavailable, `discord: sending failed: ${fault.reason}`, { cause: fault });
      }
      sendHealth.succeeded();
    },
    async typing(target: OutboundTarget) {
      try {
        await api.channels.showTyping(await channelOf(target));
      } catch (error) {
        log.warn(`discord: typing failed: ${classify(error).reason}`);
      }
    },
  };
}
