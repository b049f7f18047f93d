/**
 * The WhatsApp channel module: its `channels.whatsapp` settings and how its adapter is made, over the official
 * WhatsApp Business Cloud API (no account-ban risk, unlike unofficial WhatsApp Web clients; see docs/channels.md).
 */
import { z } from "zod";
import { channelAccessShape, defineChannel, secretField } from "../channel-module.ts";
import { resolveChannelSecret } from "../channel-config.ts";
import { WardenError, ErrorCode } from "../../core/errors.ts";

export const whatsappChannel = defineChannel({
  id: "whatsapp",
  configSchema: z.strictObject({
    ...channelAccessShape,
    /** A permanent (system-user) access token with `whatsapp_business_messaging`. */
    accessToken: secretField().optional(),
    tokenFile: z.string().optional(),
    /** The Meta app's secret: every webhook POST is signed with it (`X-Hub-Signature-256`). */
    appSecret: secretField().optional(),
    /** The token you type into the webhook setup in Meta's dashboard (answered in the verification handshake). */
    verifyToken: secretField().optional(),
    /** The business phone number's id (WhatsApp → API Setup), not the number itself. */
    phoneNumberId: z.string().regex(/^\d{1,30}$/).optional(),
    apiUrl: z.url({ protocol: /^https?$/ }).default("https://graph.facebook.com/v23.0/"),
    /** The webhook receiver listens here (loopback unless `host` says otherwise; put a TLS proxy in front). */
    host: z.string().default("127.0.0.1"),
    port: z.number().int().min(0).max(65535).default(18791),
    path: z.string().default("/whatsapp/webhook"),
    /** Webhook messages older than this are refused as replays (Meta re-delivers for a while after an outage). */
    maxMessageAgeSeconds: z.number().int().min(60).max(7 * 86_400).default(3_600),
  }),
  async create(config, ctx) {
    const accessToken = resolveChannelSecret(config.accessToken, config.tokenFile, "channels.whatsapp.accessToken");
    const appSecret = resolveChannelSecret(config.appSecret, undefined, "channels.whatsapp.appSecret");
    const verifyToken = resolveChannelSecret(config.verifyToken, undefined, "channels.whatsapp.verifyToken");
    if (config.phoneNumberId === undefined) {
      throw new WardenError(ErrorCode.ConfigInvalid, "channels.whatsapp.phoneNumberId is not set; copy the Phone number ID from WhatsApp → API Setup and run `warden config set channels.whatsapp.phoneNumberId ID`");
    }
    const { createWhatsAppAdapter } = await import("./whatsapp-adapter.ts");
    return createWhatsAppAdapter({
      accessToken, appSecret, verifyToken, phoneNumberId: config.phoneNumberId, apiUrl: config.apiUrl,
      host: config.host, port: config.port, path: config.path, maxMessageAgeSeconds: config.maxMessageAgeSeconds,
      clock: ctx.clock, log: ctx.log,
    });
  },
});
