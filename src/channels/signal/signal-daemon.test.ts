import { test } from "node:test";
import assert from "node:assert/strict";
import { freePort } from "../../../test/support/wait.ts";
import { fileURLToPath } from "node:url";
import { createSignalDaemon, signalDaemonArgs } from "./signal-daemon.ts";
import { createSignalRpc } from "./signal-rpc.ts";
import type { ChannelFault } from "../channel-health.ts";

const fixture = fileURLToPath(new URL("../../../test/support/fake-signal-cli.fixture.ts", import.meta.url));

void test("signal daemon: the argument list is signal-cli's (no shell), with the account and data dir when set", () => {
  assert.deepEqual(signalDaemonArgs({ httpUrl: "http://127.0.0.1:8080", account: "+15550001", dataDir: "/srv/signal" }),
    ["--config", "/srv/signal", "-a", "+15550001", "daemon", "--http", "127.0.0.1:8080", "--no-receive-stdout"]);
  assert.deepEqual(signalDaemonArgs({ httpUrl: "http://[::1]:9000" }), ["daemon", "--http", "[::1]:9000", "--no-receive-stdout"]);
});

void test("signal daemon: spawned when nothing answers, started again after it dies, and ended by stop", async () => {
  const httpUrl = `http://127.0.0.1:${await freePort()}`;
  const daemon = createSignalDaemon({ command: process.execPath, commandArgs: [fixture], httpUrl, account: "+15550000001", retry: { baseMs: 20, maxMs: 100, slowMs: 100 } });
  const rpc = createSignalRpc({ baseUrl: httpUrl, account: "+15550000001" });
  try {
    await daemon.ensure();
    assert.equal(daemon.spawned, true);
    assert.deepEqual(await rpc.call("version"), { version: "0.13.22" });
    // Killed from outside: it comes back by itself.
    const first = daemon.pid;
    assert.ok(first !== undefined);
    process.kill(first, "SIGKILL");
    const deadline = Date.now() + 60_000;
    while (!(daemon.pid !== undefined && daemon.pid !== first && await rpc.check())) {
      assert.ok(Date.now() < deadline, "the daemon came back");
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await daemon.stop();
  }
  assert.equal(await rpc.check(), false, "nothing answers once stopped");
});

void test("signal daemon: a missing executable is a fault with the fix, and leaves nothing running", async () => {
  const daemon = createSignalDaemon({ command: "/nonexistent/signal-cli", httpUrl: `http://127.0.0.1:${await freePort()}`, readyTimeoutMs: 5_000 });
  const refused = await daemon.ensure().then(() => undefined, (e: unknown) => e as Error & { cause?: ChannelFault });
  assert.match(refused?.cause?.reason ?? "", /signal-cli was not found/);
  assert.match(refused?.cause?.fix ?? "", /cliPath/);
  assert.equal(daemon.spawned, false);
  await daemon.stop();
});
