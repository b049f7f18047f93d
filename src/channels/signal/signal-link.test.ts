import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeSignalCli } from "../../../test/support/fake-signal-cli.ts";
import { runCli } from "../../../test/support/cli.ts";
import { createSignalLinker, renderLinkQr } from "./signal-link.ts";

void test("signal link: startLink's URI becomes a QR code (terminal and SVG); finishLink waits for the scan and names the account", async () => {
  const daemon = await startFakeSignalCli();
  try {
    const linker = createSignalLinker({ httpUrl: daemon.httpUrl });
    const started = await linker.start();
    assert.match(started.uri, /^sgnl:\/\/linkdevice\?uuid=/);
    assert.ok(started.qrText.includes("█") || started.qrText.includes("▀"), "a terminal QR code");
    assert.match(started.qrSvg, /^<svg[\s\S]*<\/svg>$/);
    const finished = linker.finish(started.uri, "Warden test");
    await daemon.waitFor(() => daemon.link.deviceName === "Warden test", "finishLink to be waiting");
    assert.equal(daemon.link.finished, false, "nothing is linked before the phone scans");
    daemon.scanned();
    assert.deepEqual(await finished, { number: daemon.account });
  } finally {
    await daemon.close();
  }
  assert.notEqual((await renderLinkQr("sgnl://linkdevice?uuid=a")).qrText, (await renderLinkQr("sgnl://linkdevice?uuid=b")).qrText);
});

void test("warden signal link: prints the QR code, waits for the scan, and says which account to set", async () => {
  const daemon = await startFakeSignalCli();
  const home = mkdtempSync(join(tmpdir(), "warden-signal-link-"));
  const env = { ...process.env, WARDEN_HOME: home };
  try {
    assert.equal((await runCli(["config", "set", "channels.signal.httpUrl", daemon.httpUrl], env)).code, 0);
    const run = runCli(["signal", "link", "--device-name", "laptop"], env);
    await daemon.waitFor(() => daemon.link.deviceName === "laptop", "the CLI to wait for the scan");
    daemon.scanned();
    const result = await run;
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Linked devices/);
    assert.ok(result.stdout.includes(`warden config set channels.signal.account '${daemon.account}'`));
    assert.equal((await runCli(["config", "set", "channels.signal.httpUrl", "http://10.0.0.5:8080"], env)).code === 0, false, "a daemon off loopback is refused: it has no authentication");
  } finally {
    await daemon.close();
    rmSync(home, { recursive: true, force: true });
  }
});
