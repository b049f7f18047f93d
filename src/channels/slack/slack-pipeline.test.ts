// End to end on Slack: signed Events API requests → Bolt adapter → inbound pipeline → real SQLite pairing,
// replies through a local Slack Web API.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { DatabaseSync } from "node:sqlite";
import { createSlackAdapter } from "./slack-adapter.ts";
import { buildMessageEnvelope, postSignedEvent, startFakeSlackApi } from "../../../test/support/fake-slack.ts";
import type { FakeSlackApi } from "../../../test/support/fake-slack.ts";
import { createPairingStore } from "../pairing-store.ts";
import { createInboundPipeline } from "../inbound-pipeline.ts";
import type { InboundLogEntry, InboundPipeline } from "../inbound-pipeline.ts";
import type { Principal } from "../../core/types.ts";
import { captureLog } from "../../../test/support/capture-log.ts";
import { waitUntil } from "../../../test/support/wait.ts";

const token = "xoxb-e2e-slack-token-secret";
const signingSecret = "e2e-signing-secret-0123456789abcdef";
const dir = mkdtempSync(join(tmpdir(), "warden-slack-e2e-"));
let api: FakeSlackApi;
let db: DatabaseSync;
let pipeline: InboundPipeline;
let url = "";
const accepted: Principal[] = [];
const logs: InboundLogEntry[] = [];
const adapterLogs = captureLog();
const nowSec = () => Math.floor(Date.now() / 1000);

before(async () => {
  api = await startFakeSlackApi({ token });
  db = new DatabaseSync(join(dir, "state.db"));
  const store = createPairingStore({ db, clock: Date.now, randomBytes: (n) => randomBytes(n) });
  const adapter = createSlackAdapter({ token, signingSecret, apiUrl: api.apiUrl, clock: Date.now, retries: 0, log: adapterLogs.log });
  pipeline = createInboundPipeline({
    adapters: [adapter],
    access: () => ({ dmPolicy: "pairing", groupPolicy: "allowlist", groupAllowFrom: ["UOWNER"], requireMention: true, ownerIds: ["UOWNER"] }),
    pairing: store,
    clock: Date.now,
    log: (e) => logs.push(e),
    onAccepted: async (_msg, principal, ctx) => {
      accepted.push(principal);
      await ctx.reply(`model reply to ${principal.kind}`);
    },
  });
  await pipeline.start();
  url = adapter.eventsUrl ?? "";
});

after(async () => {
  await pipeline.stop();
  await api.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function signed(envelope: Record<string, unknown>, timestampSec = nowSec(), secret = signingSecret) {
  return postSignedEvent(url, JSON.stringify(envelope), { signingSecret: secret, timestampSec });
}
const postedTo = (channel: string) => api.posted().filter((p) => p.channel === channel).map((p) => p.text);

void test("slack: a stranger's signed DM gets a pairing code, never the model; after approval a model reply", async () => {
  assert.equal((await signed(buildMessageEnvelope({ user: "USTRANGER", channel: "DSTRANGER", channelType: "im", text: "hi" }))).status, 200);
  await api.waitForPosted(() => postedTo("DSTRANGER").length === 1);
  assert.equal(accepted.length, 0);
  const code = /Pairing code: ([A-Z2-9]{8})/.exec(postedTo("DSTRANGER")[0] ?? "")?.[1] ?? "";
  const result = await pipeline.approvePairing("slack", code, "cli", { notify: true });
  assert.ok(result.ok && !result.becameOwner, "config ownerIds are in force: approval makes a contact, not an owner");
  await signed(buildMessageEnvelope({ user: "USTRANGER", channel: "DSTRANGER", channelType: "im", text: "and now?" }));
  await api.waitForPosted(() => postedTo("DSTRANGER").includes("model reply to contact"));
  assert.deepEqual(accepted, [{ kind: "contact", id: "slack:USTRANGER", channel: "slack" }]);
});

void test("slack: forged and replayed requests are refused and never reach the model", async () => {
  const before = accepted.length;
  const owner = buildMessageEnvelope({ user: "UOWNER", channel: "DOWNER", channelType: "im", text: "delete everything" });
  assert.equal((await signed(owner, nowSec(), "attacker-guess")).status, 401);
  assert.equal((await signed(owner, nowSec() - 3600)).status, 401);
  assert.equal(accepted.length, before);
  assert.equal((await signed(owner)).status, 200);
  await api.waitForPosted(() => postedTo("DOWNER").includes("model reply to owner"));
  const repeated = () => adapterLogs.lines.filter((l) => (l.reason as { id?: unknown } | undefined)?.id === "slack.event_repeated").length;
  const repeats = repeated();
  assert.equal((await signed(owner)).status, 200, "a replay is acknowledged…");
  // …and decided (logged as a repeat) before its 200: the count below is read after the decision, not after a pause.
  assert.equal(repeated(), repeats + 1);
  assert.equal(accepted.length, before + 1, "…but processed only once");
});

void test("slack: group members not on the allowlist never reach the model, even in a thread on the bot", async () => {
  const before = accepted.length;
  await signed(buildMessageEnvelope({ user: "UOTHER", channel: "CGROUP", channelType: "channel", text: `<@${api.botUserId}> hi`, threadTs: "1.1", parentUserId: api.botUserId }));
  await signed(buildMessageEnvelope({ user: "USTRANGER", channel: "CGROUP", channelType: "channel", text: `<@${api.botUserId}> me too` }));
  // Both decided (each decision is logged) before the counts are read, however long that takes.
  await waitUntil(() => logs.filter((e) => e.chat.id === "CGROUP").length === 2, "both group messages decided");
  assert.equal(accepted.length, before);
  assert.equal(postedTo("CGROUP").length, 0, "nothing, not even a pairing code, is posted in the channel");
  await signed(buildMessageEnvelope({ user: "UOWNER", channel: "CGROUP", channelType: "channel", text: `<@${api.botUserId}> status` }));
  await api.waitForPosted(() => postedTo("CGROUP").includes("model reply to owner"));
});

void test("slack: neither the bot token nor the signing secret appears in any log", () => {
  const everything = JSON.stringify(logs) + adapterLogs.text();
  assert.ok(!everything.includes(token));
  assert.ok(!everything.includes(signingSecret));
});
