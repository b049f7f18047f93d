import { after, test } from "node:test";
import assert from "node:assert/strict";
import { runAdapterSuite } from "../../../test/support/adapter-suite.ts";
import type { AdapterHarness } from "../../../test/support/adapter-suite.ts";
import { createSlackAdapter } from "./slack-adapter.ts";
import type { SlackAdapter } from "./slack-adapter.ts";
import { buildMessageEnvelope, postSignedEvent, startFakeSlackApi } from "../../../test/support/fake-slack.ts";
import type { FakeSlackApi } from "../../../test/support/fake-slack.ts";
import { computeSlackSignature } from "./verify-signature.ts";
import type { ChannelFault } from "../channel-health.ts";
import type { Logger } from "../../core/logger.ts";
import { captureLog } from "../../../test/support/capture-log.ts";
import { waitUntil } from "../../../test/support/wait.ts";

const token = "xoxb-test-slack-bot-token-0001";
const signingSecret = "8f742231b10e8888abcd99yyyzzz85a5";
const servers: FakeSlackApi[] = [];
const adapters: SlackAdapter[] = [];
after(async () => {
  for (const a of adapters) await a.stop();
  for (const s of servers) await s.close();
});

const nowSec = () => Math.floor(Date.now() / 1000);

async function makeHarness(): Promise<AdapterHarness> {
  const api = await startFakeSlackApi({ token });
  servers.push(api);
  const adapter = createSlackAdapter({ token, signingSecret, apiUrl: api.apiUrl, clock: Date.now, retries: 0 });
  const post = async (envelope: Record<string, unknown>) => {
    const url = adapter.eventsUrl;
    if (url === undefined) throw new Error("the adapter is not listening");
    const r = await postSignedEvent(url, JSON.stringify(envelope), { signingSecret, timestampSec: nowSec() });
    if (r.status !== 200) throw new Error(`receiver answered ${r.status}`);
  };
  return {
    adapter,
    senderIdOf: (suiteId) => `U${suiteId}`,
    injectDm: (sender, text) => post(buildMessageEnvelope({ user: `U${sender.id}`, channel: `D${sender.id}`, channelType: "im", text })),
    injectGroup: (sender, groupId, text, opts) => post(buildMessageEnvelope({
      user: `U${sender.id}`, channel: `C${groupId.replace(/\W/g, "").toUpperCase()}`, channelType: "channel",
      text: opts.mention ? `<@${api.botUserId}> ${text}` : text,
      ...(opts.replyToBot ? { threadTs: "1699999999.000100", parentUserId: api.botUserId } : {}),
    })),
    injectEdit: (sender, text) => post(buildMessageEnvelope({ user: `U${sender.id}`, channel: `D${sender.id}`, channelType: "im", text, edited: true })),
    async injectJunk() {
      const url = adapter.eventsUrl ?? "";
      const signed = (body: string) => postSignedEvent(url, body, { signingSecret, timestampSec: nowSec() });
      assert.equal((await signed("{not json")).status, 400);
      assert.equal((await signed(JSON.stringify({ type: "event_callback", event: "x" }))).status, 400);
      assert.equal((await signed(JSON.stringify([1, 2]))).status, 400);
      await post({ ...buildMessageEnvelope({ user: "U1", channel: "D1", channelType: "im", text: "x" }), event: { type: "message", subtype: "bot_message", bot_id: "B9", text: "bot", ts: "1.2", channel: "D1", channel_type: "im" } });
      await post({ ...buildMessageEnvelope({ user: "U1", channel: "D1", channelType: "im", text: "x" }), event: { type: "message", user: api.botUserId, text: "myself", ts: "1.3", channel: "D1", channel_type: "im" } });
      await post({ ...buildMessageEnvelope({ user: "U1", channel: "D1", channelType: "im", text: "x" }), event: { type: "reaction_added", user: "U1", reaction: "+1", item: { type: "message", channel: "D1", ts: "1.1" } } });
      await post({ ...buildMessageEnvelope({ user: "U1", channel: "D1", channelType: "im", text: "x" }), event: { type: "message", user: "u-lowercase", text: "odd id", ts: "1.4", channel: "D1", channel_type: "im" } });
    },
    sent: () => api.posted().map((p) => ({ chatId: p.channel, text: p.text })),
    close: () => api.close(),
  };
}

runAdapterSuite("slack", makeHarness);

async function startedAdapter(log?: Logger) {
  const api = await startFakeSlackApi({ token });
  servers.push(api);
  const adapter = createSlackAdapter({ token, signingSecret, apiUrl: api.apiUrl, clock: Date.now, retries: 0, ...(log ? { log } : {}) });
  adapters.push(adapter);
  const got: string[] = [];
  await adapter.start(async (m) => {
    got.push(m.text);
  });
  return { api, adapter, got, url: adapter.eventsUrl ?? "" };
}

