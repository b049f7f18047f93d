/**
 * A stdio MCP server (the official SDK's server side) under real bubblewrap with a host-scoped network grant: it
 * reaches the granted host through the egress filter and nothing else. Loopback servers stand for public hosts
 * only through the test's resolver and exact address-and-port exemptions (as the safe-fetch tests do); an
 * internal loopback service is never exempted.
 */
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startHarness, connect, tempDir, type Harness } from "../support/harness.ts";
import { stdioFixtureConfig, type FixtureSpec } from "../support/mcp-fixture-server.ts";
import { createFakeDns } from "../support/fake-dns.ts";
import { startCountingServer, type CountingServer } from "../support/counting-server.ts";
import { connectServer, type McpConnection } from "../../src/mcp/connection.ts";
import { listServedTools } from "../../src/mcp/list-served.ts";
import { mcpServerSchema } from "../../src/mcp/server-config.ts";
import { createPinStore } from "../../src/mcp/tool-pins.ts";
import type { EgressDecision } from "../../src/net/egress-proxy.ts";
import { detectSandbox } from "../../src/sandbox/index.ts";

const sandbox = await detectSandbox();
const noBwrap = sandbox.kind !== "bubblewrap" ? "bubblewrap is not available here" : false;

const spec: FixtureSpec = { tools: [{ name: "probe", description: "Diagnostics.", probe: true }] };

function text(result: { content: unknown[] }): string {
  return result.content.map((c) => (c as { text?: string }).text ?? "").join("\n");
}

