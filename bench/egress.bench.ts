// The egress filter: (1) per-connection cost of going through the proxy (unix socket, decision by the grant's hosts
// and the SSRF policy with a resolver that answers at once, pinned connect, peer check) against a direct loopback
// connection, for a plain HTTP forward and for a CONNECT tunnel, each a new connection and one small request;
// (2) start time of a sandboxed stdio MCP server (spawn under bubblewrap + MCP initialize + tools/list) with a
// network grant (proxy + bridge) against the same server with no network. Bounded: CONNS per connection variant,
// STARTS per start variant. Wall time on a shared machine; the gateway's CPU time per connection is given too.
import fs from "node:fs";
import { request, type RequestOptions } from "node:http";
import os from "node:os";
import path from "node:path";
import type { Socket } from "node:net";
import { startEgressProxy } from "../src/net/egress-proxy.ts";
import { connectServer } from "../src/mcp/connection.ts";
import { mcpServerSchema } from "../src/mcp/server-config.ts";
import { detectSandbox } from "../src/sandbox/index.ts";
import { startCountingServer } from "../test/support/counting-server.ts";
import { stdioFixtureConfig } from "../test/support/mcp-fixture-server.ts";
import { timeEach } from "./support/timing.ts";

const CONNS = 300;
const STARTS = 6;

function get(options: RequestOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ ...options, headers: { ...options.headers, connection: "close" } }, (res) => {
      res.resume();
      res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on("error", reject);
    req.end();
  });
}

function tunnelGet(socketPath: string, authority: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method: "CONNECT", path: authority });
    req.on("connect", (res, socket: Socket) => {
      if (res.statusCode !== 200) return reject(new Error(`CONNECT ${res.statusCode}`));
      socket.on("data", () => undefined);
      socket.on("end", () => resolve());
      socket.on("error", reject);
      socket.write(`GET /x HTTP/1.1\r\nhost: ${authority}\r\nconnection: close\r\n\r\n`);
    });
    req.on("error", reject);
    req.end();
  });
}

const web = await startCountingServer();
web.routes.set("/x", (res) => res.writeHead(200, { "content-type": "text/plain" }).end("ok"));
const proxy = await startEgressProxy({ allowHosts: ["web.test"], resolve: async () => ["127.0.0.1"], exempt: [{ address: "127.0.0.1", port: web.port }], onDecision: () => undefined });
const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "warden-egress-bench-")));
const figures: Record<string, unknown> = { connections: CONNS, starts: STARTS };
try {
  figures.directConnection = await timeEach(CONNS, () => get({ host: "127.0.0.1", port: web.port, path: "/x" }));
  figures.proxiedPlainHttp = await timeEach(CONNS, () => get({ socketPath: proxy.socketPath, path: `http://web.test:${web.port}/x`, headers: { host: `web.test:${web.port}` } }));
  figures.proxiedConnectTunnel = await timeEach(CONNS, () => tunnelGet(proxy.socketPath, `web.test:${web.port}`));

  const sandbox = await detectSandbox();
  if (sandbox.kind === "bubblewrap") {
    const specPath = path.join(dir, "spec.json");
    fs.writeFileSync(specPath, JSON.stringify({ tools: [{ name: "echo", description: "Echoes." }] }));
    const fixture = stdioFixtureConfig(specPath);
    const start = (network?: { allow: string[] }) => async () => {
      const config = mcpServerSchema.parse({ command: fixture.command, args: fixture.args, readPaths: fixture.readPaths, ...(network ? { network } : {}) });
      const c = await connectServer("bench", config, { sandbox, workspace: dir, hiddenPaths: [os.homedir()], secretOf: () => undefined, resolve: async () => ["127.0.0.1"] });
      await c.listTools();
      await c.close();
    };
    figures.stdioStartNoNetwork = await timeEach(STARTS, start());
    figures.stdioStartWithEgressGrant = await timeEach(STARTS, start({ allow: ["web.test"] }));
  } else {
    figures.stdioStart = `unavailable: ${sandbox.why}`;
  }
  console.log(JSON.stringify({ area: "egress", figures }));
} finally {
  await proxy.close();
  await web.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
