/**
 * Every path by which Warden writes the config file — `config set|unset`, `secrets set` moving a plaintext value
 * out, `security audit --fix`, and "approve always" in the running gateway — edits the owner's hand-written JSON5
 * in place (comments, unquoted keys, single quotes, trailing commas survive) and records its own write, so the next
 * start reports no "changed outside Warden" alert. Drives bin/warden on a real state directory and a real gateway.
 */
// warden-test: own-process (among the longest end-to-end files: alone, it runs beside the others instead of after them)
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import JSON5 from "json5";
import { tempDir } from "../support/harness.ts";
import { runCli, startCli, startCliGateway } from "../support/cli.ts";
import { startScriptedServer, type ScriptedServer } from "../../src/providers/scripted-server.ts";

const handWritten = `// My Warden config — written by hand, please keep my notes.
{
  gateway: {
    port: 18789, // the default port
  },
  logging: {
    /* I turned redaction off while debugging */
    redactSensitive: 'off',
  },
  tools: {
    exec: {
      allow: [
        { binary: '/usr/bin/cksum', argv: [], match: 'prefix' }, // checksums are harmless
      ],
    },
  },
  providers: { openai: { apiKey: 'sk-proj-plaintext-canary-0123456789abcdef' } },
}
`;
const notes = ["// My Warden config — written by hand, please keep my notes.", "// the default port", "/* I turned redaction off while debugging */", "// checksums are harmless"];

