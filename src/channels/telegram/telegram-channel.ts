/** The Telegram channel module: its `channels.telegram` settings and how its adapter is made (grammY, loaded on use). */
import { z } from "zod";
import { channelAccessShape, defineChannel, secretField, secretFileField } from "../channel-module.ts";
import { resolveChannelSecret } from "../channel-config.ts";

export const telegramChannel = defineChannel({
  id: "telegram",
  configSchema: z.strictObject({
    ...channelAccessShape,
    botToken: secretField().optional(),
    tokenFile: secretFileField().optional(),
    apiRoot: z.url({ protocol: /^https?$/ }).default("https://api.telegram.org"),
  }),
  async create(config, ctx) {
    const token = resolveChannelSecret(config.botToken, config.tokenFile, "channels.telegram.botToken");
    const { createTelegramAdapter } = await import("./telegram-adapter.ts");
    return createTelegramAdapter({ token, apiRoot: config.apiRoot, clock: ctx.clock, log: ctx.log });
  },
});
