// End to end on WhatsApp: signed webhooks and a fake Graph API on loopback ↔ whatsapp adapter ↔ inbound pipeline ↔ real SQLite pairing.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { DatabaseSync } from "node:sqlite";
import { createWhatsAppAdapter } from "./whatsapp-adapter.ts";
import type { WhatsAppAdapter } from "./whatsapp-adapter.ts";
import { buildWhatsAppNotification, postSignedWebhook, startFakeGraphApi } from "../../../test/support/fake-whatsapp.ts";
import type { FakeGraphApi } from "../../../test/support/fake-whatsapp.ts";
import { pairingCodeIn as codeIn, startPipelineFixture } from "../../../test/support/pipeline-fixture.ts";
import type { PipelineFixture } from "../../../test/support/pipeline-fixture.ts";
import type { ChannelAccessPolicy } from "../access-control.ts";
import { createInboundPipeline } from "../inbound-pipeline.ts";
import { createPairingStore } from "../pairing-store.ts";

const accessToken = "EAAG-whatsapp-e2e-secret-token";
const appSecret = "whatsapp-e2e-app-secret";
const verifyToken = "whatsapp-e2e-verify";
const ANN = "15550000501"; // becomes the owner
const BOB = "15550000502"; // becomes a contact
const EVE = "15550000666"; // stays a stranger
let api: FakeGraphApi;
let adapter: WhatsAppAdapter;
let now = Date.now();
let f: PipelineFixture;
const policy: ChannelAccessPolicy = { dmPolicy: "pairing", groupPolicy: "allowlist", requireMention: true };

before(async () => {
  api = await startFakeGraphApi({ accessToken });
  adapter = createWhatsAppAdapter({ accessToken, appSecret, verifyToken, phoneNumberId: api.phoneNumberId, apiUrl: api.apiUrl, clock: () => now });
  f = await startPipelineFixture({ adapter, policy, clock: () => now });
});

after(async () => {
  await f.close();
  await api.close();
});

async function post(body: Record<string, unknown>, secret = appSecret): Promise<number> {
  return (await postSignedWebhook(adapter.webhookUrl ?? "", JSON.stringify(body), { appSecret: secret })).status;
}
/** Posts signed notifications and waits until the pipeline decided each of them. */
async function deliver(...bodies: Record<string, unknown>[]): Promise<void> {
  const expected = f.logs.length + bodies.length;
  for (const b of bodies) assert.equal(await post(b), 200);
  await api.waitFor(() => f.logs.length >= expected, "the pipeline's decisions");
  await f.pipeline.idle();
}
const dm = (from: string, text: string) => buildWhatsAppNotification({ phoneNumberId: api.phoneNumberId, from, text, timestampSec: Math.floor(now / 1000) });
const press = (from: string, command: string) => buildWhatsAppNotification({ phoneNumberId: api.phoneNumberId, from, button: { id: `warden:${command}`, title: "Approve" }, timestampSec: Math.floor(now / 1000) });
const sentTo = (to: string) => api.sent().filter((s) => s.to === to).map((s) => s.text);

void test("a stranger gets a pairing code and the model is never called; approved as owner, they are answered", async () => {
  await deliver(dm(ANN, "hello, who are you?"));
  assert.equal(f.accepted.length, 0, "the agent never saw the stranger's message");
  const code = codeIn(sentTo(ANN)[0]);
  assert.equal(f.logs.at(-1)?.reason.id, "access.pairing_required");
  const result = await f.pipeline.approvePairing("whatsapp", code, "cli", { notify: true, asOwner: true });
  assert.ok(result.ok && result.becameOwner);
  await api.waitFor(() => sentTo(ANN).some((t) => t.includes("You are paired")), "the pairing notice");
  await deliver(dm(ANN, "now?"));
  await api.waitFor(() => sentTo(ANN).includes("model reply to owner"), "the owner's reply");
  assert.deepEqual(f.accepted[0]?.principal, { kind: "owner", id: `whatsapp:${ANN}`, channel: "whatsapp" });
  assert.equal(f.accepted[0]?.sessionKey, `agent:main:whatsapp:dm:${ANN}`);
  assert.ok(!JSON.stringify(f.logs).includes("hello, who are you"), "message text is not logged");
});

void test("a contact gets conversation only; their reply reaches only them; their /approve does nothing", async () => {
  await deliver(dm(BOB, "hi"));
  const bobCode = codeIn(sentTo(BOB)[0]);
  await deliver(dm(ANN, `/pair approve ${bobCode}`));
  await api.waitFor(() => sentTo(ANN).some((t) => t.startsWith("Approved")), "the approval answer");
  assert.equal(f.store.isContact("whatsapp", BOB), true);
  const before = f.accepted.length;
  await deliver(dm(BOB, "/approve apr-1"));
  assert.equal(f.accepted.length, before);
  const posts = api.posts.length;
  await deliver(dm(BOB, "what's up"));
  await api.waitFor(() => sentTo(BOB).includes("model reply to contact"), "the contact's reply");
  assert.equal(f.accepted.at(-1)?.principal.kind, "contact");
  assert.deepEqual(api.posts.slice(posts).map((p) => p.to), [BOB], "the reply went to the contact and nowhere else");
});

void test("an approval button pressed by anyone but the owner does nothing; the owner's press answers the approval", async () => {
  now += 120_000;
  await deliver(press(BOB, "/approve apr-9"), press(EVE, "/approve apr-9"));
  assert.ok(!api.sent().some((s) => s.text === "approve apr-9: done"), "no one but the owner answers an approval");
  assert.equal(f.logs.at(-2)?.reason.id, "inbound.command_not_owner");
  await deliver(press(ANN, "/approve apr-9"));
  await api.waitFor(() => sentTo(ANN).includes("approve apr-9: done"), "the owner's answer");
});

void test("a forged or replayed owner message never reaches the model", async () => {
  now += 120_000;
  const before = f.accepted.length;
  const forged = dm(ANN, "/approve apr-10");
  assert.equal(await post(forged, "attacker-guessed-secret"), 401);
  const genuine = dm(ANN, "once only");
  await deliver(genuine);
  assert.equal(await post(genuine), 200, "a replay is acknowledged…");
  await f.pipeline.idle();
  assert.equal(f.accepted.length, before + 1, "…and dropped");
  assert.ok(!api.sent().some((s) => s.text === "approve apr-10: done"));
});

void test("the tokens never appear in any log", () => {
  const everything = JSON.stringify(f.logs);
  for (const s of [accessToken, appSecret, verifyToken]) assert.ok(!everything.includes(s));
});

void test("when the Graph API is down at start the channel is degraded and retried; it runs once the API is back", async () => {
  const down = await startFakeGraphApi({ accessToken });
  down.down = true;
  const db = new DatabaseSync(":memory:");
  const pipeline = createInboundPipeline({
    adapters: [createWhatsAppAdapter({ accessToken, appSecret, verifyToken, phoneNumberId: down.phoneNumberId, apiUrl: down.apiUrl, clock: Date.now })],
    access: () => policy, pairing: createPairingStore({ db, clock: Date.now, randomBytes: (n) => randomBytes(n) }), clock: Date.now, log: () => undefined,
    onAccepted: async () => undefined, retry: { baseMs: 20, maxMs: 100, slowMs: 100 },
  });
  try {
    await pipeline.start();
    assert.equal(pipeline.health.get("whatsapp")?.state, "degraded");
    down.down = false;
    await down.waitFor(() => pipeline.health.get("whatsapp")?.state === "running", "the channel to run");
  } finally {
    await pipeline.stop();
    await down.close();
    db.close();
  }
});
