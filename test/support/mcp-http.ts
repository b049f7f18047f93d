/** Warden's own MCP connection to a streamable HTTP server on 127.0.0.1 (no process to sandbox, the port exempted from the SSRF rules). */
import { connectServer, type McpConnection } from "../../src/mcp/connection.ts";
import { mcpServerSchema } from "../../src/mcp/server-config.ts";

export function connectLoopback(name: string, url: string, port: number): Promise<McpConnection> {
  return connectServer(name, mcpServerSchema.parse({ url }), {
    sandbox: { kind: "none", why: "an HTTP server starts no process", shell: "/bin/sh" },
    workspace: "/nonexistent",
    hiddenPaths: [],
    secretOf: () => undefined,
    resolve: () => Promise.resolve(["127.0.0.1"]),
    exempt: [{ address: "127.0.0.1", port }],
  });
}
