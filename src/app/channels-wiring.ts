/** Builds the enabled channels' adapters, their access policies and tool grants from config and the channel modules. */
import type { Logger } from "../core/logger.ts";
import type { WardenConfig } from "../config/schema.ts";
import type { Principal } from "../core/types.ts";
import { senderOf } from "../core/principal.ts";
import type { SessionAddress } from "../sessions/session-key.ts";
import type { ChannelAdapter } from "../channels/types.ts";
import type { ChannelAccessPolicy } from "../channels/access-control.ts";
import type { ChannelModule, ChannelSettings } from "../channels/channel-module.ts";
import { builtinChannels } from "../channels/registry.ts";

/** A registered channel's parsed settings; undefined when the config has no section for it. */
function settingsOf(config: WardenConfig, id: string): ChannelSettings | undefined {
  return (config.channels as unknown as Record<string, ChannelSettings | undefined>)[id];
}

function policyOf(c: ChannelSettings): ChannelAccessPolicy {
  return {
    dmPolicy: c.dmPolicy,
    groupPolicy: c.groupPolicy,
    requireMention: c.requireMention,
    ...(c.allowFrom ? { allowFrom: c.allowFrom } : {}),
    ...(c.groupAllowFrom ? { groupAllowFrom: c.groupAllowFrom } : {}),
    ...(c.ownerIds ? { ownerIds: c.ownerIds } : {}),
  };
}

export function channelPolicies(
  config: WardenConfig,
  extra: readonly { adapter: ChannelAdapter; policy: ChannelAccessPolicy }[],
  channels: readonly ChannelModule[] = builtinChannels,
): Map<string, ChannelAccessPolicy> {
  const map = new Map<string, ChannelAccessPolicy>();
  for (const channel of channels) {
    const settings = settingsOf(config, channel.id);
    if (settings?.enabled) map.set(channel.id, policyOf(settings));
  }
  for (const e of extra) map.set(e.adapter.id, e.policy);
  return map;
}

/** Builds the enabled adapters; a platform's SDK is loaded only when its channel is enabled. */
export async function buildChannelAdapters(config: WardenConfig, log: Logger, clock: () => number, channels: readonly ChannelModule[] = builtinChannels): Promise<ChannelAdapter[]> {
  const adapters: ChannelAdapter[] = [];
  for (const channel of channels) {
    const settings = settingsOf(config, channel.id);
    if (settings?.enabled) adapters.push(await channel.create(settings, { clock, log: log.child({ channel: channel.id }) }));
  }
  return adapters;
}

/**
 * The owner holds every tool; a contact only what `channels.<channel>.toolGrants` lists: their own grant in a direct
 * chat, the group's grant (`group:<id>`) in a group. A contact's own grant does not follow them into a group: there
 * every member reads the answer, and the owner granted `read` to one person, not to everyone beside them.
 */
export function grantsFor(config: WardenConfig, principal: Principal, address: SessionAddress): "all" | readonly string[] {
  if (principal.kind === "owner") return "all";
  if (principal.kind !== "contact") return [];
  const grants = settingsOf(config, principal.channel)?.toolGrants ?? {};
  const key = address.kind === "group" ? `group:${address.peer}` : (senderOf(principal) ?? principal.id);
  return [...(grants[key] ?? [])];
}
