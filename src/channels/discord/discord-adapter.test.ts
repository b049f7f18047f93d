import { after, test } from "node:test";
import assert from "node:assert/strict";
import { runAdapterSuite } from "../../../test/support/adapter-suite.ts";
import type { AdapterHarness } from "../../../test/support/adapter-suite.ts";
import { buildButtonPress, buildDiscordMessage, startFakeDiscord } from "../../../test/support/fake-discord.ts";
import type { FakeDiscord } from "../../../test/support/fake-discord.ts";
import type { ChannelAdapter, InboundMessage } from "../types.ts";
import type { ChannelFault, ChannelState } from "../channel-health.ts";
import { createDiscordAdapter, DiscordMaxText } from "./discord-adapter.ts";
import type { DiscordAdapterOptions } from "./discord-adapter.ts";
import { logInto } from "../../../test/support/capture-log.ts";

const token = "MTAwMDAwMDAwMDAwMDAwMDAx.discord-test-token.not-real-0001";
const guild = "800000000000000001";
const fast = { baseMs: 20, maxMs: 200, slowMs: 100 };
const servers: FakeDiscord[] = [];
const adapters: ChannelAdapter[] = [];
after(async () => {
  for (const a of adapters) await a.stop();
  for (const s of servers) await s.close();
});

/** The suite's sender ids as Discord snowflakes. */
const userOf = (suiteId: string) => String(100_000_000_000_000_000n + BigInt(suiteId));
const channelOf = (groupId: string) => String(600_000_000_000_000_000n + BigInt([...groupId].reduce((n, c) => n * 31 + c.charCodeAt(0), 7) % 1_000_000));

async function fakeAndAdapter(extra: Partial<DiscordAdapterOptions> = {}, logs?: string[]) {
  const discord = await startFakeDiscord({ token });
  servers.push(discord);
  const adapter = createDiscordAdapter({ token, apiRoot: discord.apiRoot, clock: Date.now, retry: fast, ...(logs === undefined ? {} : { log: logInto(logs) }), ...extra });
  adapters.push(adapter);
  return { discord, adapter };
}

async function makeHarness(): Promise<AdapterHarness> {
  const { discord, adapter } = await fakeAndAdapter();
  const dm = (senderId: string, text: string, edited = false) => {
    const user = userOf(senderId);
    discord.dispatch(edited ? "MESSAGE_UPDATE" : "MESSAGE_CREATE", buildDiscordMessage({ author: { id: user }, channelId: discord.dmChannelOf(user), content: text }, edited));
  };
  return {
    adapter,
    senderIdOf: userOf,
    async injectDm(sender, text) {
      dm(sender.id, text);
    },
    async injectGroup(sender, groupId, text, opts) {
      const bot = discord.botUser.id;
      discord.dispatch("MESSAGE_CREATE", buildDiscordMessage({
        author: { id: userOf(sender.id) }, guildId: guild, channelId: channelOf(groupId),
        content: opts.mention ? `<@${bot}> ${text}` : text,
        ...(opts.mention ? { mentions: [bot] } : {}),
        ...(opts.replyToBot ? { replyTo: { authorId: bot, content: "an earlier answer" } } : {}),
      }));
    },
    async injectEdit(sender, text) {
      dm(sender.id, text, true);
    },
    async injectJunk() {
      const user = userOf("1999");
      const channelId = discord.dmChannelOf(user);
      discord.dispatch("MESSAGE_CREATE", { id: "not-a-snowflake", content: 5 });
      discord.dispatch("MESSAGE_CREATE", buildDiscordMessage({ author: { id: user, bot: true }, channelId, content: "from a bot" }));
      discord.dispatch("MESSAGE_CREATE", buildDiscordMessage({ author: { id: user }, channelId, content: "via a webhook", webhookId: "1100000000000000001" }));
      discord.dispatch("MESSAGE_CREATE", buildDiscordMessage({ author: { id: user }, channelId, content: "", type: 0 }));
      discord.dispatch("MESSAGE_CREATE", buildDiscordMessage({ author: { id: user }, channelId, content: "joined", type: 7 }));
      discord.dispatch("MESSAGE_CREATE", buildDiscordMessage({ author: { id: discord.botUser.id }, channelId, content: "myself" }));
      discord.dispatch("TYPING_START", { user_id: user, channel_id: channelId });
      discord.dispatch("MESSAGE_CREATE", null);
    },
    sent: () => discord.posts.map((p) => ({ chatId: discord.userOfDmChannel(p.channelId) ?? p.channelId, text: p.content })),
    typingCount: () => discord.counts.typing,
    close: () => discord.close(),
  };
}

