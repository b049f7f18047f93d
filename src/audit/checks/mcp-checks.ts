/** Connected services: servers run unconfined, with write access or network hosts, tools changed since approval, servers never approved. */
import type { AuditInput, Finding } from "../types.ts";

export function checkMcp(input: AuditInput): Finding[] {
  const findings: Finding[] = [];
  const tools = input.mcpTools ?? [];
  for (const [name, server] of Object.entries(input.config.mcp.servers)) {
    if (!server.enabled) continue;
    const own = tools.filter((t) => t.server === name);
    if ("command" in server) {
      if (server.sandbox === "off") {
        findings.push({
          checkId: "mcp.server_unsandboxed",
          severity: "critical",
          title: `MCP server \`${name}\` runs without the sandbox`,
          detail: `mcp.servers.${name}.sandbox is \`off\`: the server runs on the host with Warden's privileges, its network and every file the user can read.`,
          fix: `warden config unset mcp.servers.${name}.sandbox`,
        });
      } else if (input.sandbox !== null && input.sandbox.kind === "none") {
        findings.push({
          checkId: "mcp.server_not_startable",
          severity: "warn",
          title: `MCP server \`${name}\` cannot start: bubblewrap is not available`,
          detail: `Warden does not start a stdio server unconfined unless told to; ${input.sandbox.why}.`,
          fix: "Install bubblewrap (and allow unprivileged user namespaces), or remove the server from mcp.servers.",
        });
      }
      if (server.network !== undefined) {
        const hosts = server.network.allow;
        findings.push({
          checkId: "mcp.server_network_granted",
          severity: server.sandbox === "off" ? "warn" : "info",
          title: `MCP server \`${name}\` may reach ${hosts.length} host(s)`,
          detail: server.sandbox === "off"
            ? `mcp.servers.${name}.network names ${hosts.join(", ")}, but the server runs without the sandbox, so a grant cannot be enforced; Warden refuses to start it.`
            : `Through the egress filter only (each connection decided, private, loopback and metadata addresses refused, recorded in the activity log): ${hosts.slice(0, 10).join(", ")}${hosts.length > 10 ? ", …" : ""}. Whatever the server reads can be sent to these hosts.`,
          fix: `Keep the list to the hosts the server needs: warden config set mcp.servers.${name}.network.allow '[…]' (then warden mcp approve ${name}).`,
        });
      }
      if (server.workspace === "write") {
        findings.push({
          checkId: "mcp.server_workspace_write",
          severity: "warn",
          title: `MCP server \`${name}\` may write the workspace`,
          detail: `mcp.servers.${name}.workspace is \`write\`: the server can change workspace files outside any gate decision (no snapshot, no undo).`,
          fix: `warden config set mcp.servers.${name}.workspace read`,
        });
      }
    } else if (new URL(server.url).protocol === "http:" && !["localhost", "127.0.0.1", "[::1]"].includes(new URL(server.url).hostname)) {
      findings.push({
        checkId: "mcp.server_plain_http",
        severity: "warn",
        title: `MCP server \`${name}\` is reached over plain HTTP`,
        detail: `mcp.servers.${name}.url is not https: tool calls, results and any header secrets cross the network unencrypted.`,
        fix: `Use an https URL for mcp.servers.${name}.url.`,
      });
    }
    const changed = own.filter((t) => t.status === "changed").map((t) => t.tool);
    if (changed.length > 0) {
      findings.push({
        checkId: "mcp.tools_changed",
        severity: "warn",
        title: `MCP server \`${name}\` changed tools after you approved them`,
        detail: `Withdrawn until you approve them again: ${changed.slice(0, 10).join(", ")}${changed.length > 10 ? ", …" : ""}. A definition that changes after approval is how a rug pull starts.`,
        fix: `warden mcp inspect ${name}  (read what changed), then warden mcp approve ${name} --tool …`,
      });
    }
    if (own.every((t) => t.status === "unapproved")) {
      findings.push({
        checkId: "mcp.server_unapproved",
        severity: "info",
        title: `MCP server \`${name}\` is not approved`,
        detail: "It is configured but never started: nothing runs until you approve its tools.",
        fix: `warden mcp inspect ${name}, then warden mcp approve ${name}`,
      });
    }
  }
  return findings;
}
