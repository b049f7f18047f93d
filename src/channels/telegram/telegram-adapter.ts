/**
 * The Telegram adapter: grammY's Bot API client and middleware, with our own long-polling loop. It normalizes
 * updates and sends text; it never decides who may talk to the agent, and never logs or throws the bot token.
 *
 * Why not `bot.start()`: grammY's loop stops for good on 401 and 409, honours any `retry_after` uncapped, and
 * sleeps without a cancel signal. Ours keeps polling through every fault (transient: capped backoff with
 * jitter; 401 revoked token / 409 second poller: a clear health state with the fix, retried slowly so it
 * recovers by itself), and stops at once when asked.
 *
 * Sends have no idempotency key on Telegram, so a `sendMessage` is retried only when it surely did not land:
 * Telegram answered with 5xx or 429 (it refused the call), or the connection was refused or reset before any
 * response. A timeout or a connection lost after the request was written may have delivered it: never resent.
 * (A 502 from a proxy in front of Telegram is the one case where a resend could duplicate; we accept that.)
 */
import { Bot, GrammyError, HttpError } from "grammy";
import type { Update } from "grammy/types";
import { WardenError, ErrorCode, describeError } from "../../core/errors.ts";
import { redactSecrets } from "../secret-file.ts";
import type { ChannelAdapter, InboundHandler, OutboundTarget } from "../types.ts";
import { normalizeTelegramUpdate } from "./normalize-update.ts";
import { splitText } from "../split-text.ts";
import { silentLogger, withRedaction, type Logger } from "../../core/logger.ts";
import { DefaultRetryPolicy, pause, retryDelayMs, stateOfFault, surelyNotDelivered } from "../channel-health.ts";
import type { ChannelFault, HealthReporter, RetryPolicy } from "../channel-health.ts";


export type TelegramAdapterOptions = {
  token: string;
  /** `channels.telegram.apiRoot`; default the public Bot API. No trailing slash. */
  apiRoot?: string;
  fetch?: typeof fetch;
  clock: () => number;
  log?: Logger;
  /** Long-poll timeout in seconds (Telegram allows up to 50). */
  pollTimeoutSeconds?: number;
  id?: string;
  /** Backoff for polling faults (default: 1 s doubling to 60 s; 401/409 every ~30 s). */
  retry?: RetryPolicy;
  /** Attempts per `sendMessage` chunk, the first included (default 4). */
  sendAttempts?: number;
  random?: () => number;
};

/** The longest platform-requested wait (429 `retry_after`) we honour; a larger one is cut to this. */
export const MaxRetryAfterMs = 30_000;

/** Turns a Bot API or network error into a fault with a secret-free reason and the fix. */
export function classifyTelegramError(error: unknown, apiRoot: string): ChannelFault {
  if (error instanceof GrammyError) {
    const what = `${error.error_code} ${error.description}`;
    if (error.error_code === 401 || error.error_code === 404) {
      return {
        kind: "credential",
        reason: `Telegram rejected the bot token (${what}): it was revoked or is wrong`,
        fix: "get a new token from @BotFather, run `warden secrets set channels.telegram.botToken`, then restart the gateway",
      };
    }
    if (error.error_code === 409) {
      return {
        kind: "conflict",
        reason: `another process polls this bot token (${what})`,
        fix: "stop the other bot or Warden gateway using this token (or delete its webhook); Warden retries and recovers by itself",
      };
    }
    if (error.error_code === 429) {
      const seconds = Number(error.parameters.retry_after ?? 0);
      return { kind: "transient", reason: `Telegram is rate limiting the bot (${what})`, retryAfterMs: Math.min(MaxRetryAfterMs, Math.max(0, seconds) * 1000) };
    }
    return { kind: "transient", reason: `Telegram answered ${what}` };
  }
  if (error instanceof HttpError) {
    return { kind: "transient", reason: `cannot reach the Telegram Bot API at ${apiRoot} (${describeError(error.error)})`, fix: "check the network and `channels.telegram.apiRoot`" };
  }
  return { kind: "transient", reason: describeError(error) };
}

/** Telegram's message length limit in UTF-16 code units. */
export const TelegramMaxText = 4096;

/** Splits text into chunks Telegram accepts, preferring line breaks. */
export function splitTelegramText(text: string, max = TelegramMaxText): string[] {
  return splitText(text, max);
}

/** grammY types its signals with an old shim; Node's own AbortSignal is what it uses at run time. */
type SdkSignal = Parameters<Bot["init"]>[0];
const sdkSignal = (signal: AbortSignal): SdkSignal => signal as unknown as SdkSignal;

function toChatId(chatId: string): number | string {
  return /^-?\d{1,19}$/.test(chatId) ? Number(chatId) : chatId;
}