runAdapterSuite("discord", makeHarness);

function inbox() {
  const items: InboundMessage[] = [];
  return { items, handler: async (m: InboundMessage) => void items.push(m) };
}

void test("discord: the gateway handshake is the real one (HELLO, IDENTIFY, READY, heartbeats acknowledged)", async () => {
  const { discord, adapter } = await fakeAndAdapter();
  await adapter.start(async () => undefined);
  assert.equal(discord.counts.identify, 1);
  await discord.waitFor(() => discord.counts.heartbeat >= 1, "a heartbeat");
  await adapter.stop();
});

void test("discord: replies are chunked at 2000, sent without embeds or pings, each chunk once", async () => {
  const { discord, adapter } = await fakeAndAdapter();
  await adapter.start(async () => undefined);
  const user = userOf("42");
  const long = `${"a".repeat(1500)}\n${"b".repeat(1500)}\n${"c".repeat(2500)} @everyone https://attacker.example/leak?d=secret`;
  await adapter.send({ chatId: user, kind: "dm" }, long);
  assert.ok(discord.posts.length >= 3);
  assert.ok(discord.posts.every((p) => p.content.length <= DiscordMaxText && p.channelId === discord.dmChannelOf(user)));
  assert.equal(discord.posts.map((p) => p.content).join(""), long.replace(/\n/g, ""));
  assert.ok(discord.posts.every((p) => p.flags === 4), "SUPPRESS_EMBEDS on every chunk: no link preview");
  assert.ok(discord.posts.every((p) => JSON.stringify(p.allowedMentions) === JSON.stringify({ parse: [] })), "no mention pings");
  assert.equal(new Set(discord.posts.map((p) => p.nonce)).size, discord.posts.length, "one idempotency key per chunk");
  await adapter.stop();
});

void test("discord: a 429 with rate-limit headers is waited out and the message lands once; a 502 is retried with the same nonce", async () => {
  const { discord, adapter } = await fakeAndAdapter();
  await adapter.start(async () => undefined);
  discord.rateLimitNext(1, 0.05);
  await adapter.send({ chatId: "600000000000000777", kind: "group" }, "after the rate limit");
  assert.equal(discord.counts.rateLimited, 1);
  assert.deepEqual(discord.posts.map((p) => p.content), ["after the rate limit"]);
  discord.failNext(1);
  await adapter.send({ chatId: "600000000000000777", kind: "group" }, "after a 502");
  assert.deepEqual(discord.posts.map((p) => p.content), ["after the rate limit", "after a 502"]);
  await adapter.stop();
});

void test("discord: a rate limit longer than 30 s fails the send instead of holding the reply", async () => {
  const { discord, adapter } = await fakeAndAdapter();
  await adapter.start(async () => undefined);
  discord.rateLimitNext(1, 120);
  await assert.rejects(adapter.send({ chatId: "600000000000000777", kind: "group" }, "x"), (e: Error & { cause?: ChannelFault }) => {
    assert.equal(e.cause?.kind, "transient");
    assert.match(e.message, /rate limit/);
    return true;
  });
  await adapter.stop();
});

