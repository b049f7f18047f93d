// Host-scoped network with real bwrap, a real egress proxy on a unix socket and real curl inside the sandbox.
// Loopback stands for the public web only through the proxy's test exemption (an exact address and port).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { detectSandbox } from "./detect.ts";
import { BRIDGE_FAILED_STATUS } from "./egress-bridge.ts";
import { createSandboxRunner } from "./runner.ts";
import { buildServiceCommand } from "./service-command.ts";
import type { ExecRequest } from "./types.ts";
import { startEgressProxy, type EgressDecision, type EgressProxy } from "../net/egress-proxy.ts";
import { createFakeDns } from "../../test/support/fake-dns.ts";
import { startCountingServer, type CountingServer } from "../../test/support/counting-server.ts";

const availability = await detectSandbox();
const skip = availability.kind === "none" ? `bubblewrap unavailable here: ${availability.why}` : !fs.existsSync("/usr/bin/curl") ? "curl is not installed" : false;

describe("host-scoped egress from the sandbox", { skip }, () => {
  let root = "";
  let workspace = "";
  let web: CountingServer;
  let internal: CountingServer;
  let proxy: EgressProxy;
  const decisions: EgressDecision[] = [];
  const runner = createSandboxRunner({ availability });
  const run = (script: string, extra: Partial<ExecRequest> = {}) =>
    runner.run({ script, cwd: workspace, workspace, hiddenPaths: [], network: false, egress: { socketPath: proxy.socketPath }, timeoutMs: 30_000, maxOutputBytes: 1 << 20, ...extra });

  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-egress-sbx-")));
    workspace = path.join(root, "ws");
    fs.mkdirSync(workspace);
    web = await startCountingServer();
    internal = await startCountingServer();
    web.routes.set("/hello", (res) => res.writeHead(200, { "content-type": "text/plain" }).end("hello from web"));
    proxy = await startEgressProxy({
      allowHosts: ["web.test"],
      resolve: createFakeDns({ "web.test": ["127.0.0.1"], "other.test": ["127.0.0.1"] }),
      exempt: [{ address: "127.0.0.1", port: web.port }],
      onDecision: (d) => decisions.push(d),
    });
  });
  after(async () => {
    await proxy.close();
    await Promise.all([web.close(), internal.close()]);
    fs.rmSync(root, { recursive: true, force: true });
  });

  test("a granted host is reached through the proxy, over plain HTTP and through a CONNECT tunnel", async () => {
    const plain = await run(`curl -sS http://web.test:${web.port}/hello`);
    assert.equal(plain.exitCode, 0, plain.stderr);
    assert.equal(plain.stdout, "hello from web");
    const tunnelled = await run(`curl -sS --proxytunnel http://web.test:${web.port}/hello`);
    assert.equal(tunnelled.stdout, "hello from web", tunnelled.stderr);
    assert.deepEqual(decisions.slice(-2).map((d) => [d.method, d.host, d.decision]), [["GET", "web.test", "allow"], ["CONNECT", "web.test", "allow"]]);
  });

  test("an undeclared host, a raw IP and metadata are refused by the proxy; going around it reaches nothing", async () => {
    const seen = internal.requests.length + web.requests.length;
    const other = await run(`curl -sS -o /dev/null -w '%{http_code}' http://other.test:${web.port}/hello`);
    assert.equal(other.stdout, "403");
    const raw = await run(`curl -sS -o /dev/null -w '%{http_code}' http://127.0.0.1:${internal.port}/admin`);
    assert.equal(raw.stdout, "403");
    const metadata = await run("curl -sS -o /dev/null -w '%{http_code}' http://169.254.169.254/latest/meta-data/");
    assert.equal(metadata.stdout, "403");
    const around = await run(`curl -sS --noproxy '*' --max-time 5 http://127.0.0.1:${web.port}/hello`);
    assert.notEqual(around.exitCode, 0);
    assert.equal(internal.requests.length + web.requests.length, seen);
    assert.deepEqual(decisions.slice(-3).map((d) => d.reasons[0]?.id), ["url.host_not_allowlisted", "url.host_not_allowlisted", "url.host_not_allowlisted"]);
  });

  test("the proxy variables cannot be redirected by the caller's environment", async () => {
    const r = await run("echo \"$HTTPS_PROXY $https_proxy\"", { env: { HTTPS_PROXY: "http://evil.example:8080", https_proxy: "http://evil.example:8080" } });
    assert.equal(r.stdout.trim(), "http://127.0.0.1:3128 http://127.0.0.1:3128");
  });

  test("fails closed: when the proxy does not answer, the command never runs", async () => {
    const notASocket = path.join(root, "not-a-socket");
    fs.writeFileSync(notASocket, "");
    const r = await run(`touch ${workspace}/ran`, { egress: { socketPath: notASocket } });
    assert.equal(r.exitCode, BRIDGE_FAILED_STATUS);
    assert.match(r.stderr, /egress proxy .* did not answer/);
    assert.equal(fs.existsSync(path.join(workspace, "ran")), false);
    const gone = await run("true", { egress: { socketPath: path.join(root, "missing.sock") } });
    assert.match(gone.error ?? "", /does not exist/);
  });

  test("egress is never combined with the whole network, nor given to an unconfined process", async () => {
    const both = await run("true", { network: true });
    assert.match(both.error ?? "", /either the whole network or host-scoped egress/);
    const host = createSandboxRunner({ availability: { kind: "none", why: "test", shell: "/bin/bash" } });
    const unconfined = await host.run({ script: "true", cwd: workspace, workspace, hiddenPaths: [], network: false, egress: { socketPath: proxy.socketPath }, timeoutMs: 5000, maxOutputBytes: 1024 });
    assert.match(unconfined.error ?? "", /needs bubblewrap/);
    const service = buildServiceCommand({ availability, confinement: "host", command: "/bin/true", args: [], workspace, workspaceAccess: "none", readPaths: [], hiddenPaths: [], env: {}, egress: { socketPath: proxy.socketPath } });
    assert.equal(service.ok, false);
  });

  test("a service gets the bridge, the socket and the proxy variables, and still no shared network", () => {
    const built = buildServiceCommand({ availability, confinement: "bubblewrap", command: "/bin/true", args: [], workspace, workspaceAccess: "none", readPaths: [], hiddenPaths: [], env: { HTTP_PROXY: "http://evil.example" }, egress: { socketPath: proxy.socketPath } });
    assert.ok(built.ok);
    assert.equal(built.args.includes("--share-net"), false);
    assert.ok(built.args.join(" ").includes(`--ro-bind ${proxy.socketPath} /run/warden/egress.sock`));
    assert.ok(built.args.join(" ").includes("--setenv HTTP_PROXY http://127.0.0.1:3128"));
    assert.equal(built.args.join(" ").includes("evil.example"), false);
    assert.ok(built.args.includes("-e"));
  });
});
