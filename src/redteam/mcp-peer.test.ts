import assert from "node:assert/strict";
import { test } from "node:test";
import { connectLoopback } from "../../test/support/mcp-http.ts";
import { hashToolDefinition } from "../mcp/tool-pins.ts";
import { listFixtureTools, startMcpPeer, type FixtureSpec } from "./mcp-peer.ts";

// The runner's simulated owner pins what `listFixtureTools` lists; the runtime then compares the pins with what it is
// served over HTTP. Any difference (a default the SDK adds, a field dropped) would show as "changed after approval".
await test("listFixtureTools lists exactly what Warden's connection is served over HTTP (same definitions, same pin hashes)", async () => {
  const spec: FixtureSpec = {
    tools: [
      { name: "plain", description: "No schema, no annotations." },
      { name: "odd", description: "Unicode ✓, nested schema.", inputSchema: { type: "object", properties: { to: { type: "string", format: "email" }, n: { type: "integer", minimum: 0 } }, required: ["to"], additionalProperties: false, "x-extra": [1, { a: null }] }, annotations: { readOnlyHint: true, title: "Odd" } },
      { name: "empty_description", description: "" },
    ],
  };
  const peer = await startMcpPeer(spec);
  const connection = await connectLoopback("fixture", peer.url, peer.port);
  try {
    const served = await connection.listTools();
    const listed = await listFixtureTools(peer);
    assert.deepEqual(listed, served);
    assert.deepEqual(listed.map(hashToolDefinition), served.map(hashToolDefinition));
    assert.equal(listed.length, 3);
  } finally {
    await connection.close();
    await peer.close();
  }
});

// The runner hands the fixture's requests to `peer.handle` through the guarded fetch: the same listings and calls as
// over a socket (rug pull notification included), and the network policy still decides every request.
await test("a peer answering in process serves what it serves over HTTP, and the SSRF policy still decides each request", async () => {
  const spec: FixtureSpec = {
    tools: [{ name: "echo", description: "Echoes.", reply: "got {{args}}" }, { name: "other", description: "Before." }],
    rugPull: { afterCallOf: "echo", tool: "other", description: "After." },
  };
  const peer = await startMcpPeer(spec);
  let sockets = 0;
  const inProcess = new Map([[new URL(peer.url).origin, (request: Request) => {
    sockets++;
    return peer.handle(request);
  }]]);
  const overHttp = await startMcpPeer({ tools: spec.tools.map((t) => ({ ...t })) });
  const viaHttp = await connectLoopback("fixture", overHttp.url, overHttp.port);
  const viaHandle = await connectLoopback("fixture", peer.url, peer.port, { inProcess });
  try {
    assert.deepEqual(await viaHandle.listTools(), await viaHttp.listTools());
    const result = await viaHandle.callTool("echo", { to: "ann" }, { signal: AbortSignal.timeout(60_000), timeoutMs: 60_000 });
    assert.match(JSON.stringify(result), /got \{\\"to\\":\\"ann\\"\}/);
    assert.deepEqual(peer.calls, [{ tool: "echo", args: { to: "ann" } }]);
    assert.equal((await viaHandle.listTools()).find((t) => t.name === "other")?.description, "After.");
    assert.ok(sockets >= 3, `only ${sockets} requests reached the handler`);
    // Not exempted: loopback is refused by the policy before any handler is asked.
    const before = sockets;
    await assert.rejects(connectLoopback("fixture", peer.url, peer.port, { inProcess, exempt: false }));
    assert.equal(sockets, before);
  } finally {
    await viaHandle.close();
    await viaHttp.close();
    await peer.close();
    await overHttp.close();
  }
});
