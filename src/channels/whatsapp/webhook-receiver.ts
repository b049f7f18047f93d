/**
 * The WhatsApp Cloud API webhook over HTTP (node:http): answers Meta's verify-token handshake (GET), verifies each
 * POST's `X-Hub-Signature-256` over the raw body before parsing anything, and refuses replays: a message id already
 * handled is acknowledged and dropped, and a message older than the age window (or from the future) is refused, so
 * a captured signed body cannot be played back later. Must never process an unsigned body.
 */
import { createServer } from "../../core/node-http.ts";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describeError } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import { readBodyLimited, BodyTooLargeError } from "../../core/read-body.ts";
import { createSeenIds } from "../seen-ids.ts";
import type { InboundMessage } from "../types.ts";
import { answerWhatsAppVerification, verifyWhatsAppSignature } from "./verify-signature.ts";
import { WhatsAppPayload, normalizeWhatsAppPayload } from "./normalize-webhook.ts";
import type { WhatsAppBotIdentity } from "./normalize-webhook.ts";

export type WhatsAppReceiverOptions = {
  appSecret: string;
  verifyToken: string;
  bot: WhatsAppBotIdentity;
  clock: () => number;
  log: Logger;
  /** Called for each fresh, verified message; must not throw (the receiver acknowledges before delivery ends). */
  onMessage: (message: InboundMessage) => void;
  channel?: string;
  host?: string;
  port?: number;
  path?: string;
  bodyLimitBytes?: number;
  /** Messages older than this are refused as replays (default 3,600 s). */
  maxMessageAgeSeconds?: number;
  /** How many message ids to remember (default 50,000). */
  maxRememberedMessages?: number;
};

/** A message stamped this far in the future is refused too (clock skew allowance). */
const FutureSkewSeconds = 300;

function respond(res: ServerResponse, status: number, text?: string): void {
  if (res.headersSent || res.writableEnded) return;
  res.writeHead(status, text === undefined ? {} : { "content-type": "text/plain; charset=utf-8" });
  res.end(text);
}

export type WhatsAppReceiver = { readonly url: string | undefined; start(): Promise<void>; stop(): Promise<void> };

export function createWhatsAppReceiver(options: WhatsAppReceiverOptions): WhatsAppReceiver {
  const path = options.path ?? "/whatsapp/webhook";
  const seen = createSeenIds(options.maxRememberedMessages ?? 50_000);
  const maxAge = options.maxMessageAgeSeconds ?? 3_600;
  const { log } = options;
  let server: Server | undefined;
  const refuse = (res: ServerResponse, status: number, id: string, message: string) => {
    log.warn({ reason: { id, message } }, `whatsapp: refused a request: ${message}`);
    respond(res, status);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== path) return respond(res, 404);
    if (req.method === "GET") {
      const challenge = answerWhatsAppVerification(url.searchParams, options.verifyToken);
      if (challenge === null) return refuse(res, 403, "whatsapp.verify_token_mismatch", "the webhook verification token or mode is wrong");
      log.info("whatsapp: webhook verified by Meta");
      return respond(res, 200, challenge);
    }
    if (req.method !== "POST") return respond(res, 405);
    let raw: Buffer;
    try {
      raw = await readBodyLimited(req, options.bodyLimitBytes ?? 1 << 20);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return respond(res, 413);
      throw error;
    }
    const check = verifyWhatsAppSignature({ appSecret: options.appSecret, signature: req.headers["x-hub-signature-256"], rawBody: raw });
    if (!check.ok) return refuse(res, 401, check.reason.id, check.reason.message);
    let body: unknown;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      return refuse(res, 400, "whatsapp.body_invalid", "a signed body that is not JSON");
    }
    const payload = WhatsAppPayload.safeParse(body);
    if (!payload.success) return refuse(res, 400, "whatsapp.payload_invalid", "a signed body that is not a WhatsApp Business Account notification");
    const now = options.clock();
    const { messages, foreign } = normalizeWhatsAppPayload(payload.data, options.bot, now, options.channel);
    if (foreign > 0) log.warn({ reason: { id: "whatsapp.number_mismatch", message: "phone_number_id does not match" } }, `whatsapp: ignored ${foreign} change(s) for another business number`);
    for (const { message, sentAtSec } of messages) {
      const age = Math.floor(now / 1000) - sentAtSec;
      if (age > maxAge || age < -FutureSkewSeconds) {
        log.warn({ reason: { id: "whatsapp.message_stale", message: "message timestamp outside the window" } }, `whatsapp: refused message ${message.messageId} stamped ${age} s ago (window ${maxAge} s)`);
        continue;
      }
      // Meta re-delivers until it gets a 200; so does a replay. Acknowledge, never process twice.
      if (!seen.first(message.messageId)) {
        log.info({ reason: { id: "whatsapp.message_repeated", message: "message id already processed" } }, `whatsapp: ignored a repeated message ${message.messageId}`);
        continue;
      }
      options.onMessage(message);
    }
    respond(res, 200);
  }

  return {
    get url() {
      const address = server?.address();
      if (address === null || address === undefined || typeof address === "string") return undefined;
      const host = (address as AddressInfo).family === "IPv6" ? `[${address.address}]` : address.address;
      return `http://${host}:${address.port}${path}`;
    },
    async start() {
      const s = createServer((req, res) => {
        void handle(req, res).catch((error: unknown) => {
          log.error(`whatsapp: request failed: ${describeError(error)}`);
          respond(res, 500);
        });
      });
      s.requestTimeout = 10_000;
      s.headersTimeout = 5_000;
      await new Promise<void>((resolve, reject) => {
        s.once("error", reject);
        s.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
      });
      server = s;
    },
    async stop() {
      const s = server;
      server = undefined;
      if (s === undefined) return;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
}
