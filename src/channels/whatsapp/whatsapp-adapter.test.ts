import { after, test } from "node:test";
import assert from "node:assert/strict";
import { runAdapterSuite } from "../../../test/support/adapter-suite.ts";
import type { AdapterHarness } from "../../../test/support/adapter-suite.ts";
import { buildWhatsAppNotification, postSignedWebhook, startFakeGraphApi } from "../../../test/support/fake-whatsapp.ts";
import type { FakeGraphApi } from "../../../test/support/fake-whatsapp.ts";
import { createWhatsAppAdapter } from "./whatsapp-adapter.ts";
import type { WhatsAppAdapter } from "./whatsapp-adapter.ts";
import { computeWhatsAppSignature } from "./verify-signature.ts";
import type { ChannelFault } from "../channel-health.ts";
import type { InboundMessage } from "../types.ts";
import { captureLog } from "../../../test/support/capture-log.ts";
import type { Logger } from "../../core/logger.ts";

const accessToken = "EAAG-whatsapp-test-access-token-0001";
const appSecret = "whatsapp-app-secret-for-tests-0001";
const verifyToken = "whatsapp-verify-token-0001";
const servers: FakeGraphApi[] = [];
const adapters: WhatsAppAdapter[] = [];
after(async () => {
  for (const a of adapters) await a.stop();
  for (const s of servers) await s.close();
});

const waId = (suiteId: string) => `1555000${suiteId.padStart(4, "0")}`;

async function makeHarness(): Promise<AdapterHarness> {
  const api = await startFakeGraphApi({ accessToken });
  servers.push(api);
  const adapter = createWhatsAppAdapter({ accessToken, appSecret, verifyToken, phoneNumberId: api.phoneNumberId, apiUrl: api.apiUrl, clock: Date.now });
  const post = async (notification: Record<string, unknown>) => {
    const url = adapter.webhookUrl;
    if (url === undefined) throw new Error("the adapter is not listening");
    const r = await postSignedWebhook(url, JSON.stringify(notification), { appSecret });
    if (r.status !== 200) throw new Error(`receiver answered ${r.status}`);
  };
  return {
    adapter,
    senderIdOf: waId,
    injectDm: (sender, text) => post(buildWhatsAppNotification({ phoneNumberId: api.phoneNumberId, from: waId(sender.id), ...(sender.name ? { name: sender.name } : {}), text })),
    async injectJunk() {
      const url = adapter.webhookUrl ?? "";
      const signed = (body: string) => postSignedWebhook(url, body, { appSecret });
      assert.equal((await signed("{not json")).status, 400);
      assert.equal((await signed(JSON.stringify({ object: "page", entry: [] }))).status, 400);
      assert.equal((await signed(JSON.stringify([1, 2]))).status, 400);
      const base = buildWhatsAppNotification({ phoneNumberId: api.phoneNumberId, from: waId("1"), text: "x" });
      const withValue = (value: unknown) => JSON.stringify({ ...base, entry: [{ id: "1", changes: [{ field: "messages", value }] }] });
      const meta = { messaging_product: "whatsapp", metadata: { phone_number_id: api.phoneNumberId } };
      assert.equal((await signed(withValue({ ...meta, statuses: [{ id: "wamid.S", status: "delivered", recipient_id: waId("1") }] }))).status, 200);
      assert.equal((await signed(withValue({ ...meta, messages: [{ from: waId("1"), id: "wamid.R", timestamp: String(Math.floor(Date.now() / 1000)), type: "reaction", reaction: { emoji: "👍", message_id: "wamid.X" } }] }))).status, 200);
      assert.equal((await signed(withValue({ ...meta, messages: [{ from: "not-digits", id: "wamid.Y", timestamp: "1", type: "text", text: { body: "odd id" } }] }))).status, 200);
      assert.equal((await signed(withValue({ ...meta, messages: [{ from: waId("1"), id: "wamid.G", timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: "from a group" }, group_id: "120363" }] }))).status, 200);
      assert.equal((await signed(withValue({ ...meta, messages: [{ from: waId("1"), id: "wamid.B", timestamp: String(Math.floor(Date.now() / 1000)), type: "interactive", interactive: { type: "button_reply", button_reply: { id: "someone-elses-button", title: "x" } } }] }))).status, 200);
    },
    sent: () => api.sent().map((s) => ({ chatId: s.to, text: s.text })),
    close: () => api.close(),
  };
}

