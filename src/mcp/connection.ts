/**
 * One live connection to an MCP server through the official SDK: a stdio server started under bubblewrap (see
 * `sandbox/service-command.ts`), or a streamable HTTP server reached through the SSRF-guarded fetch. Listing is
 * paged and bounded; every request has a deadline. Connecting fails with a clear error, never hangs.
 */
import type { JsonSchemaType } from "@modelcontextprotocol/sdk/validation";
import type { Json } from "../core/types.ts";
import { buildServiceCommand, type SandboxAvailability } from "../sandbox/index.ts";
import { createGuardedFetch, type ExemptEndpoint, type InProcessServers, type ResolveHost } from "../net/index.ts";
import { startEgressProxy, type EgressDecision, type EgressProxy } from "../net/egress-proxy.ts";
import { isStdioServer, networkGrantOf, type McpServerConfig } from "./server-config.ts";
import type { ToolDefinition } from "./tool-pins.ts";

/** More tools than this from one server is refused rather than offered. */
export const MAX_TOOLS_PER_SERVER = 256;
const MAX_PAGES = 32;
const STDERR_TAIL = 2048;

export type ConnectDeps = {
  sandbox: SandboxAvailability;
  /** The workspace's real path. */
  workspace: string;
  /** Never visible to a stdio server (WARDEN_HOME, the home directory). */
  hiddenPaths: readonly string[];
  /** Reads a secret-store entry for `envSecrets` and `headerSecrets`. */
  secretOf: (name: string) => string | undefined;
  resolve: ResolveHost;
  exempt?: readonly ExemptEndpoint[];
  /** HTTP servers that answer in this process (the red-team runner's fixture peers), by origin. */
  inProcess?: InProcessServers;
  /** The server said its tool list changed. */
  onToolsChanged?: () => void;
  /** The connection ended (the process exited, the stream closed). */
  onClosed?: (why: string) => void;
  /** Each connection a network-granted stdio server tried, with the egress filter's decision. */
  onEgress?: (decision: EgressDecision) => void;
};

export type McpConnection = {
  sandboxed: boolean;
  listTools(): Promise<ToolDefinition[]>;
  callTool(tool: string, args: Record<string, unknown>, options: { signal: AbortSignal; timeoutMs: number }): Promise<{ content: unknown[]; structuredContent?: unknown; isError?: boolean }>;
  close(): Promise<void>;
};

export class McpConnectError extends Error {}

/** A tool as the SDK's client parsed it from `tools/list`, as Warden pins and offers it. */
export function toolDefinitionOf(t: { name: string; description?: string; inputSchema: unknown; annotations?: unknown; title?: string }): ToolDefinition {
  return {
    name: t.name,
    description: t.description ?? "",
    inputSchema: t.inputSchema as Json,
    ...(t.annotations !== undefined ? { annotations: t.annotations as Json } : {}),
    ...(t.title !== undefined ? { title: t.title } : {}),
  };
}

function secretsFor(map: Readonly<Record<string, string>>, secretOf: (name: string) => string | undefined, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, name] of Object.entries(map)) {
    const value = secretOf(name);
    if (value === undefined) throw new McpConnectError(`the secret \`${name}\` for ${what} \`${key}\` is not in the secret store; add it with \`warden secrets set ${name}\``);
    out[key] = value;
  }
  return out;
}

/**
 * `withNetwork: false` starts a stdio server without its network grant (listing tools for the owner's approval
 * needs none, and the grant is not approved yet). The caller checks that a granted list was approved.
 */
