// `warden update check|apply|rollback` (registerUpdateCommands) from outside, through bin/warden: a local repository
// directory and the same repository behind an HTTPS server on loopback (a test certificate trusted through
// NODE_EXTRA_CA_CERTS, as a user would trust a private mirror's CA). The install lives in a temp dir; the running
// checkout is never touched.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createReadStream, readlinkSync, statSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { join, normalize } from "node:path";
import { runCli, runCliProcess } from "../support/cli.ts";
import { makeInstall, makeKeys, makeRepository } from "../support/release-fixture.ts";
import { makeTempDir } from "../support/temp-dir.ts";
import { hasOpenssl, makeTestCert } from "../support/test-cert.ts";

const tmp = makeTempDir("update-cli");
const repo = join(tmp.dir, "repo");
let server: Server | undefined;
let mirror = "";
let requests = 0;

before(async () => {
  await makeRepository(repo, join(tmp.dir, "projects"), makeKeys(), ["0.2.0"]);
  if (!hasOpenssl()) return;
  const { key, cert } = makeTestCert(tmp.dir, "IP:127.0.0.1");
  // A static mirror of the repository directory: GET only, paths kept inside it.
  server = createServer({ key, cert }, (req, res) => {
    requests++;
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "https://mirror").pathname));
    const file = join(repo, path);
    if (req.method !== "GET" || path.includes("..") || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  mirror = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

after(async () => {
  if (server) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  }
  tmp.cleanup();
});

const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: tmp.dir, WARDEN_HOME: join(tmp.dir, "state"), ...extra });

void test("check, apply and rollback from a local repository directory", async () => {
  const install = join(tmp.dir, "install-local");
  makeInstall(install, "0.1.0", repo);
  const check = await runCli(["update", "check", "--from", repo, "--install-dir", install, "--json"], env());
  assert.equal(check.code, 0, check.stderr);
  const report = JSON.parse(check.stdout) as { ok: boolean; installed: string; latest: { version: string }; updateAvailable: boolean };
  assert.deepEqual([report.ok, report.installed, report.latest.version, report.updateAvailable], [true, "0.1.0", "0.2.0", true]);

  const apply = await runCli(["update", "apply", "--no-deps", "--install-dir", install], env({ WARDEN_UPDATE_FROM: repo }));
  assert.equal(apply.code, 0, apply.stderr);
  assert.match(apply.stdout, /Updated 0\.1\.0 -> 0\.2\.0/);
  assert.equal(readlinkSync(join(install, "current")), "versions/0.2.0");

  const rollback = await runCli(["update", "rollback", "--install-dir", install], env());
  assert.equal(rollback.code, 0, rollback.stderr);
  assert.match(rollback.stdout, /Rolled back 0\.2\.0 -> 0\.1\.0/);
  assert.equal(readlinkSync(join(install, "current")), "versions/0.1.0");
});

void test("a refusal exits 1 with the reason's sentence and id", async () => {
  const install = join(tmp.dir, "install-newer");
  makeInstall(install, "0.9.0", repo);
  const r = await runCli(["update", "apply", "--no-deps", "--from", repo, "--install-dir", install], env());
  assert.equal(r.code, 1);
  assert.match(r.stderr, /update refused: the feed's newest release is 0\.2\.0, older than the installed 0\.9\.0.*\[update\.rollback\]/);
  const noInstall = await runCli(["update", "check", "--from", repo], env());
  assert.equal(noInstall.code, 1);
  assert.match(noInstall.stderr, /not an install; pass --install-dir/);
});

void test("apply from an HTTPS mirror on loopback", { skip: hasOpenssl() ? false : "openssl is not installed" }, async () => {
  const install = join(tmp.dir, "install-https");
  makeInstall(install, "0.1.0", repo);
  const untrusted = await runCli(["update", "check", "--from", mirror, "--install-dir", install], env());
  assert.equal(untrusted.code, 1, "a mirror whose certificate is not trusted is refused");
  assert.match(untrusted.stderr, /\[update\.unreachable\]/);
  const before = requests;
  // As a process: Node reads NODE_EXTRA_CA_CERTS once, when it starts.
  const r = await runCliProcess(["update", "apply", "--no-deps", "--from", mirror, "--install-dir", install, "--json"], env({ NODE_EXTRA_CA_CERTS: join(tmp.dir, "cert.pem") }));
  assert.equal(r.code, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { to: string }).to, "0.2.0");
  assert.ok(requests > before);
  assert.equal(readlinkSync(join(install, "current")), "versions/0.2.0");
});
