/**
 * The gateway's connected services. A configured server runs only once the owner has approved at least one of
 * its tools (`warden mcp approve`, which pins each tool's definition); the gateway then keeps it connected,
 * restarting with backoff (bounded), re-lists its tools on `tools/list_changed` and on every restart, and offers
 * exactly the tools whose served definition still matches its pin. A changed tool is withdrawn at once and the
 * owner is told what changed. Never throws into a turn: failures become notices and audit entries.
 */
import type { GatedTool } from "../tools/gated-tool.ts";
import { connectServer, type ConnectDeps, type McpConnection } from "./connection.ts";
import { createMcpTool, nameProblem, namespacedName, type McpToolDeps } from "./mcp-tool.ts";
import { describeToolChange, hashToolDefinition, type PinStore, type ToolDefinition } from "./tool-pins.ts";
import { networkGrantOf, type McpServerConfig } from "./server-config.ts";

export type McpServiceDeps = {
  servers: Readonly<Record<string, McpServerConfig>>;
  pins: PinStore;
  connect: Omit<ConnectDeps, "onToolsChanged" | "onClosed">;
  suspicious: (text: string) => boolean;
  /** Whether a session's context is untrusted now (see `McpToolDeps.tainted`). */
  tainted: McpToolDeps["tainted"];
  /** The bash grammar exec uses (see `McpToolDeps.shell`). */
  shell: McpToolDeps["shell"];
  notifyOwner: (text: string) => void;
  audit: (summary: string, data: Record<string, unknown>) => void;
  /** Names already taken (the built-in tools): a served tool may never shadow one. */
  reserved: () => readonly string[];
  /** Restart backoff: first delay and cap, in ms; attempts before giving up until the next approval. */
  backoff?: { initialMs: number; maxMs: number; attempts: number };
};

type ServerState = {
  connection?: McpConnection;
  connecting?: Promise<void>;
  tools: ToolDefinition[];
  built: Map<string, GatedTool>;
  failures: number;
  /** A re-listing under way (a `tools/list_changed`). */
  refreshing?: Promise<void>;
  retryTimer?: NodeJS.Timeout;
  givenUp: boolean;
  /** The unapproved network grant the owner was already told about (told once per list). */
  grantNoticed?: string;
  lastError?: string;
};

export type McpService = {
  /** The approved tools of every connected server, now. Starts approved servers that are not running yet. */
  tools(): GatedTool[];
  /** Connects every server that has approved tools and waits for the attempts (bounded by each server's timeout). */
  start(): Promise<void>;
  status(): { server: string; connected: boolean; sandboxed?: boolean; lastError?: string; tools: number }[];
  close(): Promise<void>;
};

