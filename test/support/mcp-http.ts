/** Warden's own MCP connection to a streamable HTTP server on 127.0.0.1 (no process to sandbox, the port exempted from the SSRF rules). */
import { connectServer, type McpConnection } from "../../src/mcp/connection.ts";
import { mcpServerSchema } from "../../src/mcp/server-config.ts";
import type { InProcessServers } from "../../src/net/index.ts";

/** `inProcess` hands the requests for those origins to in-process handlers (the red-team runner's fixture peers); `exempt` false leaves the port to the SSRF rules. */
export function connectLoopback(name: string, url: string, port: number, options: { inProcess?: InProcessServers; exempt?: boolean } = {}): Promise<McpConnection> {
  return connectServer(name, mcpServerSchema.parse({ url }), {
    sandbox: { kind: "none", why: "an HTTP server starts no process", shell: "/bin/sh" },
    workspace: "/nonexistent",
    hiddenPaths: [],
    secretOf: () => undefined,
    resolve: () => Promise.resolve(["127.0.0.1"]),
    exempt: options.exempt === false ? [] : [{ address: "127.0.0.1", port }],
    ...(options.inProcess ? { inProcess: options.inProcess } : {}),
  });
}
