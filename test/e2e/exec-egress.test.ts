/**
 * exec with host-scoped network (`tools.exec.networkHosts`), end to end: the real gateway, the gate, real bubblewrap,
 * real curl inside, the egress filter in between. Loopback stands for a public host only through the run's resolver
 * and exact address-and-port exemptions (as the red-team runner does).
 */
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { startHarness, connect, type Harness } from "../support/harness.ts";
import { createFakeDns } from "../support/fake-dns.ts";
import { startCountingServer, type CountingServer } from "../support/counting-server.ts";
import { detectSandbox } from "../../src/sandbox/index.ts";

const sandbox = await detectSandbox();
const skip = sandbox.kind !== "bubblewrap" ? "bubblewrap is not available here" : !existsSync("/usr/bin/curl") ? "curl is not installed" : false;

describe("exec with tools.exec.networkHosts", { skip }, () => {
  let web: CountingServer;
  let other: CountingServer;
  let h: Harness;

  before(async () => {
    web = await startCountingServer();
    other = await startCountingServer();
    web.routes.set("/hello", (res) => res.writeHead(200, { "content-type": "text/plain" }).end("hello from web"));
    h = await startHarness({
      config: { tools: { exec: { networkHosts: ["web.test"] } } },
      overrides: {
        resolve: createFakeDns({ "web.test": ["127.0.0.1"], "other.test": ["127.0.0.1"] }),
        exempt: [{ address: "127.0.0.1", port: web.port }, { address: "127.0.0.1", port: other.port }],
        // The owner approves whatever the gate asks: the egress filter must hold on its own.
        autoAnswer: () => "approve",
      },
    });
  });
  after(async () => {
    await h.close();
    await Promise.all([web.close(), other.close()]);
  });

  test("a command reaches the granted host and nothing else; each connection is in the activity log", async () => {
    h.model.setScript([
      { calls: [{ name: "exec", args: { command: `curl -sS http://web.test:${web.port}/hello` } }] },
      { calls: [{ name: "exec", args: { command: `curl -sS -o /dev/null -w '%{http_code}' http://other.test:${other.port}/` } }] },
      { calls: [{ name: "exec", args: { command: `curl -sS --noproxy '*' --max-time 5 http://127.0.0.1:${other.port}/` } }] },
      { reply: "done" },
    ]);
    const client = await connect(h.gateway.url, { headers: { authorization: `Bearer ${h.token}` } });
    const res = await client.request("chat.send", { text: `fetch http://web.test:${web.port}/hello and http://other.test:${other.port}/ with curl` });
    client.ws.close();
    assert.equal(res.ok, true, JSON.stringify(res.error));
    const results = h.runtime.transcripts.history(String(res.payload?.session)).filter((m) => m.message.role === "tool").map((m) => m.message.content);
    assert.match(results[0] ?? "", /exit 0\nhello from web/);
    assert.match(results[1] ?? "", /403/);
    assert.doesNotMatch(results[2] ?? "", /exit 0/);
    assert.equal(other.requests.length, 0);
    const log = h.runtime.ops.activityLog.tail(200).map((e) => e.summary);
    assert.ok(log.includes(`exec network allowed: GET web.test:${web.port}`), log.join("\n"));
    assert.ok(log.includes(`exec network refused: GET other.test:${other.port}`), log.join("\n"));
  });
});
