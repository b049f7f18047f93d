/**
 * Gathers an `AuditInput` from disk. Read-only: it never creates the state directory, never tightens a
 * mode and never follows a symlink to a credential (that is `--fix`'s job, after the user asked).
 */
import { DatabaseSync } from "node:sqlite";
import { existsSync, closeSync, constants, lstatSync, openSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { readRawConfig, validateRaw, configSecretKeys, configSecretFileKeys } from "../config/store.ts";
import { getDotted } from "../config/dotted.ts";
import { defaultConfig, type WardenConfig } from "../config/schema.ts";
import { openSecretStore, statePaths, type StatePaths } from "../state/home.ts";
import { listOutboundFolders } from "../fs/outbound-folders.ts";
import { checkPasswordStrength } from "../core/password-strength.ts";
import { protectedInsideWorkspace } from "../state/layout.ts";
import { openGatewayTokenRing } from "../app/gateway-token.ts";
import { describeError } from "../core/errors.ts";
import type { SandboxAvailability } from "../sandbox/index.ts";
import { createPinStore } from "../mcp/tool-pins.ts";
import { scanTree, DEFAULT_SCAN_LIMITS, type ScanLimits } from "./scan-tree.ts";
import type { AuditInput, DeepFacts, FileFacts, FindSecrets, StateFacts } from "./types.ts";
import type { Json } from "../core/types.ts";
import { collectSkillFacts } from "../skills/skill-audit.ts";
import { skillPaths } from "../skills/skill-lock.ts";

export type CollectDeps = {
  home: string;
  /** WARDEN_GATEWAY_TOKEN, when set: it wins over the config and the token file. */
  envToken?: string;
  nodeVersion: string;
  uid: number | null;
  /** Null skips sandbox detection (the check then says nothing about it). */
  detectSandbox: (() => Promise<SandboxAvailability>) | null;
  findSecrets: FindSecrets;
  scanLimits?: ScanLimits;
  /** Runs the `--deep` probes once the config is known. */
  deep?: (config: WardenConfig, paths: StatePaths) => Promise<DeepFacts>;
};

export function factsOf(path: string): FileFacts | null {
  try {
    const st = lstatSync(path);
    return { path, isSymlink: st.isSymbolicLink(), isDirectory: st.isDirectory(), mode: st.mode & 0o7777, uid: st.uid };
  } catch {
    return null;
  }
}

/** The files that hold or guard credentials: the credentials folder and what is in it, secrets, keys. */
export function credentialPaths(paths: StatePaths, config: WardenConfig): string[] {
  const credDir = dirname(paths.tokenFile);
  const out = [credDir, paths.tokenFile, join(paths.home, "secrets.enc.json"), paths.keys];
  for (const dir of [credDir, paths.keys]) {
    try {
      for (const name of readdirSync(dir)) out.push(join(dir, name));
    } catch {
      // absent: nothing to check
    }
  }
  // Every registered channel's secret files, found through the schema's marks (not by channel name).
  for (const key of configSecretFileKeys) {
    const file = getDotted(config as unknown as Json, key);
    if (typeof file === "string") out.push(resolve(file));
  }
  return [...new Set(out)];
}

function readNoFollow(path: string): string | undefined {
  try {
    const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      return readFileSync(fd, "utf8");
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

function credentialLength(config: WardenConfig, paths: StatePaths, envToken: string | undefined): number | null {
  const auth = config.gateway.auth;
  if (auth.mode === "password") return auth.password?.length ?? null;
  if (auth.mode === "none") return null;
  const token = envToken ?? auth.token ?? readNoFollow(paths.tokenFile)?.trim() ?? storedToken(paths);
  return token === undefined || token === "" ? null : token.length;
}

/** The generated token from the encrypted store, only when the store exists: collecting never creates state. */
function storedToken(paths: StatePaths): string | undefined {
  if (!existsSync(join(paths.home, "secrets.enc.json"))) return undefined;
  try {
    return openGatewayTokenRing(paths).current();
  } catch {
    return undefined;
  }
}

/** The approval state of each configured MCP server's tools, from the state database (read-only; none when absent). */
function mcpToolStates(database: string, servers: readonly string[]): AuditInput["mcpTools"] {
  if (!existsSync(database) || servers.length === 0) return [];
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(database, { readOnly: true });
    const pins = createPinStore({ db, clock: Date.now });
    return servers.flatMap((server) => pins.states(server).map((t) => ({ server, tool: t.tool, status: t.status })));
  } catch {
    return [];
  } finally {
    db?.close();
  }
}

/**
 * Owners in the state database that no explicit designation backs (an older Warden made the first approved
 * sender the owner). Read-only; an absent database or table means none.
 */
function implicitOwners(database: string): { channel: string; senderId: string }[] {
  if (!existsSync(database)) return [];
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(database, { readOnly: true });
    const hasExplicit = db.prepare("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'pairing_owners_explicit'").get() !== undefined;
    const rows = db.prepare(hasExplicit
      ? `SELECT o.channel, o.sender_id FROM pairing_owners o LEFT JOIN pairing_owners_explicit e
         ON e.channel = o.channel AND e.sender_id = o.sender_id WHERE e.sender_id IS NULL ORDER BY o.channel`
      : "SELECT channel, sender_id FROM pairing_owners ORDER BY channel").all() as { channel: string; sender_id: string }[];
    return rows.map((r) => ({ channel: r.channel, senderId: r.sender_id }));
  } catch {
    return [];
  } finally {
    db?.close();
  }
}

/** A secret from the encrypted store, only when the store exists: collecting never creates state. */
function storedSecret(paths: StatePaths, name: string): string | undefined {
  if (!existsSync(join(paths.home, "secrets.enc.json")) || !existsSync(paths.keys)) return undefined;
  try {
    return openSecretStore(paths).get(name);
  } catch {
    return undefined;
  }
}

export async function collectAuditInput(deps: CollectDeps): Promise<AuditInput> {
  const first = statePaths(deps.home);
  let config = defaultConfig();
  let configError: string | undefined;
  let configHoldsSecrets = false;
  let passwordWeakness: string | null = null;
  try {
    const raw = readRawConfig(first.config);
    // From the file as written: a weak password makes the config invalid, and must still be named as such.
    if (getDotted(raw, "gateway.auth.mode") === "password") {
      const password = getDotted(raw, "gateway.auth.password") ?? storedSecret(first, "gateway.auth.password");
      const strength = typeof password === "string" ? checkPasswordStrength(password) : undefined;
      if (strength !== undefined && !strength.ok) passwordWeakness = strength.why;
    }
    configHoldsSecrets = configSecretKeys.some((k) => getDotted(raw, k) !== undefined);
    const checked = validateRaw(raw);
    if (checked.ok) config = checked.config;
    else configError = `The config has ${checked.problems.length} problem(s): ${checked.problems.map((p) => `\`${p.key}\``).join(", ")}.`;
  } catch (error) {
    configError = describeError(error);
  }
  const paths = statePaths(deps.home, config.agent.workspace ? resolve(config.agent.workspace) : undefined);
  const state: StateFacts = {
    stateDir: factsOf(paths.home),
    insideWorkspace: protectedInsideWorkspace(paths),
    config: factsOf(paths.config),
    credentials: credentialPaths(paths, config).map(factsOf).filter((f): f is FileFacts => f !== null),
  };
  const limits = deps.scanLimits ?? DEFAULT_SCAN_LIMITS;
  const [sandbox, deep] = await Promise.all([
    deps.detectSandbox ? deps.detectSandbox() : Promise.resolve(null),
    deps.deep ? deps.deep(config, paths) : Promise.resolve(undefined),
  ]);
  return {
    config,
    ...(configError === undefined ? {} : { configError }),
    configHoldsSecrets,
    credentialLength: credentialLength(config, paths, deps.envToken),
    passwordWeakness,
    implicitOwners: implicitOwners(paths.database),
    mcpTools: mcpToolStates(paths.database, Object.keys(config.mcp.servers)),
    skills: collectSkillFacts(skillPaths(paths.home)),
    state,
    uid: deps.uid,
    sandbox,
    nodeVersion: deps.nodeVersion,
    workspace: scanTree(paths.workspace, deps.findSecrets, limits),
    outboundFolders: listOutboundFolders(paths.workspace, { outbound: config.workspace.outboundFolders, local: config.workspace.localFolders }),
    ...(deep === undefined ? {} : { deep }),
  };
}
