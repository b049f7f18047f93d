/**
 * The Signal adapter, over a signal-cli daemon's HTTP endpoint: JSON-RPC (`POST /api/v1/rpc`) for `send`,
 * `sendTyping` and `version`, Server-Sent Events (`GET /api/v1/events`) for incoming messages. It normalizes
 * `receive` events and sends text; it never decides who may talk to the agent. The daemon has no credentials: it
 * must listen on loopback only (the channel module refuses anything else), since whoever reaches it is the account.
 *
 * Faults, as for every channel (channel-health.ts):
 * - start: `GET /api/v1/check`, `version` (a signal-cli released more than 90 days ago is logged as a warning),
 *   then the event stream; a daemon that does not have the account is a `credential` fault with the fix, anything
 *   else `transient`. Start leaves nothing running when it fails; the supervisor retries.
 * - running: when the stream drops or goes silent the adapter reports `degraded` and reconnects with backoff and
 *   jitter, resuming with `Last-Event-ID` (the daemon replays the events it kept), then reports `running`.
 *   Events already delivered are not delivered twice (a bounded memory of recent message ids).
 * - sends: signal-cli has no idempotency key, so a `send` is retried only when the request surely never reached
 *   the daemon (connection refused or reset before it was sent). Signal has no link previews unless the sender
 *   attaches one and no mentions unless listed, so the agent's text goes out as plain text: nothing for Signal to
 *   fetch, nobody pinged.
 */
import { WardenError, ErrorCode, describeError } from "../../core/errors.ts";
import { silentLogger, type Logger } from "../../core/logger.ts";
import { splitText } from "../split-text.ts";
import type { ChannelAdapter, InboundHandler, InboundMessage, OutboundTarget } from "../types.ts";
import { DefaultRetryPolicy, faultOf, pause } from "../channel-health.ts";
import type { ChannelFault, HealthReporter, RetryPolicy } from "../channel-health.ts";
import { createDeliveryQueue, createSendHealth, superviseConnection } from "../adapter-runtime.ts";
import { createSignalRpc } from "./signal-rpc.ts";
import { openSignalEvents } from "./signal-events.ts";
import type { SignalEventStream } from "./signal-events.ts";
import { normalizeSignalEvent } from "./normalize-envelope.ts";
import type { SignalBotIdentity } from "./normalize-envelope.ts";
import { checkSignalCliAge } from "./signal-version.ts";
import { createSeenIds } from "../seen-ids.ts";

export type SignalAdapterOptions = {
  /** The daemon's HTTP base (`http://127.0.0.1:8080`). */
  httpUrl: string;
  /** The bot's account (E.164 number, or ACI); required by a multi-account daemon, optional for a single-account one. */
  account?: string;
  clock: () => number;
  log?: Logger;
  id?: string;
  retry?: RetryPolicy;
  random?: () => number;
  fetch?: typeof fetch;
  /** Silence on the event stream longer than this is a dead connection (default 60 s; the daemon pings every 15 s). */
  idleMs?: number;
  /** Most events waiting for the handler (default 1,000); beyond, new ones are dropped and logged. */
  maxBacklog?: number;
  /** Most message ids remembered to drop a replayed event (default 5,000). */
  maxRememberedIds?: number;
  /** The installed signal-cli's date, when Warden spawned it (wins over the version table). */
  releasedAtMs?: number;
};

export type SignalAdapter = ChannelAdapter & {
  /** The daemon's version and the age warning, once started. */
  readonly daemon: { version?: string; warning?: string };
};

/** Signal sends longer texts as an attachment; stay below that, so a reply stays readable text. */
export const SignalMaxText = 2000;

