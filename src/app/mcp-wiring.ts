/**
 * Connected services (MCP servers) over this gateway's pieces: pins in the state database, stdio servers under
 * the exec sandbox's confinement, HTTP servers through the SSRF-guarded fetch with the run's exemptions, header
 * and environment secrets from the secret store, descriptions judged by the injection scanner.
 */
import type { DatabaseSync } from "node:sqlite";
import type { WardenConfig } from "../config/schema.ts";
import { scanInjection } from "../scan/injection.ts";
import { createPinStore } from "../mcp/tool-pins.ts";
import { createMcpService, type McpService, type McpServiceDeps } from "../mcp/mcp-service.ts";
import { createMcpControl, type McpControl } from "../mcp/mcp-control.ts";
import type { ConnectDeps } from "../mcp/connection.ts";
import type { AuditSink } from "./policy-types.ts";

export function createMcpWiring(deps: {
  config: WardenConfig;
  db: DatabaseSync;
  clock: () => number;
  connect: McpServiceDeps["connect"];
  audit: AuditSink;
  notifyOwner: (text: string) => void;
  reserved: () => readonly string[];
  tainted: McpServiceDeps["tainted"];
  shell: McpServiceDeps["shell"];
}): McpService {
  return createMcpService({
    servers: deps.config.mcp.servers,
    pins: createPinStore({ db: deps.db, clock: deps.clock }),
    connect: deps.connect,
    suspicious: (text) => scanInjection(text).verdict === "suspicious",
    notifyOwner: deps.notifyOwner,
    audit: (summary, data) => deps.audit({ kind: "tool", actor: "system", summary, data }),
    reserved: deps.reserved,
    tainted: deps.tainted,
    shell: deps.shell,
  });
}

/** The owner's approvals from a control client: the same pins, servers started as the gateway starts them. */
export function createMcpControlWiring(deps: { config: WardenConfig; db: DatabaseSync; clock: () => number; connect: ConnectDeps; audit: AuditSink }): McpControl {
  return createMcpControl({
    servers: deps.config.mcp.servers,
    pins: createPinStore({ db: deps.db, clock: deps.clock }),
    connect: deps.connect,
    suspicious: (text) => scanInjection(text).verdict === "suspicious",
    audit: (summary, data) => deps.audit({ kind: "approval", actor: "owner", summary, data }),
  });
}
