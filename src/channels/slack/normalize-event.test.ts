import { test } from "node:test";
import assert from "node:assert/strict";
import { normalizeSlackEvent } from "./normalize-event.ts";
import { buildMessageEnvelope } from "../../../test/support/fake-slack.ts";

const bot = { userId: "UBOT", botId: "BBOT" };

void test("DMs, channels, mentions, thread replies to the bot, edits", () => {
  const dm = normalizeSlackEvent(buildMessageEnvelope({ user: "UANN", channel: "DANN", channelType: "im", text: "hi" }), bot, 5);
  assert.equal(dm?.chat.kind, "dm");
  assert.equal(dm?.senderId, "UANN");
  const ch = normalizeSlackEvent(buildMessageEnvelope({ user: "UANN", channel: "C1", channelType: "channel", text: "<@UBOT> hi", threadTs: "1.0", parentUserId: "UBOT" }), bot, 5);
  assert.deepEqual([ch?.chat.kind, ch?.mentionsBot, ch?.replyToBot], ["group", true, true]);
  const other = normalizeSlackEvent(buildMessageEnvelope({ user: "UANN", channel: "C1", channelType: "channel", text: "<@UBOTX> hi", threadTs: "1.0", parentUserId: "UOTHER" }), bot, 5);
  assert.deepEqual([other?.mentionsBot, other?.replyToBot], [false, false]);
  const edit = normalizeSlackEvent(buildMessageEnvelope({ user: "UANN", channel: "DANN", channelType: "im", text: "fixed", edited: true }), bot, 5);
  assert.deepEqual([edit?.edited, edit?.text, edit?.senderId], [true, "fixed", "UANN"]);
});

void test("bots, the bot itself, subtypes, unknown channel types and junk are ignored", () => {
  const base = buildMessageEnvelope({ user: "UANN", channel: "DANN", channelType: "im", text: "hi" });
  const ev = base.event as Record<string, unknown>;
  const with_ = (e: Record<string, unknown>) => normalizeSlackEvent({ ...base, event: { ...ev, ...e } }, bot, 0);
  assert.equal(with_({ bot_id: "B2" }), null);
  assert.equal(with_({ user: "UBOT" }), null);
  assert.equal(with_({ subtype: "channel_join" }), null);
  assert.equal(with_({ channel_type: "app_home" }), null);
  assert.equal(with_({ text: "" }), null);
  assert.equal(with_({ user: "<@UOWNER>" }), null);
  assert.equal(normalizeSlackEvent({ type: "event_callback", event_id: "E1", event: "x" }, bot, 0), null);
  assert.equal(normalizeSlackEvent("junk", bot, 0), null);
});
