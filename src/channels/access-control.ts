/**
 * Access control for inbound channel messages: one pure function, the same for every channel. It decides
 * whether a sender is the owner, a contact, a stranger who should get a pairing code, or someone to drop, and
 * always says why with a stable reason id.
 */
import type { Reason } from "../core/decision.ts";
import type { InboundMessage } from "./types.ts";

export const DmPolicies = ["pairing", "allowlist", "open", "disabled"] as const;
export type DmPolicy = (typeof DmPolicies)[number];
export const GroupPolicies = ["allowlist", "open", "disabled"] as const;
export type GroupPolicy = (typeof GroupPolicies)[number];

/** The wildcard entry; `open` policies require it explicitly in the allow list. */
export const AllowAll = "*";

/** One channel's access configuration (`channels.<channel>.*`). */
export type ChannelAccessPolicy = {
  dmPolicy: DmPolicy;
  /** DM senders allowed without pairing. Unset or empty: the owner only. `"*"`: anyone. */
  allowFrom?: readonly string[];
  groupPolicy: GroupPolicy;
  /** Group senders allowed to talk to the agent. Unset or empty: the owner only. `"*"`: anyone. */
  groupAllowFrom?: readonly string[];
  /** In groups, only messages that mention the bot (or reply to it) are accepted. */
  requireMention: boolean;
  /** Owner sender ids from config. When non-empty they replace the stored (paired) owner. */
  ownerIds?: readonly string[];
};

/** What access control needs to know about stored identities. Must not throw; unknown means "no". */
export type AccessState = {
  isOwner(channel: string, senderId: string): boolean;
  isContact(channel: string, senderId: string): boolean;
};

export type AccessOutcome = "owner" | "contact" | "pairing" | "drop";
export type AccessDecision = { outcome: AccessOutcome; reason: Reason };

function decision(outcome: AccessOutcome, id: string, message: string): AccessDecision {
  return { outcome, reason: { id, message } };
}

function listHas(list: readonly string[] | undefined, senderId: string): boolean {
  return list !== undefined && list.some((entry) => entry === senderId && entry !== AllowAll);
}

function listAllowsAll(list: readonly string[] | undefined): boolean {
  return list !== undefined && list.includes(AllowAll);
}

/** Whether the sender is the channel's owner: config `ownerIds` when set, else the stored owner. */
export function isOwnerSender(
  msg: Pick<InboundMessage, "channel" | "senderId">,
  policy: Pick<ChannelAccessPolicy, "ownerIds">,
  state: AccessState,
): boolean {
  // INVARIANT: configured owner ids replace the stored owner entirely; they are never merged.
  if (policy.ownerIds !== undefined && policy.ownerIds.length > 0) {
    return listHas(policy.ownerIds, msg.senderId);
  }
  return state.isOwner(msg.channel, msg.senderId);
}

function decideDm(msg: InboundMessage, policy: ChannelAccessPolicy, owner: boolean, state: AccessState): AccessDecision {
  switch (policy.dmPolicy) {
    case "disabled":
      return decision("drop", "access.dm_disabled", `direct messages are disabled on \`${msg.channel}\``);
    case "pairing":
    case "allowlist":
    case "open": {
      if (owner) return decision("owner", "access.owner", "the sender is the channel's owner");
      if (listHas(policy.allowFrom, msg.senderId)) {
        return decision("contact", "access.allowlisted", "the sender is in `allowFrom`");
      }
      if (listAllowsAll(policy.allowFrom)) {
        return decision("contact", "access.open", "`allowFrom` contains `*`: anyone may write");
      }
      if (policy.dmPolicy === "pairing") {
        if (state.isContact(msg.channel, msg.senderId)) {
          return decision("contact", "access.contact", "the sender is a paired contact");
        }
        return decision("pairing", "access.pairing_required", "unknown sender: a pairing code is required");
      }
      if (policy.dmPolicy === "open") {
        // INVARIANT: `open` without an explicit `*` opens nothing (fail closed on a half-written config).
        return decision("drop", "access.open_without_wildcard", "`dmPolicy` is `open` but `allowFrom` lacks `*`");
      }
      return decision("drop", "access.not_allowlisted", "the sender is not in `allowFrom`");
    }
    default:
      return decision("drop", "access.policy_invalid", "unknown `dmPolicy`: denying");
  }
}

function decideGroup(msg: InboundMessage, policy: ChannelAccessPolicy, owner: boolean): AccessDecision {
  let admitted: AccessDecision;
  switch (policy.groupPolicy) {
    case "disabled":
      return decision("drop", "access.group_disabled", `group messages are disabled on \`${msg.channel}\``);
    case "allowlist":
    case "open":
      if (owner) admitted = decision("owner", "access.owner", "the sender is the channel's owner");
      else if (listHas(policy.groupAllowFrom, msg.senderId)) {
        admitted = decision("contact", "access.group_allowlisted", "the sender is in `groupAllowFrom`");
      } else if (listAllowsAll(policy.groupAllowFrom)) {
        admitted = decision("contact", "access.open", "`groupAllowFrom` contains `*`: any member may write");
      } else if (policy.groupPolicy === "open") {
        return decision("drop", "access.open_without_wildcard", "`groupPolicy` is `open` but `groupAllowFrom` lacks `*`");
      } else {
        // INVARIANT: replying to the bot or mentioning it never admits a sender the allowlist does not.
        return decision("drop", "access.group_not_allowlisted", "the sender is not in `groupAllowFrom`");
      }
      break;
    default:
      return decision("drop", "access.policy_invalid", "unknown `groupPolicy`: denying");
  }
  if (policy.requireMention && !msg.mentionsBot && !msg.replyToBot) {
    return decision("drop", "access.group_mention_required", "in groups the bot must be mentioned or replied to");
  }
  return admitted;
}

/**
 * Decides who an inbound message comes from. Pure; never throws (an error while deciding is a drop).
 * Strangers in DMs get `pairing` only under `dmPolicy: pairing`; groups never issue pairing codes.
 */
export function decideAccess(msg: InboundMessage, policy: ChannelAccessPolicy, state: AccessState): AccessDecision {
  try {
    if (msg.senderId === "" || msg.senderId === AllowAll) {
      return decision("drop", "access.sender_invalid", "the message has no usable sender id");
    }
    const owner = isOwnerSender(msg, policy, state);
    if (msg.chat.kind === "dm") return decideDm(msg, policy, owner, state);
    if (msg.chat.kind === "group") return decideGroup(msg, policy, owner);
    return decision("drop", "access.chat_kind_invalid", "unknown chat kind: denying");
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return decision("drop", "access.error", `access control failed while deciding: ${message}`);
  }
}
