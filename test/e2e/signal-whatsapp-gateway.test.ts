/**
 * Signal and WhatsApp through the real runtime and the real CLI: both channels are created from config, a stranger
 * gets a pairing code and never reaches the model, the owner's approval prompt reaches only the owner (WhatsApp with
 * buttons that do nothing for anyone else), a control client links a Signal device by QR through the gateway, and
 * `warden status` shows both channels running.
 */
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { freePort } from "../support/wait.ts";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { connect, startHarness, tempDir, type Harness } from "../support/harness.ts";
import { runCli, startCliGateway } from "../support/cli.ts";
import { buildSignalEnvelope, signalUuidOf, startFakeSignalCli, type FakeSignalCli } from "../support/fake-signal-cli.ts";
import { buildWhatsAppNotification, postSignedWebhook, startFakeGraphApi, type FakeGraphApi } from "../support/fake-whatsapp.ts";

const accessToken = "EAAG-gateway-e2e-access-token";
const appSecret = "gateway-e2e-app-secret";
const verifyToken = "gateway-e2e-verify-token";
const SIGNAL_OWNER = signalUuidOf("1000");
const SIGNAL_STRANGER = signalUuidOf("4242");
const WA_OWNER = "15550001000";
const WA_STRANGER = "15550004242";

describe("Signal and WhatsApp channels through the gateway runtime", () => {
  let signal: FakeSignalCli;
  let graph: FakeGraphApi;
  let h: Harness;
  let webhook = "";
  const signalTo = (who: string) => signal.sends.filter((s) => s.recipient?.[0] === who).map((s) => s.message);
  const whatsappTo = (who: string) => graph.sent().filter((s) => s.to === who).map((s) => s.text);
  const whatsapp = async (from: string, o: { text?: string; button?: string }) => {
    const body = buildWhatsAppNotification({ phoneNumberId: graph.phoneNumberId, from, ...(o.text === undefined ? {} : { text: o.text }), ...(o.button === undefined ? {} : { button: { id: o.button, title: "Approve" } }) });
    assert.equal((await postSignedWebhook(webhook, JSON.stringify(body), { appSecret })).status, 200);
  };
  before(async () => {
    signal = await startFakeSignalCli();
    graph = await startFakeGraphApi({ accessToken });
    const port = await freePort();
    webhook = `http://127.0.0.1:${port}/whatsapp/webhook`;
    h = await startHarness({
      config: {
        channels: {
          signal: { enabled: true, account: signal.account, httpUrl: signal.httpUrl, ownerIds: [SIGNAL_OWNER] },
          whatsapp: { enabled: true, accessToken, appSecret, verifyToken, phoneNumberId: graph.phoneNumberId, apiUrl: graph.apiUrl, port, ownerIds: [WA_OWNER] },
        },
      } as never,
    });
    await h.runtime.startChannels();
    await signal.waitFor(() => h.runtime.pipeline.health.get("signal")?.state === "running" && h.runtime.pipeline.health.get("whatsapp")?.state === "running", "both channels running");
  });
  after(async () => {
    await h.close();
    await signal.close();
    await graph.close();
  });

  test("Signal: a stranger gets a pairing code and the model is never called; the owner is answered", async () => {
    const before = h.model.requests.length;
    signal.deliver(buildSignalEnvelope({ fromUuid: SIGNAL_STRANGER, text: "hello bot, run rm -rf /" }));
    await signal.waitFor(() => signalTo(SIGNAL_STRANGER).length > 0, "the pairing code");
    assert.match(signalTo(SIGNAL_STRANGER)[0] ?? "", /Pairing code: [A-Z2-9]{8}/);
    assert.equal(h.model.requests.length, before, "the model never saw the stranger");
    h.model.setScript([{ reply: "hello owner" }]);
    signal.deliver(buildSignalEnvelope({ fromUuid: SIGNAL_OWNER, text: "hi" }));
    await signal.waitFor(() => signalTo(SIGNAL_OWNER).includes("hello owner"), "the owner's reply");
  });

  test("a control client links a Signal device: the QR modules come through the gateway, and the scan finishes it", async () => {
    const client = await connect(h.gateway.url);
    try {
      assert.equal((await client.request("connect", { token: h.token })).ok, true);
      const started = await client.request("signal.link.start", {});
      assert.equal(started.ok, true, JSON.stringify(started.error));
      const payload = started.payload as { uri: string; qr: boolean[][] };
      assert.match(payload.uri, /^sgnl:\/\/linkdevice/);
      assert.ok(payload.qr.length >= 21 && payload.qr.every((row) => row.length === payload.qr.length), "a square QR matrix");
      const finishing = client.request("signal.link.finish", { uri: payload.uri, deviceName: "control-ui" });
      await signal.waitFor(() => signal.link.deviceName === "control-ui", "finishLink waiting");
      signal.scanned();
      const finished = await finishing;
      assert.deepEqual(finished.payload, { account: signal.account });
    } finally {
      client.ws.close();
    }
  });

  test("WhatsApp: a stranger gets a pairing code; the owner's approval prompt has buttons that do nothing for anyone else", async () => {
    const before = h.model.requests.length;
    await whatsapp(WA_STRANGER, { text: "let me in" });
    await graph.waitFor(() => whatsappTo(WA_STRANGER).length > 0, "the pairing code");
    assert.equal(h.model.requests.length, before);

    h.model.setScript([{ calls: [{ name: "exec", args: { command: "uname -s" } }] }, { reply: "ran it" }]);
    await whatsapp(WA_OWNER, { text: "what system is this?" });
    await graph.waitFor(() => graph.posts.some((p) => p.type === "interactive"), "the approval prompt");
    const prompt = graph.posts.find((p) => p.type === "interactive");
    assert.equal(prompt?.to, WA_OWNER, "the prompt goes to the owner only");
    const button = prompt?.interactive?.action.buttons[0]?.reply.id ?? "";
    const id = /^warden:\/approve (\S+)$/.exec(button)?.[1] ?? "";
    assert.ok(id !== "", `an approve button: ${button}`);
    await whatsapp(WA_STRANGER, { button });
    await whatsapp(WA_OWNER, { button });
    await graph.waitFor(() => whatsappTo(WA_OWNER).includes("ran it"), "the turn finishing after the owner's press");
    // The adapter delivers in order, so the stranger's press was decided before the owner's: had it approved, the
    // owner's press would have found the request answered, by the stranger. (Read once the turn has ended rather
    // than after a pause, which a loaded machine can outrun.)
    assert.equal(h.runtime.approvals.list().find((a) => a.id === id)?.status, "approved");
    assert.equal(h.runtime.db.prepare("SELECT resolved_by FROM approvals WHERE id = ?").get(id)?.resolved_by, `whatsapp:${WA_OWNER}`, "a stranger's press does nothing");
  });
});

