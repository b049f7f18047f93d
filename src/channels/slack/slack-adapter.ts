/**
 * The Slack adapter: Bolt's App with our signed-request receiver (Events API over HTTP) and Bolt's
 * WebClient for `chat.postMessage`. It normalizes message events and sends text; it never decides who may
 * talk to the agent, and never logs the bot token or the signing secret.
 *
 * Faults, as for every channel (channel-health.ts): a revoked or wrong token is a `credential` fault (start
 * fails with the fix and the supervisor retries slowly; a send that hits it marks the channel failed until a
 * send succeeds again); network, 5xx and rate limits are `transient`. The WebClient retries a failed call
 * itself (`retries`) and waits out Slack's `Retry-After`; Slack has no idempotency key for `chat.postMessage`
 * either, so those retries accept a rare duplicate after a timeout in exchange for not losing the reply.
 */
import { App, LogLevel, webApi } from "@slack/bolt";
import type { Logger } from "@slack/bolt";
import { WardenError, ErrorCode, describeError } from "../../core/errors.ts";
import { redactSecrets } from "../secret-file.ts";
import type { ChannelAdapter, InboundHandler, OutboundTarget } from "../types.ts";
import type { ChannelFault, HealthReporter } from "../channel-health.ts";
import { SlackEventReceiver } from "./event-receiver.ts";
import { normalizeSlackEvent } from "./normalize-event.ts";
import { silentLogger, withRedaction, type Logger as WardenLogger } from "../../core/logger.ts";

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
  log?: WardenLogger;
  id?: string;
  /** Web API retries on network errors (default 2). */
  retries?: number;
};

export type SlackAdapter = ChannelAdapter & {
  /** The events URL once started (for tests and for the operator to paste into Slack's app config). */
  readonly eventsUrl: string | undefined;
};

const CredentialErrors = new Set(["invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive", "no_permission", "missing_scope"]);

/** Turns a Web API error into a fault with a secret-free reason and the fix. */
export function classifySlackError(error: unknown): ChannelFault {
  const e = error as { code?: unknown; data?: { error?: unknown }; statusCode?: unknown; retryAfter?: unknown };
  if (e?.code === webApi.ErrorCode.PlatformError && typeof e.data?.error === "string") {
    if (CredentialErrors.has(e.data.error)) {
      return {
        kind: "credential", reason: `Slack rejected the bot token (${e.data.error})`,
        fix: "reinstall the Slack app or copy its bot token again, run `warden secrets set channels.slack.botToken`, then restart the gateway",
      };
    }
    return { kind: "transient", reason: `Slack answered ${e.data.error}` };
  }
  if (e?.code === webApi.ErrorCode.RateLimitedError) {
    return { kind: "transient", reason: "Slack is rate limiting the bot", retryAfterMs: Math.min(30_000, Number(e.retryAfter ?? 0) * 1000) };
  }
  if (e?.code === webApi.ErrorCode.HTTPError) return { kind: "transient", reason: `Slack answered HTTP ${String(e.statusCode)}` };
  return { kind: "transient", reason: `cannot reach Slack (${describeError(error)})`, fix: "check the network and `channels.slack.apiUrl`" };
}

/** Slack truncates `text` beyond 40,000 characters; stay well under. */
export const SlackMaxText = 39_000;

/** Bolt's logger interface over Warden's (which already redacts the adapter's secrets). */
function boltLogger(log: WardenLogger): Logger {
  let level: LogLevel = LogLevel.INFO;
  const emit = (l: "debug" | "info" | "warn" | "error") => (...msg: unknown[]) => {
    log[l](`slack: ${msg.map((m) => (m instanceof Error ? m.message : String(m))).join(" ")}`);
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
  // The adapter knows its own secrets even when the gateway's redactor does not (values read from files).
  const log = withRedaction(options.log ?? silentLogger(), (text) => redactSecrets(text, secrets));
  const logger = boltLogger(log);
  const clientOptions = {
    ...(options.apiUrl === undefined ? {} : { slackApiUrl: options.apiUrl }),
    retryConfig: { retries: options.retries ?? 2, factor: 2, minTimeout: 200, maxTimeout: 2000, randomize: true },
    // The WebClient waits forever by default; an unreachable Slack must fail a call, not hang it.
    timeout: 30_000,
    logger,
  };
  const client = new webApi.WebClient(options.token, clientOptions);
  let receiver: SlackEventReceiver | undefined;
  let handler: InboundHandler | undefined;
  let report: HealthReporter | undefined;
  let stopped = false;
  let credentialFault = false;

  return {
    id,
    get eventsUrl() {
      return receiver?.url;
    },
    async start(onMessage, hooks = {}) {
      if (receiver !== undefined) throw new WardenError(ErrorCode.BadRequest, "the slack adapter is already started");
      stopped = false;
      let identity: { userId: string; botId: string };
      try {
        const auth = await client.auth.test();
        if (typeof auth.user_id !== "string" || typeof auth.bot_id !== "string") throw new Error("auth.test returned no bot identity");
        identity = { userId: auth.user_id, botId: auth.bot_id };
      } catch (error) {
        const fault = classifySlackError(error);
        throw new WardenError(ErrorCode.Unavailable,
          `slack: auth.test failed (${redactSecrets(describeError(error), secrets)}); ${fault.fix ?? "check channels.slack.botToken and apiUrl"}`,
          { cause: { ...fault, reason: redactSecrets(fault.reason, secrets) }, retryable: true });
      }
      // INVARIANT: a start cancelled while auth.test was on its way opens no receiver.
      if (stopped || hooks.signal?.aborted === true) throw new WardenError(ErrorCode.Cancelled, "slack: stopped while starting");
      report = hooks.report;
      const r = new SlackEventReceiver({
        signingSecret: options.signingSecret, clock: options.clock,
        log,
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
          log.debug("slack: ignored an event (not a text message from a person)");
          return;
        }
        try {
          await current(msg);
        } catch (error) {
          log.error(`slack: handler failed: ${describeError(error)}`);
        }
      });
      app.error(async (error) => {
        log.error(`slack: ${describeError(error)}`);
      });
      await app.start();
      receiver = r;
    },
    async stop() {
      stopped = true;
      handler = undefined;
      report = undefined;
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
        const fault = classifySlackError(error);
        if (fault.kind === "credential") {
          credentialFault = true;
          report?.("failed", { ...fault, reason: redactSecrets(fault.reason, secrets) });
        }
        throw new WardenError(ErrorCode.Unavailable, `slack: chat.postMessage failed: ${redactSecrets(describeError(error), secrets)}`, { cause: fault });
      }
      if (credentialFault) {
        credentialFault = false;
        report?.("running");
      }
    },
  };
}
