/**
 * Discord gateway `MESSAGE_CREATE` / `MESSAGE_UPDATE` → normalized inbound message. Parses with a schema; anything
 * it does not understand is ignored (null), never guessed. The sender id is `author.id`, which Discord fills in.
 *
 * - A DM has no `guild_id`; its chat id is the sender's user id (as on Telegram), so a DM session, a pairing reply
 *   and an owner notice all address the person, and the adapter finds the DM channel itself.
 * - A guild message's chat id is its channel id (a thread is a channel of its own): one session per guild channel.
 * - Mentions come from the platform's `mentions` list, never from parsing `<@id>` out of the text; a reply to the
 *   bot's message (`referenced_message.author.id`) counts as replying to the bot.
 * - A forward (`message_reference.type` 1) carries someone else's words: `forwardedFrom` is set and the text is
 *   the forwarded snapshot's. A reply to anyone but the bot sets `quotedText`.
 * - Bots, webhooks, system messages and messages without text are null. Without the Message Content intent a
 *   guild message that does not mention the bot arrives with empty content: null as well.
 */
import { z } from "zod";
import type { InboundMessage } from "../types.ts";

const Snowflake = z.string().regex(/^\d{1,20}$/);
const Author = z.object({
  id: Snowflake,
  username: z.string().optional(),
  global_name: z.string().nullish(),
  bot: z.boolean().optional(),
  system: z.boolean().optional(),
});
const Referenced = z.object({ author: z.object({ id: Snowflake }), content: z.string().optional() });
const Message = z.object({
  id: Snowflake,
  type: z.number().int(),
  channel_id: Snowflake,
  guild_id: Snowflake.optional(),
  author: Author,
  content: z.string(),
  webhook_id: Snowflake.optional(),
  mentions: z.array(z.object({ id: Snowflake })).default([]),
  message_reference: z.object({ type: z.number().int().optional() }).optional(),
  referenced_message: Referenced.nullish(),
  message_snapshots: z.array(z.object({ message: z.object({ content: z.string().optional() }) })).optional(),
});

/** Message types that carry a person's text: DEFAULT and REPLY. Joins, pins, thread starters, commands are not. */
const TextTypes = new Set([0, 19]);
/** `message_reference.type` for a forward. */
const ForwardReference = 1;

export type DiscordBotIdentity = { id: string };

/** What a normalized message needs from the raw one beyond `InboundMessage`: the DM channel, to answer in it. */
export type NormalizedDiscordMessage = { message: InboundMessage; dmChannelId?: string };

export function normalizeDiscordMessage(
  payload: unknown, bot: DiscordBotIdentity, receivedAt: number, opts: { edited: boolean; channel?: string },
): NormalizedDiscordMessage | null {
  const parsed = Message.safeParse(payload);
  if (!parsed.success) return null;
  const m = parsed.data;
  if (m.author.bot === true || m.author.system === true || m.webhook_id !== undefined) return null;
  if (m.author.id === bot.id || !TextTypes.has(m.type)) return null;
  const forwarded = m.message_reference?.type === ForwardReference;
  const text = forwarded && m.content === "" ? (m.message_snapshots?.[0]?.message.content ?? "") : m.content;
  if (text === "") return null;
  const dm = m.guild_id === undefined;
  const reply = forwarded ? undefined : m.referenced_message ?? undefined;
  const replyToBot = reply?.author.id === bot.id;
  const quotedText = reply !== undefined && !replyToBot && reply.content !== undefined && reply.content !== "" ? reply.content : undefined;
  const name = m.author.global_name ?? m.author.username;
  const message: InboundMessage = {
    channel: opts.channel ?? "discord",
    senderId: m.author.id,
    ...(name === undefined || name === "" ? {} : { senderName: name }),
    chat: dm ? { kind: "dm", id: m.author.id } : { kind: "group", id: m.channel_id },
    text,
    messageId: m.id,
    mentionsBot: m.mentions.some((u) => u.id === bot.id),
    replyToBot,
    edited: opts.edited,
    receivedAt,
    ...(forwarded ? { forwardedFrom: "a forwarded Discord message (origin not verified)" } : {}),
    ...(quotedText === undefined ? {} : { quotedText }),
  };
  return dm ? { message, dmChannelId: m.channel_id } : { message };
}

/** Our buttons' `custom_id`s: this prefix, then the command the button sends. Discord allows 100 characters. */
export const ActionIdPrefix = "warden:";
export const MaxActionIdLength = 100;

const Interaction = z.object({
  id: Snowflake,
  type: z.literal(3), // MESSAGE_COMPONENT
  token: z.string().min(1).max(1_000),
  channel_id: Snowflake,
  guild_id: Snowflake.optional(),
  user: Author.optional(),
  member: z.object({ user: Author }).optional(),
  data: z.object({ custom_id: z.string().max(MaxActionIdLength), component_type: z.literal(2) }),
});

/**
 * A button press (`INTERACTION_CREATE`, a message component) → the command it carries, as an inbound message from
 * the person who pressed it (Discord fills in `user` in a DM, `member.user` in a guild). The pipeline then decides
 * it as typed text: only the owner's own DM runs `/approve`. Null for anything but one of our buttons.
 */
export function normalizeDiscordInteraction(
  payload: unknown, bot: DiscordBotIdentity, receivedAt: number, channel = "discord",
): (NormalizedDiscordMessage & { interaction: { id: string; token: string } }) | null {
  const parsed = Interaction.safeParse(payload);
  if (!parsed.success) return null;
  const i = parsed.data;
  const presser = i.member?.user ?? i.user;
  if (presser === undefined || presser.bot === true || presser.id === bot.id) return null;
  if (!i.data.custom_id.startsWith(ActionIdPrefix)) return null;
  const text = i.data.custom_id.slice(ActionIdPrefix.length);
  if (text === "") return null;
  const dm = i.guild_id === undefined;
  const name = presser.global_name ?? presser.username;
  const message: InboundMessage = {
    channel,
    senderId: presser.id,
    ...(name === undefined || name === "" ? {} : { senderName: name }),
    chat: dm ? { kind: "dm", id: presser.id } : { kind: "group", id: i.channel_id },
    text,
    messageId: i.id,
    mentionsBot: false,
    replyToBot: false,
    edited: false,
    receivedAt,
  };
  return { message, ...(dm ? { dmChannelId: i.channel_id } : {}), interaction: { id: i.id, token: i.token } };
}
