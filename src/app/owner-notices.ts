/**
 * How Warden tells its owner something: gateway events to the connected control clients, and notices (storage
 * faults, approval prompts) to those clients and to the owner's DM on every running channel. Sending never
 * throws: a channel that cannot deliver a notice is skipped.
 */
import type { EventFrame } from "../gateway/protocol.ts";
import type { ChannelAdapter, SendOptions } from "../channels/types.ts";
import type { ChannelAccessPolicy } from "../channels/access-control.ts";
import type { PairingStore } from "../channels/pairing-store.ts";

export type EventHub = {
  broadcast(event: EventFrame): void;
  subscribe(listener: (event: EventFrame) => void): () => void;
  /** Text to the owner's control clients (WebChat, the CLI), as the `owner-notice` session's stream. */
  toOwnerClients(text: string): void;
};

export function createEventHub(): EventHub {
  const listeners = new Set<(event: EventFrame) => void>();
  const broadcast = (event: EventFrame) => {
    for (const l of listeners) l(event);
  };
  return {
    broadcast,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    toOwnerClients: (text) => broadcast({ type: "event", event: "chat.delta", payload: { session: "owner-notice", delta: `${text}\n` } }),
  };
}

/** A notice to the owner's control clients and the owner's DM on each channel with a known owner. */
export function createOwnerNotifier(deps: {
  events: EventHub;
  policies: ReadonlyMap<string, ChannelAccessPolicy>;
  pairing: Pick<PairingStore, "getOwner">;
  adapters: () => readonly ChannelAdapter[];
}): (text: string, except?: string, options?: SendOptions) => void {
  // `except`: a channel the notice is about (it may be down), so it goes to the owner elsewhere.
  return (text, except, options) => {
    deps.events.toOwnerClients(text);
    for (const [channel, policy] of deps.policies) {
      if (channel === except) continue;
      const owner = policy.ownerIds?.[0] ?? deps.pairing.getOwner(channel);
      const adapter = deps.adapters().find((a) => a.id === channel);
      if (owner && adapter) void adapter.send({ chatId: owner, kind: "dm" }, text, options).catch(() => undefined);
    }
  };
}
