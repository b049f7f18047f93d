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
