/**
 * Client commands talk to the running gateway with only the config keys they use: an owner who breaks another
 * section of the config file while the gateway runs still gets `status` and `approvals list` (found through the
 * state dir, without `--port`), while `config get` names the problem every time instead of answering from its cache.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli, startCliGateway } from "../support/cli.ts";
import { tempDir } from "../support/harness.ts";

test("status and approvals answer through a config file broken elsewhere; config get says what is wrong", async () => {
  const dir = tempDir();
  const env = { PATH: process.env.PATH, HOME: dir.path, WARDEN_HOME: join(dir.path, "state") };
  try {
    assert.equal((await runCli(["config", "get", "tools.exec.security"], env)).stdout.trim(), "allowlist");
    const gw = await startCliGateway(env);
    try {
      writeFileSync(join(dir.path, "state", "config.json5"), "{ tools: { exec: { security: 'bogus' } } }\n", { mode: 0o600 });
      const status = await runCli(["status", "--json"], env);
      assert.equal((JSON.parse(status.stdout) as { running: boolean; port: number }).running, true, status.stderr);
      assert.equal((JSON.parse(status.stdout) as { port: number }).port, gw.port);
      const approvals = await runCli(["approvals", "list", "--json"], env);
      assert.equal(approvals.code, 0, approvals.stderr);
      assert.deepEqual(JSON.parse(approvals.stdout), { approvals: [] });
      for (let i = 0; i < 2; i++) {
        const got = await runCli(["config", "get", "tools.exec.security"], env);
        assert.equal(got.code, 2);
        assert.match(got.stderr, /tools\.exec\.security/);
      }
    } finally {
      await gw.stop();
    }
  } finally {
    dir.remove();
  }
});
