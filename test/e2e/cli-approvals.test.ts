/** `warden approvals list|approve|deny` against a running gateway whose scripted model asks to run commands. */
// warden-test: own-process (among the longest end-to-end files: alone, it runs beside the others instead of after them)
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { tempDir } from "../support/harness.ts";
import { runCli, startCli, startCliGateway, type CliResult } from "../support/cli.ts";
import { startScriptedServer, type ScriptedServer } from "../../src/providers/scripted-server.ts";

type View = { id: string; tool: string; summary: string; risk: string; reasons: { id: string; message: string }[]; provenance: string[]; expiresAt: number; status: string };

describe("warden approvals", () => {
  let model: ScriptedServer;
  let home: { path: string; remove(): void };
  let gw: Awaited<ReturnType<typeof startCliGateway>>;
  let env: NodeJS.ProcessEnv;
  let workspace: string;

  before(async () => {
    model = await startScriptedServer({ fallbackReply: "done" });
    home = tempDir();
    env = { PATH: process.env.PATH, HOME: home.path, WARDEN_HOME: `${home.path}/state`, WARDEN_MODEL: "openai/local-model", OPENAI_BASE_URL: model.openaiBaseUrl };
    workspace = path.join(home.path, "state", "workspace");
    gw = await startCliGateway(env);
  });
  after(async () => {
    await gw.stop();
    await model.close();
    home.remove();
  });

  /** Starts a turn whose model asks to run `command`, and waits until `chat` says its approval is pending. */
  async function pendingApproval(command: string): Promise<{ view: View; chat: Promise<CliResult> }> {
    model.setScript([{ calls: [{ name: "exec", args: { command } }] }, { reply: "finished" }]);
    const chat = startCli(["chat", "--message", `please run ${command}`, "--port", String(gw.port)], env, { timeoutMs: 300_000 });
    const [, id] = await chat.stderrMatch(/warden approvals approve ([^\s`]+)/);
    const r = await runCli(["approvals", "list", "--json", "--port", String(gw.port)], env);
    assert.equal(r.code, 0, r.stderr);
    const view = (JSON.parse(r.stdout) as { approvals: View[] }).approvals.find((v) => v.id === id);
    assert.ok(view !== undefined && view.summary.includes(command), `the pending approval ${id} is listed for \`${command}\`:\n${r.stdout}`);
    return { view, chat: chat.done };
  }

  test("approve: the owner's answer from the CLI lets the waiting command run", async () => {
    const { view, chat } = await pendingApproval("touch approved.txt");
    assert.equal(view.tool, "exec");
    assert.equal(view.status, "pending");
    assert.ok(view.reasons.some((r) => r.id === "exec.writes"));
    const human = await runCli(["approvals", "list", "--port", String(gw.port)], env);
    assert.match(human.stdout, new RegExp(`${view.id}  exec  \\w+ risk  expires in \\d+ (min|s)`));
    assert.match(human.stdout, /why: .*\[exec\.writes\]/);
    assert.match(human.stdout, /exec \[writes approved\.txt[^\]]*\] touch approved\.txt/);
    assert.equal(fs.existsSync(path.join(workspace, "approved.txt")), false);

    const r = await runCli(["approvals", "approve", view.id, "--port", String(gw.port)], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`Approval ${view.id} .*: approved\\.`));
    const done = await chat;
    assert.equal(done.code, 0, done.stderr);
    assert.equal(fs.existsSync(path.join(workspace, "approved.txt")), true);
    const again = await runCli(["approvals", "approve", view.id, "--port", String(gw.port)], env);
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /already approved/);
  });

  test("deny: the command never runs and the model is told", async () => {
    const { view, chat } = await pendingApproval("touch denied.txt");
    const r = await runCli(["approvals", "deny", view.id, "--json", "--port", String(gw.port)], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as View).status, "denied");
    assert.equal((await chat).code, 0);
    assert.equal(fs.existsSync(path.join(workspace, "denied.txt")), false);
    const toolResult = JSON.stringify(model.requests.at(-1)?.body);
    assert.match(toolResult, /denied/);
    const list = JSON.parse((await runCli(["approvals", "list", "--json", "--port", String(gw.port)], env)).stdout) as { approvals: View[] };
    assert.deepEqual(list.approvals.filter((v) => v.id === view.id), []);
  });

  test("an unknown id, a wrong token and a stopped gateway are clear errors", async () => {
    const unknown = await runCli(["approvals", "approve", "nosuchid", "--port", String(gw.port)], env);
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /No approval `nosuchid`/);
    const wrong = await runCli(["approvals", "list", "--port", String(gw.port)], { ...env, WARDEN_GATEWAY_TOKEN: "wrong-token" });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /refused the credential/);
    const down = await runCli(["approvals", "list", "--port", "1"], env);
    assert.equal(down.code, 1);
    assert.match(down.stderr, /No gateway is running .*Approvals are answered through the running gateway/);
  });
});
