/**
 * The WhatsApp adapter, over the official WhatsApp Business Cloud API: inbound through the signed webhook
 * (webhook-receiver.ts), outbound through the Graph API (`POST {apiUrl}{phoneNumberId}/messages`, Bearer access
 * token). It normalizes messages and sends text; it never decides who may talk to the agent, and never logs or
 * throws the access token, the app secret or the verify token.
 *
 * Faults, as for every channel (channel-health.ts):
 * - start: `GET {apiUrl}{phoneNumberId}` checks the token and learns the business number; Graph error 190 or HTTP
 *   401 is a `credential` fault with the fix; anything else `transient`. Then the webhook receiver listens. Start
 *   leaves nothing running when it fails; the supervisor retries with backoff and jitter.
 * - sends: the Graph API has no idempotency key, so a send is retried only when it surely did not land (429, or the
 *   connection refused or reset before a response); a 190 marks the channel failed until a send works again.
 *   Every text goes out with `preview_url: false`: WhatsApp never fetches a link the agent wrote.
 * - Buttons (`send`'s `actions`): up to three reply buttons whose id carries the command; a press comes back as that
 *   command typed by the presser, so the pipeline's owner checks decide.
 */
import { WardenError, ErrorCode, describeError } from "../../core/errors.ts";
import { silentLogger, withRedaction, type Logger } from "../../core/logger.ts";
import { redactSecrets } from "../secret-file.ts";
import { splitText } from "../split-text.ts";
import { pause, surelyNotDelivered } from "../channel-health.ts";
import type { ChannelFault, HealthReporter } from "../channel-health.ts";
import type { ChannelAdapter, InboundHandler, MessageAction } from "../types.ts";
import { createDeliveryQueue, createSendHealth } from "../adapter-runtime.ts";
import { createWhatsAppReceiver } from "./webhook-receiver.ts";
import type { WhatsAppReceiver } from "./webhook-receiver.ts";
import { WhatsAppActionPrefix } from "./normalize-webhook.ts";

export type WhatsAppAdapterOptions = {
  accessToken: string;
  appSecret: string;
  verifyToken: string;
  phoneNumberId: string;
  /** Graph API base ending in `/` (default `https://graph.facebook.com/v23.0/`); tests point it at a local server. */
  apiUrl?: string;
  host?: string;
  port?: number;
  path?: string;
  maxMessageAgeSeconds?: number;
  clock: () => number;
  log?: Logger;
  id?: string;
  fetch?: typeof fetch;
  /** Most messages waiting for the handler (default 1,000); beyond, new ones are dropped and logged. */
  maxBacklog?: number;
};

export type WhatsAppAdapter = ChannelAdapter & {
  /** The webhook URL once started (for tests, and for the operator's proxy). */
  readonly webhookUrl: string | undefined;
};

/** WhatsApp's text body limit; interactive bodies are shorter. */
export const WhatsAppMaxText = 4096;
const MaxButtonBody = 1024;

type GraphError = { status: number; code?: number; message: string };

/** Turns a Graph API answer or network error into a fault with a secret-free reason and the fix. */
export function classifyWhatsAppError(error: GraphError | Error): ChannelFault {
  if (error instanceof Error) return { kind: "transient", reason: `cannot reach the Graph API (${describeError(error)})`, fix: "check the network and `channels.whatsapp.apiUrl`" };
  if (error.status === 401 || error.code === 190) {
    return {
      kind: "credential", reason: `Meta rejected the access token (${error.status}, code ${String(error.code)}: ${error.message})`,
      fix: "create a new system-user access token in Meta Business Settings, run `warden secrets set channels.whatsapp.accessToken`, then restart the gateway",
    };
  }
  if (error.status === 429 || error.code === 4 || error.code === 80007 || error.code === 130429) {
    return { kind: "transient", reason: `Meta is rate limiting the number (code ${String(error.code)})`, retryAfterMs: 5_000 };
  }
  if (error.code === 131047) return { kind: "transient", reason: "the person last wrote more than 24 hours ago; WhatsApp allows only template messages until they write again" };
  return { kind: "transient", reason: `the Graph API answered ${error.status} (code ${String(error.code)}: ${error.message})` };
}

function buttonsOf(actions: readonly MessageAction[]) {
  return actions
    .filter((a) => WhatsAppActionPrefix.length + a.command.length <= 256)
    .slice(0, 3)
    .map((a) => ({ type: "reply", reply: { id: `${WhatsAppActionPrefix}${a.command}`, title: a.label.slice(0, 20) } }));
}

