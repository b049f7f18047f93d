import { after, test } from "node:test";
import assert from "node:assert/strict";
import { runAdapterSuite } from "../../../test/support/adapter-suite.ts";
import type { AdapterHarness } from "../../../test/support/adapter-suite.ts";
import type { ChannelAdapter } from "../types.ts";
import { createTelegramAdapter, splitTelegramText, TelegramMaxText } from "./telegram-adapter.ts";
import { describeError } from "../../core/errors.ts";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { buildTextUpdate, mentionEntity, startFakeBotApi, TelegramFaults } from "../../../test/support/fake-bot-api.ts";
import type { FakeBotApi } from "../../../test/support/fake-bot-api.ts";
import { captureLog } from "../../../test/support/capture-log.ts";
import { waitUntil } from "../../../test/support/wait.ts";

const token = "7000001:AAH-test-token-not-real";
const servers: FakeBotApi[] = [];
const running: ChannelAdapter[] = [];
after(async () => {
  for (const a of running) await a.stop();
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
  const captured = captureLog();
  const adapter = createTelegramAdapter({ token: wrong, apiRoot: api.apiRoot, clock: Date.now, log: captured.log });
  await assert.rejects(adapter.start(async () => undefined), (e: Error) => {
    assert.match(e.message, /401|Unauthorized/);
    assert.ok(!e.message.includes(wrong));
    return true;
  });
  await adapter.stop();
  await assert.rejects(adapter.send({ chatId: "1", kind: "dm" }, "x"), (e: Error) => !e.message.includes(wrong));
  assert.ok(!captured.text().includes(wrong));
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

// Recovery: fast retry timings so the tests wait on events, never on the production cadence.
const fast = { baseMs: 5, maxMs: 40, slowMs: 40 };

async function pollingAdapter(api: FakeBotApi) {
  const reports: { state: string; reason?: string; fix?: string }[] = [];
  const received: string[] = [];
  const adapter = createTelegramAdapter({ token, apiRoot: api.apiRoot, clock: Date.now, pollTimeoutSeconds: 1, retry: fast });
  running.push(adapter);
  await adapter.start(async (m) => { received.push(m.text); }, {
    report: (state, fault) => reports.push({ state, ...(fault ? { reason: fault.reason, ...(fault.fix ? { fix: fault.fix } : {}) } : {}) }),
  });
  return { adapter, reports, received };
}

void test("telegram: polling rides out 502, 429 and dropped connections, then delivers what was queued", async () => {
  const api = await startFakeBotApi({ token });
  servers.push(api);
  const { adapter, reports, received } = await pollingAdapter(api);
  api.failCalls("getUpdates", { status: 502, description: "Bad Gateway" }, 2);
  await waitUntil(() => api.faultsServed("getUpdates") === 2, "two 502s");
  api.failCalls("getUpdates", { status: 429, description: "Too Many Requests: retry after 1", retryAfter: 1 }, 1);
  await waitUntil(() => api.faultsServed("getUpdates") === 3, "the 429");
  api.failCalls("getUpdates", { reset: true }, 1);
  await waitUntil(() => api.faultsServed("getUpdates") === 4, "the dropped connection");
  api.pushUpdate(buildTextUpdate({ from: { id: 77 }, text: "after the storm" }));
  await waitUntil(() => received.includes("after the storm"), "the queued message");
  assert.ok(reports.some((r) => r.state === "degraded" && /502/.test(r.reason ?? "")), JSON.stringify(reports));
  assert.equal(reports.at(-1)?.state, "running");
  await adapter.stop();
});

void test("telegram: 401 (revoked token) and 409 (another poller) keep retrying slowly, say the fix, and recover by themselves", async () => {
  const api = await startFakeBotApi({ token });
  servers.push(api);
  const { adapter, reports, received } = await pollingAdapter(api);
  api.failCalls("getUpdates", TelegramFaults.unauthorized, Infinity);
  await waitUntil(() => reports.some((r) => r.state === "failed"), "failed state");
  const failed = reports.find((r) => r.state === "failed");
  assert.match(failed?.reason ?? "", /revoked or is wrong/);
  assert.match(failed?.fix ?? "", /warden secrets set channels\.telegram\.botToken/);
  assert.ok(!JSON.stringify(reports).includes(token));
  await waitUntil(() => api.faultsServed("getUpdates") >= 3, "retries while failed");
  api.clearFaults();
  api.failCalls("getUpdates", TelegramFaults.conflict, Infinity);
  await waitUntil(() => reports.some((r) => r.state === "degraded" && /another process polls/.test(r.reason ?? "")), "conflict state");
  assert.match(reports.find((r) => /another process/.test(r.reason ?? ""))?.fix ?? "", /stop the other/);
  api.clearFaults();
  api.pushUpdate(buildTextUpdate({ from: { id: 77 }, text: "back again" }));
  await waitUntil(() => received.includes("back again"), "delivery after recovery");
  assert.equal(reports.at(-1)?.state, "running");
  await adapter.stop();
});

void test("telegram: a send is retried only when it surely did not land, and never duplicated", async () => {
  const api = await startFakeBotApi({ token });
  servers.push(api);
  const adapter = createTelegramAdapter({ token, apiRoot: api.apiRoot, clock: Date.now, retry: fast, sendAttempts: 4 });
  api.failCalls("sendMessage", TelegramFaults.badGateway, 1);
  api.failCalls("sendMessage", TelegramFaults.reset, 1);
  await adapter.send({ chatId: "42", kind: "dm" }, "delivered once");
  api.failCalls("sendMessage", TelegramFaults.tooManyRequests(0), 1);
  await adapter.send({ chatId: "42", kind: "dm" }, "after 429");
  assert.deepEqual(api.sent.filter((s) => s.method === "sendMessage").map((s) => s.params.text), ["delivered once", "after 429"]);

  // Refused for good (400) is not retried; a persistent 502 gives up after the bounded attempts.
  api.failCalls("sendMessage", { status: 400, description: "Bad Request: chat not found" }, Infinity);
  await assert.rejects(adapter.send({ chatId: "42", kind: "dm" }, "x"), /chat not found/);
  assert.equal(api.faultsServed("sendMessage"), 4);
  api.clearFaults();
  api.failCalls("sendMessage", TelegramFaults.badGateway, Infinity);
  const lost = await adapter.send({ chatId: "42", kind: "dm" }, "x").then(() => undefined, (error: unknown) => error);
  assert.match(describeError(lost), /502 Bad Gateway/);
  // The owner's lost-reply notice is built from this text: the fault it carries as its cause adds nothing unreadable.
  assert.doesNotMatch(describeError(lost), /\[object Object\]/);
  assert.equal(api.faultsServed("sendMessage"), 8);
  api.clearFaults();
});

void test("telegram: a start against an API it cannot reach fails with the reason (the supervisor retries), not retried inside the SDK forever", async () => {
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, "127.0.0.1", () => r()));
  const { port } = closed.address() as AddressInfo;
  await new Promise<void>((r) => closed.close(() => r()));
  const adapter = createTelegramAdapter({ token, apiRoot: `http://127.0.0.1:${port}`, clock: Date.now, retry: fast });
  const stillStarting = new Promise<string>((r) => setTimeout(() => r("still starting after 10 s"), 10_000).unref());
  const outcome = await Promise.race([adapter.start(async () => undefined).then(() => "started", (error: unknown) => describeError(error)), stillStarting]);
  await adapter.stop();
  assert.match(outcome, /could not start long polling \(cannot reach the Telegram Bot API at http:\/\/127\.0\.0\.1:\d+/);
});

void test("telegram: stop cancels a start that waits on an API that never answers", async () => {
  const silent = createServer(() => undefined); // accepts, never answers
  await new Promise<void>((r) => silent.listen(0, "127.0.0.1", () => r()));
  const { port } = silent.address() as AddressInfo;
  const adapter = createTelegramAdapter({ token, apiRoot: `http://127.0.0.1:${port}`, clock: Date.now, retry: fast });
  const starting = adapter.start(async () => undefined);
  await adapter.stop();
  await assert.rejects(starting);
  silent.closeAllConnections();
  await new Promise<void>((r) => silent.close(() => r()));
});
