/**
 * Channels that recover by themselves, through the real gateway: a Telegram API that never answers does not
 * hold the gateway's start, and polling or sends that fail (409, 401, 502) are shown in `status`, told to the
 * owner on WebChat and in the activity log, and recover when the fault clears.
 */
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startHarness, tempDir, type Harness } from "../support/harness.ts";
import { runCli, startCliGateway } from "../support/cli.ts";
import { startFakeBotApi, buildTextUpdate, TelegramFaults, type FakeBotApi } from "../support/fake-bot-api.ts";
import { createTelegramAdapter } from "../../src/channels/telegram/telegram-adapter.ts";
import type { EventFrame } from "../../src/gateway/protocol.ts";
import { waitUntil } from "../support/wait.ts";

const token = "123456:TEST-telegram-recovery-token";

type ChannelView = { channel: string; state: string; reason?: string; fix?: string; since: string };

test("the gateway starts (banner, WebChat link) while Telegram never answers; status shows the channel starting; SIGTERM stops it", async () => {
  const silent = createServer(() => undefined); // accepts connections, never answers a request
  await new Promise<void>((r) => silent.listen(0, "127.0.0.1", () => r()));
  const home = tempDir();
  try {
    const state = join(home.path, "state");
    mkdirSync(state, { recursive: true, mode: 0o700 });
    const apiRoot = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    writeFileSync(join(state, "config.json5"), `${JSON.stringify({ channels: { telegram: { enabled: true, botToken: token, apiRoot, ownerIds: ["1000"] } } })}\n`, { mode: 0o600 });
    const env = { PATH: process.env.PATH, HOME: home.path, WARDEN_HOME: state };
    const gw = await startCliGateway(env);
    try {
      assert.match(gw.output(), /WebChat: http/);
      const status = await runCli(["status", "--json", "--port", String(gw.port)], env);
      const body = JSON.parse(status.stdout) as { channels: ChannelView[] };
      assert.deepEqual(body.channels.map((c) => [c.channel, c.state]), [["telegram", "starting"]]);
    } finally {
      await gw.stop();
    }
    assert.equal(gw.child.exitCode, 0, gw.output());
  } finally {
    silent.closeAllConnections();
    await new Promise<void>((r) => silent.close(() => r()));
    home.remove();
  }
});

describe("Telegram faults through the gateway runtime", () => {
  let api: FakeBotApi;
  let h: Harness;
  const notices: string[] = [];
  const status = async () => (await h.runtime.handlers.methods.status({})) as { ok: boolean; channels: ChannelView[] };
  const telegram = async () => (await status()).channels.find((c) => c.channel === "telegram");
  before(async () => {
    api = await startFakeBotApi({ token, botUsername: "warden_bot" });
    // The real adapter with quick retries (the production cadence is tens of seconds); everything else is the real runtime.
    const adapter = createTelegramAdapter({ token, apiRoot: api.apiRoot, clock: Date.now, pollTimeoutSeconds: 1, retry: { baseMs: 10, maxMs: 100, slowMs: 100 } });
    h = await startHarness({
      overrides: { extraChannels: [{ adapter, policy: { dmPolicy: "pairing", groupPolicy: "disabled", requireMention: true, ownerIds: ["1000"] } }] },
    });
    h.runtime.handlers.subscribe((e: EventFrame) => {
      const p = e.payload as { session?: string; delta?: string };
      if (e.event === "chat.delta" && p.session === "owner-notice" && p.delta) notices.push(p.delta);
    });
    await h.runtime.startChannels();
    await waitUntil(() => h.runtime.pipeline.health.get("telegram")?.state === "running", "telegram running");
  });
  after(async () => {
    await h.close();
    await api.close();
  });

  test("409: degraded with the fix in status, the owner told on WebChat and in the activity log; it recovers by itself and answers", async () => {
    api.failCalls("getUpdates", TelegramFaults.conflict, Infinity);
    await waitUntil(() => h.runtime.pipeline.health.get("telegram")?.state === "degraded", "degraded");
    const view = await telegram();
    assert.match(view?.reason ?? "", /another process polls this bot token/);
    assert.match(view?.fix ?? "", /stop the other/);
    assert.equal((await status()).ok, false);
    await waitUntil(() => notices.some((n) => /channel telegram degraded: another process polls/.test(n)), "owner notice");
    assert.ok(h.runtime.ops.activityLog.tail(50).some((e) => e.kind === "alert" && /telegram degraded/.test(e.summary)));

    api.clearFaults();
    await waitUntil(() => h.runtime.pipeline.health.get("telegram")?.state === "running", "recovered");
    await waitUntil(() => notices.some((n) => /channel telegram recovered/.test(n)), "recovery notice");
    h.model.setScript([{ reply: "still here" }]);
    api.pushUpdate(buildTextUpdate({ from: { id: 1000, first_name: "Owner" }, text: "are you there?" }));
    await api.waitForSent((sent) => sent.some((s) => s.params.text === "still here"));
    assert.equal((await status()).ok, true);
  });

  test("401: failed with `warden secrets set …` as the fix, then recovers when the token works again", async () => {
    api.failCalls("getUpdates", TelegramFaults.unauthorized, Infinity);
    await waitUntil(() => h.runtime.pipeline.health.get("telegram")?.state === "failed", "failed");
    assert.match((await telegram())?.fix ?? "", /warden secrets set channels\.telegram\.botToken/);
    await waitUntil(() => notices.some((n) => /channel telegram failed/.test(n)), "owner notice");
    assert.ok(!notices.join("").includes(token));
    api.clearFaults();
    await waitUntil(() => h.runtime.pipeline.health.get("telegram")?.state === "running", "recovered");
  });

  test("a reply that meets a 502 is retried and delivered once; one that keeps failing is reported lost to the owner", async () => {
    h.model.setScript([{ reply: "after a hiccup" }]);
    api.failCalls("sendMessage", TelegramFaults.badGateway, 2);
    api.pushUpdate(buildTextUpdate({ from: { id: 1000, first_name: "Owner" }, text: "hello" }));
    await api.waitForSent((sent) => sent.some((s) => s.params.text === "after a hiccup"));
    assert.equal(api.sent.filter((s) => s.params.text === "after a hiccup").length, 1);

    h.model.setScript([{ reply: "never arrives" }]);
    api.failCalls("sendMessage", TelegramFaults.badGateway, Infinity);
    api.pushUpdate(buildTextUpdate({ from: { id: 1000, first_name: "Owner" }, text: "hello again" }));
    await waitUntil(() => notices.some((n) => /a reply to you on telegram was lost: .*502/.test(n)), "lost-reply notice");
    assert.ok(h.runtime.ops.activityLog.tail(50).some((e) => e.kind === "alert" && /reply to you on telegram was lost/.test(e.summary)));
    assert.ok(!notices.join("").includes("never arrives"), "the notice does not carry the reply's text");
    assert.ok(!notices.join("").includes("[object Object]"), "the notice names the cause in words");
    api.clearFaults();
  });
});
