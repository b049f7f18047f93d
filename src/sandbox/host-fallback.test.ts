// The host backend (no bubblewrap): no confinement, but the same scrubbed environment, limits, timeout and caps.
// warden-test: own-process (it puts a canary in process.env to show the child does not inherit it)
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createSandboxRunner } from "./runner.ts";
import type { ExecRequest } from "./types.ts";

void describe("host fallback runner", () => {
  let root = "";
  let base: Omit<ExecRequest, "script">;
  const runner = createSandboxRunner({ availability: { kind: "none", why: "test", shell: "/bin/bash" } });

  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-host-")));
    fs.mkdirSync(path.join(root, "ws"));
    base = { cwd: path.join(root, "ws"), workspace: path.join(root, "ws"), hiddenPaths: [], network: false, timeoutMs: 15_000, maxOutputBytes: 1 << 20 };
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  void it("says it is not sandboxed and still runs in the workspace", async () => {
    const r = await runner.run({ ...base, script: "pwd; echo \"$HOME\"" });
    assert.equal(r.sandboxed, false);
    assert.equal(runner.sandboxed, false);
    assert.equal(r.stdout, `${base.workspace}\n${base.workspace}\n`);
  });

  void it("scrubs the gateway's environment and drops loader variables", async () => {
    process.env.WARDEN_TEST_CANARY = "canary-parent-env";
    try {
      const r = await runner.run({ ...base, script: "env", env: { ...process.env as Record<string, string>, LD_PRELOAD: "/tmp/evil.so", OK_VAR: "fine" } });
      assert.ok(r.droppedEnv.includes("LD_PRELOAD"));
      assert.doesNotMatch(r.stdout, /LD_PRELOAD/);
      assert.match(r.stdout, /^OK_VAR=fine$/m);
      const bare = await runner.run({ ...base, script: "env" });
      assert.doesNotMatch(bare.stdout, /canary-parent-env|WARDEN_TEST_CANARY/);
    } finally {
      delete process.env.WARDEN_TEST_CANARY;
    }
  });

  void it("times out, caps output and refuses a cwd outside the workspace", async () => {
    const slow = await runner.run({ ...base, script: "sleep 60", timeoutMs: 300 });
    assert.equal(slow.timedOut, true);
    const loud = await runner.run({ ...base, script: "yes", maxOutputBytes: 5000 });
    assert.equal(loud.truncated, true);
    assert.equal(loud.stdout.length, 5000);
    const outside = await runner.run({ ...base, script: "echo ran", cwd: root });
    assert.equal(outside.stdout, "");
    assert.match(outside.error ?? "", /outside the workspace/);
  });

  void it("kills background children when the command ends", async () => {
    const marker = `3600.${process.pid}${Math.floor(Math.random() * 1e6)}`;
    const r = await runner.run({ ...base, script: `sleep ${marker} & echo started` });
    assert.equal(r.stdout, "started\n");
    let alive = true;
    for (let i = 0; i < 20 && alive; i += 1) {
      alive = fs.readdirSync("/proc").some((e) => {
        try {
          return /^\d+$/.test(e) && fs.readFileSync(`/proc/${e}/cmdline`, "utf8").includes(marker);
        } catch {
          return false;
        }
      });
      if (alive) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(alive, false);
  });

  void it("turns a failure to start into a result, not an exception", async () => {
    const broken = createSandboxRunner({ availability: { kind: "bubblewrap", path: "/nonexistent/bwrap", shell: "/bin/bash" } });
    const r = await broken.run({ ...base, script: "true" });
    assert.equal(r.exitCode, null);
    assert.match(r.error ?? "", /could not start/);
  });
});
