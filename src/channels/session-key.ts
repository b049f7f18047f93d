/**
 * Session addresses, built once at ingress and carried with the message (never parsed back from the key on the
 * way); the key is written by `sessionAddressOf` (src/sessions/session-key.ts). By default every channel and
 * peer gets its own session, so nothing one sender says reaches another sender's context unless config says so.
 */
import type { ChatKind } from "./types.ts";
import { sessionAddressOf, sharedMainAddress, type SessionAddress } from "../sessions/session-key.ts";

export const SessionScopes = ["per-peer", "per-channel", "main"] as const;
export type SessionScope = (typeof SessionScopes)[number];

export type SessionKeyInput = {
  agentId: string;
  channel: string;
  kind: ChatKind;
  /** DM: the sender id; group: the group chat id. */
  peer: string;
  scope?: SessionScope;
  /** Who the sender is. Shared scopes apply to the owner only; unset counts as a contact. */
  principal?: "owner" | "contact";
};

/**
 * `per-peer` (default): one session per channel and peer. `per-channel`: all DMs on a channel share
 * `…:<channel>:dm:main`. `main`: all DMs everywhere share `agent:<agentId>:main`. Groups always get a session
 * per group: a shared scope never mixes a group's members into the owner's DM context.
 * INVARIANT: shared scopes are the owner's only. A contact always gets its own per-peer session, so no contact
 * ever lands in the owner's session (and its grants and history) or in another contact's.
 */
export function resolveSessionAddress(input: SessionKeyInput): SessionAddress {
  const scope = input.scope ?? "per-peer";
  if (input.kind === "group" || scope === "per-peer" || input.principal !== "owner") return sessionAddressOf(input.agentId, input.channel, input.kind, input.peer);
  if (scope === "per-channel") return sessionAddressOf(input.agentId, input.channel, "dm", "main");
  return sharedMainAddress(input.agentId);
}

/** The key alone (`resolveSessionAddress(input).key`). */
export function resolveSessionKey(input: SessionKeyInput): string {
  return resolveSessionAddress(input).key;
}