void test("discord: a wrong token fails start as a credential fault with the fix, and the token never shows", async () => {
  const discord = await startFakeDiscord({ token });
  servers.push(discord);
  const wrong = "MTAwMDAwMDAwMDAwMDAwMDAx.wrong-token.also-secret-9999";
  const logs: string[] = [];
  const adapter = createDiscordAdapter({ token: wrong, apiRoot: discord.apiRoot, clock: Date.now, log: logInto(logs) });
  await assert.rejects(adapter.start(async () => undefined), (e: Error & { cause?: ChannelFault }) => {
    assert.equal(e.cause?.kind, "credential");
    assert.match(e.message, /Reset Token/);
    assert.ok(!e.message.includes(wrong));
    return true;
  });
  await adapter.stop();
  await assert.rejects(adapter.send({ chatId: "600000000000000777", kind: "group" }, "x"), (e: Error) => !e.message.includes(wrong));
  assert.ok(logs.every((l) => !l.includes(wrong)));
});

void test("discord: the Message Content intent refused (4014) fails start with the fix", async () => {
  const { discord, adapter } = await fakeAndAdapter({ messageContentIntent: true });
  discord.messageContentAllowed = false;
  await assert.rejects(adapter.start(async () => undefined), (e: Error & { cause?: ChannelFault }) => {
    assert.equal(e.cause?.kind, "credential");
    assert.match(e.message, /Message Content/);
    return true;
  });
  await adapter.stop();
  discord.messageContentAllowed = true;
  await adapter.start(async () => undefined);
  await adapter.stop();
});

void test("discord: after the server drops the connection the adapter resumes, missed messages arrive once, health goes degraded then running", async () => {
  const { discord, adapter } = await fakeAndAdapter();
  const box = inbox();
  const states: [ChannelState, string | undefined][] = [];
  await adapter.start(box.handler, { report: (s, f) => states.push([s, f?.reason]) });
  const user = userOf("77");
  const msg = (text: string) => buildDiscordMessage({ author: { id: user }, channelId: discord.dmChannelOf(user), content: text });
  discord.dispatch("MESSAGE_CREATE", msg("before the drop"));
  await discord.waitFor(() => box.items.length === 1, "the first message");
  discord.drop();
  discord.dispatch("MESSAGE_CREATE", msg("while away")); // buffered by the session, replayed on RESUME
  await discord.waitFor(() => box.items.length === 2, "the replayed message");
  await discord.waitFor(() => states.some(([s]) => s === "running"), "running again");
  assert.equal(discord.counts.resume, 1, "resumed, not re-identified");
  assert.equal(discord.counts.identify, 1);
  assert.deepEqual(box.items.map((m) => m.text), ["before the drop", "while away"]);
  assert.equal(states[0]?.[0], "degraded");
  await adapter.stop();
});

void test("discord: while the gateway is down reconnects back off; when it is back the adapter runs again", async () => {
  const logs: string[] = [];
  const { discord, adapter } = await fakeAndAdapter({}, logs);
  const box = inbox();
  const states: ChannelState[] = [];
  await adapter.start(box.handler, { report: (s) => states.push(s) });
  discord.gatewayDown = true;
  discord.drop();
  await discord.waitFor(() => logs.filter((l) => l.includes("reconnecting in")).length >= 3, "three reconnect attempts");
  assert.equal(states.at(-1), "degraded");
  discord.gatewayDown = false;
  await discord.waitFor(() => states.at(-1) === "running", "running again");
  const user = userOf("78");
  discord.dispatch("MESSAGE_CREATE", buildDiscordMessage({ author: { id: user }, channelId: discord.dmChannelOf(user), content: "back" }));
  await discord.waitFor(() => box.items.some((m) => m.text === "back"), "a message after the outage");
  await adapter.stop();
});

void test("discord: a token reset while running (4004) marks the channel failed with the fix; restored, it recovers by itself", async () => {
  const { discord, adapter } = await fakeAndAdapter();
  const box = inbox();
  const states: [ChannelState, ChannelFault | undefined][] = [];
  await adapter.start(box.handler, { report: (s, f) => states.push([s, f]) });
  discord.revoked = true;
  discord.closeAll(4004);
  await discord.waitFor(() => states.some(([s]) => s === "failed"), "the failed state");
  const failed = states.find(([s]) => s === "failed")?.[1];
  assert.equal(failed?.kind, "credential");
  assert.match(failed?.fix ?? "", /warden secrets set channels\.discord\.botToken/);
  discord.revoked = false;
  await discord.waitFor(() => states.at(-1)?.[0] === "running", "running again");
  const user = userOf("79");
  discord.dispatch("MESSAGE_CREATE", buildDiscordMessage({ author: { id: user }, channelId: discord.dmChannelOf(user), content: "after the reset" }));
  await discord.waitFor(() => box.items.some((m) => m.text === "after the reset"), "a message after recovery");
  await adapter.stop();
});

