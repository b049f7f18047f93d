/**
 * The built-in channels, one line each. The config schema composes their settings under `channels.<id>` and the
 * runtime creates the enabled ones. Adding a channel: its own folder with a `defineChannel` module, and one line here.
 */
import { telegramChannel } from "./telegram/telegram-channel.ts";
import { slackChannel } from "./slack/slack-channel.ts";
import { discordChannel } from "./discord/discord-channel.ts";
import { signalChannel } from "./signal/signal-channel.ts";
import { whatsappChannel } from "./whatsapp/whatsapp-channel.ts";
import type { ChannelSettings } from "./channel-module.ts";

export const builtinChannels = [
  telegramChannel,
  slackChannel,
  discordChannel,
  signalChannel,
  whatsappChannel,
] as const;

/** The settings of every registered channel, by id (from a parsed config's `channels`). */
export function registeredChannelSettings(channels: object): [string, ChannelSettings][] {
  const all = channels as Record<string, ChannelSettings | undefined>;
  return builtinChannels.flatMap((c): [string, ChannelSettings][] => {
    const settings = all[c.id];
    return settings ? [[c.id, settings]] : [];
  });
}
