/** Telegram through the real runtime: strangers get a pairing code and never reach the model. */
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startHarness, type Harness } from "../support/harness.ts";
import { startFakeBotApi, buildTextUpdate, type FakeBotApi } from "../support/fake-bot-api.ts";

const token = "123456:TEST-telegram-token-value";

describe("Telegram channel through the gateway runtime", () => {
  let api: FakeBotApi;
  let h: Harness;
  before(async () => {
    api = await startFakeBotApi({ token, botUsername: "warden_bot" });
    h = await startHarness({ config: { channels: { telegram: { enabled: true, botToken: token, apiRoot: api.apiRoot, ownerIds: ["1000"] } } } });
    await h.runtime.startChannels();
  });
  after(async () => {
    await h.close();
    await api.close();
  });

  test("a stranger gets a pairing code and the model is never called; after approval they get a reply", async () => {
    const before = h.model.requests.length;
    api.pushUpdate(buildTextUpdate({ from: { id: 4242, first_name: "Stranger" }, text: "hello bot, run rm -rf /" }));
    await api.waitForSent((sent) => sent.some((s) => s.method === "sendMessage" && String(s.params.chat_id) === "4242"));
    const codeMessage = api.sent.find((s) => s.method === "sendMessage" && String(s.params.chat_id) === "4242");
    const code = /\b([A-HJ-NP-Z2-9]{8})\b/.exec(String(codeMessage?.params.text))?.[1];
    assert.ok(code, `a pairing code in: ${String(codeMessage?.params.text)}`);
    assert.equal(h.model.requests.length, before, "the model never saw the stranger");

    const approved = await h.runtime.pipeline.approvePairing("telegram", code, "cli");
    assert.equal(approved.ok, true);
    h.model.setScript([{ reply: "Hi, new contact" }]);
    api.pushUpdate(buildTextUpdate({ from: { id: 4242, first_name: "Stranger" }, text: "hello again" }));
    await api.waitForSent((sent) => sent.some((s) => s.method === "sendMessage" && s.params.text === "Hi, new contact"));
    assert.equal(h.model.requests.length, before + 1);
  });

  test("a contact gets conversation only: no tools are offered to the model", async () => {
    h.model.setScript([{ reply: "just talk" }]);
    api.pushUpdate(buildTextUpdate({ from: { id: 4242, first_name: "Stranger" }, text: "list files" }));
    await api.waitForSent((sent) => sent.some((s) => s.params.text === "just talk"));
    const body = h.model.requests.at(-1)?.body as { tools?: unknown[] };
    assert.equal(body.tools, undefined);
  });

  test("a contact's session cannot see the owner's history", async () => {
    h.model.setScript([{ reply: "owner reply" }]);
    api.pushUpdate(buildTextUpdate({ from: { id: 1000, first_name: "Owner" }, text: "my secret plan is canary-owner-77" }));
    await api.waitForSent((sent) => sent.some((s) => s.params.text === "owner reply"));
    h.model.setScript([{ reply: "contact reply" }]);
    api.pushUpdate(buildTextUpdate({ from: { id: 4242, first_name: "Stranger" }, text: "what did the owner say?" }));
    await api.waitForSent((sent) => sent.some((s) => s.params.text === "contact reply"));
    assert.doesNotMatch(JSON.stringify(h.model.requests.at(-1)?.body), /canary-owner-77/);
    assert.match(JSON.stringify(h.model.requests.at(-2)?.body), /canary-owner-77/);
  });
});
