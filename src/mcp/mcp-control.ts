/**
 * The owner's control of connected services, shared by `warden mcp` and the Control UI: each configured server
 * with its tools (as served, untrusted: description, input schema, hints), their status against the pins and
 * what changed since approval; listing a server's tools (started as the gateway would); approving exactly the
 * definitions the owner was shown (a tool whose definition changed since is refused, not approved); revoking.
 */
import { listServedTools } from "./list-served.ts";
import { namespacedName } from "./mcp-tool.ts";
import { describeToolChange, hashToolDefinition, type PinStore, type ToolEffect, type ToolState } from "./tool-pins.ts";
import type { ConnectDeps } from "./connection.ts";
import type { McpServerConfig } from "./server-config.ts";
import type { Json } from "../core/types.ts";
import { WardenError, ErrorCode } from "../core/errors.ts";

export type McpToolView = {
  tool: string;
  name: string;
  status: ToolState["status"];
  effect: ToolEffect;
  description: string;
  inputSchema: Json | null;
  hints: Json | null;
  /** The hash of the definition shown (what approving it pins); null when the server has not served it. */
  hash: string | null;
  descriptionLooksLikeInstructions: boolean;
  changes?: string[];
};

export type McpServerView = {
  name: string;
  transport: "stdio" | "http";
  enabled: boolean;
  sandbox?: unknown;
  workspace?: unknown;
  /** The hosts a stdio server may reach through the egress filter (mcp.servers.<name>.network.allow). */
  network?: readonly string[];
  url?: string;
  approved: number;
  changed: number;
  unapproved: number;
  tools: McpToolView[];
};

/** Each tool as the owner must see it before approving: the served definition first, the pinned one otherwise. */
export function describeToolStates(states: readonly ToolState[], suspicious: (text: string) => boolean): McpToolView[] {
  return states.map((s) => {
    const def = s.seen ?? s.pinned;
    const description = def?.description ?? "";
    return {
      tool: s.tool,
      name: namespacedName(s.server, s.tool),
      status: s.status,
      effect: s.effect,
      description,
      inputSchema: def?.inputSchema ?? null,
      hints: def?.annotations ?? null,
      hash: s.seen ? hashToolDefinition(s.seen) : null,
      descriptionLooksLikeInstructions: suspicious(description),
      ...(s.status === "changed" ? { changes: describeToolChange(s.pinned, s.seen) } : {}),
    };
  });
}

/** A server's transport and settings with its tools counted by state (what `warden mcp list` prints). */
export function summarizeServer(name: string, config: McpServerConfig, states: readonly Pick<ToolState, "status">[]): Omit<McpServerView, "tools"> {
  const count = (status: string) => states.filter((t) => t.status === status).length;
  return {
    name,
    transport: "command" in config ? "stdio" : "http",
    enabled: config.enabled,
    ...("command" in config ? { sandbox: config.sandbox, workspace: config.workspace, network: config.network?.allow ?? [] } : { url: config.url }),
    approved: count("approved"),
    changed: count("changed"),
    unapproved: count("unapproved"),
  };
}

export type McpControl = {
  list(): McpServerView[];
  /** Starts the server (sandboxed, as the gateway would), records what it serves, stops it. */
  inspect(server: string): Promise<McpServerView>;
  /** Pins exactly the shown definitions (`hash` from the view); `effect` unset keeps what was confirmed before. */
  approve(server: string, tools: readonly { tool: string; hash: string }[], effect: ToolEffect | undefined, by: string): McpServerView;
  revoke(server: string, tool: string | undefined, by: string): number;
};

export function createMcpControl(deps: {
  servers: Readonly<Record<string, McpServerConfig>>;
  pins: PinStore;
  connect: ConnectDeps;
  suspicious: (text: string) => boolean;
  audit: (summary: string, data: Record<string, unknown>) => void;
}): McpControl {
  const configOf = (server: string): McpServerConfig => {
    const config = deps.servers[server];
    if (config === undefined) throw new WardenError(ErrorCode.BadRequest, `no MCP server \`${server}\` in config; add it under mcp.servers.${server}`);
    return config;
  };
  const view = (name: string): McpServerView => {
    const tools = describeToolStates(deps.pins.states(name), deps.suspicious);
    return { ...summarizeServer(name, configOf(name), tools), tools };
  };
  return {
    list: () => Object.keys(deps.servers).map(view),
    async inspect(server) {
      await listServedTools(server, configOf(server), deps.connect, deps.pins);
      return view(server);
    },
    approve(server, tools, effect, by) {
      configOf(server);
      const states = new Map(deps.pins.states(server).map((s) => [s.tool, s]));
      const chosen = tools.map(({ tool, hash }) => {
        const seen = states.get(tool)?.seen;
        if (seen === undefined) throw new WardenError(ErrorCode.BadRequest, `the server \`${server}\` has not served \`${tool}\`; list its tools first`);
        // INVARIANT: the owner approves what was shown; a definition that changed since is not approved unseen.
        if (hashToolDefinition(seen) !== hash) throw new WardenError(ErrorCode.BadRequest, `\`${namespacedName(server, tool)}\` changed since it was shown; look at it again before approving`);
        return seen;
      });
      deps.pins.approve(server, chosen, (tool) => effect ?? deps.pins.pinned(server, tool)?.effect ?? "unknown", by);
      deps.audit(`mcp tools approved: ${chosen.map((t) => namespacedName(server, t.name)).join(", ")}`, { server, tools: chosen.map((t) => t.name), hashes: chosen.map(hashToolDefinition), effect: effect ?? null, by });
      return view(server);
    },
    revoke(server, tool, by) {
      const removed = deps.pins.revoke(server, tool);
      deps.audit(`mcp approvals revoked: ${server}${tool ? ` (${tool})` : ""}`, { server, tool: tool ?? null, removed, by });
      return removed;
    },
  };
}