export function createMcpService(deps: McpServiceDeps): McpService {
  const backoff = deps.backoff ?? { initialMs: 1000, maxMs: 60_000, attempts: 8 };
  const states = new Map<string, ServerState>();
  let closing = false;

  const stateOf = (server: string): ServerState => {
    let s = states.get(server);
    if (s === undefined) {
      s = { tools: [], built: new Map(), failures: 0, givenUp: false };
      states.set(server, s);
    }
    return s;
  };

  const hasPins = (server: string) => deps.pins.states(server).some((t) => t.approvedAt !== undefined);

  async function refreshTools(server: string, state: ServerState): Promise<void> {
    const connection = state.connection;
    if (connection === undefined) return;
    const listed = await connection.listTools();
    const seenNames = new Set<string>();
    const duplicates = new Set<string>();
    for (const t of listed) (seenNames.has(t.name) ? duplicates : seenNames).add(t.name);
    if (duplicates.size > 0) deps.notifyOwner(`Warden: the MCP server \`${server}\` lists the tool name(s) ${[...duplicates].map((d) => `\`${d}\``).join(", ")} more than once; none of them is offered.`);
    const tools = listed.filter((t) => !duplicates.has(t.name));
    const { changed, added } = deps.pins.recordSeen(server, tools);
    for (const c of changed) {
      const diff = describeToolChange(c.pinned, c.seen).join("\n");
      deps.audit(`mcp tool changed after approval: ${namespacedName(server, c.tool)}`, { server, tool: c.tool, hash: c.seen ? hashToolDefinition(c.seen) : null });
      deps.notifyOwner(`Warden: the MCP tool \`${namespacedName(server, c.tool)}\` changed after you approved it; it is withdrawn until you approve it again (\`warden mcp inspect ${server}\`, then \`warden mcp approve ${server}\`).\n${diff}`);
    }
    if (added.length > 0) deps.audit(`mcp server ${server} lists unapproved tools`, { server, tools: added });
    state.tools = tools;
  }

  function scheduleRestart(server: string, state: ServerState, why: string): void {
    state.connection = undefined;
    state.lastError = why;
    if (closing) return;
    state.failures++;
    if (state.failures > backoff.attempts) {
      state.givenUp = true;
      deps.notifyOwner(`Warden: the MCP server \`${server}\` failed ${state.failures} times in a row (${why}); it stays stopped until the gateway restarts.`);
      return;
    }
    const delay = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (state.failures - 1));
    deps.audit(`mcp server ${server} stopped; restarting in ${delay} ms`, { server, why, attempt: state.failures });
    state.retryTimer = setTimeout(() => {
      state.retryTimer = undefined;
      void ensureStarted(server);
    }, delay);
    state.retryTimer.unref();
  }

  function ensureStarted(server: string): Promise<void> {
    const config = deps.servers[server];
    const state = stateOf(server);
    if (config === undefined || !config.enabled || closing) return Promise.resolve();
    if (state.connection !== undefined || state.connecting !== undefined || state.retryTimer !== undefined) return state.connecting ?? Promise.resolve();
    // INVARIANT: nothing runs until the owner approved the server (at least one pinned tool).
    if (!hasPins(server)) return Promise.resolve();
    // INVARIANT: a network grant runs only as the owner approved it; a changed list keeps the server stopped.
    const grant = networkGrantOf(config);
    if (grant.length > 0 && JSON.stringify(deps.pins.approvedNetwork(server) ?? []) !== JSON.stringify(grant)) {
      state.lastError = `its network grant (${grant.join(", ")}) is not approved`;
      if (state.grantNoticed !== grant.join(",")) {
        state.grantNoticed = grant.join(",");
        deps.audit(`mcp server ${server} not started: network grant not approved`, { server, network: grant, approved: deps.pins.approvedNetwork(server) ?? null });
        deps.notifyOwner(`Warden: the MCP server \`${server}\` asks to reach ${grant.map((h) => `\`${h}\``).join(", ")}, which you have not approved; it stays stopped until you do (\`warden mcp inspect ${server}\`, then \`warden mcp approve ${server}\`).`);
      }
      return Promise.resolve();
    }
    state.connecting = (async () => {
      try {
        const connection = await connectServer(server, config, {
          ...deps.connect,
          onToolsChanged: () => {
            const run = (state.refreshing ?? Promise.resolve())
              .then(() => refreshTools(server, state))
              .catch((error: unknown) => {
                // Unknown definitions are offered by no one until a listing succeeds.
                state.tools = [];
                deps.audit(`mcp server ${server}: re-listing tools failed`, { server, error: String(error) });
              })
              .finally(() => {
                if (state.refreshing === run) state.refreshing = undefined;
              });
            state.refreshing = run;
          },
          onClosed: (why) => {
            if (state.connection === connection) scheduleRestart(server, state, why);
          },
          onEgress: (d) => {
            deps.audit(`mcp server ${server} network ${d.decision === "allow" ? "allowed" : "refused"}: ${d.method} ${d.host}:${d.port}`, { server, ...d });
          },
        });
        state.connection = connection;
        // A restart may serve different definitions: listed and compared again before anything is offered.
        await refreshTools(server, state);
        state.failures = 0;
        state.lastError = undefined;
        deps.audit(`mcp server ${server} connected`, { server, sandboxed: connection.sandboxed, tools: state.tools.length });
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        const connection = state.connection;
        state.connection = undefined;
        await connection?.close();
        scheduleRestart(server, state, why);
      } finally {
        state.connecting = undefined;
      }
    })();
    return state.connecting;
  }

  function toolsOf(server: string, state: ServerState): GatedTool[] {
    const config = deps.servers[server];
    if (config === undefined || state.connection === undefined) return [];
    const approved = new Map(deps.pins.states(server).filter((t) => t.status === "approved" && t.seen !== undefined).map((t) => [t.tool, t]));
    const out: GatedTool[] = [];
    for (const def of state.tools) {
      if (!approved.has(def.name) || nameProblem(server, def.name) !== undefined) continue;
      const key = hashToolDefinition(def);
      let tool = state.built.get(key);
      if (tool === undefined) {
        tool = createMcpTool({
          server, definition: def, connection: () => state.connection, pinned: () => deps.pins.pinned(server, def.name),
          stillServed: () => state.tools.some((t) => t.name === def.name && hashToolDefinition(t) === key),
          settled: () => state.refreshing ?? Promise.resolve(),
          secretsAllowed: config.secretsAllowed, timeoutMs: config.timeoutMs, maxOutputBytes: config.maxOutputBytes, suspicious: deps.suspicious,
          tainted: deps.tainted, shell: deps.shell,
        });
        state.built.set(key, tool);
      }
      out.push(tool);
    }
    return out;
  }

  return {
    tools() {
      const all: GatedTool[] = [];
      for (const server of Object.keys(deps.servers)) {
        const state = stateOf(server);
        if (state.connection === undefined && !state.givenUp) void ensureStarted(server);
        all.push(...toolsOf(server, state));
      }
      // INVARIANT: one name, one tool. A served tool that would shadow another (built-in or served) is offered by no one.
      const reserved = new Set(deps.reserved());
      const counts = new Map<string, number>();
      for (const t of all) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
      return all.filter((t) => !reserved.has(t.name) && counts.get(t.name) === 1);
    },
    async start() {
      await Promise.all(Object.keys(deps.servers).map((s) => ensureStarted(s)));
    },
    status() {
      return Object.keys(deps.servers).map((server) => {
        const s = stateOf(server);
        return { server, connected: s.connection !== undefined, ...(s.connection ? { sandboxed: s.connection.sandboxed } : {}), ...(s.lastError ? { lastError: s.lastError } : {}), tools: toolsOf(server, s).length };
      });
    },
    async close() {
      closing = true;
      for (const s of states.values()) if (s.retryTimer) clearTimeout(s.retryTimer);
      await Promise.all([...states.values()].map(async (s) => {
        await s.connecting?.catch(() => undefined);
        await s.connection?.close();
        s.connection = undefined;
      }));
    },
  };
}
