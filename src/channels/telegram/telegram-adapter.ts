/**
 * The Telegram adapter: grammY with long polling. It normalizes updates and sends text; it never decides
 * who may talk to the agent, and never logs or throws the bot token.
 */
import { Bot } from "grammy";
import { WardenError, ErrorCode, describeError } from "../../core/errors.ts";
import { redactSecrets } from "../secret-file.ts";
import type { ChannelAdapter, InboundHandler, OutboundTarget } from "../types.ts";
import { normalizeTelegramUpdate } from "./normalize-update.ts";
import type { ChannelLogger } from "../channel-logger.ts";


export type TelegramAdapterOptions = {
  token: string;
  /** `channels.telegram.apiRoot`; default the public Bot API. No trailing slash. */
  apiRoot?: string;
  fetch?: typeof fetch;
  clock: () => number;
  log?: ChannelLogger;
  /** Long-poll timeout in seconds (Telegram allows up to 50). */
  pollTimeoutSeconds?: number;
  id?: string;
};

/** Telegram's message length limit in UTF-16 code units. */
export const TelegramMaxText = 4096;

/** Splits text into chunks Telegram accepts, preferring line breaks. */
export function splitTelegramText(text: string, max = TelegramMaxText): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf("\n", max);
    if (cut < max / 2) cut = max;
    // Never split a surrogate pair.
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, "");
  }
  if (rest.length > 0) chunks.push(rest);
  return chunks;
}

function toChatId(chatId: string): number | string {
  return /^-?\d{1,19}$/.test(chatId) ? Number(chatId) : chatId;
}

export function createTelegramAdapter(options: TelegramAdapterOptions): ChannelAdapter {
  const id = options.id ?? "telegram";
  const secrets = [options.token];
  const log: ChannelLogger = (level, message) => options.log?.(level, redactSecrets(message, secrets));
  const bot = new Bot(options.token, {
    client: {
      ...(options.apiRoot === undefined ? {} : { apiRoot: options.apiRoot }),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
      sensitiveLogs: false,
    },
  });
  let handler: InboundHandler | undefined;
  let loop: Promise<void> | undefined;

  bot.use(async (ctx) => {
    const current = handler;
    if (current === undefined) return;
    const msg = normalizeTelegramUpdate(ctx.update, { id: ctx.me.id, username: ctx.me.username }, options.clock(), id);
    if (msg === null) {
      log("debug", `telegram: ignored update ${ctx.update.update_id} (not a text message from a person)`);
      return;
    }
    try {
      await current(msg);
    } catch (error) {
      log("error", `telegram: handler failed on update ${ctx.update.update_id}: ${describeError(error)}`);
    }
  });
  bot.catch((err) => log("error", `telegram: ${describeError(err.error)}`));

  return {
    id,
    async start(onMessage) {
      if (loop !== undefined) throw new WardenError(ErrorCode.BadRequest, "the telegram adapter is already started");
      handler = onMessage;
      await new Promise<void>((resolve, reject) => {
        let started = false;
        loop = bot
          .start({
            allowed_updates: ["message", "edited_message"],
            timeout: options.pollTimeoutSeconds ?? 30,
            onStart: () => {
              started = true;
              resolve();
            },
          })
          .catch((error: unknown) => {
            const message = redactSecrets(describeError(error), secrets);
            if (!started) {
              reject(new WardenError(ErrorCode.Unavailable,
                `telegram: could not start long polling (${message}); check channels.telegram.botToken and apiRoot`));
            } else {
              log("error", `telegram: polling stopped: ${message}`);
            }
          });
      }).catch((error: unknown) => {
        loop = undefined;
        handler = undefined;
        throw error;
      });
    },
    async stop() {
      handler = undefined;
      const running = loop;
      loop = undefined;
      if (running === undefined) return;
      try {
        if (bot.isRunning()) await bot.stop();
      } catch (error) {
        log("warn", `telegram: stop: ${describeError(error)}`);
      }
      await running;
    },
    async send(target: OutboundTarget, text: string) {
      try {
        // No link previews: a preview makes Telegram itself fetch a link the agent wrote (a zero-click leak).
        for (const chunk of splitTelegramText(text)) await bot.api.sendMessage(toChatId(target.chatId), chunk, { link_preview_options: { is_disabled: true } });
      } catch (error) {
        throw new WardenError(ErrorCode.Unavailable, `telegram: sendMessage failed: ${redactSecrets(describeError(error), secrets)}`);
      }
    },
    async typing(target: OutboundTarget) {
      try {
        await bot.api.sendChatAction(toChatId(target.chatId), "typing");
      } catch (error) {
        log("warn", `telegram: sendChatAction failed: ${describeError(error)}`);
      }
    },
  };
}
