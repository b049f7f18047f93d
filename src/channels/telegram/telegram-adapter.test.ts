import { after, test } from "node:test";
import assert from "node:assert/strict";
import { runAdapterSuite } from "../adapter-suite.ts";
import type { AdapterHarness } from "../adapter-suite.ts";
import { createTelegramAdapter, splitTelegramText, TelegramMaxText } from "./telegram-adapter.ts";
import { buildTextUpdate, mentionEntity, startFakeBotApi } from "./fake-bot-api.ts";
import type { FakeBotApi } from "./fake-bot-api.ts";

const token = "7000001:AAH-test-token-not-real";
const servers: FakeBotApi[] = [];
after(async () => {
  for (const s of servers) await s.close();
});

async function makeHarness(): Promise<AdapterHarness> {
  const api = await startFakeBotApi({ token });
  servers.push(api);
  const adapter = createTelegramAdapter({ token, apiRoot: api.apiRoot, clock: Date.now, pollTimeoutSeconds: 5 });
  const bot = api.botUser;
  const username = bot.username ?? "";
  return {
    adapter,
    senderIdOf: (suiteId) => suiteId,
    async injectDm(sender, text) {
      api.pushUpdate(buildTextUpdate({ from: { id: Number(sender.id), first_name: sender.name ?? "U" }, text }));
    },
    async injectGroup(sender, groupId, text, opts) {
      const chat = { id: -1 * (1000 + groupId.length), type: "supergroup" as const, title: groupId };
      const body = opts.mention ? `@${username} ${text}` : text;
      api.pushUpdate(buildTextUpdate({
        from: { id: Number(sender.id) }, text: body, chat,
        ...(opts.mention ? { entities: [mentionEntity(body, username)] } : {}),
        ...(opts.replyToBot ? { replyTo: { from: bot } } : {}),
      }));
    },
    async injectEdit(sender, text) {
      api.pushUpdate(buildTextUpdate({ from: { id: Number(sender.id) }, text, edited: true }));
    },
    async injectJunk() {
      api.pushUpdate({ message: { message_id: "not-a-number", chat: null } });
      api.pushUpdate({ message: { message_id: 1, from: { id: 5, is_bot: false }, chat: { id: 5, type: "private" }, date: 1, photo: [{ file_id: "x" }] } });
      api.pushUpdate({ message: { message_id: 2, from: { id: 6, is_bot: true, first_name: "b" }, chat: { id: 6, type: "private" }, date: 1, text: "from a bot" } });
      api.pushUpdate({ channel_post: { message_id: 3, chat: { id: -100, type: "channel" }, date: 1, text: "post" } });
      api.pushUpdate({ message: { message_id: 4, sender_chat: { id: -100 }, from: { id: 1087968824, is_bot: true }, chat: { id: -100, type: "supergroup" }, date: 1, text: "anon admin" } });
      api.pushUpdate({ message: { message_id: 5, from: { id: 8, is_bot: false }, chat: { id: 9, type: "private" }, date: 1, text: "spoofed private chat" } });
      api.pushUpdate({ message: { message_id: 6, from: { id: 8, is_bot: false }, chat: { id: 8, type: "private" }, date: 1, text: "x".repeat(10), entities: [{ type: "mention", offset: -3, length: 2 }] } });
      api.pushUpdate({});
    },
    sent: () => api.sent.filter((s) => s.method === "sendMessage").map((s) => ({ chatId: String(s.params.chat_id), text: String(s.params.text) })),
    typingCount: () => api.sent.filter((s) => s.method === "sendChatAction").length,
    close: () => api.close(),
  };
}

runAdapterSuite("telegram", makeHarness);

void test("telegram: a wrong token fails start like the real API (401), and the token never shows", async () => {
  const api = await startFakeBotApi({ token });
  servers.push(api);
  const wrong = "7000001:AAH-wrong-token-also-secret";
  const logs: string[] = [];
  const adapter = createTelegramAdapter({ token: wrong, apiRoot: api.apiRoot, clock: Date.now, log: (_l, m) => logs.push(m) });
  await assert.rejects(adapter.start(async () => undefined), (e: Error) => {
    assert.match(e.message, /401|Unauthorized/);
    assert.ok(!e.message.includes(wrong));
    return true;
  });
  await adapter.stop();
  await assert.rejects(adapter.send({ chatId: "1", kind: "dm" }, "x"), (e: Error) => !e.message.includes(wrong));
  assert.ok(logs.every((l) => !l.includes(wrong)));
});

void test("telegram: long replies are split under the platform limit", async () => {
  const api = await startFakeBotApi({ token });
  servers.push(api);
  const adapter = createTelegramAdapter({ token, apiRoot: api.apiRoot, clock: Date.now });
  await adapter.send({ chatId: "42", kind: "dm" }, `${"a".repeat(5000)}\n${"b".repeat(100)}`);
  const texts = api.sent.map((s) => String(s.params.text));
  assert.ok(texts.length >= 2 && texts.every((t) => t.length <= TelegramMaxText));
  assert.equal(texts.join("").replace(/\n/g, ""), "a".repeat(5000) + "b".repeat(100));
  assert.deepEqual(splitTelegramText("😀".repeat(3000)).map((c) => c.length % 2), [0, 0]);
});

void test("telegram: every message the agent sends has link previews disabled (no zero-click fetch of a link it wrote)", async () => {
  const api = await startFakeBotApi({ token });
  servers.push(api);
  const adapter = createTelegramAdapter({ token, apiRoot: api.apiRoot, clock: Date.now });
  await adapter.send({ chatId: "42", kind: "dm" }, `see https://attacker.example/x?d=secret\n${"a".repeat(5000)}`);
  const sends = api.sent.filter((s) => s.method === "sendMessage");
  assert.ok(sends.length >= 2);
  for (const s of sends) assert.deepEqual(s.params.link_preview_options, { is_disabled: true });
});