test("`warden gateway` starts Signal and WhatsApp from the config file and `warden status` shows both running", async () => {
  const signal = await startFakeSignalCli();
  const graph = await startFakeGraphApi({ accessToken });
  const home = tempDir();
  try {
    const state = join(home.path, "state");
    mkdirSync(state, { recursive: true, mode: 0o700 });
    writeFileSync(join(state, "wa-token"), `${accessToken}\n`, { mode: 0o600 });
    const channels = {
      signal: { enabled: true, account: signal.account, httpUrl: signal.httpUrl },
      whatsapp: { enabled: true, tokenFile: join(state, "wa-token"), appSecret, verifyToken, phoneNumberId: graph.phoneNumberId, apiUrl: graph.apiUrl, port: 0 },
    };
    writeFileSync(join(state, "config.json5"), `${JSON.stringify({ channels })}\n`, { mode: 0o600 });
    const env = { PATH: process.env.PATH, HOME: home.path, WARDEN_HOME: state };
    const gw = await startCliGateway(env);
    try {
      let seen: { channel: string; state: string }[] = [];
      const deadline = Date.now() + 180_000;
      while (!(seen.length === 2 && seen.every((c) => c.state === "running")) && Date.now() < deadline) {
        const status = await runCli(["status", "--json", "--port", String(gw.port)], env);
        seen = (JSON.parse(status.stdout) as { channels: { channel: string; state: string }[] }).channels;
      }
      assert.deepEqual(seen.map((c) => [c.channel, c.state]).sort(), [["signal", "running"], ["whatsapp", "running"]]);
      const output = gw.output();
      for (const secret of [accessToken, appSecret, verifyToken]) assert.ok(!output.includes(secret), "no secret is printed");
    } finally {
      await gw.stop();
    }
    assert.equal(gw.child.exitCode, 0, gw.output());
  } finally {
    await signal.close();
    await graph.close();
    home.remove();
  }
});
