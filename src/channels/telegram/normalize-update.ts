/**
 * Telegram update → normalized inbound message. Parses with a schema; anything it does not understand is
 * ignored (null), never guessed. The sender id is `from.id`, which Telegram fills in itself.
 *
 * Forwarded and quoted text is not the sender's own words: a forward (`forward_origin`, or the older
 * `forward_from` / `forward_from_chat` / `forward_sender_name` / `forward_date`, or an automatic forward) sets
 * `forwardedFrom` (a forward whose origin does not parse is still a forward, from "an unknown origin"); a reply
 * to anyone but the bot sets `quotedText` (the selected quote, else the replied-to text or caption).
 */
import { z } from "zod";
import type { InboundMessage } from "../types.ts";

const User = z.object({ id: z.number().int(), is_bot: z.boolean(), first_name: z.string().optional(), username: z.string().optional() });
const Entity = z.object({
  type: z.string(), offset: z.number().int().nonnegative(), length: z.number().int().nonnegative(),
  user: z.object({ id: z.number().int() }).optional(),
});
const Message = z.object({
  message_id: z.number().int(),
  from: User.optional(),
  sender_chat: z.unknown().optional(),
  chat: z.object({ id: z.number().int(), type: z.string() }),
  text: z.string().optional(),
  entities: z.array(Entity).optional(),
  reply_to_message: z.object({
    from: z.object({ id: z.number().int() }).optional(),
    text: z.string().optional(),
    caption: z.string().optional(),
  }).optional(),
  // Parsed on their own below: a malformed origin must still mark the message as forwarded, not drop the field.
  forward_origin: z.unknown().optional(),
  forward_from: z.unknown().optional(),
  forward_from_chat: z.unknown().optional(),
  forward_sender_name: z.unknown().optional(),
  forward_date: z.unknown().optional(),
  is_automatic_forward: z.unknown().optional(),
  quote: z.unknown().optional(),
  external_reply: z.unknown().optional(),
});
const Update = z.object({ update_id: z.number().int(), message: Message.optional(), edited_message: Message.optional() });

export type TelegramBotIdentity = { id: number; username: string };

const OriginUser = z.object({ id: z.number().int(), username: z.string().optional(), first_name: z.string().optional() });
const OriginChat = z.object({ id: z.number().int(), type: z.string().optional(), username: z.string().optional(), title: z.string().optional() });
const Origin = z.discriminatedUnion("type", [
  z.object({ type: z.literal("user"), sender_user: OriginUser }),
  z.object({ type: z.literal("hidden_user"), sender_user_name: z.string() }),
  z.object({ type: z.literal("chat"), sender_chat: OriginChat, author_signature: z.string().optional() }),
  z.object({ type: z.literal("channel"), chat: OriginChat, author_signature: z.string().optional() }),
]);
const Quote = z.object({ text: z.string() });
const UnknownOrigin = "an unknown origin";

