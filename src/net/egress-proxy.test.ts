import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { request, type IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { startEgressProxy, type EgressDecision, type EgressProxy } from "./egress-proxy.ts";
import { createFakeDns } from "../../test/support/fake-dns.ts";
import { startCountingServer, type CountingServer } from "../../test/support/counting-server.ts";

let web: CountingServer;
let internal: CountingServer;
const proxies: EgressProxy[] = [];

before(async () => {
  web = await startCountingServer();
  internal = await startCountingServer();
  web.routes.set("/hello", (res) => res.writeHead(200, { "content-type": "text/plain" }).end("hello from web"));
});
after(async () => {
  await Promise.all(proxies.map((p) => p.close()));
  await Promise.all([web.close(), internal.close()]);
});

async function proxy(allowHosts: string[], dns: Record<string, string[]> = {}): Promise<{ proxy: EgressProxy; decisions: EgressDecision[] }> {
  const decisions: EgressDecision[] = [];
  const p = await startEgressProxy({
    allowHosts,
    resolve: createFakeDns({ "web.test": ["127.0.0.1"], "rebind.test": ["127.0.0.1"], "private.test": ["10.0.0.7"], ...dns }),
    // Only the web server's loopback port stands for a public host; the internal one never does.
    exempt: [{ address: "127.0.0.1", port: web.port }],
    onDecision: (d) => decisions.push(d),
  });
  proxies.push(p);
  return { proxy: p, decisions };
}

function readAnswer(res: IncomingMessage, done: (answer: { status: number; body: string }) => void): void {
  let body = "";
  res.setEncoding("utf8");
  res.on("data", (c: string) => (body += c));
  res.on("end", () => done({ status: res.statusCode ?? 0, body }));
}

/** A plain HTTP request through the proxy (absolute-form). */
function viaProxy(p: EgressProxy, url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: p.socketPath, method: "GET", path: url, headers: { host: new URL(url).host, "proxy-authorization": "Basic c2VjcmV0" } }, (res) => readAnswer(res, resolve));
    req.on("error", reject);
    req.end();
  });
}

/** A CONNECT tunnel through the proxy; on success sends one HTTP request through it and returns the raw answer. */
function tunnel(p: EgressProxy, authority: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: p.socketPath, method: "CONNECT", path: authority });
    req.on("connect", (res, socket: Socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        resolve({ status: res.statusCode ?? 0, body: "" });
        return;
      }
      let body = "";
      socket.setEncoding("utf8");
      socket.on("data", (c: string) => (body += c));
      socket.on("end", () => resolve({ status: 200, body }));
      socket.on("error", reject);
      socket.write(`GET /hello HTTP/1.1\r\nhost: ${authority}\r\nconnection: close\r\n\r\n`);
    });
    req.on("response", (res) => readAnswer(res, resolve));
    req.on("error", reject);
    req.end();
  });
}

describe("the egress proxy", () => {
  test("a granted host is reached over plain HTTP and through a CONNECT tunnel; proxy credentials are not forwarded", async () => {
    const { proxy: p, decisions } = await proxy(["web.test"]);
    const plain = await viaProxy(p, `http://web.test:${web.port}/hello`);
    assert.equal(plain.status, 200, plain.body);
    assert.equal(plain.body, "hello from web");
    assert.equal(web.requests.at(-1)?.headers["proxy-authorization"], undefined);
    assert.equal(web.requests.at(-1)?.headers.host, `web.test:${web.port}`);
    const tunnelled = await tunnel(p, `web.test:${web.port}`);
    assert.equal(tunnelled.status, 200);
    assert.match(tunnelled.body, /hello from web/);
    assert.deepEqual(decisions.map((d) => [d.method, d.host, d.decision, d.addresses]), [["GET", "web.test", "allow", ["127.0.0.1"]], ["CONNECT", "web.test", "allow", ["127.0.0.1"]]]);
    assert.equal(decisions[0]?.reasons[0]?.id, "url.public");
  });

  test("an undeclared host is refused with its reason, before any lookup", async () => {
    const { proxy: p, decisions } = await proxy(["web.test"]);
    const seen = web.requests.length;
    const plain = await viaProxy(p, `http://other.test:${web.port}/hello`);
    assert.equal(plain.status, 403);
    assert.match(plain.body, /not on the hosts granted to this process \[url\.host_not_allowlisted\]/);
    assert.equal((await tunnel(p, `other.test:${web.port}`)).status, 403);
    assert.equal(web.requests.length, seen);
    assert.deepEqual(decisions.map((d) => d.decision), ["deny", "deny"]);
  });

  test("raw IPs, loopback and metadata are refused even when granted by name", async () => {
    const { proxy: p, decisions } = await proxy(["127.0.0.1", "169.254.169.254", "private.test", "localhost", "web.test"]);
    const before = internal.requests.length;
    assert.equal((await viaProxy(p, `http://127.0.0.1:${internal.port}/admin`)).status, 403);
    assert.equal((await tunnel(p, "169.254.169.254:80")).status, 403);
    assert.equal((await tunnel(p, `private.test:${internal.port}`)).status, 403);
    assert.equal((await tunnel(p, `localhost:${internal.port}`)).status, 403);
    // a granted name on a port that is not the stand-in public endpoint is still loopback
    assert.equal((await tunnel(p, `web.test:${internal.port}`)).status, 403);
    assert.equal(internal.requests.length, before);
    assert.deepEqual(decisions.map((d) => d.reasons[0]?.id), ["url.loopback", "url.metadata", "url.private_address", "url.loopback", "url.loopback"]);
  });

  test("an empty grant refuses everything; malformed requests get a clear error", async () => {
    const { proxy: p, decisions } = await proxy([]);
    assert.equal((await viaProxy(p, `http://web.test:${web.port}/hello`)).status, 403);
    assert.equal((await tunnel(p, "web.test")).status, 400);
    assert.equal((await tunnel(p, "user@web.test:443")).status, 400);
    const https = await viaProxy(p, `https://web.test:${web.port}/hello`);
    assert.equal(https.status, 400);
    assert.ok(decisions.every((d) => d.decision === "deny"));
  });
});
