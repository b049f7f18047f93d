/**
 * A signal-cli `receive` event (`{ envelope, account }`, as the daemon's SSE stream and JSON-RPC notifications carry
 * it) → normalized inbound message. Parses with a schema; anything it does not understand is ignored (null).
 *
 * - The sender id is the envelope's `sourceUuid` (the sender's ACI): Signal fills it in from the sealed sender
 *   certificate and it never changes, while a phone number may be hidden or change. `sourceName` (profile name)
 *   and `sourceNumber` only describe the sender.
 * - A DM's chat id is the sender id; a group message (`dataMessage.groupInfo.groupId`) has the group id as its
 *   chat id: one session per group, and a group's messages never land in a DM session.
 * - Mentions come from the message's `mentions` list (by ACI or number), never from the text; a quote of one of
 *   the bot's messages counts as a reply to the bot; a quote of anyone else's sets `quotedText`.
 * - An `editMessage` is an edit. Receipts, typing, sync messages (the account's other devices), stories, reactions,
 *   messages without text and messages from the bot's own account are null.
 */
import { z } from "zod";
import type { InboundMessage } from "../types.ts";

const Uuid = z.string().regex(/^[0-9a-fA-F-]{32,36}$/);
const Mention = z.object({ uuid: z.string().nullish(), number: z.string().nullish() });
const Quote = z.object({
  authorUuid: z.string().nullish(), authorNumber: z.string().nullish(), author: z.string().nullish(), text: z.string().nullish(),
});
const DataMessage = z.object({
  timestamp: z.number().int(),
  message: z.string().nullish(),
  mentions: z.array(Mention).nullish(),
  quote: Quote.nullish(),
  groupInfo: z.object({ groupId: z.string().min(1).max(200), type: z.string().nullish() }).nullish(),
  reaction: z.unknown().optional(),
  remoteDelete: z.unknown().optional(),
});
const Envelope = z.object({
  sourceUuid: Uuid,
  sourceNumber: z.string().nullish(),
  sourceName: z.string().nullish(),
  timestamp: z.number().int(),
  dataMessage: DataMessage.nullish(),
  editMessage: z.object({ targetSentTimestamp: z.number().int(), dataMessage: DataMessage }).nullish(),
});
const ReceiveEvent = z.object({ envelope: Envelope, account: z.string().nullish() });

/** Who the bot is on Signal: its number and, once known, its ACI. */
export type SignalBotIdentity = { number?: string; uuid?: string };

function isBot(bot: SignalBotIdentity, uuid: string | null | undefined, number: string | null | undefined): boolean {
  return (uuid != null && bot.uuid !== undefined && uuid.toLowerCase() === bot.uuid.toLowerCase())
    || (number != null && bot.number !== undefined && number === bot.number);
}

export function normalizeSignalEvent(payload: unknown, bot: SignalBotIdentity, receivedAt: number, channel = "signal"): InboundMessage | null {
  const parsed = ReceiveEvent.safeParse(payload);
  if (!parsed.success) return null;
  const e = parsed.data.envelope;
  if (isBot(bot, e.sourceUuid, e.sourceNumber)) return null;
  const edited = e.editMessage != null;
  const data = e.editMessage?.dataMessage ?? e.dataMessage;
  if (data == null || data.reaction != null || data.remoteDelete != null) return null;
  const text = data.message ?? "";
  if (text === "") return null;
  const group = data.groupInfo ?? undefined;
  // Only a message delivered to the group is one; an update or quit message carries no conversation.
  if (group !== undefined && group.type != null && group.type !== "DELIVER") return null;
  const quote = data.quote ?? undefined;
  const replyToBot = quote !== undefined && isBot(bot, quote.authorUuid, quote.authorNumber ?? quote.author);
  const quotedText = quote !== undefined && !replyToBot && quote.text != null && quote.text !== "" ? quote.text : undefined;
  const senderId = e.sourceUuid.toLowerCase();
  const name = e.sourceName ?? e.sourceNumber ?? undefined;
  return {
    channel,
    senderId,
    ...(name === undefined || name === "" ? {} : { senderName: name }),
    chat: group === undefined ? { kind: "dm", id: senderId } : { kind: "group", id: group.groupId },
    text,
    messageId: `${senderId}:${e.editMessage?.targetSentTimestamp ?? data.timestamp}`,
    mentionsBot: (data.mentions ?? []).some((m) => isBot(bot, m.uuid, m.number)),
    replyToBot,
    edited,
    receivedAt,
    ...(quotedText === undefined ? {} : { quotedText }),
  };
}
