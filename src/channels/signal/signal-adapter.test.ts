import { after, test } from "node:test";
import assert from "node:assert/strict";
import { runAdapterSuite } from "../../../test/support/adapter-suite.ts";
import type { AdapterHarness } from "../../../test/support/adapter-suite.ts";
import { buildSignalEnvelope, signalUuidOf, startFakeSignalCli } from "../../../test/support/fake-signal-cli.ts";
import type { FakeSignalCli } from "../../../test/support/fake-signal-cli.ts";
import { createSignalAdapter } from "./signal-adapter.ts";
import type { SignalAdapter } from "./signal-adapter.ts";
import type { ChannelFault } from "../channel-health.ts";
import type { InboundMessage } from "../types.ts";
import { logInto } from "../../../test/support/capture-log.ts";

const daemons: FakeSignalCli[] = [];
const adapters: SignalAdapter[] = [];
after(async () => {
  for (const a of adapters) await a.stop();
  for (const d of daemons) await d.close();
});
const fast = { baseMs: 20, maxMs: 200, slowMs: 100 };

async function makeHarness(): Promise<AdapterHarness> {
  const daemon = await startFakeSignalCli();
  daemons.push(daemon);
  const adapter = createSignalAdapter({ httpUrl: daemon.httpUrl, account: daemon.account, clock: Date.now, retry: fast });
  const deliver = async (envelope: Record<string, unknown>) => {
    await daemon.waitFor(() => daemon.openStreams() > 0, "the event stream");
    daemon.deliver(envelope);
  };
  let lastSent = 0;
  return {
    adapter,
    senderIdOf: (suiteId) => signalUuidOf(suiteId),
    injectDm: (sender, text) => deliver(buildSignalEnvelope({ fromUuid: signalUuidOf(sender.id), ...(sender.name ? { name: sender.name } : {}), text })),
    injectGroup: (sender, groupId, text, opts) => deliver(buildSignalEnvelope({
      fromUuid: signalUuidOf(sender.id), groupId: Buffer.from(groupId).toString("base64"), text,
      ...(opts.mention ? { mentions: [{ uuid: daemon.accountUuid, number: daemon.account }] } : {}),
      ...(opts.replyToBot ? { quote: { authorNumber: daemon.account, text: "an earlier answer" } } : {}),
    })),
    injectEdit: (sender, text) => deliver(buildSignalEnvelope({ fromUuid: signalUuidOf(sender.id), text, editOf: (lastSent += 1) })),
    async injectJunk() {
      await daemon.waitFor(() => daemon.openStreams() > 0, "the event stream");
      daemon.deliver({ source: "x" });
      daemon.deliver({ ...buildSignalEnvelope({ fromUuid: signalUuidOf("1"), text: "" }) });
      daemon.deliver({ sourceUuid: signalUuidOf("1"), timestamp: 1, receiptMessage: { when: 1, isDelivery: true, timestamps: [1] } });
      daemon.deliver({ sourceUuid: signalUuidOf("1"), timestamp: 1, typingMessage: { action: "STARTED", timestamp: 1 } });
      daemon.deliver(buildSignalEnvelope({ fromUuid: daemon.accountUuid, fromNumber: daemon.account, text: "from the bot's own account" }));
      daemon.deliver({ sourceUuid: signalUuidOf("1"), timestamp: 2, syncMessage: { sentMessage: { destination: "+1", message: "sync" } } });
      daemon.deliver({ ...buildSignalEnvelope({ fromUuid: "not-a-uuid", text: "odd id" }) });
    },
    sent: () => daemon.sends.map((s) => ({ chatId: s.recipient?.[0] ?? s.groupId ?? "", text: s.message })),
    typingCount: () => daemon.counts.typing,
    close: () => daemon.close(),
  };
}

runAdapterSuite("signal", makeHarness);

async function started(daemon: FakeSignalCli, extra: Partial<Parameters<typeof createSignalAdapter>[0]> = {}) {
  const adapter = createSignalAdapter({ httpUrl: daemon.httpUrl, account: daemon.account, clock: Date.now, retry: fast, ...extra });
  adapters.push(adapter);
  const got: InboundMessage[] = [];
  const states: string[] = [];
  await adapter.start(async (m) => {
    got.push(m);
  }, { report: (state) => states.push(state) });
  return { adapter, got, states };
}