/** A display string from the platform, quoted and bounded: it is someone else's choice of words. */
function quoted(value: string): string {
  const clean = value.replace(/[\p{Cc}\p{Cf}"]/gu, "").trim().slice(0, 64);
  return `"${clean}"`;
}

function describeUser(user: z.infer<typeof OriginUser>): string {
  const name = user.username !== undefined && /^\w{1,64}$/.test(user.username) ? user.username : user.first_name !== undefined ? quoted(user.first_name) : undefined;
  return `telegram user ${user.id}${name === undefined ? "" : ` (${name})`}`;
}

function describeChat(chat: z.infer<typeof OriginChat>, kind: string, signature: string | undefined): string {
  const name = chat.username !== undefined && /^\w{1,64}$/.test(chat.username) ? `@${chat.username}` : chat.title !== undefined ? quoted(chat.title) : String(chat.id);
  return `${kind} ${name}${signature === undefined ? "" : ` (signed ${quoted(signature)})`}`;
}

function describeForward(m: z.infer<typeof Message>): string | undefined {
  if (m.forward_origin !== undefined) {
    const origin = Origin.safeParse(m.forward_origin);
    if (!origin.success) return UnknownOrigin;
    const o = origin.data;
    if (o.type === "user") return describeUser(o.sender_user);
    if (o.type === "hidden_user") return `hidden user ${quoted(o.sender_user_name)}`;
    if (o.type === "chat") return describeChat(o.sender_chat, "chat", o.author_signature);
    return describeChat(o.chat, "channel", o.author_signature);
  }
  if (m.forward_from !== undefined) {
    const user = OriginUser.safeParse(m.forward_from);
    return user.success ? describeUser(user.data) : UnknownOrigin;
  }
  if (m.forward_from_chat !== undefined) {
    const chat = OriginChat.safeParse(m.forward_from_chat);
    return chat.success ? describeChat(chat.data, chat.data.type === "channel" ? "channel" : "chat", undefined) : UnknownOrigin;
  }
  if (typeof m.forward_sender_name === "string") return `hidden user ${quoted(m.forward_sender_name)}`;
  if (m.forward_sender_name !== undefined || m.forward_date !== undefined) return UnknownOrigin;
  if (m.is_automatic_forward === true) return "a channel (automatic forward)";
  return undefined;
}

/** The text the sender replied to or quoted, unless it is the bot's own message. */
function quotedTextOf(m: z.infer<typeof Message>, bot: TelegramBotIdentity): string | undefined {
  const reply = m.reply_to_message;
  const toBot = reply?.from?.id === bot.id && m.external_reply === undefined;
  if (toBot) return undefined;
  const quote = Quote.safeParse(m.quote);
  if (quote.success && quote.data.text !== "") return quote.data.text;
  const text = reply?.text ?? reply?.caption;
  return text === undefined || text === "" ? undefined : text;
}

function mentions(text: string, entities: z.infer<typeof Entity>[] | undefined, bot: TelegramBotIdentity): boolean {
  if (entities === undefined) return false;
  const handle = `@${bot.username}`.toLowerCase();
  for (const e of entities) {
    // Entity offsets are UTF-16 code units, as JavaScript strings index.
    const slice = text.slice(e.offset, e.offset + e.length).toLowerCase();
    if (e.type === "mention" && slice === handle) return true;
    if (e.type === "text_mention" && e.user?.id === bot.id) return true;
    if (e.type === "bot_command" && slice.endsWith(handle)) return true;
  }
  return false;
}

/**
 * Returns the normalized message, or null for anything that is not a plain text message from a person in
 * a private chat or a group: channel posts, anonymous admins (`sender_chat`), other bots, media without
 * text, service messages and malformed payloads.
 */
export function normalizeTelegramUpdate(
  update: unknown, bot: TelegramBotIdentity, receivedAt: number, channel = "telegram",
): InboundMessage | null {
  const parsed = Update.safeParse(update);
  if (!parsed.success) return null;
  const edited = parsed.data.message === undefined && parsed.data.edited_message !== undefined;
  const m = parsed.data.message ?? parsed.data.edited_message;
  if (m === undefined || m.from === undefined || m.sender_chat !== undefined) return null;
  if (m.from.is_bot || typeof m.text !== "string" || m.text === "") return null;
  let kind: "dm" | "group";
  if (m.chat.type === "private") {
    // INVARIANT: a private chat's id is the user's id; anything else is not a message we understand.
    if (m.chat.id !== m.from.id) return null;
    kind = "dm";
  } else if (m.chat.type === "group" || m.chat.type === "supergroup") {
    kind = "group";
  } else {
    return null;
  }
  const name = m.from.username ?? m.from.first_name;
  const forwardedFrom = describeForward(m);
  const quotedText = quotedTextOf(m, bot);
  return {
    channel,
    senderId: String(m.from.id),
    ...(name === undefined ? {} : { senderName: name }),
    chat: { kind, id: String(m.chat.id) },
    text: m.text,
    messageId: String(m.message_id),
    mentionsBot: mentions(m.text, m.entities, bot),
    replyToBot: m.reply_to_message?.from?.id === bot.id,
    edited,
    receivedAt,
    ...(forwardedFrom === undefined ? {} : { forwardedFrom }),
    ...(quotedText === undefined ? {} : { quotedText }),
  };
}
