/**
 * A WhatsApp Cloud API webhook payload (`object: whatsapp_business_account`, `entry[].changes[].value`) → normalized
 * inbound messages. Parses with a schema; anything it does not understand is ignored, never guessed.
 *
 * - The sender id is the message's `from` (the sender's WhatsApp id, a phone number in digits), which Meta fills in.
 *   Every chat is a DM: the Cloud API delivers no group conversations, and a message that names a group is ignored.
 * - Only changes for this business number (`metadata.phone_number_id`) count; another number's are refused.
 * - A reply to one of the bot's messages (`context.from` is the bot's number) counts as a reply to the bot.
 *   A forwarded message (`context.forwarded`) is marked as someone else's words.
 * - A press of one of our reply buttons (`interactive.button_reply`) is its command typed by the presser.
 * - Statuses, reactions, media without a caption, system messages and anything unknown are ignored.
 */
import { z } from "zod";
import type { InboundMessage } from "../types.ts";

/** Our buttons' ids start with this; a press delivers the rest as the command. */
export const WhatsAppActionPrefix = "warden:";

const WaId = z.string().regex(/^\d{5,20}$/);
const Context = z.object({ from: z.string().optional(), id: z.string().optional(), forwarded: z.boolean().optional(), frequently_forwarded: z.boolean().optional() });
const Message = z.object({
  from: WaId,
  id: z.string().min(1).max(200),
  timestamp: z.string().regex(/^\d{1,12}$/),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  interactive: z.object({ type: z.string(), button_reply: z.object({ id: z.string(), title: z.string().optional() }).optional() }).optional(),
  context: Context.optional(),
  group_id: z.string().optional(),
});
const Value = z.object({
  messaging_product: z.literal("whatsapp"),
  metadata: z.object({ phone_number_id: z.string(), display_phone_number: z.string().optional() }),
  contacts: z.array(z.object({ wa_id: z.string(), profile: z.object({ name: z.string().optional() }).optional() })).optional(),
  messages: z.array(z.unknown()).optional(),
});
export const WhatsAppPayload = z.object({
  object: z.literal("whatsapp_business_account"),
  entry: z.array(z.object({ id: z.string(), changes: z.array(z.object({ field: z.string(), value: z.unknown() })) })),
});

export type NormalizedWhatsAppMessage = { message: InboundMessage; sentAtSec: number };

export type WhatsAppBotIdentity = { phoneNumberId: string; displayNumber?: string };

const digits = (s: string | undefined) => (s ?? "").replace(/\D/g, "");

/** Messages in a payload that is already known to be a `whatsapp_business_account` one; `foreign` counts changes for other numbers. */
export function normalizeWhatsAppPayload(payload: z.infer<typeof WhatsAppPayload>, bot: WhatsAppBotIdentity, receivedAt: number, channel = "whatsapp"): { messages: NormalizedWhatsAppMessage[]; foreign: number } {
  const messages: NormalizedWhatsAppMessage[] = [];
  let foreign = 0;
  for (const entry of payload.entry) {
    for (const change of entry.changes) {
      if (change.field !== "messages") continue;
      const value = Value.safeParse(change.value);
      if (!value.success) continue;
      if (value.data.metadata.phone_number_id !== bot.phoneNumberId) {
        foreign += 1;
        continue;
      }
      const names = new Map((value.data.contacts ?? []).map((c) => [c.wa_id, c.profile?.name]));
      const own = digits(value.data.metadata.display_phone_number ?? bot.displayNumber);
      for (const raw of value.data.messages ?? []) {
        const parsed = Message.safeParse(raw);
        if (!parsed.success) continue;
        const m = parsed.data;
        if (m.group_id !== undefined) continue;
        let text: string | undefined;
        if (m.type === "text") text = m.text?.body;
        else if (m.type === "interactive" && m.interactive?.type === "button_reply") {
          const id = m.interactive.button_reply?.id ?? "";
          if (id.startsWith(WhatsAppActionPrefix)) text = id.slice(WhatsAppActionPrefix.length);
        }
        if (text === undefined || text === "") continue;
        const forwarded = m.context?.forwarded === true || m.context?.frequently_forwarded === true;
        const name = names.get(m.from);
        messages.push({
          sentAtSec: Number(m.timestamp),
          message: {
            channel,
            senderId: m.from,
            ...(name === undefined || name === "" ? {} : { senderName: name }),
            chat: { kind: "dm", id: m.from },
            text,
            messageId: m.id,
            mentionsBot: false,
            replyToBot: !forwarded && own !== "" && digits(m.context?.from) === own,
            edited: false,
            receivedAt,
            ...(forwarded ? { forwardedFrom: "a forwarded WhatsApp message (origin not given)" } : {}),
          },
        });
      }
    }
  }
  return { messages, foreign };
}
