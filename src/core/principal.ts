/** A channel principal's id is `<channel>:<sender>`; built and read here only, never sliced by hand elsewhere. */
import type { Principal } from "./types.ts";

export function channelPrincipalId(channel: string, sender: string): string {
  return `${channel}:${sender}`;
}

/** The platform sender id of a channel principal; undefined when the id is not `<its channel>:<sender>`. */
export function senderOf(principal: Pick<Principal, "id" | "channel">): string | undefined {
  const prefix = `${principal.channel}:`;
  if (!principal.id.startsWith(prefix) || principal.id.length === prefix.length) return undefined;
  return principal.id.slice(prefix.length);
}
