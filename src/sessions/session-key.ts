/** Session keys: `agent:<agentId>:<channel>:<kind>:<peer>`. One key, one context; nothing is shared between keys. */
import { WardenError, ErrorCode } from "../core/errors.ts";

export type SessionScope = "per-peer" | "per-channel" | "main";
export type SessionAddress = { key: string; channel: string; kind: "dm" | "group"; peer: string };

const part = /^[A-Za-z0-9_.@+-]{1,128}$/;

export function buildSessionKey(input: { agentId: string; channel: string; kind: "dm" | "group"; peer: string; scope?: SessionScope }): SessionAddress {
  const scope = input.scope ?? "per-peer";
  const channel = scope === "main" ? "main" : input.channel;
  const peer = scope === "per-peer" ? input.peer : scope === "per-channel" ? "all" : "main";
  const kind = scope === "per-peer" ? input.kind : "dm";
  for (const p of [input.agentId, channel, peer]) {
    if (!part.test(p)) throw new WardenError(ErrorCode.BadRequest, `\`${p}\` cannot be part of a session key (letters, digits and _.@+- only)`);
  }
  return { key: `agent:${input.agentId}:${channel}:${kind}:${peer}`, channel, kind, peer };
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
  if (session === undefined || session === "") return buildSessionKey({ agentId, channel: "webchat", kind: "dm", peer: "owner" });
  if (session.includes(":")) {
    const parsed = parseSessionKey(session);
    if (parsed.agentId !== agentId) throw new WardenError(ErrorCode.BadRequest, `\`${session}\` belongs to agent \`${parsed.agentId}\`, not \`${agentId}\``);
    return parsed;
  }
  return buildSessionKey({ agentId, channel: "webchat", kind: "dm", peer: session });
}