export async function connectServer(name: string, config: McpServerConfig, deps: ConnectDeps, options: { withNetwork?: boolean } = {}): Promise<McpConnection> {
  // The SDK (with its schema libraries, ~170 modules) loads with the first connection: a gateway without
  // connected services never pays for it.
  const { Client } = await import("@modelcontextprotocol/sdk/client/index.js");
  const { AjvJsonSchemaValidator } = await import("@modelcontextprotocol/sdk/validation/ajv");
  // The SDK checks a tool's structured result against its output schema with Ajv; by default each client builds
  // an Ajv instance with every format (~1-2 ms of CPU) at construction. Built here at the first tool that has an
  // output schema instead, with the SDK's own defaults: the same checks, and none of that cost for a server
  // whose tools declare no output schema.
  let ajv: InstanceType<typeof AjvJsonSchemaValidator> | undefined;
  const jsonSchemaValidator = { getValidator: <T>(schema: JsonSchemaType) => (ajv ??= new AjvJsonSchemaValidator()).getValidator<T>(schema) };
  const client = new Client({ name: "warden", version: "0.1.0" }, { capabilities: {}, jsonSchemaValidator });
  let sandboxed = false;
  let stderrTail = "";
  let closeTransport: () => Promise<void> = async () => undefined;
  let transport;
  if (isStdioServer(config)) {
    const env = { ...config.env, ...secretsFor(config.envSecrets, deps.secretOf, "the variable") };
    const hosts = options.withNetwork === false ? [] : networkGrantOf(config);
    let proxy: EgressProxy | undefined;
    if (hosts.length > 0) {
      proxy = await startEgressProxy({ allowHosts: hosts, resolve: deps.resolve, ...(deps.exempt ? { exempt: deps.exempt } : {}), onDecision: (d) => deps.onEgress?.(d) });
      const started = proxy;
      closeTransport = () => started.close();
    }
    const built = buildServiceCommand({
      availability: deps.sandbox,
      confinement: config.sandbox === "off" ? "host" : "bubblewrap",
      command: config.command,
      args: config.args,
      workspace: deps.workspace,
      ...(config.cwd !== undefined ? { cwd: config.cwd } : {}),
      workspaceAccess: config.workspace,
      readPaths: config.readPaths,
      hiddenPaths: deps.hiddenPaths,
      env,
      ...(proxy ? { egress: { socketPath: proxy.socketPath } } : {}),
    });
    if (!built.ok) {
      await closeTransport();
      throw new McpConnectError(`the server \`${name}\` was not started: ${built.why}`);
    }
    sandboxed = built.sandboxed;
    const { StdioClientTransport } = await import("@modelcontextprotocol/sdk/client/stdio.js");
    const stdio = new StdioClientTransport({ command: built.command, args: built.args, env: built.env, cwd: built.cwd, stderr: "pipe" });
    stdio.stderr?.on("data", (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString("utf8")).slice(-STDERR_TAIL);
    });
    transport = stdio;
  } else {
    const guarded = createGuardedFetch({ resolve: deps.resolve, ...(deps.exempt ? { exempt: deps.exempt } : {}), ...(deps.inProcess ? { inProcess: deps.inProcess } : {}), timeoutMs: config.timeoutMs });
    closeTransport = () => guarded.close();
    const headers = secretsFor(config.headerSecrets, deps.secretOf, "the header");
    const { StreamableHTTPClientTransport } = await import("@modelcontextprotocol/sdk/client/streamableHttp.js");
    transport = new StreamableHTTPClientTransport(new URL(config.url), { fetch: guarded, requestInit: { headers, redirect: "error" }, reconnectionOptions: { maxReconnectionDelay: 30_000, initialReconnectionDelay: 1000, reconnectionDelayGrowFactor: 2, maxRetries: 2 } });
  }
  let closed = false;
  client.onclose = () => {
    if (closed) return;
    closed = true;
    void closeTransport();
    deps.onClosed?.(stderrTail.trim() ? `the connection closed; the server said: ${stderrTail.trim().slice(-300)}` : "the connection closed");
  };
  try {
    await client.connect(transport, { timeout: config.timeoutMs });
  } catch (error) {
    closed = true;
    await client.close().catch(() => undefined);
    await closeTransport();
    const said = stderrTail.trim() ? `; the server said: ${stderrTail.trim().slice(-300)}` : "";
    throw new McpConnectError(`could not connect to the MCP server \`${name}\`: ${error instanceof Error ? error.message : String(error)}${said}`);
  }
  client.setNotificationHandler((await import("@modelcontextprotocol/sdk/types.js")).ToolListChangedNotificationSchema, () => {
    deps.onToolsChanged?.();
  });

  return {
    sandboxed,
    async listTools() {
      const tools: ToolDefinition[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const result = await client.listTools(cursor === undefined ? {} : { cursor }, { timeout: config.timeoutMs });
        for (const t of result.tools) tools.push(toolDefinitionOf(t));
        if (tools.length > MAX_TOOLS_PER_SERVER) throw new McpConnectError(`the MCP server \`${name}\` lists more than ${MAX_TOOLS_PER_SERVER} tools`);
        cursor = result.nextCursor;
        if (cursor === undefined) return tools;
      }
      throw new McpConnectError(`the MCP server \`${name}\` paged its tool list more than ${MAX_PAGES} times`);
    },
    async callTool(tool, args, options) {
      const result = await client.callTool({ name: tool, arguments: args }, undefined, { signal: options.signal, timeout: options.timeoutMs });
      return { content: Array.isArray(result.content) ? result.content : [], ...(result.structuredContent !== undefined ? { structuredContent: result.structuredContent } : {}), ...(result.isError === true ? { isError: true } : {}) };
    },
    async close() {
      closed = true;
      await client.close().catch(() => undefined);
      await closeTransport();
    },
  };
}
