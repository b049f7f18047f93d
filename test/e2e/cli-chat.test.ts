/** Tried from outside, as a new user would: `warden gateway` then `warden chat`. */
// warden-test: own-process (among the longest end-to-end files: alone, it runs beside the others instead of after them)
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { tempDir } from "../support/harness.ts";
import { runCli, startCliGateway } from "../support/cli.ts";
import { startScriptedServer, type ScriptedServer } from "../../src/providers/scripted-server.ts";
import { WebSocketServer } from "ws";
import type { AddressInfo } from "node:net";

describe("warden gateway + warden chat", () => {
  let model: ScriptedServer;
  let home: { path: string; remove(): void };
  let gw: Awaited<ReturnType<typeof startCliGateway>>;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    model = await startScriptedServer({ fallbackReply: "Hello from the local model" });
    home = tempDir();
    env = { PATH: process.env.PATH, HOME: home.path, WARDEN_HOME: `${home.path}/state`, WARDEN_MODEL: "openai/local-model", OPENAI_BASE_URL: model.openaiBaseUrl };
    gw = await startCliGateway(env);
  });
  after(async () => {
    await gw.stop();
    await model.close();
    home.remove();
  });

  test("prints the WebChat URL with the token in the fragment, on loopback", () => {
    assert.match(gw.output(), /WebChat: http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}/);
    assert.match(gw.output(), /Model: openai\/local-model/);
  });

  test("chat prints the local OpenAI-compatible server's answer", async () => {
    const r = await runCli(["chat", "--message", "hello", "--port", String(gw.port)], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), "Hello from the local model");
    const sent = model.requests.at(-1)?.body as { model: string; messages: { content: string }[] };
    assert.equal(sent.model, "local-model");
    assert.equal(sent.messages.at(-1)?.content, "hello");
  });

  test("a wrong token exits non-zero with a clear error and never reaches the model", async () => {
    const before = model.requests.length;
    const r = await runCli(["chat", "--message", "hello", "--port", String(gw.port)], { ...env, WARDEN_GATEWAY_TOKEN: "wrong-token" });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /refused the credential/);
    assert.equal(model.requests.length, before);
  });

  test("a frame the gateway refuses (a message over 100,000 characters) exits non-zero with the gateway's reason", async () => {
    const before = model.requests.length;
    const r = await runCli(["chat", "--message", "x".repeat(100_001), "--port", String(gw.port)], env);
    assert.equal(r.code, 2, "a refused request is a usage error");
    assert.match(r.stderr, /Malformed frame.*100,000 characters/);
    assert.equal(model.requests.length, before);
  });

  test("no running gateway is a clear error", async () => {
    const r = await runCli(["chat", "--message", "hello", "--port", "1"], env);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /No gateway is running/);
  });
});

describe("warden gateway without a model", () => {
  test("starts anyway and tells the user exactly what to set", async () => {
    const home = tempDir();
    const env = { PATH: process.env.PATH, HOME: home.path, WARDEN_HOME: `${home.path}/state` };
    const gw = await startCliGateway(env);
    try {
      assert.match(gw.output(), /Model: No model is configured\. Set WARDEN_MODEL=openai\/<model>/);
      const r = await runCli(["chat", "--message", "hi", "--port", String(gw.port)], env);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /WARDEN_MODEL/);
    } finally {
      await gw.stop();
      home.remove();
    }
  });

  test("a malformed config file is a clear error naming the key", async () => {
    const home = tempDir();
    const env = { PATH: process.env.PATH, HOME: home.path, WARDEN_HOME: `${home.path}/state` };
    try {
      assert.equal((await runCli(["config", "set", "gateway.port", "19999"], env)).code, 0);
      const bad = await runCli(["config", "set", "tools.exec.security", "yolo"], env);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /tools\.exec\.security/);
      const get = await runCli(["config", "get", "gateway.port"], env);
      assert.equal(get.stdout.trim(), "19999");
      const secret = await runCli(["config", "set", "providers.openai.apiKey", "sk-very-secret"], env);
      assert.doesNotMatch(secret.stdout, /sk-very-secret/);
      assert.equal((await runCli(["config", "get", "providers.openai.apiKey"], env)).stdout.trim(), "[secret]");
    } finally {
      home.remove();
    }
  });
});

describe("warden chat against a gateway that answers with `id: null`", () => {
  test("the refusal is the answer: the CLI exits non-zero with its message instead of waiting", async () => {
    // A peer speaking the gateway protocol that refuses every request without naming it, as older gateways did.
    const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    wss.on("connection", (ws) => {
      ws.send(JSON.stringify({ type: "event", event: "hello", payload: { protocol: 1, authenticated: true } }));
      ws.on("message", () => ws.send(JSON.stringify({ type: "res", id: null, ok: false, error: { code: "BAD_REQUEST", message: "Malformed frame: refused by the peer.", retryable: false } })));
    });
    await new Promise<void>((r) => wss.once("listening", () => r()));
    const home = tempDir();
    try {
      const port = (wss.address() as AddressInfo).port;
      const r = await runCli(["chat", "--message", "hello", "--port", String(port)], { PATH: process.env.PATH, HOME: home.path, WARDEN_HOME: `${home.path}/state`, WARDEN_GATEWAY_TOKEN: "t".repeat(43) });
      assert.equal(r.code, 2, "a refused request is a usage error");
      assert.match(r.stderr, /refused by the peer/);
    } finally {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      home.remove();
    }
  });
});
