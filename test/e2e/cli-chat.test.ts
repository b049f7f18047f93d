/** Tried from outside, as a new user would: `warden gateway` then `warden chat`. */
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { tempDir } from "../support/harness.ts";
import { runCli, startCliGateway } from "../support/cli.ts";
import { startScriptedServer, type ScriptedServer } from "../../src/providers/scripted-server.ts";

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
