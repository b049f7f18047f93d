/**
 * Session keys: `agent:<agentId>:<channel>:<kind>:<peer>`. One key, one context; nothing is shared between keys.
 * Channel messages get theirs from the channel pipeline (src/channels/session-key.ts, which applies
 * `session.scope`); this module parses any key and names the owner's own gateway-client sessions.
 */
import { WardenError, ErrorCode } from "../core/errors.ts";

export type SessionAddress = { key: string; channel: string; kind: "dm" | "group"; peer: string };

const part = /^[A-Za-z0-9_.@+-]{1,128}$/;

/** A gateway client's session on the `webchat` channel, named by a short label. */
function webchatSession(agentId: string, peer: string): SessionAddress {
  for (const p of [agentId, peer]) {
    if (!part.test(p)) throw new WardenError(ErrorCode.BadRequest, `\`${p}\` cannot be part of a session key (letters, digits and _.@+- only)`);
  }
  return { key: `agent:${agentId}:webchat:dm:${peer}`, channel: "webchat", kind: "dm", peer };
}

export function parseSessionKey(key: string): SessionAddress & { agentId: string } {
  // The shared `main` scope has no channel or peer of its own.
  const main = /^agent:([^:]+):main$/.exec(key);
  if (main) return { key, agentId: main[1] as string, channel: "main", kind: "dm", peer: "main" };
  const m = /^agent:([^:]+):([^:]+):(dm|group):([^:]+)$/.exec(key);
  if (!m) throw new WardenError(ErrorCode.BadRequest, `\`${key}\` is not a session key (agent:<agentId>:<channel>:<dm|group>:<peer>)`);
  const [, agentId, channel, kind, rawPeer] = m as unknown as [string, string, string, "dm" | "group", string];
  let peer: string;
  try {
    peer = decodeURIComponent(rawPeer);
  } catch {
    throw new WardenError(ErrorCode.BadRequest, `\`${key}\` has a malformed peer`);
  }
  return { key, agentId, channel, kind, peer };
}

/** A gateway client (the owner) names a session by full key or by a short label under `webchat`. */
export function resolveClientSession(agentId: string, session: string | undefined): SessionAddress {
  if (session === undefined || session === "") return webchatSession(agentId, "owner");
  if (session.includes(":")) {
    const parsed = parseSessionKey(session);
    if (parsed.agentId !== agentId) throw new WardenError(ErrorCode.BadRequest, `\`${session}\` belongs to agent \`${parsed.agentId}\`, not \`${agentId}\``);
    return parsed;
  }
  return webchatSession(agentId, session);
}
