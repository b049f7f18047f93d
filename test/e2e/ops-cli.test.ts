/** Operations tried from outside, as a user would: `bin/warden audit-log|usage|secrets|sessions|token`. */
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { tempDir } from "../support/harness.ts";
import { runCli, startCliGateway, type CliResult } from "../support/cli.ts";
import { startScriptedServer, type ScriptedServer } from "../../src/providers/scripted-server.ts";

function warden(args: readonly string[], env: NodeJS.ProcessEnv, input = ""): Promise<CliResult> {
  return runCli(args, env, { input });
}

/** `grep -r` over a directory for fixed strings: the lines (file names) that contain any of them. */
function grepR(dir: string, needles: readonly string[]): string {
  const args = ["-r", "-a", "-l", "-F", ...needles.flatMap((n) => ["-e", n]), dir];
  const r = spawnSync("grep", args, { encoding: "utf8", timeout: 120_000 });
  assert.ok(r.status === 0 || r.status === 1, `grep failed: ${r.stderr}`);
  return r.stdout;
}

describe("warden audit-log", () => {
  let home: { path: string; remove(): void };
  let env: NodeJS.ProcessEnv;
  before(() => {
    home = tempDir();
    env = { PATH: process.env.PATH, HOME: home.path, WARDEN_HOME: join(home.path, "state") };
  });
  after(() => home.remove());

  test("editing one entry in the database makes verify fail and name it", async () => {
    assert.equal((await runCli(["config", "set", "gateway.port", "19999"], env)).code, 0);
    assert.equal((await warden(["secrets", "set", "providers.openai.apiKey", "--stdin"], env, "sk-audit-test-000111")).code, 0);
    assert.equal((await warden(["token", "rotate", "--grace", "10m"], env)).code, 0);
    const ok = await warden(["audit-log", "verify"], env);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /intact: 3 entries verified \(head anchored\)/);

    const tail = await warden(["audit-log", "tail", "-n", "2", "--json"], env);
    const lines = tail.stdout.trim().split("\n").map((l) => JSON.parse(l) as { seq: number; kind: string; summary: string });
    assert.deepEqual(lines.map((l) => [l.seq, l.kind]), [[2, "secret"], [3, "secret"]]);
    const exported = (await warden(["audit-log", "export", "--from", "2"], env)).stdout.trim().split("\n");
    assert.equal(exported.length, 2);

    const db = new DatabaseSync(join(home.path, "state", "warden.db"));
    db.prepare("UPDATE activity_log SET summary = 'nothing happened here' WHERE seq = 2").run();
    db.close();
    const bad = await warden(["audit-log", "verify"], env);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /FAILED verification at entry 2 \(altered\)/);
    const json = JSON.parse((await warden(["audit-log", "verify", "--json"], env)).stdout) as { ok: boolean; firstBadSeq: number };
    assert.deepEqual([json.ok, json.firstBadSeq], [false, 2]);
  });
});

describe("a token budget", () => {
  test("stops model calls once reached, with a clear message, and says so in usage and the activity log", async () => {
    const model = await startScriptedServer({ fallbackReply: "fine", usage: { input: 30, output: 12 } });
    const home = tempDir();
    const env = { PATH: process.env.PATH, HOME: home.path, WARDEN_HOME: join(home.path, "state"), WARDEN_MODEL: "openai/local-model", OPENAI_BASE_URL: model.openaiBaseUrl };
    try {
      assert.equal((await runCli(["config", "set", "limits.tokens.perDay", "40"], env)).code, 0);
      const gw = await startCliGateway(env);
      try {
        const first = await runCli(["chat", "--message", "one", "--port", String(gw.port)], env);
        assert.equal(first.code, 0, first.stderr);
        const calls = model.requests.length;
        const second = await runCli(["chat", "--message", "two", "--port", String(gw.port)], env);
        assert.equal(second.code, 1);
        assert.match(second.stderr, /Daily token budget of 40 reached \(42 used\)\. Raise limits\.tokens\.perDay/);
        assert.equal(model.requests.length, calls, "the model was not called");
      } finally {
        await gw.stop();
      }
      const usage = JSON.parse((await warden(["usage", "--json"], env)).stdout) as { tokens: { today: number } };
      assert.equal(usage.tokens.today, 42);
      assert.match((await warden(["audit-log", "tail", "-n", "5"], env)).stdout, /limit .*Daily token budget/);
    } finally {
      await model.close();
      home.remove();
    }
  });
});

