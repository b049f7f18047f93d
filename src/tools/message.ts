/** `message`: sends a chat message through a channel adapter. Who may be messaged is the gate's call. */
import { z } from "zod";
import { clip, defineTool, whole, type GatedTool } from "./gated-tool.ts";
import { textDetail } from "../approvals/approval-detail.ts";
import { ownArg, systemNote } from "../agent/tool.ts";
import { parseSessionKey } from "../sessions/session-key.ts";
import type { Principal } from "../core/types.ts";
import { showControls } from "../core/visible-controls.ts";

const args = z.strictObject({ to: z.string().min(1).max(256), text: z.string().min(1).max(20_000), channel: z.string().min(1).max(32).optional() });

/** The channels the message tool can reach. `send` must not throw for platform failures: it returns an error. */
export type MessageChannels = {
  available(channel: string): boolean;
  send(channel: string, to: string, text: string): Promise<{ ok: true } | { ok: false; error: string }>;
  isOwner(channel: string, peer: string): boolean;
  /** The owner's chat ids on every channel. */
  ownerIds(): readonly string[];
  /** The peer has written to the agent before on this channel. */
  knownPeer(channel: string, peer: string): boolean;
  /** The other known peers of the channel whose id is `peer` but for capitals and accents (`anna`, `ANNA` for `Anna`). */
  knownSpellings(channel: string, peer: string): readonly string[];
};

/**
 * "me"/"myself" is whoever asked, on this session's channel ("mail notes.txt to me" in the owner's chat is the owner's
 * chat): resolved to the session's peer before the gate sees it, so it is a reply to the requester, never a contact
 * that happens to be called "me".
 */
export function resolveRecipient(to: string, channel: string, session: { channel?: string; peer?: string } | undefined): string {
  const self = /^\s*(?:me|myself)\s*$/i.test(to);
  return self && session?.peer !== undefined && session.channel === channel ? session.peer : to;
}

/**
 * A message to the owner that a contact's turn composed says so first. Without it a contact with a `message` grant
 * can make the bot send the owner "Warden: your session expired, run …", which reads like the gateway's own notices
 * (those never go through this tool). The owner's own turns and their scheduled jobs send as written.
 */
export function attributed(text: string, requester: Principal, toOwner: boolean): string {
  if (!toOwner || requester.kind === "owner" || requester.kind === "system") return text;
  // Their text's hidden characters are shown, as in an approval: a right-to-left override must not turn the
  // attribution line, or a fake prompt under it, into something else.
  return `Sent for ${requester.id} (the assistant wrote this in their chat; not a Warden notice):\n${showControls(text)}`;
}

/**
 * The text as it is sent: without trailing white space. A closing line break, tab or space is no part of what anyone
 * wrote; left to the model it is a choice per message (runs of them spell bits), one the gate cannot see. One form
 * whatever the model picks, checked by the gate and approved as it is sent. The Unicode form of the letters is kept:
 * an owner who typed NFD gets NFD sent, and the gate compares forms exactly.
 */
export function outboundText(text: string): string {
  return text.replace(/\s+$/u, "");
}

export function createMessageTool(channels: MessageChannels): GatedTool {
  return defineTool({
    name: "message",
    description: "Send a chat message to a peer (default channel: this session's).",
    schema: args,
    effects: ["message"],
    async assess(a, context) {
      // The session's address as built at ingress. The turn policy's assess context does not carry it yet
      // (src/app/turn-policy.ts builds its own), so the key is read back there, by the one strict reader.
      const session = context.address ?? parseSessionKey(context.sessionKey);
      const channel = a.channel ?? session.channel;
      const to = resolveRecipient(a.to, channel, session);
      const toRequester = channel === session.channel && to === session.peer;
      const text = outboundText(a.text);
      return {
        facts: {
          tool: "message",
          to,
          channel,
          text,
          toRequester,
          toOwner: channels.isOwner(channel, to),
          ownerIds: channels.ownerIds(),
          knownRecipient: channels.knownPeer(channel, to),
          knownSpellings: channels.knownSpellings(channel, to),
          channelAvailable: channels.available(channel),
        },
        // The whole text: the owner approves what is sent, not a prefix of it.
        summary: `message ${to} on ${channel}: ${whole(text)}`,
        binding: { tool: "message", to, channel, text },
        detail: async () => textDetail(`Message to ${to} on ${channel}`, text),
      };
    },
    async run(a, context) {
      const channel = a.channel ?? context.address?.channel;
      if (channel === undefined) return { ...systemNote`Not sent: name the \`channel\` (this session has no address).`, isError: true };
      // INVARIANT: every message is filtered for its audience before it leaves; without a filter nothing is sent.
      if (!context.filterOutbound) return { ...systemNote`Not sent: no outbound filter for this turn.`, isError: true };
      const to = resolveRecipient(a.to, channel, context.address);
      const toOwner = channels.isOwner(channel, to);
      const plain = outboundText(a.text);
      if (plain === "") return { ...systemNote`Not sent: the text is empty (only white space).`, isError: true };
      const session = context.address;
      const toOwnChat = session !== undefined && channel === session.channel && to === session.peer;
      const filtered = await context.filterOutbound(plain, toOwner ? "owner" : "other", toOwnChat, { channel, to });
      // A text none of which may go is not sent at all: a notice in its place would tell the recipient about the
      // owner's session and leave the owner believing it went.
      // The reason is Warden's own notice; the sources it names are ones this session's calls named.
      if ("withheld" in filtered) return { ...systemNote`Not sent: Warden withheld the whole text. ${ownArg(filtered.withheld)}`, isError: true };
      const r = await channels.send(channel, to, attributed(filtered.text, context.principal, toOwner));
      // What Warden changed (a link removed, a secret withheld, its mark added) is said, so the owner is not told it
      // went as written.
      if (r.ok && filtered.text !== plain) return { ...systemNote`Sent to ${ownArg(to)} on ${ownArg(channel)}, with Warden's changes (the recipient got: ${ownArg(clip(filtered.text, 300))}).`, isError: false };
      if (r.ok) return { ...systemNote`Sent to ${ownArg(to)} on ${ownArg(channel)}.`, isError: false };
      // The platform's error is the platform's words (it can quote the recipient's state): labelled as the tool's output.
      return { content: `Not sent: ${r.error}`, isError: true, source: "tool:message" };
    },
  });
}
