/**
 * Session addresses: key `agent:<agentId>:<channel>:<kind>:<peer>`. One key, one context; nothing is shared
 * between keys. This module is the one place a key is written (`sessionAddressOf`) and the one place a key a
 * client typed is read back (`resolveClientSession`, at the gateway's ingress; `parseSessionKey`). Channel messages get theirs from
 * the channel pipeline (src/channels/session-key.ts applies `session.scope` over `sessionAddressOf`); cron jobs
 * store the address they were created with. Nothing parses a key on the way to a turn.
 */
import { WardenError, ErrorCode } from "../core/errors.ts";

export type SessionAddress = { key: string; channel: string; kind: "dm" | "group"; peer: string };

// Components are percent-encoded so a peer id containing `:` can never forge another peer's key.
const encode = (value: string): string => encodeURIComponent(value);

/** The address of one channel and peer under an agent: the only way a per-peer key is written. */
export function sessionAddressOf(agentId: string, channel: string, kind: "dm" | "group", peer: string): SessionAddress {
  return { key: `agent:${encode(agentId)}:${encode(channel)}:${kind}:${encode(peer)}`, channel, kind, peer };
}

/** The shared `main` scope: all of the owner's DMs everywhere. It has no channel or peer of its own. */
export function sharedMainAddress(agentId: string): SessionAddress {
  return { key: `agent:${encode(agentId)}:main`, channel: "main", kind: "dm", peer: "main" };
}

const label = /^[A-Za-z0-9_.@+-]{1,128}$/;

function decode(component: string, key: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    throw new WardenError(ErrorCode.BadRequest, `\`${key}\` has a malformed component`);
  }
}

/**
 * A key read back into its address: what a client typed, at the gateway's ingress, or a row stored before its
 * address was (upgrades). INVARIANT: only keys `sessionAddressOf` (or `sharedMainAddress`) would write are
 * accepted, so two spellings can never name one session or slip past a check made on the other spelling.
 */
export function parseSessionKey(key: string): SessionAddress & { agentId: string } {
  const main = /^agent:([^:]+):main$/.exec(key);
  const m = main ? undefined : /^agent:([^:]+):([^:]+):(dm|group):([^:]+)$/.exec(key);
  if (!main && !m) throw new WardenError(ErrorCode.BadRequest, `\`${key}\` is not a session key (agent:<agentId>:<channel>:<dm|group>:<peer>)`);
  const agentId = decode((main ?? m)?.[1] as string, key);
  const address = m ? sessionAddressOf(agentId, decode(m[2] as string, key), m[3] as "dm" | "group", decode(m[4] as string, key)) : sharedMainAddress(agentId);
  if (address.key !== key) throw new WardenError(ErrorCode.BadRequest, `\`${key}\` is not written the way Warden writes session keys (use \`${address.key}\`)`);
  return { ...address, agentId };
}

/** A gateway client (the owner) names a session by full key or by a short label under `webchat`. */
export function resolveClientSession(agentId: string, session: string | undefined): SessionAddress {
  if (session === undefined || session === "") return sessionAddressOf(agentId, "webchat", "dm", "owner");
  if (session.includes(":")) {
    const { agentId: owner, ...address } = parseSessionKey(session);
    if (owner !== agentId) throw new WardenError(ErrorCode.BadRequest, `\`${session}\` belongs to agent \`${owner}\`, not \`${agentId}\``);
    return address;
  }
  if (!label.test(session)) throw new WardenError(ErrorCode.BadRequest, `\`${session}\` cannot name a session (letters, digits and _.@+- only, at most 128)`);
  return sessionAddressOf(agentId, "webchat", "dm", session);
}
