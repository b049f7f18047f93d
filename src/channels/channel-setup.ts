/**
 * How each registered channel is set up in the config: on or off, and which of its credentials are set. Read by
 * the start banner, `warden status` and `warden doctor`; never returns a credential's value.
 */
import type { WardenConfig } from "../config/schema.ts";
import { configSecretKeys } from "../config/store.ts";
import { getDotted } from "../config/dotted.ts";
import type { Json } from "../core/types.ts";
import { registeredChannelSettings } from "./registry.ts";

export type ChannelSetup = {
  channel: string;
  enabled: boolean;
  /** Dotted keys of the channel's credentials that hold a value (or a `tokenFile` standing for the bot token). */
  credentialsSet: string[];
  /** Dotted keys of the channel's credentials with no value. */
  credentialsMissing: string[];
};

export function channelSetups(config: WardenConfig): ChannelSetup[] {
  return registeredChannelSettings(config.channels).map(([channel, settings]) => {
    const keys = configSecretKeys.filter((k) => k.startsWith(`channels.${channel}.`));
    const isSet = (key: string) => {
      const value = getDotted(config as unknown as Json, key);
      return (typeof value === "string" && value !== "") || ((key.endsWith(".botToken") || key.endsWith(".accessToken")) && typeof (settings as { tokenFile?: unknown }).tokenFile === "string");
    };
    return { channel, enabled: settings.enabled, credentialsSet: keys.filter(isSet), credentialsMissing: keys.filter((k) => !isSet(k)) };
  });
}

/**
 * One line for people: which channels are enabled and which are configured but off (and how to turn one on). From
 * the config, so it never says "running": whether an enabled channel started, is degraded or failed is each
 * channel's health state (`warden status` lists it below this line).
 */
export function describeChannelSetups(setups: readonly ChannelSetup[], webchatEnabled: boolean): string {
  const on = [...(webchatEnabled ? ["webchat"] : []), ...setups.filter((s) => s.enabled).map((s) => s.channel)];
  const configuredOff = setups.filter((s) => !s.enabled && s.credentialsSet.length > 0).map((s) => s.channel);
  const off = setups.filter((s) => !s.enabled && s.credentialsSet.length === 0).map((s) => s.channel);
  const parts = [`enabled: ${on.length > 0 ? on.join(", ") : "none"}`];
  if (configuredOff.length > 0) parts.push(`configured but disabled: ${configuredOff.join(", ")} (turn on with \`warden config set channels.${configuredOff[0]}.enabled true\`)`);
  if (off.length > 0) parts.push(`not set up: ${off.join(", ")}`);
  return parts.join("; ");
}
