/**
 * The channels the agent can send through: WebChat (to the owner's control clients) and every running adapter.
 * Also answers who the owner is and whom the agent has heard from, for the message rules.
 */
import type { ChannelAdapter } from "../channels/types.ts";
import type { PairingStore } from "../channels/pairing-store.ts";
import type { MessageChannels } from "../tools/message.ts";
import { describeError } from "../core/errors.ts";
import { spellingFold } from "../gate/lookalike.ts";

export function createMessageChannels(deps: {
  adapters: () => readonly ChannelAdapter[];
  pairing: PairingStore;
  ownerIds: (channel: string) => readonly string[];
  /** Peers with a session on a channel (they have written to the agent before). */
  knownPeers: (channel: string) => ReadonlySet<string>;
  toOwnerClients: (text: string) => void;
}): MessageChannels {
  const find = (channel: string) => deps.adapters().find((a) => a.id === channel);
  const isOwner = (channel: string, peer: string) =>
    (channel === "webchat" && peer === "owner") || deps.ownerIds(channel).includes(peer) || deps.pairing.getOwner(channel) === peer;
  return {
    available: (channel) => channel === "webchat" || find(channel) !== undefined,
    isOwner,
    ownerIds: () => [...new Set(deps.adapters().flatMap((a) => [...deps.ownerIds(a.id), deps.pairing.getOwner(a.id) ?? ""]))].filter((id) => id !== ""),
    knownPeer: (channel, peer) => isOwner(channel, peer) || deps.knownPeers(channel).has(peer) || deps.pairing.isContact(channel, peer),
    knownSpellings(channel, peer) {
      const fold = spellingFold(peer);
      const known = [channel === "webchat" ? "owner" : "", ...deps.ownerIds(channel), deps.pairing.getOwner(channel) ?? "", ...deps.knownPeers(channel), ...deps.pairing.list(channel).contacts.map((c) => c.senderId)];
      return [...new Set(known)].filter((id) => id !== "" && id !== peer && spellingFold(id) === fold);
    },
    async send(channel, to, text) {
      if (channel === "webchat") {
        if (to !== "owner") return { ok: false, error: "WebChat only reaches the owner" };
        deps.toOwnerClients(text);
        return { ok: true };
      }
      const adapter = find(channel);
      if (!adapter) return { ok: false, error: `no \`${channel}\` channel is running` };
      try {
        await adapter.send({ chatId: to, kind: "dm" }, text);
        return { ok: true };
      } catch (error) {
        return { ok: false, error: describeError(error) };
      }
    },
  };
}