void test("discord: stop while the gateway never answers READY gives up promptly and leaves no socket", async () => {
  const discord = await startFakeDiscord({ token });
  servers.push(discord);
  discord.gatewayDown = true;
  const adapter = createDiscordAdapter({ token, apiRoot: discord.apiRoot, clock: Date.now, retry: fast, startTimeoutMs: 60_000 });
  const controller = new AbortController();
  const starting = adapter.start(async () => undefined, { signal: controller.signal });
  await discord.waitFor(() => true, "nothing");
  controller.abort();
  await assert.rejects(starting, /stopped/);
  await adapter.stop();
  const connections = discord.counts.connections;
  discord.gatewayDown = false;
  await new Promise((r) => setTimeout(r, 700)); // longer than the library's own 500 ms reconnect pause
  assert.equal(discord.counts.connections, connections, "no connection after stop");
});

void test("discord: the DM channel map stays bounded under many distinct senders", async () => {
  const { discord, adapter } = await fakeAndAdapter({ maxDmChannels: 50 });
  const box = inbox();
  await adapter.start(box.handler);
  for (let i = 0; i < 200; i++) {
    const user = userOf(String(5000 + i));
    discord.dispatch("MESSAGE_CREATE", buildDiscordMessage({ author: { id: user }, channelId: discord.dmChannelOf(user), content: `hi ${i}` }));
  }
  await discord.waitFor(() => box.items.length === 200, "every message");
  // The first sender was forgotten: a reply to them opens the DM channel again through the API.
  await adapter.send({ chatId: userOf("5000"), kind: "dm" }, "still reachable");
  assert.equal(discord.posts.at(-1)?.channelId, discord.dmChannelOf(userOf("5000")));
  await adapter.stop();
});

void test("discord: actions go out as buttons on the last chunk; a press is acknowledged and delivered as its command from the presser", async () => {
  const { discord, adapter } = await fakeAndAdapter();
  const box = inbox();
  await adapter.start(box.handler);
  const owner = userOf("1");
  await adapter.send({ chatId: owner, kind: "dm" }, `${"x".repeat(2500)}`, { actions: [{ label: "Approve", command: "/approve apr-1" }, { label: "Deny", command: "/deny apr-1", style: "danger" }, { label: "Too long", command: `/approve ${"z".repeat(120)}` }] });
  assert.equal(discord.posts.length, 2);
  assert.equal(discord.posts[0]?.components, undefined);
  assert.deepEqual(discord.posts[1]?.components, [{ type: 1, components: [
    { type: 2, style: 1, label: "Approve", custom_id: "warden:/approve apr-1" },
    { type: 2, style: 4, label: "Deny", custom_id: "warden:/deny apr-1" },
  ] }]);
  const press = buildButtonPress({ userId: owner, customId: "warden:/approve apr-1", channelId: discord.dmChannelOf(owner) });
  discord.dispatch("INTERACTION_CREATE", press);
  discord.dispatch("INTERACTION_CREATE", buildButtonPress({ userId: owner, customId: "someone-elses-button", channelId: discord.dmChannelOf(owner) }));
  await discord.waitFor(() => box.items.length === 1 && discord.acks.length === 1, "the press and its acknowledgement");
  assert.deepEqual(discord.acks, [{ interactionId: press.id, type: 6 }], "DEFERRED_UPDATE_MESSAGE: nothing visible changes");
  assert.deepEqual({ text: box.items[0]?.text, sender: box.items[0]?.senderId, chat: box.items[0]?.chat }, { text: "/approve apr-1", sender: owner, chat: { kind: "dm", id: owner } });
  await adapter.stop();
});
