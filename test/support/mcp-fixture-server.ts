/**
 * The MCP fixture servers for tests (see `src/redteam/mcp-peer.ts`, which red-team scenarios use too). Run as a
 * script this file serves the spec file named by its first argument over stdio.
 */
import { readFileSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createFixtureServer, startMcpPeer, type FixtureSpec, type McpPeer } from "../../src/redteam/mcp-peer.ts";

export type { FixtureSpec };
export type HttpFixture = McpPeer;
export const startHttpFixture = (spec: FixtureSpec): Promise<McpPeer> => startMcpPeer(spec);

if (import.meta.main === true) {
  const spec = JSON.parse(readFileSync(process.argv[2] ?? "", "utf8")) as FixtureSpec;
  await createFixtureServer(spec).connect(new StdioServerTransport());
}

/** How a test starts the stdio fixture with the pinned Node under bubblewrap: the command and its read-only grants. */
export function stdioFixtureConfig(specPath: string): { command: string; args: string[]; readPaths: string[] } {
  const repo = realpathSync(fileURLToPath(new URL("../..", import.meta.url)));
  const node = realpathSync(process.execPath);
  return { command: node, args: [join(repo, "test/support/mcp-fixture-server.ts"), specPath], readPaths: [repo, realpathSync(join(repo, "node_modules")), dirname(node), specPath] };
}
