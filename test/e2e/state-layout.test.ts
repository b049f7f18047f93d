// Warden's state directory inside the agent workspace (agent.workspace = ~ with WARDEN_HOME = ~/.warden):
// the gateway refuses to start, the audit reports it, and the real file tools treat the state and key
// directories as outside the workspace (through symlinks and absolute paths too). Control: protectedInsideWorkspace.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../support/cli.ts";
import { createFileTools } from "../../src/tools/files.ts";
import { createSnapshotStore, createWorkspaceFs } from "../../src/fs/index.ts";
import { coreMigrations } from "../../src/app/migrations.ts";
import { openDatabase } from "../../src/state/database.ts";

const dirs: string[] = [];
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

async function homeAsWorkspace(): Promise<{ root: string; state: string; env: NodeJS.ProcessEnv }> {
  const root = mkdtempSync(join(tmpdir(), "warden-layout-"));
  dirs.push(root);
  const state = join(root, ".warden");
  const env = { PATH: process.env.PATH, HOME: root, WARDEN_HOME: state };
  const set = await runCli(["config", "set", "agent.workspace", root], env);
  assert.equal(set.code, 0, set.stderr);
  return { root, state, env };
}

test("the gateway refuses to start when the workspace contains the state directory, and says how to fix it", async () => {
  const { env } = await homeAsWorkspace();
  const r = await runCli(["gateway", "--port", "0"], env);
  assert.notEqual(r.code, 0);
  assert.doesNotMatch(r.stdout, /listening on/);
  assert.match(r.stderr, /state directory .* is inside the agent workspace/);
  assert.match(r.stderr, /agent\.workspace/);
});

test("warden security audit reports the layout as critical, with the fix", async () => {
  const { env } = await homeAsWorkspace();
  const r = await runCli(["security", "audit", "--json"], env);
  const report = JSON.parse(r.stdout) as { findings: { checkId: string; severity: string; fix: string }[] };
  const found = report.findings.filter((f) => f.checkId === "fs.state_dir.inside_workspace");
  assert.ok(found.length >= 1, JSON.stringify(report.findings.map((f) => f.checkId)));
  for (const f of found) {
    assert.equal(f.severity, "critical");
    assert.match(f.fix, /agent\.workspace/);
  }
  assert.equal(r.code, 2);
});

test("the file tools treat the state and key directories as outside a workspace that contains them", async () => {
  const { root, state, env } = await homeAsWorkspace();
  const keys = `${state}-keys`;
  const config = join(state, "config.json5");
  const configBefore = readFileSync(config, "utf8");
  assert.ok(existsSync(keys));
  // `warden security check path` (the file tools' decision from outside) agrees.
  const check = await runCli(["security", "check", "path", "--json", "--write", "--workspace", root, ".warden/config.json5"], env);
  const decision = JSON.parse(check.stdout) as { decision: string; reasons: { id: string }[] };
  assert.equal(decision.decision, "deny");
  assert.equal(decision.reasons[0]?.id, "path.warden_state");
  symlinkSync(state, join(root, "innocent"));
  mkdirSync(join(root, "notes"));
  writeFileSync(join(root, "notes", "todo.txt"), "buy milk");
  const db = openDatabase(join(root, "snapshots.db"), coreMigrations);
  const protectedDirs = [state, keys];
  const fs = createWorkspaceFs({ workspace: root, protectedDirs, snapshots: createSnapshotStore({ db, dir: join(root, ".snaps") }) });
  const tools = createFileTools({ fs, workspace: root, protectedDirs });
  const tool = (name: string) => tools.find((t) => t.name === name) ?? assert.fail(name);
  try {
    for (const path of [".warden/config.json5", `${state}/config.json5`, "innocent/config.json5", ".warden-keys/master.key", "notes/../.warden/config.json5"]) {
      const w = await fs.write(path, "{ tools: { exec: { security: 'full', ask: 'off' } } }");
      assert.equal(w.ok, false, `write ${path}`);
      const r = await fs.read(path);
      assert.equal(r.ok, false, `read ${path}`);
      const assessed = await tool("write").assess({ path, content: "x" }, { sessionKey: "agent:main:webchat:direct:owner", principal: { kind: "owner", id: "gateway:owner", channel: "webchat" }, signal: new AbortController().signal });
      const base = (assessed.facts as { base: { decision: string } }).base;
      assert.equal(base.decision, "deny", `write tool's decision for ${path}`);
    }
    // A key directory that does not exist yet cannot be planted from the workspace either.
    rmSync(keys, { recursive: true });
    const planted = await fs.write(".warden-keys/master.key", "attacker-chosen-key");
    assert.equal(planted.ok, false);
    assert.equal(existsSync(keys), false);
    assert.equal(readFileSync(config, "utf8"), configBefore);
    // The rest of the workspace works as before.
    assert.equal((await fs.read("notes/todo.txt")).ok, true);
    assert.equal((await fs.write("notes/done.txt", "ok")).ok, true);
  } finally {
    db.close();
  }
});
