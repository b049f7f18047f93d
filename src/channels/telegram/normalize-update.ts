/**
 * Telegram update → normalized inbound message. Parses with a schema; anything it does not understand is
 * ignored (null), never guessed. The sender id is `from.id`, which Telegram fills in itself.
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
  reply_to_message: z.object({ from: z.object({ id: z.number().int() }).optional() }).optional(),
});
const Update = z.object({ update_id: z.number().int(), message: Message.optional(), edited_message: Message.optional() });

export type TelegramBotIdentity = { id: number; username: string };

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
  };
}
