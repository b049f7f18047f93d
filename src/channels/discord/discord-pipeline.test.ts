// End to end on Discord: fake gateway + REST on loopback ↔ discord adapter ↔ inbound pipeline ↔ real SQLite pairing.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { createDiscordAdapter } from "./discord-adapter.ts";
import { buildButtonPress, buildDiscordMessage, startFakeDiscord } from "../../../test/support/fake-discord.ts";
import type { FakeDiscord } from "../../../test/support/fake-discord.ts";
import { pairingCodeIn as codeIn, startPipelineFixture } from "../../../test/support/pipeline-fixture.ts";
import type { PipelineFixture } from "../../../test/support/pipeline-fixture.ts";
import type { ChannelAccessPolicy } from "../access-control.ts";
import { logInto } from "../../../test/support/capture-log.ts";

const token = "MTAwMDAwMDAwMDAwMDAwMDAx.discord-e2e-secret.token-value";
const ANN = "100000000000000501"; // becomes the owner
const BOB = "100000000000000502"; // becomes a contact
const EVE = "100000000000000666"; // stays a stranger
const GUILD = "800000000000000001";
const GENERAL = "600000000000000001";
let discord: FakeDiscord;
let now = 1_000_000;
let f: PipelineFixture;
const adapterLogs: string[] = [];
const policy: ChannelAccessPolicy = { dmPolicy: "pairing", groupPolicy: "allowlist", groupAllowFrom: [ANN], requireMention: true };

before(async () => {
  discord = await startFakeDiscord({ token });
  f = await startPipelineFixture({ adapter: createDiscordAdapter({ token, apiRoot: discord.apiRoot, clock: () => now, log: logInto(adapterLogs), retry: { baseMs: 20, maxMs: 200, slowMs: 100 } }), policy, clock: () => now });
});

after(async () => {
  await f.close();
  await discord.close();
});

/** Sends through the fake gateway and waits until the pipeline decided every message sent so far. */
async function deliver(...messages: Record<string, unknown>[]): Promise<void> {
  const expected = f.logs.length + messages.length;
  for (const m of messages) discord.dispatch("MESSAGE_CREATE", m);
  await discord.waitFor(() => f.logs.length >= expected, "the pipeline's decisions");
  await f.pipeline.idle();
}
const dm = (from: string, text: string) => buildDiscordMessage({ author: { id: from }, channelId: discord.dmChannelOf(from), content: text });
const inGuild = (from: string, text: string, mention: boolean) => buildDiscordMessage({
  author: { id: from }, guildId: GUILD, channelId: GENERAL,
  content: mention ? `<@${discord.botUser.id}> ${text}` : text, ...(mention ? { mentions: [discord.botUser.id] } : {}),
});
const sentTo = (channelId: string) => discord.posts.filter((p) => p.channelId === channelId).map((p) => p.content);
const sentToUser = (userId: string) => sentTo(discord.dmChannelOf(userId));

void test("a stranger gets a pairing code in their DM and the model is never called; approved as owner, they are answered", async () => {
  await deliver(dm(ANN, "hello, who are you?"));
  assert.equal(f.accepted.length, 0, "the agent never saw the stranger's message");
  const code = codeIn(sentToUser(ANN)[0]);
  assert.equal(f.logs.at(-1)?.reason.id, "access.pairing_required");

  const result = await f.pipeline.approvePairing("discord", code, "cli", { notify: true, asOwner: true });
  assert.ok(result.ok && result.becameOwner);
  await discord.waitFor(() => sentToUser(ANN).some((t) => t.includes("You are paired")), "the pairing notice");

  await deliver(dm(ANN, "now?"));
  await discord.waitFor(() => sentToUser(ANN).includes("model reply to owner"), "the owner's reply");
  assert.deepEqual(f.accepted[0]?.principal, { kind: "owner", id: `discord:${ANN}`, channel: "discord" });
  assert.equal(f.accepted[0]?.sessionKey, `agent:main:discord:dm:${ANN}`);
  assert.ok(!JSON.stringify(f.logs).includes("hello, who are you"), "message text is not logged");
});

void test("the owner approves a contact from their DM; the contact gets conversation only, and their reply reaches only them", async () => {
  await deliver(dm(BOB, "hi"));
  const bobCode = codeIn(sentToUser(BOB)[0]);
  await deliver(dm(EVE, "let me in"));
  const eveCode = codeIn(sentToUser(EVE)[0]);

  await deliver(dm(BOB, `/pair approve ${bobCode}`)); // the requester tries to approve himself
  assert.equal(f.store.isContact("discord", BOB), false);
  await deliver(dm(ANN, `/pair approve ${bobCode}`));
  await discord.waitFor(() => sentToUser(ANN).some((t) => t.startsWith("Approved")), "the approval answer");
  assert.equal(f.store.isContact("discord", BOB), true);

  const before = f.accepted.length;
  await deliver(dm(BOB, `/pair approve ${eveCode}`), dm(BOB, "/approve 123"));
  assert.equal(f.store.isContact("discord", EVE), false, "a contact cannot approve pairing");
  assert.equal(f.accepted.length, before, "command-shaped text from a contact is dropped, not passed on");

  const posts = discord.posts.length;
  await deliver(dm(BOB, "what's up"));
  await discord.waitFor(() => sentToUser(BOB).includes("model reply to contact"), "the contact's reply");
  assert.equal(f.accepted.at(-1)?.principal.kind, "contact");
  assert.deepEqual(discord.posts.slice(posts).map((p) => p.channelId), [discord.dmChannelOf(BOB)], "the reply went to the contact's DM and nowhere else");
});

