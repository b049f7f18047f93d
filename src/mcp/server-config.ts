/**
 * The `mcp.servers.<name>` settings: a stdio server (a command run under bubblewrap) or a streamable HTTP server
 * (a URL reached through the SSRF-guarded transport). Declared once here; the config schema composes it.
 */
import { z } from "zod";

/** Server names become part of tool names (`mcp__<server>__<tool>`): short, lower-case, no `__`. */
export const ServerName = z.string().regex(/^[a-z0-9](?:[a-z0-9-]|_(?!_)){0,31}$/, "a server name is 1-32 of a-z, 0-9, `-` and single `_`");

/** A host a server may reach: a lower-case DNS name or `*.` and a name (IP literals are refused by the address policy anyway). */
export const NetworkHost = z.string().regex(/^(?:\*\.)?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/, "a network host is a lower-case name such as `api.github.com` or `*.example.com`");

const common = {
  enabled: z.boolean().default(true),
  /** One request's deadline (listing tools, one call). */
  timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  /** Cap on one tool result's text; beyond it the result is cut and marked. */
  maxOutputBytes: z.number().int().min(1024).max(16 * 1024 * 1024).default(256 * 1024),
  /** Known secrets (by label, e.g. a secret-store name) this server may receive in tool arguments. */
  secretsAllowed: z.array(z.string().min(1)).default([]),
};

const stdioServer = z.strictObject({
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  /** The server's whole environment besides a fixed base (PATH, HOME, LANG): nothing is inherited. */
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string()).default({}),
  /** Variables filled from the secret store: `{ "GITHUB_TOKEN": "mcp.github.token" }`. */
  envSecrets: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string().min(1)).default({}),
  /** Absolute; inside the workspace (default: the workspace). */
  cwd: z.string().min(1).optional(),
  /** The workspace inside the sandbox: hidden, read-only (default) or read-write. */
  workspace: z.enum(["none", "read", "write"]).default("read"),
  /** Extra absolute paths bound read-only (the server's own install directory, for example). */
  readPaths: z.array(z.string().min(1)).default([]),
  /**
   * Host-scoped network: the hosts the server may reach (exact, or `*.example.com` for subdomains), through the
   * egress filter (SSRF policy on every connection). Absent: no network at all. Approved by the owner with the
   * server (`warden mcp approve`); a changed list keeps the server stopped until approved again.
   */
  network: z.strictObject({ allow: z.array(NetworkHost).min(1).max(64) }).optional(),
  /** `off` runs the server on the host with Warden's privileges (an audit finding). */
  sandbox: z.enum(["bubblewrap", "off"]).default("bubblewrap"),
  ...common,
});

const httpServer = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  /** Request headers filled from the secret store: `{ "Authorization": "mcp.linear.auth" }`. */
  headerSecrets: z.record(z.string().regex(/^[A-Za-z0-9-]+$/), z.string().min(1)).default({}),
  ...common,
});

export const mcpServerSchema = z.union([stdioServer, httpServer]);

export const mcpConfigSchema = z
  .strictObject({
    servers: z.record(ServerName, mcpServerSchema).default({}),
  })
  .prefault({});

export type McpServerConfig = z.infer<typeof mcpServerSchema>;
export type StdioServerConfig = z.infer<typeof stdioServer>;

export function isStdioServer(config: McpServerConfig): config is StdioServerConfig {
  return "command" in config;
}

/** A stdio server's network grant in one canonical form (sorted, unique): what the owner approves and what is compared. */
export function networkGrantOf(config: McpServerConfig): string[] {
  return isStdioServer(config) && config.network !== undefined ? [...new Set(config.network.allow)].sort() : [];
}
