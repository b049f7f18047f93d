/**
 * The built-in channels, one line each. The config schema composes their settings under `channels.<id>` and the
 * runtime creates the enabled ones. Adding a channel: its own folder with a `defineChannel` module, and one line here.
 */
import { telegramChannel } from "./telegram/telegram-channel.ts";
import { slackChannel } from "./slack/slack-channel.ts";

export const builtinChannels = [
  telegramChannel,
  slackChannel,
] as const;