export function createSignalAdapter(options: SignalAdapterOptions): SignalAdapter {
  const id = options.id ?? "signal";
  const log = options.log ?? silentLogger();
  const policy = options.retry ?? DefaultRetryPolicy;
  const random = options.random ?? Math.random;
  const rpc = createSignalRpc({ baseUrl: options.httpUrl, ...(options.account === undefined ? {} : { account: options.account }), ...(options.fetch === undefined ? {} : { fetch: options.fetch }) });
  const bot: SignalBotIdentity = options.account === undefined ? {} : options.account.includes("-") ? { uuid: options.account } : { number: options.account };
  const daemon: { version?: string; warning?: string } = {};
  const seen = createSeenIds(options.maxRememberedIds ?? 5_000);
  let handler: InboundHandler | undefined;
  let report: HealthReporter | undefined;
  let run = new AbortController();
  let loop: Promise<void> | undefined;

  const queue = createDeliveryQueue({ label: "signal", log, maxBacklog: options.maxBacklog ?? 1_000, handler: () => handler });
  const sendHealth = createSendHealth(() => report);

  function deliver(message: InboundMessage): void {
    if (!seen.first(`${message.edited ? "e" : "m"}:${message.messageId}`)) {
      log.debug(`signal: dropped a replayed event for message ${message.messageId}`);
      return;
    }
    queue.push(message);
  }

  function onEvent(data: string, event: string | undefined): void {
    if (handler === undefined || (event !== undefined && event !== "receive")) return;
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      log.debug("signal: ignored an event that is not JSON");
      return;
    }
    const account = (payload as { account?: unknown } | null)?.account;
    if (options.account !== undefined && typeof account === "string" && account !== options.account) {
      log.debug("signal: ignored an event for another account");
      return;
    }
    const message = normalizeSignalEvent(payload, bot, options.clock(), id);
    if (message === null) {
      log.debug("signal: ignored an event (not text from a person)");
      return;
    }
    deliver(message);
  }

  async function connect(signal: AbortSignal, lastEventId: string | undefined): Promise<SignalEventStream> {
    return openSignalEvents({
      baseUrl: options.httpUrl, signal, onEvent: (e) => onEvent(e.data, e.event),
      ...(options.account === undefined ? {} : { account: options.account }),
      ...(lastEventId === undefined ? {} : { lastEventId }),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
      ...(options.idleMs === undefined ? {} : { idleMs: options.idleMs }),
    });
  }

  /** After start: waits for the stream to end, then reconnects with backoff, resuming after the last event it had. */
  async function supervise(first: SignalEventStream, signal: AbortSignal): Promise<void> {
    let lastEventId = first.lastEventId();
    await superviseConnection({
      first, signal, label: "signal", log, policy, random, report: () => report,
      connect: (s) => connect(s, lastEventId),
      ended: async (stream) => {
        const fault = await stream.ended;
        lastEventId = stream.lastEventId() ?? lastEventId;
        return fault;
      },
    });
  }

  async function sendOnce(params: Record<string, unknown>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await rpc.call("send", params);
        return;
      } catch (error) {
        if (!(error instanceof WardenError) || !error.retryable || attempt >= 3) throw error;
        await pause(Math.min(2_000, 200 * 2 ** attempt), run.signal);
      }
    }
  }

  /**
   * Mentions and quotes name the bot by ACI, often without its number: learn the ACI from `listAccounts` (a
   * multi-account daemon has it; a single-account one may not, and then number matches are all there is).
   */
  async function learnOwnAci(signal: AbortSignal): Promise<void> {
    if (bot.uuid !== undefined || bot.number === undefined) return;
    try {
      const accounts = await rpc.call<unknown>("listAccounts", {}, { signal, timeoutMs: 10_000 });
      const own = Array.isArray(accounts) ? accounts.find((a: { number?: unknown }) => a?.number === bot.number) as { aci?: unknown; uuid?: unknown } | undefined : undefined;
      const aci = own?.aci ?? own?.uuid;
      if (typeof aci === "string" && aci !== "") bot.uuid = aci;
    } catch (error) {
      log.debug(`signal: cannot learn the account's ACI (${faultOf(error).reason}); mentions by number only`);
    }
  }

  const targetOf = (target: OutboundTarget): Record<string, unknown> =>
    target.kind === "group" ? { groupId: target.chatId } : { recipient: [target.chatId] };

  return {
    id,
    daemon,
    async start(onMessage, hooks = {}) {
      if (loop !== undefined) throw new WardenError(ErrorCode.BadRequest, "the signal adapter is already started");
      if (run.signal.aborted) run = new AbortController();
      const signal = hooks.signal === undefined ? run.signal : AbortSignal.any([run.signal, hooks.signal]);
      if (!(await rpc.check(signal))) {
        if (signal.aborted) throw new WardenError(ErrorCode.Cancelled, "signal: stopped while starting");
        const fault: ChannelFault = { kind: "transient", reason: `the signal-cli daemon at ${rpc.baseUrl} does not answer`, fix: "start it (`signal-cli -a +NUMBER daemon --http 127.0.0.1:8080`) or let Warden spawn it (`channels.signal.spawn`)" };
        throw new WardenError(ErrorCode.Unavailable, `signal: ${fault.reason}; ${fault.fix}`, { cause: fault, retryable: true });
      }
      try {
        const v = await rpc.call<{ version?: unknown }>("version", {}, { signal, timeoutMs: 10_000 });
        daemon.version = typeof v?.version === "string" ? v.version : "unknown";
        const age = checkSignalCliAge(daemon.version, options.clock(), options.releasedAtMs);
        if (!age.ok) {
          daemon.warning = age.warning;
          log.warn(`signal: ${age.warning}`);
        }
      } catch (error) {
        if (signal.aborted) throw new WardenError(ErrorCode.Cancelled, "signal: stopped while starting");
        log.warn(`signal: cannot tell signal-cli's version (${describeError(error)})`);
      }
      await learnOwnAci(signal);
      handler = onMessage;
      report = hooks.report;
      let first: SignalEventStream;
      try {
        first = await connect(signal, undefined);
      } catch (error) {
        handler = undefined;
        report = undefined;
        if (signal.aborted) throw new WardenError(ErrorCode.Cancelled, "signal: stopped while starting");
        throw error;
      }
      log.info(`signal: connected to signal-cli ${daemon.version ?? ""} at ${rpc.baseUrl}`);
      loop = supervise(first, signal).catch((error: unknown) => log.error(`signal: event loop ended: ${describeError(error)}`));
    },
    async stop() {
      handler = undefined;
      report = undefined;
      run.abort();
      const running = loop;
      loop = undefined;
      await running;
      await queue.drained();
    },
    async send(target, text) {
      try {
        for (const chunk of splitText(text, SignalMaxText)) await sendOnce({ ...targetOf(target), message: chunk });
      } catch (error) {
        const fault = faultOf(error);
        sendHealth.failed(fault);
        throw new WardenError(ErrorCode.Unavailable, `signal: sending failed: ${fault.reason}`, { cause: fault });
      }
      sendHealth.succeeded();
    },
    async typing(target) {
      try {
        await rpc.call("sendTyping", targetOf(target), { timeoutMs: 10_000 });
      } catch (error) {
        log.debug(`signal: typing failed: ${faultOf(error).reason}`);
      }
    },
  };
}