export function createWhatsAppAdapter(options: WhatsAppAdapterOptions): WhatsAppAdapter {
  const id = options.id ?? "whatsapp";
  const secrets = [options.accessToken, options.appSecret, options.verifyToken];
  const log = withRedaction(options.log ?? silentLogger(), (text) => redactSecrets(text, secrets));
  const api = (options.apiUrl ?? "https://graph.facebook.com/v23.0/").replace(/\/?$/, "/");
  const doFetch = options.fetch ?? fetch;
  let receiver: WhatsAppReceiver | undefined;
  let handler: InboundHandler | undefined;
  let report: HealthReporter | undefined;
  let stopping = new AbortController();
  const queue = createDeliveryQueue({ label: "whatsapp", log, maxBacklog: options.maxBacklog ?? 1_000, handler: () => handler });
  const sendHealth = createSendHealth(() => report);

  const fault = (error: GraphError | Error): ChannelFault => {
    const f = classifyWhatsAppError(error);
    return { ...f, reason: redactSecrets(f.reason, secrets) };
  };

  /** One Graph API call; resolves with the JSON body, rejects with a `WardenError` whose cause is the fault (and `retryable` when it surely did not land). */
  async function graph(method: "GET" | "POST", path: string, body?: unknown, signal?: AbortSignal): Promise<Record<string, unknown>> {
    let res: Response;
    try {
      res = await doFetch(`${api}${path}`, {
        method,
        headers: { authorization: `Bearer ${options.accessToken}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.any([AbortSignal.timeout(30_000), ...(signal ? [signal] : [])]),
      });
    } catch (error) {
      const f = fault(error as Error);
      throw new WardenError(ErrorCode.Unavailable, `whatsapp: ${f.reason}`, { cause: f, retryable: surelyNotDelivered(error) });
    }
    const parsed = await res.json().catch(() => ({})) as Record<string, unknown>;
    if (res.ok) return parsed;
    const e = (parsed.error ?? {}) as { code?: unknown; message?: unknown };
    const f = fault({ status: res.status, ...(typeof e.code === "number" ? { code: e.code } : {}), message: typeof e.message === "string" ? e.message.slice(0, 200) : "no message" });
    throw new WardenError(ErrorCode.Unavailable, `whatsapp: ${f.reason}${f.fix ? `; ${f.fix}` : ""}`, { cause: f, retryable: res.status === 429 });
  }

  async function post(body: Record<string, unknown>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await graph("POST", `${encodeURIComponent(options.phoneNumberId)}/messages`, { messaging_product: "whatsapp", recipient_type: "individual", ...body });
        return;
      } catch (error) {
        if (!(error instanceof WardenError) || !error.retryable || attempt >= 3) throw error;
        await pause(Math.min(5_000, 250 * 2 ** attempt), stopping.signal);
      }
    }
  }

  return {
    id,
    get webhookUrl() {
      return receiver?.url;
    },
    async start(onMessage, hooks = {}) {
      if (receiver !== undefined) throw new WardenError(ErrorCode.BadRequest, "the whatsapp adapter is already started");
      if (stopping.signal.aborted) stopping = new AbortController();
      const signal = hooks.signal === undefined ? stopping.signal : AbortSignal.any([stopping.signal, hooks.signal]);
      let displayNumber: string | undefined;
      try {
        const phone = await graph("GET", `${encodeURIComponent(options.phoneNumberId)}?fields=display_phone_number,verified_name`, undefined, signal);
        displayNumber = typeof phone.display_phone_number === "string" ? phone.display_phone_number : undefined;
      } catch (error) {
        if (signal.aborted) throw new WardenError(ErrorCode.Cancelled, "whatsapp: stopped while starting");
        throw error;
      }
      // INVARIANT: a start cancelled while the check was on its way opens no receiver.
      if (signal.aborted) throw new WardenError(ErrorCode.Cancelled, "whatsapp: stopped while starting");
      handler = onMessage;
      report = hooks.report;
      const r = createWhatsAppReceiver({
        appSecret: options.appSecret, verifyToken: options.verifyToken, clock: options.clock, log, channel: id,
        bot: { phoneNumberId: options.phoneNumberId, ...(displayNumber === undefined ? {} : { displayNumber }) },
        onMessage: (m) => queue.push(m),
        ...(options.host === undefined ? {} : { host: options.host }),
        ...(options.port === undefined ? {} : { port: options.port }),
        ...(options.path === undefined ? {} : { path: options.path }),
        ...(options.maxMessageAgeSeconds === undefined ? {} : { maxMessageAgeSeconds: options.maxMessageAgeSeconds }),
      });
      try {
        await r.start();
      } catch (error) {
        handler = undefined;
        report = undefined;
        const f: ChannelFault = { kind: "transient", reason: `the webhook receiver cannot listen (${describeError(error)})`, fix: "free the port or change `channels.whatsapp.port`" };
        throw new WardenError(ErrorCode.Unavailable, `whatsapp: ${f.reason}; ${f.fix}`, { cause: f, retryable: true });
      }
      receiver = r;
      log.info(`whatsapp: connected (number ${options.phoneNumberId}); webhook at ${r.url ?? "?"}`);
    },
    async stop() {
      handler = undefined;
      report = undefined;
      stopping.abort();
      const r = receiver;
      receiver = undefined;
      await r?.stop();
      await queue.drained();
    },
    async send(target, text, sendOptions) {
      try {
        const buttons = buttonsOf(sendOptions?.actions ?? []);
        const chunks = splitText(text, WhatsAppMaxText);
        const last = chunks.at(-1) ?? "";
        const withButtons = buttons.length > 0 && last.length <= MaxButtonBody;
        for (const chunk of withButtons ? chunks.slice(0, -1) : chunks) {
          // No link previews: WhatsApp would fetch a link the agent wrote (a zero-click leak).
          await post({ to: target.chatId, type: "text", text: { body: chunk, preview_url: false } });
        }
        if (withButtons) await post({ to: target.chatId, type: "interactive", interactive: { type: "button", body: { text: last }, action: { buttons } } });
      } catch (error) {
        const f = (error as { cause?: ChannelFault }).cause ?? fault(error as Error);
        sendHealth.failed(f);
        throw new WardenError(ErrorCode.Unavailable, `whatsapp: sending failed: ${f.reason}`, { cause: f });
      }
      sendHealth.succeeded();
    },
  };
}
