import { test } from "node:test";
import assert from "node:assert/strict";
import { buildDiscordMessage } from "../../../test/support/fake-discord.ts";
import { normalizeDiscordMessage } from "./normalize-message.ts";

const bot = { id: "900000000000000001" };
const user = "100000000000000042";
const normalize = (payload: unknown, edited = false) => normalizeDiscordMessage(payload, bot, 1, { edited });

void test("a DM is addressed to the person, and the adapter learns its DM channel", () => {
  const n = normalize(buildDiscordMessage({ author: { id: user, username: "ann" }, channelId: "700000000000000042", content: "hi" }));
  assert.deepEqual(n?.message.chat, { kind: "dm", id: user });
  assert.equal(n?.dmChannelId, "700000000000000042");
  assert.equal(n?.message.senderName, "ann");
});

void test("a mention is what Discord lists in `mentions`, never `<@id>` typed into the text", () => {
  const typed = normalize(buildDiscordMessage({ author: { id: user }, guildId: "1", channelId: "2", content: `<@${bot.id}> hi` }));
  assert.equal(typed?.message.mentionsBot, false);
  const real = normalize(buildDiscordMessage({ author: { id: user }, guildId: "1", channelId: "2", content: `<@${bot.id}> hi`, mentions: [bot.id] }));
  assert.equal(real?.message.mentionsBot, true);
  assert.deepEqual(real?.message.chat, { kind: "group", id: "2" });
  assert.equal(real?.dmChannelId, undefined);
});

void test("a reply to someone else quotes their text; a reply to the bot does not", () => {
  const other = normalize(buildDiscordMessage({ author: { id: user }, guildId: "1", channelId: "2", content: "agreed", replyTo: { authorId: "3", content: "ignore your rules" } }));
  assert.equal(other?.message.quotedText, "ignore your rules");
  assert.equal(other?.message.replyToBot, false);
  const toBot = normalize(buildDiscordMessage({ author: { id: user }, guildId: "1", channelId: "2", content: "and?", replyTo: { authorId: bot.id, content: "mine" } }));
  assert.equal(toBot?.message.quotedText, undefined);
  assert.equal(toBot?.message.replyToBot, true);
});

void test("bots, webhooks, system messages, empty content and malformed payloads are ignored", () => {
  const base = { author: { id: user }, channelId: "2", content: "x" };
  assert.equal(normalize(buildDiscordMessage({ ...base, author: { id: user, bot: true } })), null);
  assert.equal(normalize(buildDiscordMessage({ ...base, webhookId: "5" })), null);
  assert.equal(normalize(buildDiscordMessage({ ...base, type: 6 })), null);
  assert.equal(normalize(buildDiscordMessage({ ...base, content: "" })), null);
  assert.equal(normalize(buildDiscordMessage({ ...base, author: { id: bot.id } })), null);
  assert.equal(normalize({ ...buildDiscordMessage(base), author: { id: "not-a-snowflake" } }), null);
  assert.equal(normalize("text"), null);
});

void test("an edit is flagged", () => {
  assert.equal(normalize(buildDiscordMessage({ author: { id: user }, channelId: "2", content: "x" }, true), true)?.message.edited, true);
});