describe("a stdio MCP server with a network grant", { skip: noBwrap }, () => {
  const dir = tempDir("warden-mcp-egress-");
  let web: CountingServer;
  let other: CountingServer;
  let internal: CountingServer;
  let specPath = "";
  let workspace = "";
  const exempt = () => [{ address: "127.0.0.1", port: web.port }, { address: "127.0.0.1", port: other.port }];
  const resolve = createFakeDns({ "web.test": ["127.0.0.1"], "other.test": ["127.0.0.1"] });

  before(async () => {
    web = await startCountingServer();
    other = await startCountingServer();
    internal = await startCountingServer();
    web.routes.set("/hello", (res) => res.writeHead(200, { "content-type": "text/plain" }).end("hello from web"));
    specPath = join(dir.path, "spec.json");
    writeFileSync(specPath, JSON.stringify(spec));
    writeFileSync(join(dir.path, "outside-secret.txt"), "canary-outside-51c2");
    workspace = realpathSync(dir.path);
  });
  after(async () => {
    await Promise.all([web.close(), other.close(), internal.close()]);
    dir.remove();
  });

  describe("the connection", () => {
    let connection: McpConnection;
    const decisions: EgressDecision[] = [];
    const probe = async (args: Record<string, unknown>) => text(await connection.callTool("probe", args, { signal: AbortSignal.timeout(60_000), timeoutMs: 60_000 }));

    before(async () => {
      const fixture = stdioFixtureConfig(specPath);
      const config = mcpServerSchema.parse({ ...fixture, workspace: "none", network: { allow: ["web.test", "169.254.169.254"] } });
      connection = await connectServer("net", config, { sandbox, workspace, hiddenPaths: [], secretOf: () => undefined, resolve, exempt: exempt(), onEgress: (d) => decisions.push(d) });
    });
    after(() => connection.close());

    test("the granted host is reachable through the egress filter", async () => {
      assert.equal(connection.sandboxed, true);
      const out = await probe({ url: `http://web.test:${web.port}/hello` });
      assert.match(out, /fetch: ok 200 hello from web/);
      assert.deepEqual(decisions.map((d) => [d.method, d.host, d.decision, d.reasons[0]?.id]), [["CONNECT", "web.test", "allow", "url.public"]]);
    });

    test("an undeclared host (public by the test's rules) is refused, and nothing reaches it", async () => {
      // Node's fetch tunnels through the proxy with CONNECT; a refused tunnel is a failed fetch.
      const out = await probe({ url: `http://other.test:${other.port}/` });
      assert.match(out, /fetch: failed/);
      assert.equal(other.requests.length, 0);
      assert.deepEqual([decisions.at(-1)?.decision, decisions.at(-1)?.reasons[0]?.id], ["deny", "url.host_not_allowlisted"]);
    });

    test("raw IPs and metadata are refused, even a metadata address the grant names", async () => {
      assert.match(await probe({ url: `http://127.0.0.1:${internal.port}/admin` }), /fetch: failed/);
      assert.match(await probe({ url: "http://169.254.169.254/latest/meta-data/" }), /fetch: failed/);
      assert.equal(internal.requests.length, 0);
      assert.deepEqual(decisions.slice(-2).map((d) => d.reasons[0]?.id), ["url.host_not_allowlisted", "url.metadata"]);
    });

    test("files outside the grant stay unreadable", async () => {
      const out = await probe({ path: join(dir.path, "outside-secret.txt") });
      assert.match(out, /read: failed/);
      assert.doesNotMatch(out, /canary-outside-51c2/);
    });
  });

  describe("in the gateway", () => {
    let h: Harness;
    before(async () => {
      const fixture = stdioFixtureConfig(specPath);
      h = await startHarness({
        config: {
          mcp: {
            servers: {
              net: { ...fixture, network: { allow: ["web.test"] } },
              widened: { ...fixture, network: { allow: ["web.test", "other.test"] } },
            },
          },
        },
        overrides: { resolve, exempt: exempt() },
      });
      // What `warden mcp approve` does: pin the served tools and the network grant shown. `widened` was approved
      // with a narrower grant than its config now asks for.
      const pins = createPinStore({ db: h.runtime.db, clock: Date.now });
      for (const server of ["net", "widened"]) {
        const config = h.config.mcp.servers[server];
        assert.ok(config);
        const served = await listServedTools(server, config, { sandbox, workspace: h.paths.workspace, hiddenPaths: [h.paths.home], secretOf: () => undefined, resolve }, pins);
        pins.approve(server, served.tools, () => "read-only", "test");
        pins.approveNetwork(server, ["web.test"], "test");
      }
      await h.runtime.mcp.start();
    });
    after(() => h.close());

    test("a grant that changed after approval keeps the server stopped and tells the owner", () => {
      const status = h.runtime.mcp.status();
      assert.equal(status.find((s) => s.server === "net")?.connected, true);
      const widened = status.find((s) => s.server === "widened");
      assert.equal(widened?.connected, false);
      assert.match(widened?.lastError ?? "", /network grant \(other\.test, web\.test\) is not approved/);
    });

    test("each connection the server tries is decided, explained and recorded in the activity log", async () => {
      h.model.setScript([
        { calls: [{ name: "mcp__net__probe", args: { url: `http://web.test:${web.port}/hello` } }] },
        { calls: [{ name: "mcp__net__probe", args: { url: `http://other.test:${other.port}/` } }] },
        { reply: "done" },
      ]);
      const client = await connect(h.gateway.url, { headers: { authorization: `Bearer ${h.token}` } });
      const res = await client.request("chat.send", { text: `probe http://web.test:${web.port}/hello and http://other.test:${other.port}/` });
      client.ws.close();
      assert.equal(res.ok, true, JSON.stringify(res.error));
      const entries = h.runtime.ops.activityLog.tail(200).map((e) => e.summary);
      assert.ok(entries.includes(`mcp server net network allowed: CONNECT web.test:${web.port}`), entries.join("\n"));
      assert.ok(entries.includes(`mcp server net network refused: CONNECT other.test:${other.port}`), entries.join("\n"));
      assert.ok(entries.some((e) => e === "mcp server widened not started: network grant not approved"));
      assert.equal(other.requests.length, 0);
    });
  });
});
