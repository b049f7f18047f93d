/**
 * `warden mcp list|inspect|approve|revoke`: the owner's approval of connected services. `inspect` and `approve`
 * start the server as the gateway would (sandboxed) but without its network grant, to read its tool list;
 * `approve` pins what it showed and the network grant it showed (a changed grant keeps the server stopped). `list` and `revoke` read and change the state database only. Everything a server wrote is printed
 * with control characters removed (a description must not drive the owner's terminal).
 */
import { realpathSync } from "node:fs";
import { homedir } from "node:os";
import { loadContext, type CliContext } from "../context.ts";
import { printJson } from "../output.ts";
import { WardenError, ErrorCode } from "../../core/errors.ts";
import type { ToolDefinition, ToolEffect, ToolState, PinStore } from "../../mcp/tool-pins.ts";
import { blankControls } from "../../core/visible-controls.ts";

/** Runs `work` over the state database's pins (it works with the gateway stopped or running). */
async function withPins(work: (ctx: CliContext, pins: PinStore) => Promise<number>): Promise<number> {
  const ctx = loadContext();
  const [{ openStateDatabase }, { createPinStore }] = await Promise.all([import("../../app/migrations.ts"), import("../../mcp/tool-pins.ts")]);
  const db = openStateDatabase(ctx.paths);
  try {
    return await work(ctx, createPinStore({ db, clock: Date.now }));
  } finally {
    db.close();
  }
}

function serverConfig(ctx: CliContext, server: string) {
  const config = ctx.config.mcp.servers[server];
  if (config === undefined) throw new WardenError(ErrorCode.BadRequest, `no MCP server \`${server}\` in config; add it under mcp.servers.${server}`);
  return config;
}

