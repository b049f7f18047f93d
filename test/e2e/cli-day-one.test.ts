/**
 * The day-one CLI, tried from outside as a new user would: a real gateway on a non-default port, and every
 * client command run WITHOUT `--port` (they find the gateway through the state directory). Approvals raised by
 * `warden chat` are answered on its terminal; Ctrl-C leaves them pending, never denied.
 */
// warden-test: own-process (among the longest end-to-end files: alone, it runs beside the others instead of after them)
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { tempDir } from "../support/harness.ts";
import { runCli, runCliEach, startCli, startCliGateway, wardenBin, withCompileCache, type CliResult } from "../support/cli.ts";
import { startScriptedServer, type ScriptedServer } from "../../src/providers/scripted-server.ts";

type View = { id: string; status: string; summary: string; sessionKey: string };

/** Polls (bounded) until `check` returns a value. */
async function eventually<T>(what: string, check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

// The three groups share nothing (each has its own state directory), so they run side by side.
describe("the CLI from outside", { concurrency: true }, () => {
  // Its tests share one gateway and scripted model, so they run in order (the file-wide concurrency is for the groups).
  describe("day-one CLI against a gateway on a non-default port, with no flags", { concurrency: 1 }, () => {
    let model: ScriptedServer;
    let home: { path: string; remove(): void };
    let gw: Awaited<ReturnType<typeof startCliGateway>>;
    let env: NodeJS.ProcessEnv;
    let state: string;
    let workspace: string;

    before(async () => {
      model = await startScriptedServer({ fallbackReply: "done" });
      home = tempDir();
      state = path.join(home.path, "state");
      workspace = path.join(state, "workspace");
      env = { PATH: process.env.PATH, HOME: home.path, WARDEN_HOME: state, WARDEN_MODEL: "openai/local-model", OPENAI_BASE_URL: model.openaiBaseUrl };
      gw = await startCliGateway(env);
      assert.notEqual(gw.port, 18789);
    });
    after(async () => {
      await gw.stop();
      await model.close();
      home.remove();
    });

    async function pendingFor(command: string): Promise<View> {
      return eventually(`an approval for ${command}`, async () => {
        const r = await runCli(["approvals", "list", "--json"], env);
        assert.equal(r.code, 0, r.stderr);
        return (JSON.parse(r.stdout) as { approvals: View[] }).approvals.find((v) => v.summary.includes(command));
      });
    }

    test("--version prints the checkout's version", async () => {
      const { version } = JSON.parse(fs.readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
      for (const flag of ["--version", "-V"]) {
        const r = await runCli([flag], env);
        assert.equal(r.code, 0);
        assert.equal(r.stdout.trim(), version);
      }
    });

    test("the gateway records where it listens (0600) and its banner says how to open, stop, sandbox and channels", () => {
      const file = path.join(state, "gateway.json");
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      const record = JSON.parse(fs.readFileSync(file, "utf8")) as { port: number; pid: number; url: string };
      assert.equal(record.port, gw.port);
      assert.equal(record.pid, gw.child.pid);
      assert.doesNotMatch(fs.readFileSync(file, "utf8"), /token/i);
      const banner = gw.output();
      assert.match(banner, /bin\/warden dashboard/);
      assert.match(banner, /Stop: Ctrl-C/);
      assert.match(banner, /Sandbox: (active|OFF)/);
      assert.match(banner, /Channels: enabled: webchat; not set up: telegram, slack/);
    });

    test("status finds the gateway and shows port, model, sandbox, channels, approvals and today's cost", async () => {
      const r = await runCli(["status"], env);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`Gateway: running \\(pid \\d+\\) on port ${gw.port}`));
      assert.match(r.stdout, /Model: openai\/local-model/);
      assert.match(r.stdout, /Sandbox: /);
      assert.match(r.stdout, /Channels: enabled: webchat/);
      assert.match(r.stdout, /Approvals: \d+ pending/);
      assert.match(r.stdout, /Today: \$\d+\.\d{4} \(\d+ tokens/);
      const json = JSON.parse((await runCli(["status", "--json"], env)).stdout) as Record<string, unknown>;
      assert.equal(json.running, true);
      assert.equal(json.port, gw.port);
      assert.equal(json.model, "openai/local-model");
      assert.equal(typeof json.pendingApprovals, "number");
      assert.deepEqual(Object.keys(json.usageToday as object).sort(), ["costUsd", "tokens"]);
      assert.equal(typeof (json.sandbox as { active: boolean }).active, "boolean");
    });

    test("dashboard prints a one-time link with a code in the fragment, never the token", async () => {
      const token = (await runCli(["token", "show"], env)).stdout.trim();
      assert.ok(token.length >= 43);
      const r = await runCli(["dashboard"], env);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`http://127\\.0\\.0\\.1:${gw.port}/#code=[A-Za-z0-9_-]{24,}`));
      assert.ok(!r.stdout.includes(token));
      const json = JSON.parse((await runCli(["dashboard", "--json"], env)).stdout) as { code: string; expiresAt: string; url: string };
      assert.equal(json.url, `http://127.0.0.1:${gw.port}/#code=${json.code}`);
      assert.ok(Date.parse(json.expiresAt) > Date.now() - 1000 && Date.parse(json.expiresAt) <= Date.now() + 300_000, "valid for at most five minutes");
      assert.notEqual(json.code, /#code=(\S+)/.exec(r.stdout)?.[1], "a new code each time");
    });

    test("doctor: every check passes or warns here, with the model reachable and the port this gateway's", async () => {
      const r = await runCli(["doctor", "--json"], env);
      const report = JSON.parse(r.stdout) as { ok: boolean; checks: { id: string; status: string; detail: string; fix?: string }[] };
      assert.equal(r.code, 0, r.stdout);
      assert.equal(report.ok, true);
      assert.deepEqual(report.checks.map((c) => c.id), ["node", "sandbox", "state", "model", "port"]);
      assert.equal(report.checks.find((c) => c.id === "model")?.status, "ok");
      assert.match(report.checks.find((c) => c.id === "port")?.detail ?? "", new RegExp(`port ${gw.port}`));
      for (const c of report.checks) if (c.status !== "ok") assert.ok(c.fix, `${c.id} says how to fix it`);
    });

    test("chat: the approval shows on the terminal with what, why and expiry, and `y` approves it there", async () => {
      model.setScript([{ calls: [{ name: "exec", args: { command: "touch terminal-yes.txt" } }] }, { reply: "made it" }]);
      const r = await runCli(["chat", "--message", "please touch terminal-yes.txt"], env, { input: "y\n" });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.trim(), "made it");
      assert.match(r.stderr, /asks for your approval/);
      assert.match(r.stderr, /exec \[writes terminal-yes\.txt[^\]]*\] touch terminal-yes\.txt/);
      assert.match(r.stderr, /why: .*\[exec\.writes\]/);
      assert.match(r.stderr, /expires in \d+ (min|s)/);
      assert.match(r.stderr, /Approval \w+: approved\./);
      assert.equal(fs.existsSync(path.join(workspace, "terminal-yes.txt")), true);
    });

    test("chat: `n` denies on the terminal; the command never runs", async () => {
      model.setScript([{ calls: [{ name: "exec", args: { command: "touch terminal-no.txt" } }] }, { reply: "ok, not done" }]);
      const r = await runCli(["chat", "--message", "please touch terminal-no.txt"], env, { input: "n\n" });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /Approval \w+: denied\./);
      assert.equal(fs.existsSync(path.join(workspace, "terminal-no.txt")), false);
    });

    test("chat without terminal input says how to answer elsewhere, and an answer elsewhere lets the turn finish", async () => {
      model.setScript([{ calls: [{ name: "exec", args: { command: "touch elsewhere.txt" } }] }, { reply: "finished elsewhere" }]);
      const chat = startCli(["chat", "--message", "please touch elsewhere.txt"], env, { input: "" });
      await chat.stderrMatch(/warden approvals approve/);
      const view = await pendingFor("touch elsewhere.txt");
      assert.equal((await runCli(["approvals", "approve", view.id], env)).code, 0);
      const r = await chat.done;
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /No terminal input/);
      assert.match(r.stderr, new RegExp(`warden approvals approve ${view.id}`));
      assert.match(r.stderr, new RegExp(`Approval ${view.id} was approved elsewhere|${view.id}`));
      assert.equal(r.stdout.trim(), "finished elsewhere");
    });

    test("Ctrl-C while an approval waits: it stays pending (not denied), and an answer elsewhere still runs the turn", async () => {
      model.setScript([{ calls: [{ name: "exec", args: { command: "touch after-ctrl-c.txt" } }] }, { reply: "done after all" }]);
      const child = spawn(wardenBin, ["chat", "--message", "please touch after-ctrl-c.txt"], { env: withCompileCache(env), stdio: ["pipe", "pipe", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<CliResult>((resolve) => child.on("close", (code) => resolve({ code, stdout: "", stderr })));
      await eventually("the terminal prompt", () => (/Approve \w+\?/.test(stderr) ? true : undefined));
      child.kill("SIGINT");
      const r = await exited;
      assert.equal(r.code, 130);
      assert.match(r.stderr, /stays pending until/);
      const view = await pendingFor("touch after-ctrl-c.txt");
      assert.equal(view.status, "pending", "an interrupted client is not a denial");
      const approved = await runCli(["approvals", "approve", view.id], env);
      assert.equal(approved.code, 0, approved.stderr);
      await eventually("the approved command to run", () => (fs.existsSync(path.join(workspace, "after-ctrl-c.txt")) ? true : undefined));
      const log = await runCli(["logs", "--kind", "approval", "--json"], env);
      assert.equal(log.code, 0, log.stderr);
      const entries = log.stdout.trim().split("\n").map((l) => JSON.parse(l) as { summary: string; actor: string });
      assert.ok(entries.some((e) => e.summary.startsWith(`approved ${view.id}`)));
      assert.ok(!entries.some((e) => e.summary.startsWith(`denied ${view.id}`)), "never logged as the owner's denial");
    });

    test("logs: the activity log with filters, as text and JSON lines", async () => {
      const all = await runCli(["logs", "-n", "5"], env);
      assert.equal(all.code, 0, all.stderr);
      assert.ok(all.stdout.trim().split("\n").length <= 5);
      assert.match(all.stdout, /^\d{4}-\d\d-\d\dT\S+ #\d+ \w+ /m);
      const gate = await runCli(["logs", "--kind", "gate", "--tool", "exec", "--decision", "ask", "--json"], env);
      const lines = gate.stdout.trim().split("\n").map((l) => JSON.parse(l) as { kind: string; data: { tool: string; decision: string } });
      assert.ok(lines.length >= 1);
      for (const e of lines) assert.deepEqual([e.kind, e.data.tool, e.data.decision], ["gate", "exec", "ask"]);
    });
  });

  describe("client commands when the gateway is gone", () => {
    test("a clean stop removes the record; a record left by a dead gateway is named as stale", async () => {
      const home = tempDir();
      const state = path.join(home.path, "state");
      const env = { PATH: process.env.PATH, HOME: home.path, WARDEN_HOME: state };
      try {
        const gw = await startCliGateway(env);
        await gw.stop();
        assert.equal(fs.existsSync(path.join(state, "gateway.json")), false);
        const down = await runCli(["status"], env);
        assert.equal(down.code, 1);
        assert.match(down.stdout, /Gateway: not running/);
        assert.match(down.stdout, /no gateway has recorded its address/);
        // A gateway killed without a clean stop leaves its record; its pid is gone.
        const dead = spawn(process.execPath, ["-e", ""]);
        const pid = dead.pid;
        await new Promise((r) => dead.on("close", r));
        fs.writeFileSync(path.join(state, "gateway.json"), JSON.stringify({ pid, url: `http://127.0.0.1:${gw.port}`, port: gw.port, host: "127.0.0.1", startedAt: new Date().toISOString() }), { mode: 0o600 });
        const stale = await runCli(["status", "--json"], env);
        assert.equal(stale.code, 1);
        const json = JSON.parse(stale.stdout) as { running: boolean; message: string };
        assert.equal(json.running, false);
        assert.match(json.message, new RegExp(`pid ${pid}\\) is no longer running`));
        const chat = await runCli(["chat", "--message", "hi"], env);
        assert.equal(chat.code, 1);
        assert.match(chat.stderr, /No gateway is running at ws:\/\/127\.0\.0\.1:18789\/ws .*no longer running/);
      } finally {
        home.remove();
      }
    });
  });

  describe("usage errors exit 2", () => {
    test("every command refuses an unknown option, a missing argument or a bad value with exit 2", async () => {
      const home = tempDir();
      const env = { PATH: process.env.PATH, HOME: home.path, WARDEN_HOME: path.join(home.path, "state") };
      const commands = [
        ["gateway"], ["chat", "-m", "x"], ["status"], ["doctor"], ["dashboard"], ["logs"], ["usage"], ["undo"],
        ["config", "get"], ["config", "validate"], ["token", "show"], ["approvals", "list"], ["pairing", "list"], ["cron", "list"],
        ["sessions", "list"], ["secrets", "list"], ["audit-log", "tail"], ["security", "scan"], ["security", "audit"], ["security", "check", "url"],
      ];
      const bad = [
        ...commands.map((c) => [...c, "--no-such-flag"]),
        ["chat"], ["approvals", "approve"], ["config", "set", "gateway.port"], ["pairing", "approve", "telegram"], ["no-such-command"],
        ["status", "--port", "x"], ["chat", "-m", "hi", "--port", "70000"], ["logs", "--kind", "nope"], ["logs", "-n", "-3"], ["approvals"],
      ];
      try {
        const results = await runCliEach([...bad, ["--help"], ["status", "--help"]], env);
        bad.forEach((args, i) => {
          const r = results[i];
          assert.ok(r);
          assert.equal(r.code, 2, `warden ${args.join(" ")} exited ${r.code}: ${r.stderr}`);
          assert.notEqual(r.stderr.trim(), "", `warden ${args.join(" ")} says why`);
        });
        assert.deepEqual(results.slice(bad.length).map((r) => r.code), [0, 0]);
      } finally {
        home.remove();
      }
    });
  });
});
