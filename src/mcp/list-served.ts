/** What `warden mcp inspect|approve` (and the red-team runner's simulated owner) read before pinning anything. */
import { connectServer, type ConnectDeps } from "./connection.ts";
import type { McpServerConfig } from "./server-config.ts";
import type { PinStore, ToolDefinition } from "./tool-pins.ts";

/**
 * Starts the server as the gateway would, but without its network grant (not approved yet, and listing needs
 * none), lists its tools, records them as seen and stops it.
 */
export async function listServedTools(name: string, config: McpServerConfig, deps: ConnectDeps, pins: PinStore): Promise<{ tools: ToolDefinition[]; sandboxed: boolean }> {
  const connection = await connectServer(name, config, deps, { withNetwork: false });
  try {
    const tools = await connection.listTools();
    pins.recordSeen(name, tools);
    return { tools, sandboxed: connection.sandboxed };
  } finally {
    await connection.close();
  }
}