describe("config writes keep the owner's file and are recorded", () => {
  let home: { path: string; remove(): void };
  let env: NodeJS.ProcessEnv;
  let file: string;
  let model: ScriptedServer;

  function assertNotesKept(label: string): string {
    const text = readFileSync(file, "utf8");
    for (const n of notes) assert.ok(text.includes(n), `${label} dropped ${JSON.stringify(n)}:\n${text}`);
    return text;
  }
  async function assertNoDriftAlert(label: string): Promise<string> {
    const log = await runCli(["audit-log", "export"], env);
    assert.equal(log.code, 0, log.stderr);
    assert.doesNotMatch(log.stdout, /changed outside Warden/, label);
    return log.stdout;
  }

  before(async () => {
    model = await startScriptedServer({ fallbackReply: "done" });
    home = tempDir();
    const state = join(home.path, "state");
    mkdirSync(state, { recursive: true, mode: 0o700 });
    file = join(state, "config.json5");
    writeFileSync(file, handWritten, { mode: 0o600 });
    env = { PATH: process.env.PATH, HOME: home.path, WARDEN_HOME: state, WARDEN_MODEL: "openai/local-model", OPENAI_BASE_URL: model.openaiBaseUrl };
    // The first look at the hand-written file records it as the baseline.
    assert.equal((await runCli(["config", "validate"], env)).code, 0);
    const first = await startCliGateway(env);
    await first.stop();
  });
  after(async () => {
    await model.close();
    home.remove();
  });

  test("config set and unset edit in place", async () => {
    const set = await runCli(["config", "set", "gateway.bind", "loopback"], env);
    assert.equal(set.code, 0, set.stderr);
    const port = await runCli(["config", "set", "gateway.port", "18790"], env);
    assert.equal(port.code, 0, port.stderr);
    const text = assertNotesKept("config set");
    assert.ok(text.includes("    port: 18790, // the default port\n    bind: 'loopback',\n  },"), text);
    const unset = await runCli(["config", "unset", "gateway.bind"], env);
    assert.equal(unset.code, 0, unset.stderr);
    assert.ok(!assertNotesKept("config unset").includes("bind"));
    // A key under a record, as docs/skills.md tells the owner to disable a skill.
    const disable = await runCli(["config", "set", "skills.entries.pdf-tools.enabled", "false"], env);
    assert.equal(disable.code, 0, disable.stderr);
    assert.equal((await runCli(["config", "get", "skills.entries.pdf-tools.enabled"], env)).stdout.trim(), "false");
    assert.equal((await runCli(["config", "set", "skills.entries.pdf-tools.bogus", "1"], env)).code, 2);
    assert.equal((await runCli(["config", "unset", "skills.entries.pdf-tools.enabled"], env)).code, 0);
    await assertNoDriftAlert("config set/unset");
  });

  test("secrets set moves the plaintext key out and keeps the rest", async () => {
    const r = await runCli(["secrets", "set", "providers.openai.apiKey", "--stdin"], env, { input: "sk-proj-stored-canary-0123456789abcdef" });
    assert.equal(r.code, 0, r.stderr);
    const text = assertNotesKept("secrets set");
    assert.ok(!text.includes("plaintext-canary"), text);
    await assertNoDriftAlert("secrets set");
  });

  test("security audit --fix edits in place", async () => {
    const r = await runCli(["security", "audit", "--fix"], env);
    assert.match(r.stdout, /logging\.redactSensitive: off -> tools/);
    const text = assertNotesKept("audit --fix");
    assert.ok(text.includes("    /* I turned redaction off while debugging */\n    redactSensitive: 'tools',"), text);
    await assertNoDriftAlert("audit --fix");
  });

  test("approve always in the gateway appends the rule; the restart reports no change outside Warden", async () => {
    const gw = await startCliGateway(env);
    try {
      model.setScript([{ calls: [{ name: "exec", args: { command: "uname -s" } }] }, { reply: "finished" }]);
      const chat = startCli(["chat", "--message", "what system is this?", "--port", String(gw.port)], env, { timeoutMs: 300_000 });
      const [, id = ""] = await chat.stderrMatch(/warden approvals approve ([^\s`]+)/);
      const list = await runCli(["approvals", "list", "--json", "--port", String(gw.port)], env);
      assert.equal(list.code, 0, list.stderr);
      assert.ok((JSON.parse(list.stdout) as { approvals: { id: string; summary: string }[] }).approvals.find((v) => v.id === id)?.summary.includes("uname"), "the command asked for approval");
      const approved = await runCli(["approvals", "approve", id, "--always", "--port", String(gw.port)], env);
      assert.equal(approved.code, 0, approved.stderr);
      assert.equal((await chat.done).code, 0);
    } finally {
      await gw.stop();
    }
    const text = assertNotesKept("approve always");
    assert.ok(text.includes("// checksums are harmless\n        { binary: '/usr/bin/uname', argv: ['-s'], match: 'exact' },\n      ],"), text);
    const restarted = await startCliGateway(env);
    await restarted.stop();
    assert.doesNotMatch(restarted.output(), /changed outside Warden/);
    const log = await assertNoDriftAlert("approve always, then a restart");
    assert.match(log, /approve-always/);
    assert.deepEqual((JSON5.parse(text) as { tools: { exec: { allow: unknown[] } } }).tools.exec.allow.length, 2);
  });

  test("control: a hand edit is still reported on the next start", async () => {
    writeFileSync(file, readFileSync(file, "utf8").replace("port: 18790", "port: 18791"));
    const gw = await startCliGateway(env);
    await gw.stop();
    const log = await runCli(["audit-log", "export"], env);
    assert.match(log.stdout, /changed outside Warden/);
  });

  test("a change made while the gateway runs says it applies at the next start", async () => {
    const gw = await startCliGateway(env);
    let set;
    try {
      set = await runCli(["config", "set", "tools.exec.timeoutMs", "30000"], env);
    } finally {
      await gw.stop();
    }
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stderr, new RegExp(`gateway running on port ${gw.port} \\(pid \\d+\\) reads its settings when it starts: restart it`));
    const unset = await runCli(["config", "unset", "tools.exec.timeoutMs"], env);
    assert.equal(unset.code, 0, unset.stderr);
    assert.equal(unset.stderr, "", "no gateway runs: nothing to restart");
  });
});
