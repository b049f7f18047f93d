/**
 * Slack Events API envelope → normalized inbound message. Only `message` events from people, in DMs
 * (`channel_type: im`) or channels/groups, with text. Edits (`message_changed`) are flagged. Everything
 * else, including bot messages and the bot's own, is null.
 */
import { z } from "zod";
import type { InboundMessage } from "../types.ts";

const Inner = z.object({
  user: z.string().min(1).optional(),
  text: z.string().optional(),
  ts: z.string().min(1),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
  thread_ts: z.string().optional(),
  parent_user_id: z.string().optional(),
});
const MessageEvent = Inner.extend({
  type: z.literal("message"),
  channel: z.string().min(1),
  channel_type: z.string().optional(),
  message: Inner.optional(),
});
export const SlackEnvelope = z.object({
  type: z.literal("event_callback"),
  team_id: z.string().optional(),
  api_app_id: z.string().optional(),
  event_id: z.string().min(1).max(128),
  event: z.object({ type: z.string() }).loose(),
});
export type SlackEnvelope = z.infer<typeof SlackEnvelope>;

export type SlackBotIdentity = { userId: string; botId?: string };

const SlackId = /^[A-Z0-9]{2,32}$/;

export function normalizeSlackEvent(body: unknown, bot: SlackBotIdentity, receivedAt: number, channel = "slack"): InboundMessage | null {
  const envelope = SlackEnvelope.safeParse(body);
  if (!envelope.success) return null;
  const parsed = MessageEvent.safeParse(envelope.data.event);
  if (!parsed.success) return null;
  const e = parsed.data;
  let inner: z.infer<typeof Inner>;
  let edited = false;
  if (e.subtype === undefined || e.subtype === "thread_broadcast") {
    inner = e;
  } else if (e.subtype === "message_changed" && e.message !== undefined) {
    inner = e.message;
    edited = true;
  } else {
    return null; // joins, deletions, bot_message, file shares without text, …
  }
  if (inner.user === undefined || !SlackId.test(inner.user)) return null;
  if (inner.bot_id !== undefined || inner.user === bot.userId) return null;
  if (inner.subtype !== undefined && inner.subtype !== "thread_broadcast") return null;
  if (typeof inner.text !== "string" || inner.text === "") return null;
  let kind: "dm" | "group";
  if (e.channel_type === "im") kind = "dm";
  else if (e.channel_type === "channel" || e.channel_type === "group" || e.channel_type === "mpim") kind = "group";
  else return null;
  return {
    channel,
    senderId: inner.user,
    chat: { kind, id: e.channel },
    text: inner.text,
    messageId: inner.ts,
    mentionsBot: inner.text.includes(`<@${bot.userId}>`),
    replyToBot: inner.thread_ts !== undefined && inner.parent_user_id === bot.userId,
    edited,
    receivedAt,
  };
}
