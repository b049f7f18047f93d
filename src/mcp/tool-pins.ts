/**
 * The owner's approval of a server's tools, pinned per tool: a hash of the tool's name, description, input schema
 * and annotations. A tool is offered only while the definition the server serves hashes to its pin; any change
 * (a `tools/list_changed`, a restart with different definitions) leaves the tool unapproved until the owner
 * approves the new definition, and the difference is kept for the owner to read. Lives in the state database, so
 * `warden mcp approve` takes effect in a running gateway at its next listing.
 */
import { createHash } from "node:crypto";
import type { DatabaseSync } from "node:sqlite";
import { canonicalJson } from "../core/canonical-json.ts";
import type { Json } from "../core/types.ts";

/** What a server says a tool is; everything here reaches the model or the owner, so all of it is pinned. */
export type ToolDefinition = { name: string; description: string; inputSchema: Json; annotations?: Json; title?: string };

/** The effect class the owner confirmed for a tool; `unknown` asks the owner on every call. */
export const ToolEffects = ["read-only", "writes", "sends", "unknown"] as const;
export type ToolEffect = (typeof ToolEffects)[number];

export type ToolStatus = "approved" | "changed" | "unapproved";

export type ToolState = {
  server: string;
  tool: string;
  status: ToolStatus;
  /** The definition the server served last (what is offered when approved). */
  seen?: ToolDefinition;
  /** The definition the owner approved. */
  pinned?: ToolDefinition;
  effect: ToolEffect;
  approvedAt?: number;
};

export const mcpPinMigrations: readonly { id: string; sql: string }[] = [
  {
    id: "mcp-pins-001",
    sql: `
CREATE TABLE IF NOT EXISTS mcp_tool_pins (
  server TEXT NOT NULL,
  tool TEXT NOT NULL,
  hash TEXT NOT NULL,
  definition TEXT NOT NULL,
  effect TEXT NOT NULL CHECK (effect IN ('read-only', 'writes', 'sends', 'unknown')),
  approved_at INTEGER NOT NULL,
  approved_by TEXT NOT NULL,
  PRIMARY KEY (server, tool)
) STRICT;
CREATE TABLE IF NOT EXISTS mcp_tool_seen (
  server TEXT NOT NULL,
  tool TEXT NOT NULL,
  hash TEXT NOT NULL,
  definition TEXT NOT NULL,
  seen_at INTEGER NOT NULL,
  PRIMARY KEY (server, tool)
) STRICT;`,
  },
  {
    id: "mcp-pins-002",
    sql: `
CREATE TABLE IF NOT EXISTS mcp_server_grants (
  server TEXT PRIMARY KEY,
  network TEXT NOT NULL,
  approved_at INTEGER NOT NULL,
  approved_by TEXT NOT NULL
) STRICT;`,
  },
];

export function hashToolDefinition(def: ToolDefinition): string {
  const value: Json = { name: def.name, description: def.description, inputSchema: def.inputSchema, annotations: def.annotations ?? null, title: def.title ?? null };
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}

export type PinStore = {
  /** Records what a server serves now; returns the tools whose definition differs from an approved pin (newly). */
  recordSeen(server: string, tools: readonly ToolDefinition[]): { changed: ToolState[]; added: string[]; removed: string[] };
  /** The state of every tool of a server (seen or pinned). */
  states(server: string): ToolState[];
  /** Pins the given definitions (exactly what was shown) with the owner-confirmed effect. */
  approve(server: string, tools: readonly ToolDefinition[], effect: (tool: string) => ToolEffect, by: string): void;
  /** Forgets every pin of a server (its tools stop being offered at once). Returns how many were removed. */
  revoke(server: string, tool?: string): number;
  /** The pin a call is checked against at the moment of use. */
  pinned(server: string, tool: string): { hash: string; effect: ToolEffect } | undefined;
  servers(): string[];
  /** Records the network grant (canonical host list) the owner approved with the server. */
  approveNetwork(server: string, hosts: readonly string[], by: string): void;
  /** The approved network grant; undefined when none was ever approved. */
  approvedNetwork(server: string): string[] | undefined;
};

type Row = { server: string; tool: string; hash: string; definition: string };

function parseDefinition(text: string): ToolDefinition | undefined {
  try {
    return JSON.parse(text) as ToolDefinition;
  } catch {
    return undefined;
  }
}