describe("secrets at rest, usage and sessions, around a real chat turn", () => {
  let model: ScriptedServer;
  let home: { path: string; remove(): void };
  let env: NodeJS.ProcessEnv;
  let state: string;
  const apiKey = "sk-proj-CANARY-openai-key-0123456789";
  const botToken = "7712345678:AAH-CANARY-bot-token-987";
  const message = "CANARY-message-plaintext-31337";

  before(async () => {
    model = await startScriptedServer({ fallbackReply: "CANARY-reply-plaintext-4242", usage: { input: 30, output: 12 } });
    home = tempDir();
    state = join(home.path, "state");
    env = { PATH: process.env.PATH, HOME: home.path, WARDEN_HOME: state, WARDEN_MODEL: "openai/local-model", OPENAI_BASE_URL: model.openaiBaseUrl };
    assert.equal((await warden(["secrets", "set", "providers.openai.apiKey", "--stdin"], env, `${apiKey}\n`)).code, 0);
    // Through `config set` too: a secret key goes to the store, not into config.json5.
    const viaConfig = await runCli(["config", "set", "channels.telegram.botToken", botToken], env);
    assert.equal(viaConfig.code, 0, viaConfig.stderr);
    assert.doesNotMatch(viaConfig.stdout, /CANARY/);
    assert.equal((await runCli(["config", "set", "limits.tokens.perDay", "5000"], env)).code, 0);
    const gw = await startCliGateway(env);
    try {
      const r = await runCli(["chat", "--message", message, "--port", String(gw.port)], env);
      assert.equal(r.code, 0, r.stderr);
    } finally {
      await gw.stop();
    }
  });
  after(async () => {
    await model.close();
    home.remove();
  });

  test("grep -r over the whole state dir finds no token, key or secret in plain text", async () => {
    const token = (await warden(["token", "show"], env)).stdout.trim();
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    const keyDir = `${state}-keys`;
    const masterKeys = readdirSync(keyDir).map((f) => readFileSync(join(keyDir, f), "utf8").trim());
    assert.ok(masterKeys.length > 0);
    assert.equal(grepR(state, [apiKey, botToken, token, ...masterKeys]), "");
    assert.doesNotMatch(readFileSync(join(state, "config.json5"), "utf8"), /botToken/);
  });

  test("transcripts are not readable at rest", () => {
    assert.equal(grepR(state, [message, "CANARY-reply-plaintext-4242"]), "");
  });

  test("secrets list names secrets and never prints a value; config get masks them", async () => {
    const list = await warden(["secrets", "list"], env);
    const json = await warden(["secrets", "list", "--json"], env);
    for (const out of [list.stdout, json.stdout]) {
      assert.match(out, /providers\.openai\.apiKey/);
      assert.match(out, /channels\.telegram\.botToken/);
      assert.doesNotMatch(out, /CANARY|sk-proj/);
    }
    const names = (JSON.parse(json.stdout) as { name: string }[]).map((s) => s.name);
    assert.ok(names.includes("gateway.tokens"));
    assert.equal((await runCli(["config", "get", "channels.telegram.botToken"], env)).stdout.trim(), "[secret]");
    const reserved = await warden(["secrets", "set", "gateway.tokens", "--stdin"], env, "x");
    assert.equal(reserved.code, 2);
    assert.match(reserved.stderr, /managed by Warden/);
    const onArgv = await warden(["secrets", "set", "providers.openai.apiKey", "sk-on-the-command-line"], env);
    assert.notEqual(onArgv.code, 0, "a value on the command line is refused");
  });

  test("usage --json has exactly the documented shape", async () => {
    const r = await warden(["usage", "--json"], env);
    assert.equal(r.code, 0, r.stderr);
    const usage = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(usage), ["tokens", "costUsd", "limits"]);
    assert.deepEqual(Object.keys(usage.tokens as object), ["today", "month"]);
    assert.deepEqual(Object.keys(usage.costUsd as object), ["today", "month"]);
    assert.deepEqual(usage.limits, { tokens: { perDay: 5000, perSession: null }, costUsd: { perDay: null, perMonth: null }, messages: { perSenderPerMinute: 20 } });
  });

  test("sessions list shows the chat's session and purge deletes it, leaving a retention entry", async () => {
    const list = JSON.parse((await warden(["sessions", "list", "--json"], env)).stdout) as { key: string; channel: string }[];
    assert.equal(list.length, 1);
    const key = list[0]?.key ?? "";
    const purge = await warden(["sessions", "purge", "--session", key], env);
    assert.equal(purge.code, 0, purge.stderr);
    assert.match(purge.stdout, /Purged session .*: 2 message\(s\) in 1 session\(s\)/);
    assert.deepEqual(JSON.parse((await warden(["sessions", "list", "--json"], env)).stdout), []);
    assert.equal(grepR(state, [message]), "", "purged messages leave no trace in the database files");
    const tail = (await warden(["audit-log", "tail", "-n", "1"], env)).stdout;
    assert.match(tail, /retention cli: purged session/);
    assert.equal((await warden(["sessions", "purge"], env)).code, 2);
  });
});