export function createTelegramAdapter(options: TelegramAdapterOptions): ChannelAdapter {
  const id = options.id ?? "telegram";
  const secrets = [options.token];
  const apiRoot = options.apiRoot ?? "https://api.telegram.org";
  const policy = options.retry ?? DefaultRetryPolicy;
  const random = options.random ?? Math.random;
  const sendAttempts = Math.max(1, options.sendAttempts ?? 4);
  // The adapter knows its own token even when the gateway's redactor does not (a token read from a file).
  const log = withRedaction(options.log ?? silentLogger(), (text) => redactSecrets(text, secrets));
  const bot = new Bot(options.token, {
    client: {
      ...(options.apiRoot === undefined ? {} : { apiRoot: options.apiRoot }),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
      sensitiveLogs: false,
      // grammY's default is 500 s per call; a long poll needs its own timeout plus a margin, nothing more.
      timeoutSeconds: (options.pollTimeoutSeconds ?? 30) + 30,
    },
  });
  const classify = (error: unknown) => {
    const fault = classifyTelegramError(error, apiRoot);
    return { ...fault, reason: redactSecrets(fault.reason, secrets) };
  };
  let handler: InboundHandler | undefined;
  let loop: Promise<void> | undefined;
  // INVARIANT: one controller per run; `stop` aborts it, which ends polling, pending retries and a start under way.
  let run = new AbortController();

  bot.use(async (ctx) => {
    const current = handler;
    if (current === undefined) return;
    const msg = normalizeTelegramUpdate(ctx.update, { id: ctx.me.id, username: ctx.me.username }, options.clock(), id);
    if (msg === null) {
      log.debug(`telegram: ignored update ${ctx.update.update_id} (not a text message from a person)`);
      return;
    }
    try {
      await current(msg);
    } catch (error) {
      log.error(`telegram: handler failed on update ${ctx.update.update_id}: ${describeError(error)}`);
    }
  });

  async function poll(signal: AbortSignal, report: HealthReporter | undefined): Promise<void> {
    let offset = 0;
    let failures = 0;
    while (!signal.aborted) {
      let updates: Update[];
      try {
        updates = await bot.api.getUpdates({ offset, timeout: options.pollTimeoutSeconds ?? 30, allowed_updates: ["message", "edited_message"] }, sdkSignal(signal));
      } catch (error) {
        if (signal.aborted) break;
        failures += 1;
        const fault = classify(error);
        report?.(stateOfFault(fault), fault);
        const wait = retryDelayMs(fault, failures, policy, random);
        log[fault.kind === "transient" ? "warn" : "error"](`telegram: getUpdates failed: ${fault.reason}; retrying in ${Math.round(wait / 1000)} s`);
        await pause(wait, signal);
        continue;
      }
      if (failures > 0) {
        failures = 0;
        log.info("telegram: polling recovered");
        report?.("running");
      }
      for (const update of updates) {
        offset = update.update_id + 1;
        try {
          await bot.handleUpdate(update);
        } catch (error) {
          log.error(`telegram: update ${update.update_id}: ${describeError(error)}`);
        }
      }
    }
    // Confirm what was handled, so a restart does not deliver it again (best effort, bounded).
    if (offset > 0) await bot.api.getUpdates({ offset, limit: 1, timeout: 0 }, sdkSignal(AbortSignal.timeout(5_000))).catch(() => undefined);
  }

  /** `signal` cuts the waits between attempts (the gateway stops), never a request already on its way. */
  async function sendWithRetry(chatId: number | string, chunk: string, signal: AbortSignal): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        // No link previews: a preview makes Telegram itself fetch a link the agent wrote (a zero-click leak).
        await bot.api.sendMessage(chatId, chunk, { link_preview_options: { is_disabled: true } });
        return;
      } catch (error) {
        const refused = error instanceof GrammyError && (error.error_code >= 500 || error.error_code === 429);
        const resendable = refused || (error instanceof HttpError && surelyNotDelivered(error.error));
        if (!resendable || attempt >= sendAttempts || signal.aborted) throw error;
        const fault = classify(error);
        const wait = retryDelayMs(fault, attempt, { ...policy, maxMs: Math.min(policy.maxMs, 8_000) }, random);
        log.warn(`telegram: sendMessage failed (${fault.reason}); attempt ${attempt + 1} of ${sendAttempts} in ${Math.round(wait)} ms`);
        await pause(wait, signal);
        if (signal.aborted) throw error;
      }
    }
  }

  return {
    id,
    async start(onMessage, hooks = {}) {
      if (loop !== undefined) throw new WardenError(ErrorCode.BadRequest, "the telegram adapter is already started");
      if (run.signal.aborted) run = new AbortController();
      const signal = hooks.signal === undefined ? run.signal : AbortSignal.any([run.signal, hooks.signal]);
      try {
        // INVARIANT: one getMe, not `bot.init()`: grammY's init retries a timeout or network error forever, so an
        // unreachable API left the channel "starting" with no reason; a failed start is the supervisor's to retry.
        if (!bot.isInited()) bot.botInfo = await bot.api.getMe(sdkSignal(signal));
        await bot.api.deleteWebhook({}, sdkSignal(signal));
      } catch (error) {
        const fault = classify(error);
        throw new WardenError(ErrorCode.Unavailable, `telegram: could not start long polling (${fault.reason})${fault.fix ? `; ${fault.fix}` : ""}`, { cause: fault, retryable: true });
      }
      if (signal.aborted) throw new WardenError(ErrorCode.Cancelled, "telegram: stopped while starting");
      handler = onMessage;
      loop = poll(signal, hooks.report).catch((error: unknown) => log.error(`telegram: polling ended: ${describeError(error)}`));
    },
    async stop() {
      handler = undefined;
      run.abort();
      const running = loop;
      loop = undefined;
      await running;
    },
    async send(target: OutboundTarget, text: string) {
      try {
        for (const chunk of splitTelegramText(text)) await sendWithRetry(toChatId(target.chatId), chunk, run.signal);
      } catch (error) {
        const fault = classify(error);
        throw new WardenError(ErrorCode.Unavailable, `telegram: sendMessage failed: ${fault.reason}`, { cause: fault });
      }
    },
    async typing(target: OutboundTarget) {
      try {
        await bot.api.sendChatAction(toChatId(target.chatId), "typing");
      } catch (error) {
        log.warn(`telegram: sendChatAction failed: ${describeError(error)}`);
      }
    },
  };
}
