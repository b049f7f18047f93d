// End to end on Signal: fake signal-cli daemon (JSON-RPC + SSE) on loopback ↔ signal adapter ↔ inbound pipeline ↔ real SQLite pairing.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { createSignalAdapter } from "./signal-adapter.ts";
import { buildSignalEnvelope, signalUuidOf, startFakeSignalCli } from "../../../test/support/fake-signal-cli.ts";
import type { FakeSignalCli } from "../../../test/support/fake-signal-cli.ts";
import { pairingCodeIn as codeIn, startPipelineFixture } from "../../../test/support/pipeline-fixture.ts";
import type { PipelineFixture } from "../../../test/support/pipeline-fixture.ts";
import type { ChannelAccessPolicy } from "../access-control.ts";

const ANN = signalUuidOf("501"); // becomes the owner
const BOB = signalUuidOf("502"); // becomes a contact
const EVE = signalUuidOf("666"); // stays a stranger
const GROUP = "R3JvdXBPbmU=";
let signal: FakeSignalCli;
let now = 1_000_000;
let f: PipelineFixture;
const policy: ChannelAccessPolicy = { dmPolicy: "pairing", groupPolicy: "allowlist", groupAllowFrom: [ANN], requireMention: true };

before(async () => {
  signal = await startFakeSignalCli();
  f = await startPipelineFixture({ adapter: createSignalAdapter({ httpUrl: signal.httpUrl, account: signal.account, clock: () => now, retry: { baseMs: 20, maxMs: 200, slowMs: 100 } }), policy, clock: () => now });
  await signal.waitFor(() => signal.openStreams() > 0, "the event stream");
});

after(async () => {
  await f.close();
  await signal.close();
});

/** Delivers through the fake daemon and waits until the pipeline decided every message delivered so far. */
async function deliver(...envelopes: Record<string, unknown>[]): Promise<void> {
  const expected = f.logs.length + envelopes.length;
  for (const e of envelopes) signal.deliver(e);
  await signal.waitFor(() => f.logs.length >= expected, "the pipeline's decisions");
  await f.pipeline.idle();
}
const dm = (from: string, text: string) => buildSignalEnvelope({ fromUuid: from, text });
const inGroup = (from: string, text: string, mention: boolean) => buildSignalEnvelope({ fromUuid: from, groupId: GROUP, text, ...(mention ? { mentions: [{ uuid: signal.accountUuid }] } : {}) });
const sentTo = (chat: string) => signal.sends.filter((s) => s.recipient?.[0] === chat || s.groupId === chat).map((s) => s.message);

void test("a stranger gets a pairing code and the model is never called; approved as owner, they are answered", async () => {
  await deliver(dm(ANN, "hello, who are you?"));
  assert.equal(f.accepted.length, 0, "the agent never saw the stranger's message");
  const code = codeIn(sentTo(ANN)[0]);
  assert.equal(f.logs.at(-1)?.reason.id, "access.pairing_required");
  const result = await f.pipeline.approvePairing("signal", code, "cli", { notify: true, asOwner: true });
  assert.ok(result.ok && result.becameOwner);
  await signal.waitFor(() => sentTo(ANN).some((t) => t.includes("You are paired")), "the pairing notice");
  await deliver(dm(ANN, "now?"));
  await signal.waitFor(() => sentTo(ANN).includes("model reply to owner"), "the owner's reply");
  assert.deepEqual(f.accepted[0]?.principal, { kind: "owner", id: `signal:${ANN}`, channel: "signal" });
  assert.equal(f.accepted[0]?.sessionKey, `agent:main:signal:dm:${ANN}`);
  assert.ok(!JSON.stringify(f.logs).includes("hello, who are you"), "message text is not logged");
});

void test("the owner approves a contact by a text command; the contact gets conversation only, and the reply reaches only them", async () => {
  await deliver(dm(BOB, "hi"));
  const bobCode = codeIn(sentTo(BOB)[0]);
  await deliver(dm(EVE, "let me in"));
  const eveCode = codeIn(sentTo(EVE)[0]);
  await deliver(dm(BOB, `/pair approve ${bobCode}`));
  assert.equal(f.store.isContact("signal", BOB), false, "the requester cannot approve himself");
  await deliver(dm(ANN, `/pair approve ${bobCode}`));
  await signal.waitFor(() => sentTo(ANN).some((t) => t.startsWith("Approved")), "the approval answer");
  assert.equal(f.store.isContact("signal", BOB), true);

  const before = f.accepted.length;
  await deliver(dm(BOB, `/pair approve ${eveCode}`), dm(BOB, "/approve apr-1"));
  assert.equal(f.store.isContact("signal", EVE), false, "a contact cannot approve pairing");
  assert.equal(f.accepted.length, before, "command-shaped text from a contact is dropped, not passed on");
  assert.ok(!signal.sends.some((s) => s.message === "approve apr-1: done"), "a contact's /approve answers nothing");

  const sends = signal.sends.length;
  await deliver(dm(BOB, "what's up"));
  await signal.waitFor(() => sentTo(BOB).includes("model reply to contact"), "the contact's reply");
  assert.equal(f.accepted.at(-1)?.principal.kind, "contact");
  assert.deepEqual(signal.sends.slice(sends).map((s) => s.recipient), [[BOB]], "the reply went to the contact and nowhere else");
});

void test("in a group: not allowlisted senders never reach the model even mentioning the bot; the owner needs a mention; the group is its own session", async () => {
  now += 120_000;
  const before = f.accepted.length;
  await deliver(inGroup(BOB, "run rm -rf ~", true), inGroup(EVE, "run rm -rf ~", true), inGroup(ANN, "no mention", false));
  assert.equal(f.accepted.length, before);
  assert.deepEqual(f.logs.slice(-3).map((l) => l.reason.id), ["access.group_not_allowlisted", "access.group_not_allowlisted", "access.group_mention_required"]);
  assert.equal(sentTo(GROUP).length, 0, "no pairing code is posted in a group");
  await deliver(inGroup(ANN, "summary please", true));
  await signal.waitFor(() => sentTo(GROUP).includes("model reply to owner"), "the group reply");
  assert.equal(f.accepted.at(-1)?.sessionKey, `agent:main:signal:group:${encodeURIComponent(GROUP)}`);
  const owners = f.accepted.filter((a) => a.principal.kind === "owner").map((a) => a.sessionKey);
  assert.ok(owners.includes(`agent:main:signal:dm:${ANN}`) && owners.includes(`agent:main:signal:group:${encodeURIComponent(GROUP)}`), "the owner's DM and the group are separate sessions");
});

void test("approvals are answered by the owner's text command in their own DM only, never in a group", async () => {
  now += 120_000;
  await deliver(inGroup(ANN, "/approve apr-7", true));
  assert.equal(f.logs.at(-1)?.reason.id, "inbound.command_in_group");
  await deliver(dm(ANN, "/approve apr-7"));
  await signal.waitFor(() => sentTo(ANN).includes("approve apr-7: done"), "the owner's answer");
});

void test("after the daemon drops the event stream, the owner's message sent meanwhile arrives once, after the reconnect", async () => {
  now += 120_000;
  const before = f.accepted.length;
  signal.down = true;
  signal.drop();
  signal.deliver(dm(ANN, "are you back?"));
  signal.down = false;
  await signal.waitFor(() => f.accepted.length > before && f.pipeline.health.get("signal")?.state === "running", "the reconnect");
  await f.pipeline.idle();
  await signal.waitFor(() => sentTo(ANN).filter((t) => t === "model reply to owner").length >= 2, "the answer after the reconnect");
  assert.equal(f.accepted.length, before + 1);
});
