/**
 * A channel is a module: `{ id, configSchema, create }`. The config schema composes the registered channels'
 * schemas under `channels.<id>`; the runtime creates an adapter for each enabled one. Every channel's schema
 * holds the common access settings (`channelAccessShape`), so access policy and tool grants read the same keys
 * on every channel. `create` loads the platform SDK itself (a dynamic import): registering a channel costs nothing
 * until it is enabled. Must not throw for a platform failure after start; a bad setting is a clear `WardenError`.
 */
import { z } from "zod";
import type { ChannelAdapter } from "./types.ts";
import type { Logger } from "../core/logger.ts";

const dmPolicy = z.enum(["pairing", "allowlist", "open", "disabled"]);
const groupPolicy = z.enum(["allowlist", "open", "disabled"]);

/** Marks a string field as a secret: redaction, `config get` and audits find it through this metadata. */
export function secretField() {
  return z.string().min(1).meta({ secret: true });
}

/** Marks a string field as the path of a file that holds a secret: the audit checks that file's permissions. */
export function secretFileField() {
  return z.string().min(1).meta({ secretFile: true });
}

/** The settings every channel has: on/off, who may write, who the owner is, what contacts may use. */
export const channelAccessShape = {
  enabled: z.boolean().default(false),
  dmPolicy: dmPolicy.default("pairing"),
  /** Unset means the owner only. `open` requires an explicit "*". */
  allowFrom: z.array(z.string()).optional(),
  groupPolicy: groupPolicy.default("allowlist"),
  groupAllowFrom: z.array(z.string()).optional(),
  requireMention: z.boolean().default(true),
  /** Sender ids that are the owner on this channel; otherwise the first pairing approval sets it. */
  ownerIds: z.array(z.string()).optional(),
  /** Tools granted to non-owner senders or groups: `{ "<senderId|group:<id>>": ["read", ...] }`. */
  toolGrants: z.record(z.string(), z.array(z.string())).default({}),
};

/** A channel's parsed config as every channel has it. */
export type ChannelSettings = z.infer<z.ZodObject<typeof channelAccessShape>>;

/** `log` is the gateway's logger, a child bound to the channel's id. */
export type ChannelContext = { clock: () => number; log: Logger };

export type ChannelModule<Id extends string = string, S extends z.ZodType<ChannelSettings> = z.ZodType<ChannelSettings>> = {
  /** The channel id: the config key under `channels`, the session keys' channel part. */
  id: Id;
  /** Every field must have a default: a config without this channel's section parses. */
  configSchema: S;
  create(config: z.infer<S>, ctx: ChannelContext): Promise<ChannelAdapter>;
};

/** Declares a channel module with its id and config types kept. */
export function defineChannel<const Id extends string, S extends z.ZodType<ChannelSettings>>(module: ChannelModule<Id, S>): ChannelModule<Id, S> {
  return module;
}
