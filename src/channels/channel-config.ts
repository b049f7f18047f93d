/**
 * The `channels.<channel>` config shapes, declared once (zod) for the lead's config schema to embed:
 * access policy, per-sender/per-group tool grants, and the Telegram/Slack connection settings. Secret
 * fields carry `.meta({ secret: true })` so redaction can find them. Unknown keys are rejected.
 */
import { z } from "zod";
import { DmPolicies, GroupPolicies, AllowAll } from "./access-control.ts";
import type { ChannelAccessPolicy } from "./access-control.ts";
import type { Principal } from "../core/types.ts";
import { readSecretFile } from "./secret-file.ts";
import { WardenError, ErrorCode } from "../core/errors.ts";

const SenderId = z.string().min(1).max(256);
const ToolName = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, "a tool name such as `web_fetch`");

/** Tools contacts may use, by sender id or group chat id. Contacts get none unless listed (no wildcard). */
export const ChannelToolGrants = z.strictObject({
  senders: z.record(SenderId, z.array(ToolName)).default({}),
  groups: z.record(SenderId, z.array(ToolName)).default({}),
});
export type ChannelToolGrants = z.infer<typeof ChannelToolGrants>;

const accessShape = {
  dmPolicy: z.enum(DmPolicies).default("pairing"),
  allowFrom: z.array(SenderId).optional(),
  groupPolicy: z.enum(GroupPolicies).default("allowlist"),
  groupAllowFrom: z.array(SenderId).optional(),
  requireMention: z.boolean().default(true),
  ownerIds: z.array(SenderId.refine((s) => s !== AllowAll, "an owner cannot be `*`")).optional(),
  tools: ChannelToolGrants.optional(),
};

function checkOpen(c: { dmPolicy: string; allowFrom?: string[] | undefined; groupPolicy: string; groupAllowFrom?: string[] | undefined }, ctx: z.RefinementCtx) {
  if (c.dmPolicy === "open" && !(c.allowFrom ?? []).includes(AllowAll)) {
    ctx.addIssue({ code: "custom", path: ["allowFrom"], message: '`dmPolicy: "open"` requires `allowFrom` to contain "*"' });
  }
  if (c.groupPolicy === "open" && !(c.groupAllowFrom ?? []).includes(AllowAll)) {
    ctx.addIssue({ code: "custom", path: ["groupAllowFrom"], message: '`groupPolicy: "open"` requires `groupAllowFrom` to contain "*"' });
  }
}

export const ChannelAccessConfig = z.strictObject(accessShape).superRefine(checkOpen);
export type ChannelAccessConfig = z.infer<typeof ChannelAccessConfig>;

const Secret = z.string().min(1).meta({ secret: true });
const HttpRoot = z.url({ protocol: /^https?$/ });

export const TelegramChannelConfig = z.strictObject({
  ...accessShape,
  enabled: z.boolean().default(false),
  botToken: Secret.optional(),
  /** A 0600 regular file holding the token; symlinks are refused. */
  tokenFile: z.string().min(1).optional(),
  apiRoot: HttpRoot.refine((u) => !u.endsWith("/"), "no trailing `/`").optional(),
  pollTimeoutSeconds: z.number().int().min(0).max(50).default(30),
}).superRefine(checkOpen);
export type TelegramChannelConfig = z.infer<typeof TelegramChannelConfig>;

export const SlackChannelConfig = z.strictObject({
  ...accessShape,
  enabled: z.boolean().default(false),
  botToken: Secret.optional(),
  tokenFile: z.string().min(1).optional(),
  signingSecret: Secret.optional(),
  signingSecretFile: z.string().min(1).optional(),
  apiUrl: HttpRoot.refine((u) => u.endsWith("/"), "must end with `/`").optional(),
  host: z.string().min(1).default("127.0.0.1"),
  port: z.number().int().min(0).max(65535).default(3100),
  path: z.string().startsWith("/").default("/slack/events"),
  teamId: z.string().optional(),
}).superRefine(checkOpen);
export type SlackChannelConfig = z.infer<typeof SlackChannelConfig>;

/** The pure access policy from a channel's parsed config. */
export function toAccessPolicy(c: ChannelAccessConfig | TelegramChannelConfig | SlackChannelConfig): ChannelAccessPolicy {
  return {
    dmPolicy: c.dmPolicy, groupPolicy: c.groupPolicy, requireMention: c.requireMention,
    ...(c.allowFrom === undefined ? {} : { allowFrom: c.allowFrom }),
    ...(c.groupAllowFrom === undefined ? {} : { groupAllowFrom: c.groupAllowFrom }),
    ...(c.ownerIds === undefined ? {} : { ownerIds: c.ownerIds }),
  };
}

/**
 * Resolves a secret given inline or as a file. Exactly one must be set. Must never put the secret in an
 * error.
 */
export function resolveChannelSecret(inline: string | undefined, file: string | undefined, what: string): string {
  if (inline !== undefined && file !== undefined) {
    throw new WardenError(ErrorCode.ConfigInvalid, `${what}: set the value or the file, not both`);
  }
  if (file !== undefined) return readSecretFile(file);
  if (inline !== undefined) return inline;
  throw new WardenError(ErrorCode.ConfigInvalid, `${what} is not set; set it or point its file setting at a 0600 file`);
}

export type ToolGrant = { all: true } | { all: false; tools: string[] };

/**
 * Which tools a principal may use on a channel. The owner: all (the gate still decides each call).
 * A contact: only what config grants their sender id (and, in a group, the group's chat id); none by default.
 */
export function resolveGrantedTools(principal: Principal, senderId: string, chat: { kind: "dm" | "group"; id: string }, grants: ChannelToolGrants | undefined): ToolGrant {
  if (principal.kind === "owner") return { all: true };
  if (principal.kind !== "contact" || grants === undefined) return { all: false, tools: [] };
  const tools = new Set(grants.senders[senderId] ?? []);
  if (chat.kind === "group") for (const t of grants.groups[chat.id] ?? []) tools.add(t);
  return { all: false, tools: [...tools].sort() };
}
