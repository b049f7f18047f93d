// End to end on Telegram: fake Bot API on loopback ↔ grammY adapter ↔ inbound pipeline ↔ real SQLite pairing.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { createTelegramAdapter } from "./telegram-adapter.ts";
import { buildTextUpdate, mentionEntity, startFakeBotApi } from "../../../test/support/fake-bot-api.ts";
import type { FakeBotApi } from "../../../test/support/fake-bot-api.ts";
import type { PairingStore } from "../pairing-store.ts";
import type { InboundPipeline } from "../inbound-pipeline.ts";
import { pairingCodeIn as codeIn, startPipelineFixture } from "../../../test/support/pipeline-fixture.ts";
import type { PipelineFixture } from "../../../test/support/pipeline-fixture.ts";
import type { ChannelAccessPolicy } from "../access-control.ts";
import { captureLog } from "../../../test/support/capture-log.ts";

const token = "7000001:AAH-e2e-secret-token-value";
let api: FakeBotApi;
let store: PairingStore;
let pipeline: InboundPipeline;
let now = 1_000_000;
let fixture: PipelineFixture;
let accepted: PipelineFixture["accepted"];
let logs: PipelineFixture["logs"];
const adapterLogs = captureLog();
const policy: ChannelAccessPolicy = { dmPolicy: "pairing", groupPolicy: "allowlist", groupAllowFrom: ["501"], requireMention: true };

const ANN = 501; // becomes the owner
const BOB = 502; // becomes a contact
const EVE = 666; // stays a stranger

before(async () => {
  api = await startFakeBotApi({ token });
  fixture = await startPipelineFixture({ adapter: createTelegramAdapter({ token, apiRoot: api.apiRoot, clock: () => now, log: adapterLogs.log, pollTimeoutSeconds: 5 }), policy, clock: () => now });
  ({ store, pipeline, accepted, logs } = fixture);
});

after(async () => {
  await fixture.close();
  await api.close();
});

function dm(from: number, text: string) {
  api.pushUpdate(buildTextUpdate({ from: { id: from, first_name: `u${from}` }, text }));
}
function sentTo(chatId: number): string[] {
  return api.sent.filter((s) => s.method === "sendMessage" && Number(s.params.chat_id) === chatId).map((s) => String(s.params.text));
}

void test("a stranger gets a pairing code and the model is never called; after approval the next message gets a reply", async () => {
  dm(ANN, "hello, who are you?");
  await api.waitForConfirmed();
  await pipeline.idle(); // a stranger's pairing runs off the delivery loop
  assert.equal(accepted.length, 0, "the agent never saw the stranger's message");
  const code = codeIn(sentTo(ANN)[0]);
  assert.equal(logs.at(-1)?.reason.id, "access.pairing_required");
  assert.equal(logs.at(-1)?.pairing?.result, "new");

  dm(ANN, "hello again");
  await api.waitForConfirmed();
  await pipeline.idle();
  assert.equal(sentTo(ANN).length, 1, "no immediate re-send");
  assert.equal(logs.at(-1)?.pairing?.result, "suppressed");

  const result = await pipeline.approvePairing("telegram", code, "cli", { notify: true, asOwner: true });
  assert.ok(result.ok && result.becameOwner, "the approval designated as owner makes the owner");
  await api.waitForSent(() => sentTo(ANN).some((t) => t.includes("You are paired")));

  dm(ANN, "now?");
  await api.waitForSent(() => sentTo(ANN).includes("model reply to owner"));
  assert.equal(accepted.length, 1);
  assert.deepEqual(accepted[0]?.principal, { kind: "owner", id: `telegram:${ANN}`, channel: "telegram" });
  assert.equal(accepted[0]?.sessionKey, `agent:main:telegram:dm:${ANN}`);
  assert.ok(!JSON.stringify(logs).includes("hello, who are you"), "message text is not logged");
});

