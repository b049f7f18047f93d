/** Builds the configured channel adapters, their access policies and tool grants from config. */
import type { Logger } from "pino";
import type { WardenConfig } from "../config/schema.ts";
import type { Principal } from "../core/types.ts";
import { senderOf } from "../core/principal.ts";
import type { SessionAddress } from "../sessions/session-key.ts";
import type { ChannelAdapter } from "../channels/types.ts";
import type { ChannelAccessPolicy } from "../channels/access-control.ts";
import { resolveChannelSecret } from "../channels/channel-config.ts";

type AccessSettings = WardenConfig["channels"]["telegram"] | WardenConfig["channels"]["slack"];

function policyOf(c: AccessSettings): ChannelAccessPolicy {
  return {
    dmPolicy: c.dmPolicy,
    groupPolicy: c.groupPolicy,
    requireMention: c.requireMention,
    ...(c.allowFrom ? { allowFrom: c.allowFrom } : {}),
    ...(c.groupAllowFrom ? { groupAllowFrom: c.groupAllowFrom } : {}),
    ...(c.ownerIds ? { ownerIds: c.ownerIds } : {}),
  };
}

export function channelPolicies(config: WardenConfig, extra: readonly { adapter: ChannelAdapter; policy: ChannelAccessPolicy }[]): Map<string, ChannelAccessPolicy> {
  const map = new Map<string, ChannelAccessPolicy>();
  if (config.channels.telegram.enabled) map.set("telegram", policyOf(config.channels.telegram));
  if (config.channels.slack.enabled) map.set("slack", policyOf(config.channels.slack));
  for (const e of extra) map.set(e.adapter.id, e.policy);
  return map;
}

/** Builds the enabled adapters; a platform's SDK is loaded only when its channel is enabled. */
export async function buildChannelAdapters(config: WardenConfig, log: Logger, clock: () => number): Promise<ChannelAdapter[]> {
  const adapters: ChannelAdapter[] = [];
  const channelLog = (level: "debug" | "info" | "warn" | "error", message: string) => log[level](message);
  const t = config.channels.telegram;
  if (t.enabled) {
    const token = resolveChannelSecret(t.botToken, t.tokenFile, "channels.telegram.botToken");
    const { createTelegramAdapter } = await import("../channels/telegram/telegram-adapter.ts");
    adapters.push(createTelegramAdapter({ token, apiRoot: t.apiRoot, clock, log: channelLog }));
  }
  const s = config.channels.slack;
  if (s.enabled) {
    const token = resolveChannelSecret(s.botToken, undefined, "channels.slack.botToken");
    const signingSecret = resolveChannelSecret(s.signingSecret, undefined, "channels.slack.signingSecret");
    const { createSlackAdapter } = await import("../channels/slack/slack-adapter.ts");
    adapters.push(createSlackAdapter({ token, signingSecret, apiUrl: s.apiUrl, path: s.path, host: s.host, port: s.port, clock, log: channelLog }));
  }
  return adapters;
}

/** The owner holds every tool; a contact only what `channels.<channel>.toolGrants` lists for them or their group. */
export function grantsFor(config: WardenConfig, principal: Principal, address: SessionAddress): "all" | readonly string[] {
  if (principal.kind === "owner") return "all";
  if (principal.kind !== "contact") return [];
  const channel = principal.channel as "telegram" | "slack";
  const grants = (config.channels as Record<string, { toolGrants?: Record<string, string[]> }>)[channel]?.toolGrants ?? {};
  const sender = senderOf(principal) ?? principal.id;
  const tools = new Set(grants[sender] ?? []);
  if (address.kind === "group") for (const tool of grants[`group:${address.peer}`] ?? []) tools.add(tool);
  return [...tools];
}