/** Printable text from a server: no control characters, bounded. */
function shown(text: string, max = 4000): string {
  const clean = blankControls(text, "?", { oneLine: false });
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** The server's network grant as the owner sees it: the hosts it asks for and whether that exact list is approved. */
async function networkView(ctx: CliContext, server: string, pins: PinStore): Promise<{ allow: string[]; approved: boolean }> {
  const { networkGrantOf } = await import("../../mcp/server-config.ts");
  const allow = networkGrantOf(serverConfig(ctx, server));
  return { allow, approved: JSON.stringify(pins.approvedNetwork(server) ?? []) === JSON.stringify(allow) };
}

function renderNetwork(network: { allow: string[]; approved: boolean }): string {
  if (network.allow.length === 0) return "network: none\n";
  return `network: may reach ${network.allow.map((h) => shown(h)).join(", ")} (through the egress filter; private, loopback and metadata addresses never)${network.approved ? "" : "  NOT APPROVED: approving the server approves this list"}\n`;
}

/** Starts the server (sandboxed, as the gateway would), lists its tools, records them as seen and stops it. */
async function listServed(ctx: CliContext, server: string, pins: PinStore): Promise<{ tools: ToolDefinition[]; sandboxed: boolean }> {
  const config = serverConfig(ctx, server);
  const [{ listServedTools }, { detectSandbox }, { createSystemResolver }, { openSecretStore }] = await Promise.all([
    import("../../mcp/list-served.ts"), import("../../sandbox/index.ts"), import("../../net/index.ts"), import("../../state/home.ts"),
  ]);
  const secrets = openSecretStore(ctx.paths);
  return listServedTools(server, config, {
    sandbox: ctx.config.tools.exec.sandbox === "off" ? { kind: "none", why: "tools.exec.sandbox is off", shell: "/bin/bash" } : await detectSandbox(),
    workspace: realpathSync(ctx.paths.workspace),
    hiddenPaths: [ctx.paths.home, ctx.paths.keys, homedir()],
    secretOf: (name) => secrets.get(name),
    resolve: createSystemResolver(),
  }, pins);
}

async function describeTools(states: readonly ToolState[]) {
  const [{ describeToolStates }, { scanInjection }] = await Promise.all([import("../../mcp/mcp-control.ts"), import("../../scan/index.ts")]);
  return describeToolStates(states, (text) => scanInjection(text).verdict === "suspicious");
}

function render(server: string, tools: Awaited<ReturnType<typeof describeTools>>): string {
  const lines = [`MCP server ${server}: ${tools.length} tool(s)`];
  for (const t of tools) {
    lines.push("", `  ${t.name}  [${t.status}, effect: ${t.effect}]${t.descriptionLooksLikeInstructions ? "  WARNING: the description reads like instructions to the model" : ""}`);
    lines.push(`    description (from the server, untrusted): ${shown(t.description)}`);
    lines.push(`    input schema: ${shown(JSON.stringify(t.inputSchema))}`);
    if (t.hints !== null) lines.push(`    hints from the server (not trusted): ${shown(JSON.stringify(t.hints))}`);
    for (const c of t.changes ?? []) lines.push(`    ${shown(c)}`);
  }
  return `${lines.join("\n")}\n`;
}

export function mcpList(options: { json?: boolean }): Promise<number> {
  return withPins(async (ctx, pins) => {
    const { summarizeServer } = await import("../../mcp/mcp-control.ts");
    const servers = Object.entries(ctx.config.mcp.servers).map(([name, config]) => {
      const states = pins.states(name);
      return { ...summarizeServer(name, config, states), tools: states.map((s) => ({ tool: s.tool, status: s.status, effect: s.effect })) };
    });
    if (options.json) printJson({ servers });
    else if (servers.length === 0) process.stdout.write("No MCP servers configured (mcp.servers).\n");
    else for (const s of servers) process.stdout.write(`${s.name}  ${s.transport}${s.enabled ? "" : " (disabled)"}  approved ${s.approved}, changed ${s.changed}, unapproved ${s.unapproved}${s.approved + s.changed === 0 ? "  — not started until you approve it: warden mcp inspect " + s.name : ""}\n`);
    return 0;
  });
}

export function mcpInspect(server: string, options: { json?: boolean }): Promise<number> {
  return withPins(async (ctx, pins) => {
    const { sandboxed } = await listServed(ctx, server, pins);
    const tools = await describeTools(pins.states(server));
    const network = await networkView(ctx, server, pins);
    if (options.json) printJson({ server, sandboxed, network, tools });
    else process.stdout.write(`${render(server, tools)}\n${renderNetwork(network)}${sandboxed ? "" : "NOTE: this server runs WITHOUT the sandbox.\n"}`);
    return 0;
  });
}

export async function mcpApprove(server: string, options: { tool?: string[]; effect?: string; json?: boolean }): Promise<number> {
  const { ToolEffects } = await import("../../mcp/tool-pins.ts");
  const effect = options.effect as ToolEffect | undefined;
  if (effect !== undefined && !ToolEffects.includes(effect)) throw new WardenError(ErrorCode.BadRequest, `\`--effect ${options.effect}\` is not one of ${ToolEffects.join(", ")}`);
  return withPins(async (ctx, pins) => {
    const { tools } = await listServed(ctx, server, pins);
    const wanted = options.tool ?? tools.map((t) => t.name);
    const missing = wanted.filter((w) => !tools.some((t) => t.name === w));
    if (missing.length > 0) throw new WardenError(ErrorCode.BadRequest, `the server \`${server}\` does not serve ${missing.map((m) => `\`${m}\``).join(", ")}`);
    const chosen = tools.filter((t) => wanted.includes(t.name));
    // An effect not given keeps what the owner confirmed before; a tool never confirmed asks on every call.
    pins.approve(server, chosen, (tool) => effect ?? pins.pinned(server, tool)?.effect ?? "unknown", "cli");
    const network = await networkView(ctx, server, pins);
    pins.approveNetwork(server, network.allow, "cli");
    const described = await describeTools(pins.states(server).filter((s) => wanted.includes(s.tool)));
    if (options.json) printJson({ server, approved: described, network: network.allow });
    else process.stdout.write(`${render(server, described)}\n${renderNetwork({ ...network, approved: true })}\nApproved ${chosen.length} tool(s) of ${server}${network.allow.length > 0 ? " and its network grant" : ""}, pinned as shown above. A running gateway offers them from its next turn.\n`);
    return 0;
  });
}

export function mcpRevoke(server: string, options: { tool?: string }): Promise<number> {
  return withPins(async (_ctx, pins) => {
    const removed = pins.revoke(server, options.tool);
    process.stdout.write(`Revoked ${removed} approval(s) of ${server}${options.tool ? ` (${options.tool})` : ""}; its tools are no longer offered.\n`);
    return 0;
  });
}