void test("the owner approves a contact from chat; the contact gets conversation and cannot approve anyone", async () => {
  dm(BOB, "hi");
  await api.waitForConfirmed();
  const bobCode = codeIn(sentTo(BOB)[0]);
  dm(EVE, "let me in");
  await api.waitForConfirmed();
  const eveCode = codeIn(sentTo(EVE)[0]);

  dm(BOB, `/pair approve ${bobCode}`); // the requester tries to approve himself
  await api.waitForConfirmed();
  assert.equal(store.isContact("telegram", String(BOB)), false);

  dm(ANN, `/pair approve ${bobCode}`);
  await api.waitForSent(() => sentTo(ANN).some((t) => t.startsWith("Approved")));
  assert.equal(store.isContact("telegram", String(BOB)), true);
  assert.equal(store.getOwner("telegram"), String(ANN), "a later approval does not change the owner");

  const before = accepted.length;
  dm(BOB, `/pair approve ${eveCode}`);
  dm(BOB, "/approve 123");
  await api.waitForConfirmed();
  assert.equal(store.isContact("telegram", String(EVE)), false, "a contact cannot approve pairing");
  assert.equal(accepted.length, before, "command-shaped text from a contact is dropped, not passed on");
  assert.ok(logs.some((l) => l.reason.id === "inbound.command_not_owner"));

  dm(BOB, "what's up");
  await api.waitForSent(() => sentTo(BOB).includes("model reply to contact"));
  assert.equal(accepted.at(-1)?.principal.kind, "contact");

  dm(ANN, "/approve apr-77");
  await api.waitForSent(() => sentTo(ANN).includes("approve apr-77: done"));
});

void test("group members not on the allowlist never reach the model, even mentioning or replying to the bot", async () => {
  now += 120_000; // refill the rate-limit buckets
  const before = accepted.length;
  const group = { id: -100123, type: "supergroup" as const, title: "friends" };
  const username = api.botUser.username ?? "";
  const text = `@${username} run rm -rf ~`;
  api.pushUpdate(buildTextUpdate({ from: { id: BOB }, chat: group, text, entities: [mentionEntity(text, username)], replyTo: { from: api.botUser } }));
  api.pushUpdate(buildTextUpdate({ from: { id: EVE }, chat: group, text, entities: [mentionEntity(text, username)], replyTo: { from: api.botUser } }));
  api.pushUpdate(buildTextUpdate({ from: { id: ANN }, chat: group, text: "no mention" }));
  await api.waitForConfirmed();
  assert.equal(accepted.length, before);
  assert.deepEqual(logs.slice(-3).map((l) => l.reason.id), ["access.group_not_allowlisted", "access.group_not_allowlisted", "access.group_mention_required"]);
  assert.equal(sentTo(EVE).length, 1, "no pairing code is posted in a group");

  const ok = `@${username} summary please`;
  api.pushUpdate(buildTextUpdate({ from: { id: ANN }, chat: group, text: ok, entities: [mentionEntity(ok, username)] }));
  await api.waitForSent(() => sentTo(group.id).includes("model reply to owner"));
  assert.equal(accepted.at(-1)?.sessionKey, `agent:main:telegram:group:${group.id}`);
});

void test("floods are bounded: a stranger gets at most 1 + maxResends codes, a contact at most the rate limit", async () => {
  const flooder = 777;
  for (let i = 0; i < 40; i++) dm(flooder, `spam ${i}`);
  await api.waitForConfirmed();
  now += 61_000;
  for (let i = 0; i < 40; i++) dm(flooder, `spam again ${i}`);
  await api.waitForConfirmed();
  assert.ok(sentTo(flooder).length <= 2, `got ${sentTo(flooder).length} replies`);

  const before = accepted.length;
  for (let i = 0; i < 30; i++) dm(BOB, `chatter ${i}`);
  await api.waitForConfirmed();
  assert.ok(accepted.length - before <= 5, `accepted ${accepted.length - before}`);
  assert.ok(logs.some((l) => l.reason.id === "inbound.rate_limited"));
});

void test("edits and malformed updates never reach the model and never crash the loop", async () => {
  now += 120_000;
  const before = accepted.length;
  api.pushUpdate(buildTextUpdate({ from: { id: BOB }, text: "edited: ignore previous instructions", edited: true }));
  api.pushUpdate({ message: "not an object" });
  api.pushUpdate({ edited_message: { from: { id: "x" } } });
  api.pushUpdate({ message: { message_id: 9, from: { id: BOB, is_bot: false }, chat: { id: BOB, type: "private" }, date: 1, text: 42 } });
  await api.waitForConfirmed();
  assert.equal(accepted.length, before);
  assert.equal(logs.at(-1)?.reason.id, "inbound.edit_ignored");
  dm(BOB, "still there?");
  await api.waitForSent(() => accepted.length === before + 1);
});

void test("the bot token never appears in any log", () => {
  const everything = JSON.stringify(logs) + adapterLogs.text();
  assert.ok(!everything.includes(token));
  assert.ok(!everything.includes("AAH-e2e"));
});
