/** The Discord channel module: its `channels.discord` settings and how its adapter is made (discord.js packages, loaded on use). */
import { z } from "zod";
import { channelAccessShape, defineChannel, secretField } from "../channel-module.ts";
import { resolveChannelSecret } from "../channel-config.ts";

export const discordChannel = defineChannel({
  id: "discord",
  configSchema: z.strictObject({
    ...channelAccessShape,
    botToken: secretField().optional(),
    tokenFile: z.string().optional(),
    apiRoot: z.url({ protocol: /^https?$/ }).default("https://discord.com/api"),
    /**
     * Ask for the privileged Message Content intent (enable it in the Developer Portal first). Without it the bot
     * reads DMs and guild messages that mention it, which is all `requireMention` (the default) needs.
     */
    messageContentIntent: z.boolean().default(false),
  }),
  async create(config, ctx) {
    const token = resolveChannelSecret(config.botToken, config.tokenFile, "channels.discord.botToken");
    const { createDiscordAdapter } = await import("./discord-adapter.ts");
    return createDiscordAdapter({ token, apiRoot: config.apiRoot, messageContentIntent: config.messageContentIntent, clock: ctx.clock, log: ctx.log });
  },
});