void test("in a guild channel: not allowlisted senders never reach the model even mentioning the bot; the owner needs a mention", async () => {
  now += 120_000; // refill the rate-limit buckets
  const before = f.accepted.length;
  await deliver(inGuild(BOB, "run rm -rf ~", true), inGuild(EVE, "run rm -rf ~", true), inGuild(ANN, "no mention", false));
  assert.equal(f.accepted.length, before);
  assert.deepEqual(f.logs.slice(-3).map((l) => l.reason.id), ["access.group_not_allowlisted", "access.group_not_allowlisted", "access.group_mention_required"]);
  assert.equal(sentTo(GENERAL).length, 0, "no pairing code is posted in a guild");

  await deliver(inGuild(ANN, "summary please", true));
  await discord.waitFor(() => sentTo(GENERAL).includes("model reply to owner"), "the guild reply");
  assert.equal(f.accepted.at(-1)?.sessionKey, `agent:main:discord:group:${GENERAL}`, "one session per guild channel");
});

void test("a reply to the bot counts as a mention; a forwarded message is marked as someone else's words", async () => {
  now += 120_000;
  const reply = buildDiscordMessage({ author: { id: ANN }, guildId: GUILD, channelId: GENERAL, content: "and then?", replyTo: { authorId: discord.botUser.id, content: "model reply to owner" } });
  await deliver(reply);
  assert.equal(f.accepted.at(-1)?.msg.replyToBot, true);
  await deliver(buildDiscordMessage({ author: { id: ANN }, channelId: discord.dmChannelOf(ANN), content: "", forwarded: { content: "/approve apr-1" } }));
  assert.match(f.accepted.at(-1)?.msg.forwardedFrom ?? "", /forwarded/);
  assert.equal(f.accepted.at(-1)?.msg.text, "/approve apr-1");
  assert.ok(!sentToUser(ANN).includes("approve apr-1: done"), "a forwarded /approve is never an owner command");
});

void test("an approval button pressed by anyone but the owner does nothing; the owner's press answers the approval", async () => {
  now += 120_000;
  const press = (user: string, guildId?: string) => buildButtonPress({ userId: user, customId: "warden:/approve apr-9", channelId: guildId === undefined ? discord.dmChannelOf(user) : GENERAL, ...(guildId === undefined ? {} : { guildId }) });
  const expected = f.logs.length + 3;
  discord.dispatch("INTERACTION_CREATE", press(BOB));
  discord.dispatch("INTERACTION_CREATE", press(EVE));
  discord.dispatch("INTERACTION_CREATE", press(ANN, GUILD));
  await discord.waitFor(() => f.logs.length >= expected, "the decisions");
  await f.pipeline.idle();
  assert.ok(!discord.posts.some((p) => p.content === "approve apr-9: done"), "no one but the owner in their DM answers an approval");
  assert.ok(f.logs.slice(-3).every((l) => l.outcome !== "command"));
  assert.equal(f.logs.at(-3)?.reason.id, "inbound.command_not_owner");
  discord.dispatch("INTERACTION_CREATE", press(ANN));
  await discord.waitFor(() => sentToUser(ANN).includes("approve apr-9: done"), "the owner's answer");
});

void test("after the server drops the gateway, the owner's message sent meanwhile arrives once, after the resume", async () => {
  now += 120_000;
  // Earlier tests' turns may still be answering: wait until they are done, then count from here.
  await f.pipeline.idle();
  const before = f.accepted.length;
  const answersBefore = sentToUser(ANN).filter((t) => t === "model reply to owner").length;
  discord.drop();
  await deliver(dm(ANN, "are you back?"));
  await discord.waitFor(() => sentToUser(ANN).filter((t) => t === "model reply to owner").length > answersBefore, "the answer after the resume");
  assert.equal(f.accepted.length, before + 1);
  assert.equal(f.pipeline.health.get("discord")?.state, "running");
});

void test("the bot token never appears in any log", () => {
  const everything = JSON.stringify(f.logs) + adapterLogs.join("\n");
  assert.ok(!everything.includes(token));
  assert.ok(!everything.includes("discord-e2e-secret"));
});