runAdapterSuite("whatsapp", makeHarness);

async function startedAdapter(log?: Logger, extra: Partial<Parameters<typeof createWhatsAppAdapter>[0]> = {}) {
  const api = await startFakeGraphApi({ accessToken });
  servers.push(api);
  const adapter = createWhatsAppAdapter({ accessToken, appSecret, verifyToken, phoneNumberId: api.phoneNumberId, apiUrl: api.apiUrl, clock: Date.now, ...(log ? { log } : {}), ...extra });
  adapters.push(adapter);
  const got: InboundMessage[] = [];
  const states: string[] = [];
  await adapter.start(async (m) => {
    got.push(m);
  }, { report: (s) => states.push(s) });
  return { api, adapter, got, states, url: adapter.webhookUrl ?? "" };
}

void test("whatsapp: the verify-token handshake answers the challenge only for the right token", async () => {
  const { url } = await startedAdapter();
  const ok = await fetch(`${url}?hub.mode=subscribe&hub.verify_token=${verifyToken}&hub.challenge=1158201444`);
  assert.equal(ok.status, 200);
  assert.equal(await ok.text(), "1158201444");
  assert.equal((await fetch(`${url}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`)).status, 403);
  assert.equal((await fetch(`${url}?hub.mode=unsubscribe&hub.verify_token=${verifyToken}&hub.challenge=1`)).status, 403);
  assert.equal((await fetch(`${url}?hub.mode=subscribe&hub.verify_token=${verifyToken}&hub.challenge=<script>`)).status, 403);
});

void test("whatsapp: forged, tampered and unsigned webhooks are refused with 401 and never delivered; refusals logged with reason ids, no secret", async () => {
  const captured = captureLog();
  const { api, got, url } = await startedAdapter(captured.log);
  const body = JSON.stringify(buildWhatsAppNotification({ phoneNumberId: api.phoneNumberId, from: waId("42"), text: "forged" }));
  assert.equal((await postSignedWebhook(url, body, { appSecret: "not-the-secret" })).status, 401);
  assert.equal((await postSignedWebhook(url, body.replace("forged", "tampered"), { appSecret, signature: computeWhatsAppSignature(appSecret, body) })).status, 401);
  assert.equal((await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body })).status, 401);
  assert.equal((await postSignedWebhook(url, body, { appSecret, signature: "sha1=abc" })).status, 401);
  assert.equal((await fetch(url, { method: "PUT", body })).status, 405);
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(got, []);
  const refusals = captured.lines.filter((l) => l.msg?.startsWith("whatsapp: refused a request"));
  assert.ok(refusals.length >= 4 && refusals.every((l) => typeof (l.reason as { id?: unknown } | undefined)?.id === "string"));
  const text = captured.text();
  assert.ok(!text.includes(appSecret) && !text.includes(accessToken) && !text.includes(verifyToken));
});

void test("whatsapp: a replayed signed webhook is processed once; a stale or future one is refused; another number's is ignored", async () => {
  const { api, got, url } = await startedAdapter();
  const body = JSON.stringify(buildWhatsAppNotification({ phoneNumberId: api.phoneNumberId, from: waId("43"), text: "once" }));
  assert.equal((await postSignedWebhook(url, body, { appSecret })).status, 200);
  assert.equal((await postSignedWebhook(url, body, { appSecret })).status, 200);
  const nowSec = Math.floor(Date.now() / 1000);
  await postSignedWebhook(url, JSON.stringify(buildWhatsAppNotification({ phoneNumberId: api.phoneNumberId, from: waId("43"), text: "stale", timestampSec: nowSec - 2 * 3600 })), { appSecret });
  await postSignedWebhook(url, JSON.stringify(buildWhatsAppNotification({ phoneNumberId: api.phoneNumberId, from: waId("43"), text: "future", timestampSec: nowSec + 3600 })), { appSecret });
  await postSignedWebhook(url, JSON.stringify(buildWhatsAppNotification({ phoneNumberId: "999", from: waId("43"), text: "other number" })), { appSecret });
  await postSignedWebhook(url, JSON.stringify(buildWhatsAppNotification({ phoneNumberId: api.phoneNumberId, from: waId("43"), text: "last" })), { appSecret });
  await api.waitFor(() => got.some((m) => m.text === "last"), "the last message");
  assert.deepEqual(got.map((m) => m.text), ["once", "last"]);
});

