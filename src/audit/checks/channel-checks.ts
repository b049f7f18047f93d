/** Channel access checks and the exposure combinations (who can reach the agent × what the agent can do). */
import type { AuditInput, Finding } from "../types.ts";
import type { ChannelSettings } from "../../channels/channel-module.ts";
import { registeredChannelSettings } from "../../channels/registry.ts";

const FILE_TOOLS = new Set(["read", "write", "edit"]);

type Access = ChannelSettings;

/** Tools granted to every sender (`*`), or to every group when groups are open. */
function wildcardGrants(access: Access): string[] {
  const grants = new Set<string>();
  for (const [who, tools] of Object.entries(access.toolGrants)) {
    if (who === "*" || who === "group:*") for (const t of tools) grants.add(t);
  }
  return [...grants];
}

export function checkChannels(input: AuditInput): Finding[] {
  const findings: Finding[] = [];
  for (const owner of input.implicitOwners) {
    const configured = (input.config.channels as Record<string, { ownerIds?: string[] } | undefined>)[owner.channel]?.ownerIds ?? [];
    // Config owners replace the stored owner: then the stored one has no effect.
    if (configured.length > 0) continue;
    findings.push({
      checkId: "channels.owner_implicit",
      severity: "warn",
      title: `The ${owner.channel} owner was never designated explicitly`,
      detail: `Sender \`${owner.senderId}\` became the owner of ${owner.channel} because theirs was the first approved pairing code, not because you said so. If that was not you, a stranger owns the agent on this channel.`,
      fix: `If \`${owner.senderId}\` is you: warden config set channels.${owner.channel}.ownerIds '["${owner.senderId}"]'. Otherwise: warden pairing revoke ${owner.channel} ${owner.senderId}, then pair yourself with warden pairing approve ${owner.channel} CODE --owner`,
    });
  }
  const execFull = input.config.tools.exec.security === "full";
  for (const [name, access] of registeredChannelSettings(input.config.channels)) {
    const live = access.enabled;
    const dormant = live ? "" : ` (the channel is disabled: this takes effect when it is enabled)`;
    if (access.dmPolicy === "open") {
      findings.push({
        checkId: "channels.dm_policy_open",
        severity: live ? "critical" : "warn",
        title: `${name}: anyone can message the agent`,
        detail: `channels.${name}.dmPolicy is \`open\`: strangers reach the agent without pairing, so any account on ${name} can attempt prompt injection and spend your model budget${dormant}.`,
        fix: `warden config set channels.${name}.dmPolicy pairing`,
      });
    }
    const allow = access.allowFrom ?? [];
    if (access.dmPolicy === "allowlist" && allow.length === 0) {
      findings.push({
        checkId: "channels.allow_from_missing",
        severity: "warn",
        title: `${name}: allowlist policy with an empty allowFrom`,
        detail: `channels.${name}.dmPolicy is \`allowlist\` but channels.${name}.allowFrom is empty: only the owner is let in, which is probably not what was meant${dormant}.`,
        fix: `warden config set channels.${name}.allowFrom '["<sender id>"]'   (or use dmPolicy pairing)`,
      });
    }
    if (access.dmPolicy === "open" && !allow.includes("*")) {
      findings.push({
        checkId: "channels.allow_from_missing",
        severity: "warn",
        title: `${name}: open policy without an explicit "*" in allowFrom`,
        detail: `channels.${name}.dmPolicy is \`open\` but allowFrom does not say "*": the intent is unclear; Warden treats the channel as open.`,
        fix: `warden config set channels.${name}.dmPolicy pairing`,
      });
    }
    if (access.groupPolicy === "open") {
      findings.push({
        checkId: "channels.group_policy_open",
        severity: live && !access.requireMention ? "critical" : "warn",
        title: `${name}: any group can talk to the agent`,
        detail: `channels.${name}.groupPolicy is \`open\`: the agent answers in any group it is added to${access.requireMention ? " (when mentioned)" : ", even without a mention"}; every member of those groups is an untrusted sender${dormant}.`,
        fix: `warden config set channels.${name}.groupPolicy allowlist   (warden security audit --fix does this)`,
      });
    }
    const open = access.dmPolicy === "open" || access.groupPolicy === "open";
    if (!open) continue;
    const grants = wildcardGrants(access);
    if (grants.includes("exec") || grants.includes("*") || execFull) {
      findings.push({
        checkId: "exposure.open_channel_exec",
        severity: live ? "critical" : "warn",
        title: `${name}: an open channel with shell access`,
        detail: `${name} lets strangers in and ${execFull ? "tools.exec.security is `full`" : "every sender is granted `exec`"}: one injected message away from running commands on this machine${dormant}.`,
        fix: `Close the channel (dmPolicy pairing, groupPolicy allowlist) and grant exec only to named senders in channels.${name}.toolGrants.`,
      });
    }
    const fileTools = grants.filter((t) => FILE_TOOLS.has(t) || t === "*");
    if (fileTools.length > 0) {
      findings.push({
        checkId: "exposure.open_channel_fs",
        severity: live ? "critical" : "warn",
        title: `${name}: an open channel with file tools`,
        detail: `${name} lets strangers in and grants every sender ${fileTools.map((t) => `\`${t}\``).join(", ")}: strangers can read or change the workspace${dormant}.`,
        fix: `Remove "*" from channels.${name}.toolGrants, or close the channel (dmPolicy pairing).`,
      });
    }
  }
  return findings;
}
