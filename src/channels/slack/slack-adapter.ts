/**
 * The Slack adapter: Bolt's App with our signed-request receiver (Events API over HTTP) and Bolt's
 * WebClient for `chat.postMessage`. It normalizes message events and sends text; it never decides who may
 * talk to the agent, and never logs the bot token or the signing secret.
 */
import { App, LogLevel, webApi } from "@slack/bolt";
import type { Logger } from "@slack/bolt";
import { WardenError, ErrorCode, describeError } from "../../core/errors.ts";
import { redactSecrets } from "../secret-file.ts";
import type { ChannelAdapter, InboundHandler, OutboundTarget } from "../types.ts";
import { SlackEventReceiver } from "./event-receiver.ts";
import { normalizeSlackEvent } from "./normalize-event.ts";
import type { ChannelLogger } from "../channel-logger.ts";

export type SlackAdapterOptions = {
  /** Bot token (`xoxb-…`). */
  token: string;
  signingSecret: string;
  /** Web API base URL, ending in `/` (default `https://slack.com/api/`); tests point it at a local server. */
  apiUrl?: string;
  /** Where the Events API receiver listens (default 127.0.0.1, port 0 = any free port). */
  host?: string;
  port?: number;
  path?: string;
  teamId?: string;
  clock: () => number;
  log?: ChannelLogger;
  id?: string;
  /** Web API retries on network errors (default 2). */
  retries?: number;
};

export type SlackAdapter = ChannelAdapter & {
  /** The events URL once started (for tests and for the operator to paste into Slack's app config). */
  readonly eventsUrl: string | undefined;
};

/** Slack truncates `text` beyond 40,000 characters; stay well under. */
export const SlackMaxText = 39_000;

function redactingLogger(log: ChannelLogger, secrets: readonly string[]): Logger {
  let level: LogLevel = LogLevel.INFO;
  const emit = (l: "debug" | "info" | "warn" | "error") => (...msg: unknown[]) => {
    log(l, `slack: ${redactSecrets(msg.map((m) => (m instanceof Error ? m.message : String(m))).join(" "), secrets)}`);
  };
  return {
    debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error"),
    setLevel: (l) => { level = l; },
    getLevel: () => level,
    setName: () => undefined,
  };
}

export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const id = options.id ?? "slack";
  const secrets = [options.token, options.signingSecret];
  const log: ChannelLogger = (level, message) => options.log?.(level, redactSecrets(message, secrets));
  const logger = redactingLogger(log, secrets);
  const clientOptions = {
    ...(options.apiUrl === undefined ? {} : { slackApiUrl: options.apiUrl }),
    retryConfig: { retries: options.retries ?? 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    logger,
  };
  const client = new webApi.WebClient(options.token, clientOptions);
  let receiver: SlackEventReceiver | undefined;
  let handler: InboundHandler | undefined;

  return {
    id,
    get eventsUrl() {
      return receiver?.url;
    },
    async start(onMessage) {
      if (receiver !== undefined) throw new WardenError(ErrorCode.BadRequest, "the slack adapter is already started");
      let identity: { userId: string; botId: string };
      try {
        const auth = await client.auth.test();
        if (typeof auth.user_id !== "string" || typeof auth.bot_id !== "string") throw new Error("auth.test returned no bot identity");
        identity = { userId: auth.user_id, botId: auth.bot_id };
      } catch (error) {
        throw new WardenError(ErrorCode.Unavailable,
          `slack: auth.test failed (${redactSecrets(describeError(error), secrets)}); check channels.slack.botToken and apiUrl`);
      }
      const r = new SlackEventReceiver({
        signingSecret: options.signingSecret, clock: options.clock,
        log: (level, message) => log(level, message),
        ...(options.host === undefined ? {} : { host: options.host }),
        ...(options.port === undefined ? {} : { port: options.port }),
        ...(options.path === undefined ? {} : { path: options.path }),
        ...(options.teamId === undefined ? {} : { teamId: options.teamId }),
      });
      // Bot identity is passed in, so Bolt never calls auth.test per event.
      const app = new App({
        token: options.token, botId: identity.botId, botUserId: identity.userId, receiver: r, logger,
        clientOptions, ignoreSelf: true, tokenVerificationEnabled: false,
      });
      handler = onMessage;
      app.event("message", async ({ body }) => {
        const current = handler;
        if (current === undefined) return;
        const msg = normalizeSlackEvent(body, { userId: identity.userId, botId: identity.botId }, options.clock(), id);
        if (msg === null) {
          log("debug", "slack: ignored an event (not a text message from a person)");
          return;
        }
        try {
          await current(msg);
        } catch (error) {
          log("error", `slack: handler failed: ${describeError(error)}`);
        }
      });
      app.error(async (error) => {
        log("error", `slack: ${describeError(error)}`);
      });
      await app.start();
      receiver = r;
    },
    async stop() {
      handler = undefined;
      const r = receiver;
      receiver = undefined;
      await r?.stop();
    },
    async send(target: OutboundTarget, text: string) {
      try {
        for (let i = 0; i < text.length; i += SlackMaxText) {
          // No unfurls: an unfurl makes Slack itself fetch a link the agent wrote (a zero-click leak).
          await client.chat.postMessage({ channel: target.chatId, text: text.slice(i, i + SlackMaxText), unfurl_links: false, unfurl_media: false });
        }
      } catch (error) {
        throw new WardenError(ErrorCode.Unavailable, `slack: chat.postMessage failed: ${redactSecrets(describeError(error), secrets)}`);
      }
    },
  };
}