void test("signal: after the daemon drops the event stream, the adapter reports degraded, reconnects with Last-Event-ID, and gets what was missed exactly once", async () => {
  const daemon = await startFakeSignalCli();
  daemons.push(daemon);
  const { got, states } = await started(daemon);
  daemon.deliver(buildSignalEnvelope({ fromUuid: signalUuidOf("7"), text: "one" }));
  await daemon.waitFor(() => got.length === 1, "the first message");
  daemon.down = true;
  daemon.drop();
  await daemon.waitFor(() => states.includes("degraded"), "the degraded report");
  daemon.deliver(buildSignalEnvelope({ fromUuid: signalUuidOf("7"), text: "two, sent while away" }));
  daemon.down = false;
  await daemon.waitFor(() => got.length >= 2 && states.at(-1) === "running", "the resumed stream");
  assert.deepEqual(got.map((m) => m.text), ["one", "two, sent while away"]);
  assert.equal(daemon.counts.resumedWith.at(-1), "1", "the reconnect resumed after the last event it had");
});

void test("signal: a replayed event (same sender and timestamp) is delivered once", async () => {
  const daemon = await startFakeSignalCli();
  daemons.push(daemon);
  const { got } = await started(daemon);
  const envelope = buildSignalEnvelope({ fromUuid: signalUuidOf("8"), text: "once" });
  daemon.deliver(envelope);
  daemon.deliver(envelope);
  daemon.deliver(buildSignalEnvelope({ fromUuid: signalUuidOf("8"), text: "after" }));
  await daemon.waitFor(() => got.some((m) => m.text === "after"), "the last message");
  assert.deepEqual(got.map((m) => m.text), ["once", "after"]);
});

void test("signal: a daemon that does not have the account fails start as a credential fault with the fix; an unreachable one as transient", async () => {
  const daemon = await startFakeSignalCli();
  daemons.push(daemon);
  const wrong = createSignalAdapter({ httpUrl: daemon.httpUrl, account: "+15559999999", clock: Date.now, retry: fast });
  const refused = await wrong.start(async () => undefined).then(() => undefined, (e: unknown) => e as Error & { cause?: ChannelFault });
  assert.equal(refused?.cause?.kind, "credential");
  assert.match(refused?.cause?.fix ?? "", /warden signal link/);
  const gone = createSignalAdapter({ httpUrl: "http://127.0.0.1:9", clock: Date.now, retry: fast });
  const unreachable = await gone.start(async () => undefined).then(() => undefined, (e: unknown) => e as Error & { cause?: ChannelFault });
  assert.equal(unreachable?.cause?.kind, "transient");
});

void test("signal: a signal-cli released more than 90 days ago is warned about at start; a recent one is not", async () => {
  const daemon = await startFakeSignalCli();
  daemons.push(daemon);
  daemon.version = "0.13.16";
  const lines: string[] = [];
  const { adapter } = await started(daemon, { log: logInto(lines), clock: () => Date.parse("2026-12-03T00:00:00Z") });
  assert.match(adapter.daemon.warning ?? "", /0\.13\.16 was released on 2025-06-07/);
  assert.ok(lines.some((l) => l.startsWith("warn") && l.includes("update signal-cli")));
  const recent = await started(daemon, { clock: () => Date.parse("2025-07-01T00:00:00Z") });
  assert.equal(recent.adapter.daemon.warning, undefined);
});

void test("signal: a failed send is not resent (no idempotency key); a group reply goes to the group id, a DM to the person", async () => {
  const daemon = await startFakeSignalCli();
  daemons.push(daemon);
  const { adapter } = await started(daemon);
  daemon.failNext(1);
  await assert.rejects(adapter.send({ kind: "dm", chatId: signalUuidOf("9") }, "lost"), /sending failed/);
  assert.equal(daemon.sends.length, 0);
  await adapter.send({ kind: "group", chatId: "R3JvdXBPbmU=" }, "to the group");
  await adapter.send({ kind: "dm", chatId: signalUuidOf("9") }, "x".repeat(4500));
  assert.deepEqual(daemon.sends[0], { groupId: "R3JvdXBPbmU=", message: "to the group", account: daemon.account });
  assert.equal(daemon.sends.filter((s) => s.recipient?.[0] === signalUuidOf("9")).length, 3, "a long reply is split into readable messages");
});
