import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { connectLoopback } from "../../test/support/mcp-http.ts";

/** A stateless HTTP MCP server with one tool, `count`, whose structured result must be `{ n: number }`; `result` says what it returns. */
async function startOutputSchemaServer(result: () => unknown): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const http = createServer((req, res) => {
    const server = new Server({ name: "schema", version: "1.0.0" }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, () => ({
      tools: [{ name: "count", description: "Counts.", inputSchema: { type: "object" }, outputSchema: { type: "object", properties: { n: { type: "number" } }, required: ["n"] } }],
    }));
    server.setRequestHandler(CallToolRequestSchema, () => ({ content: [{ type: "text", text: "counted" }], structuredContent: result() as Record<string, unknown> }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on("close", () => void server.close());
    void server.connect(transport).then(() => transport.handleRequest(req, res));
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const port = (http.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    port,
    close: () => new Promise<void>((resolve) => {
      http.closeAllConnections();
      http.close(() => resolve());
    }),
  };
}

await test("a tool's structured result is checked against its output schema (the validator built at first need)", async () => {
  let answer: unknown = { n: 3 };
  const peer = await startOutputSchemaServer(() => answer);
  const connection = await connectLoopback("schema", peer.url, peer.port);
  try {
    const [tool] = await connection.listTools();
    assert.equal(tool?.name, "count");
    const options = { signal: AbortSignal.timeout(10_000), timeoutMs: 10_000 };
    assert.deepEqual((await connection.callTool("count", {}, options)).structuredContent, { n: 3 });
    answer = { n: "three" };
    await assert.rejects(connection.callTool("count", {}, options), /output schema/i);
  } finally {
    await connection.close();
    await peer.close();
  }
});