export function createPinStore(deps: { db: DatabaseSync; clock: () => number }): PinStore {
  const { db, clock } = deps;
  const pinsOf = (server: string) => new Map((db.prepare("SELECT server, tool, hash, definition, effect, approved_at FROM mcp_tool_pins WHERE server = ?").all(server) as (Row & { effect: ToolEffect; approved_at: number })[]).map((r) => [r.tool, r]));
  const seenOf = (server: string) => new Map((db.prepare("SELECT server, tool, hash, definition FROM mcp_tool_seen WHERE server = ?").all(server) as Row[]).map((r) => [r.tool, r]));

  function states(server: string): ToolState[] {
    const pins = pinsOf(server);
    const seen = seenOf(server);
    const names = [...new Set([...seen.keys(), ...pins.keys()])].sort();
    return names.map((tool) => {
      const pin = pins.get(tool);
      const now = seen.get(tool);
      const status: ToolStatus = pin === undefined ? "unapproved" : now === undefined || now.hash === pin.hash ? "approved" : "changed";
      const state: ToolState = { server, tool, status, effect: pin?.effect ?? "unknown" };
      const seenDef = now ? parseDefinition(now.definition) : undefined;
      const pinnedDef = pin ? parseDefinition(pin.definition) : undefined;
      if (seenDef) state.seen = seenDef;
      if (pinnedDef) state.pinned = pinnedDef;
      if (pin) state.approvedAt = pin.approved_at;
      return state;
    });
  }

  return {
    recordSeen(server, tools) {
      const before = seenOf(server);
      const pins = pinsOf(server);
      const changed: ToolState[] = [];
      const added: string[] = [];
      const now = clock();
      db.exec("BEGIN IMMEDIATE");
      try {
        db.prepare("DELETE FROM mcp_tool_seen WHERE server = ?").run(server);
        const insert = db.prepare("INSERT INTO mcp_tool_seen (server, tool, hash, definition, seen_at) VALUES (?, ?, ?, ?, ?)");
        for (const def of tools) {
          const hash = hashToolDefinition(def);
          insert.run(server, def.name, hash, JSON.stringify(def), now);
          const pin = pins.get(def.name);
          const previous = before.get(def.name);
          if (previous === undefined && pin === undefined) added.push(def.name);
          // Told once per new definition: the pin differs and the last listing had not shown this one already.
          if (pin !== undefined && pin.hash !== hash && previous?.hash !== hash) {
            const pinnedDef = parseDefinition(pin.definition);
            changed.push({ server, tool: def.name, status: "changed", seen: def, ...(pinnedDef ? { pinned: pinnedDef } : {}), effect: pin.effect, approvedAt: pin.approved_at });
          }
        }
        db.exec("COMMIT");
      } catch (error) {
        db.exec("ROLLBACK");
        throw error;
      }
      const names = new Set(tools.map((t) => t.name));
      return { changed, added, removed: [...before.keys()].filter((t) => !names.has(t)) };
    },
    states,
    approve(server, tools, effect, by) {
      const now = clock();
      const upsert = db.prepare(`INSERT INTO mcp_tool_pins (server, tool, hash, definition, effect, approved_at, approved_by) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (server, tool) DO UPDATE SET hash = excluded.hash, definition = excluded.definition, effect = excluded.effect, approved_at = excluded.approved_at, approved_by = excluded.approved_by`);
      for (const def of tools) upsert.run(server, def.name, hashToolDefinition(def), JSON.stringify(def), effect(def.name), now, by);
    },
    revoke(server, tool) {
      if (tool === undefined) db.prepare("DELETE FROM mcp_server_grants WHERE server = ?").run(server);
      const result = tool === undefined ? db.prepare("DELETE FROM mcp_tool_pins WHERE server = ?").run(server) : db.prepare("DELETE FROM mcp_tool_pins WHERE server = ? AND tool = ?").run(server, tool);
      return Number(result.changes);
    },
    pinned(server, tool) {
      const row = db.prepare("SELECT hash, effect FROM mcp_tool_pins WHERE server = ? AND tool = ?").get(server, tool) as { hash: string; effect: ToolEffect } | undefined;
      return row ? { hash: row.hash, effect: row.effect } : undefined;
    },
    servers() {
      return (db.prepare("SELECT DISTINCT server FROM mcp_tool_pins UNION SELECT DISTINCT server FROM mcp_tool_seen ORDER BY 1").all() as { server: string }[]).map((r) => r.server);
    },
    approveNetwork(server, hosts, by) {
      db.prepare(`INSERT INTO mcp_server_grants (server, network, approved_at, approved_by) VALUES (?, ?, ?, ?)
        ON CONFLICT (server) DO UPDATE SET network = excluded.network, approved_at = excluded.approved_at, approved_by = excluded.approved_by`).run(server, JSON.stringify([...hosts]), clock(), by);
    },
    approvedNetwork(server) {
      const row = db.prepare("SELECT network FROM mcp_server_grants WHERE server = ?").get(server) as { network: string } | undefined;
      if (row === undefined) return undefined;
      try {
        const hosts: unknown = JSON.parse(row.network);
        return Array.isArray(hosts) && hosts.every((h) => typeof h === "string") ? hosts : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** What changed between the approved definition and the served one, in lines for the owner. */
export function describeToolChange(pinned: ToolDefinition | undefined, seen: ToolDefinition | undefined): string[] {
  if (pinned === undefined) return ["new tool (never approved)"];
  if (seen === undefined) return ["no longer served"];
  const lines: string[] = [];
  const field = (label: string, a: unknown, b: unknown) => {
    const before = typeof a === "string" ? a : JSON.stringify(a ?? null);
    const after = typeof b === "string" ? b : JSON.stringify(b ?? null);
    if (before !== after) lines.push(`${label}:`, `- ${before}`, `+ ${after}`);
  };
  field("description", pinned.description, seen.description);
  field("title", pinned.title, seen.title);
  field("input schema", pinned.inputSchema, seen.inputSchema);
  field("annotations", pinned.annotations, seen.annotations);
  return lines;
}
