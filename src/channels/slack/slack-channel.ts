/** The Slack channel module: its `channels.slack` settings and how its adapter is made (Bolt, loaded on use). */
import { z } from "zod";
import { channelAccessShape, defineChannel, secretField } from "../channel-module.ts";
import { resolveChannelSecret } from "../channel-config.ts";

export const slackChannel = defineChannel({
  id: "slack",
  configSchema: z.strictObject({
    ...channelAccessShape,
    botToken: secretField().optional(),
    signingSecret: secretField().optional(),
    apiUrl: z.url({ protocol: /^https?$/ }).default("https://slack.com/api/"),
    path: z.string().default("/slack/events"),
    /** The Events API receiver listens here (loopback unless `host` says otherwise; put a TLS proxy in front). */
    host: z.string().default("127.0.0.1"),
    port: z.number().int().min(0).max(65535).default(18790),
  }),
  async create(config, ctx) {
    const token = resolveChannelSecret(config.botToken, undefined, "channels.slack.botToken");
    const signingSecret = resolveChannelSecret(config.signingSecret, undefined, "channels.slack.signingSecret");
    const { createSlackAdapter } = await import("./slack-adapter.ts");
    return createSlackAdapter({ token, signingSecret, apiUrl: config.apiUrl, path: config.path, host: config.host, port: config.port, clock: ctx.clock, log: ctx.log });
  },
});