void test("slack: forged, stale, future and unsigned requests are refused with 401 and never delivered", async () => {
  const captured = captureLog();
  const { got, url } = await startedAdapter(captured.log);
  const body = JSON.stringify(buildMessageEnvelope({ user: "U42", channel: "D42", channelType: "im", text: "forged" }));
  const forged = await postSignedEvent(url, body, { signingSecret: "not-the-secret", timestampSec: nowSec() });
  assert.equal(forged.status, 401);
  const stale = await postSignedEvent(url, body, { signingSecret, timestampSec: nowSec() - 6 * 60 });
  assert.equal(stale.status, 401);
  const future = await postSignedEvent(url, body, { signingSecret, timestampSec: nowSec() + 6 * 60 });
  assert.equal(future.status, 401);
  const tampered = await postSignedEvent(url, body.replace("forged", "tampered"), {
    signingSecret, timestampSec: nowSec(), signature: computeSlackSignature(signingSecret, String(nowSec()), body),
  });
  assert.equal(tampered.status, 401);
  const unsigned = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
  assert.equal(unsigned.status, 401);
  const badHeader = await postSignedEvent(url, body, { signingSecret, timestampSec: nowSec(), signature: "v1=abc" });
  assert.equal(badHeader.status, 401);
  assert.equal((await fetch(url, { method: "GET" })).status, 405);
  assert.deepEqual(got, []);
  const refusals = captured.lines.filter((l) => l.msg?.startsWith("slack: refused a request"));
  assert.ok(refusals.length >= 5 && refusals.every((l) => typeof (l.reason as { id?: unknown } | undefined)?.id === "string"), "each refusal is logged with its reason id");
  assert.ok(!captured.text().includes(signingSecret) && !captured.text().includes(token));
});

void test("slack: a replay of a correctly signed event inside the window is processed once", async () => {
  const captured = captureLog();
  const { got, url } = await startedAdapter(captured.log);
  const body = JSON.stringify(buildMessageEnvelope({ user: "U43", channel: "D43", channelType: "im", text: "once" }));
  const ts = nowSec();
  assert.equal((await postSignedEvent(url, body, { signingSecret, timestampSec: ts })).status, 200);
  assert.equal((await postSignedEvent(url, body, { signingSecret, timestampSec: ts })).status, 200);
  assert.equal((await postSignedEvent(url, body, { signingSecret, timestampSec: ts + 1 })).status, 200);
  // Each repeat is decided (and logged) before its 200; the first may still be on its way to the handler.
  const repeated = () => captured.lines.filter((l) => (l.reason as { id?: unknown } | undefined)?.id === "slack.event_repeated").length;
  await waitUntil(() => got.length > 0 && repeated() === 2, "the event delivered and both repeats ignored");
  assert.deepEqual(got, ["once"]);
});

void test("slack: url_verification is answered; oversize bodies are refused; wrong token fails start without leaking it", async () => {
  const { url } = await startedAdapter();
  const challenge = await postSignedEvent(url, JSON.stringify({ type: "url_verification", challenge: "abc123", token: "x" }), { signingSecret, timestampSec: nowSec() });
  assert.equal(challenge.status, 200);
  assert.deepEqual(JSON.parse(challenge.text), { challenge: "abc123" });
  const big = await postSignedEvent(url, JSON.stringify({ pad: "x".repeat(2 << 20) }), { signingSecret, timestampSec: nowSec() }).catch(() => ({ status: 413, text: "" }));
  assert.equal(big.status, 413);

  const api = await startFakeSlackApi({ token });
  servers.push(api);
  const wrong = "xoxb-wrong-token-should-not-leak";
  const adapter = createSlackAdapter({ token: wrong, signingSecret, apiUrl: api.apiUrl, clock: Date.now, retries: 0 });
  await assert.rejects(adapter.start(async () => undefined), (e: Error) => e.message.includes("invalid_auth") && !e.message.includes(wrong));
});

void test("slack: every message the agent posts has link and media unfurls off (no zero-click fetch of a link it wrote)", async () => {
  const { api, adapter } = await startedAdapter();
  await adapter.send({ chatId: "D44", kind: "dm" }, `see https://attacker.example/x?d=secret ${"a".repeat(50_000)}`);
  const posts = api.calls.filter((c) => c.method === "chat.postMessage");
  assert.ok(posts.length >= 2);
  // The WebClient sends a form body, so the wire values are strings.
  for (const p of posts) assert.deepEqual([String(p.params.unfurl_links), String(p.params.unfurl_media)], ["false", "false"]);
});

void test("slack: a revoked token fails start as a credential fault with the fix; a send that hits it marks the channel failed until a send works again", async () => {
  const api = await startFakeSlackApi({ token });
  servers.push(api);
  api.revoked = true;
  const adapter = createSlackAdapter({ token, signingSecret, apiUrl: api.apiUrl, clock: Date.now, retries: 0 });
  adapters.push(adapter);
  const refused = await adapter.start(async () => undefined).then(() => undefined, (e: unknown) => e as Error & { cause?: ChannelFault });
  assert.equal(refused?.cause?.kind, "credential");
  assert.match(refused?.cause?.fix ?? "", /warden secrets set channels\.slack\.botToken/);
  assert.ok(!JSON.stringify(refused?.message).includes(token));

  api.revoked = false;
  const states: string[] = [];
  await adapter.start(async () => undefined, { report: (state) => states.push(state) });
  api.revoked = true;
  await assert.rejects(adapter.send({ chatId: "D1", kind: "dm" }, "lost"), /token_revoked/);
  api.revoked = false;
  await adapter.send({ chatId: "D1", kind: "dm" }, "works again");
  assert.deepEqual(states, ["failed", "running"]);
});
