import { test } from "node:test";
import assert from "node:assert/strict";
import { normalizeTelegramUpdate } from "./normalize-update.ts";

const bot = { id: 99, username: "Warden_Bot" };
const from = { id: 5, is_bot: false, first_name: "Ann", username: "ann" };
const group = { id: -42, type: "supergroup" };
const upd = (message: Record<string, unknown>, key = "message") => ({ update_id: 1, [key]: { message_id: 7, date: 1, from, chat: group, ...message } });

void test("mentions come from entities only, case-insensitively, incl. text_mention and /cmd@bot", () => {
  const n = (m: Record<string, unknown>) => normalizeTelegramUpdate(upd(m), bot, 0)?.mentionsBot;
  assert.equal(n({ text: "@warden_bot hi", entities: [{ type: "mention", offset: 0, length: 11 }] }), true);
  assert.equal(n({ text: "@warden_bot hi" }), false, "no entity, no mention (Telegram sets entities itself)");
  assert.equal(n({ text: "@warden_botx hi", entities: [{ type: "mention", offset: 0, length: 12 }] }), false);
  assert.equal(n({ text: "hey you", entities: [{ type: "text_mention", offset: 4, length: 3, user: { id: 99, is_bot: true, first_name: "W" } }] }), true);
  assert.equal(n({ text: "/help@Warden_Bot", entities: [{ type: "bot_command", offset: 0, length: 16 }] }), true);
  assert.equal(n({ text: "/help@other_bot", entities: [{ type: "bot_command", offset: 0, length: 15 }] }), false);
});

void test("identity, chat kind, replies and edits", () => {
  const m = normalizeTelegramUpdate(upd({ text: "x", reply_to_message: { message_id: 1, date: 1, chat: group, from: { id: 99, is_bot: true, first_name: "W" } } }), bot, 123);
  assert.deepEqual(m, {
    channel: "telegram", senderId: "5", senderName: "ann", chat: { kind: "group", id: "-42" }, text: "x", messageId: "7",
    mentionsBot: false, replyToBot: true, edited: false, receivedAt: 123,
  });
  assert.equal(normalizeTelegramUpdate(upd({ text: "x" }, "edited_message"), bot, 0)?.edited, true);
  assert.equal(normalizeTelegramUpdate(upd({ text: "x", chat: { id: 5, type: "private" } }), bot, 0)?.chat.kind, "dm");
  assert.equal(normalizeTelegramUpdate(upd({ text: "x", chat: { id: 6, type: "private" } }), bot, 0), null, "private chat id must be the sender");
  assert.equal(normalizeTelegramUpdate(upd({ text: "x", chat: { id: -1, type: "channel" } }), bot, 0), null);
  assert.equal(normalizeTelegramUpdate(upd({ caption: "photo" }), bot, 0), null);
  assert.equal(normalizeTelegramUpdate(upd({ text: "x", from: undefined }), bot, 0), null);
  assert.equal(normalizeTelegramUpdate(null, bot, 0), null);
  assert.equal(normalizeTelegramUpdate({ update_id: 1, callback_query: { id: "1" } }, bot, 0), null);
});