void test("whatsapp: every text goes out with preview_url false; approval buttons carry their commands and a press comes back as the presser's command", async () => {
  const { api, adapter, got, url } = await startedAdapter();
  await adapter.send({ chatId: waId("44"), kind: "dm" }, `see https://attacker.example/x?d=secret ${"a".repeat(5000)}`);
  const texts = api.posts.filter((p) => p.type === "text");
  assert.equal(texts.length, 2);
  for (const p of texts) assert.equal(p.text?.preview_url, false);
  await adapter.send({ chatId: waId("44"), kind: "dm" }, "Approve exec `ls`? /approve apr-3 or /deny apr-3", { actions: [{ label: "Approve", command: "/approve apr-3" }, { label: "Deny", command: "/deny apr-3", style: "danger" }] });
  const buttons = api.posts.at(-1)?.interactive?.action.buttons.map((b) => b.reply.id);
  assert.deepEqual(buttons, ["warden:/approve apr-3", "warden:/deny apr-3"]);
  await postSignedWebhook(url, JSON.stringify(buildWhatsAppNotification({ phoneNumberId: api.phoneNumberId, from: waId("45"), button: { id: "warden:/approve apr-3", title: "Approve" } })), { appSecret });
  await api.waitFor(() => got.length === 1, "the press");
  assert.equal(got[0]?.text, "/approve apr-3");
  assert.equal(got[0]?.senderId, waId("45"), "the press is the presser's, whoever got the buttons");
});

void test("whatsapp: a wrong or revoked token fails start as a credential fault with the fix, without leaking it; a send that hits it marks the channel failed until a send works", async () => {
  const api = await startFakeGraphApi({ accessToken });
  servers.push(api);
  const wrong = "EAAG-wrong-token-should-not-leak";
  const adapter = createWhatsAppAdapter({ accessToken: wrong, appSecret, verifyToken, phoneNumberId: api.phoneNumberId, apiUrl: api.apiUrl, clock: Date.now });
  const refused = await adapter.start(async () => undefined).then(() => undefined, (e: unknown) => e as Error & { cause?: ChannelFault });
  assert.equal(refused?.cause?.kind, "credential");
  assert.match(refused?.cause?.fix ?? "", /warden secrets set channels\.whatsapp\.accessToken/);
  assert.ok(!String(refused?.message).includes(wrong));
  assert.equal(adapter.webhookUrl, undefined, "nothing listens after a failed start");

  const { api: api2, adapter: ok, states } = await startedAdapter();
  api2.revoked = true;
  await assert.rejects(ok.send({ chatId: waId("46"), kind: "dm" }, "lost"), /sending failed/);
  assert.equal(states.at(-1), "failed");
  api2.revoked = false;
  await ok.send({ chatId: waId("46"), kind: "dm" }, "back");
  assert.equal(states.at(-1), "running");
});

void test("whatsapp: a 429 is retried (nothing was sent); an outage at start is a transient fault and a later start works", async () => {
  const { api, adapter } = await startedAdapter();
  api.rateLimitNext(1);
  await adapter.send({ chatId: waId("47"), kind: "dm" }, "after the limit");
  assert.deepEqual(api.sent().map((s) => s.text), ["after the limit"]);

  const down = await startFakeGraphApi({ accessToken });
  servers.push(down);
  down.down = true;
  const later = createWhatsAppAdapter({ accessToken, appSecret, verifyToken, phoneNumberId: down.phoneNumberId, apiUrl: down.apiUrl, clock: Date.now });
  adapters.push(later);
  const fault = await later.start(async () => undefined).then(() => undefined, (e: unknown) => (e as { cause?: ChannelFault }).cause);
  assert.equal(fault?.kind, "transient");
  down.down = false;
  await later.start(async () => undefined);
  assert.ok(later.webhookUrl !== undefined);
});
