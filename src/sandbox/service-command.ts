/**
 * The command line for a long-running service (an MCP stdio server) under the same confinement as exec: bubblewrap
 * with no network, the system read-only, Warden's state and the home directory invisible, the workspace as granted
 * (read-only unless the owner said otherwise), only the environment given here (`--clearenv`), and resource limits.
 * Pure: it builds argv and never starts anything. Refuses, with a reason, what it cannot confine as promised.
 */
import nodeFs from "node:fs";
import { buildSandboxEnv } from "./environment.ts";
import { buildLimitedCommandArgv, DEFAULT_LIMITS } from "./limits.ts";
import { buildBubblewrapProfile } from "./profile.ts";
import type { ResourceLimits, SandboxAvailability, SandboxFs } from "./types.ts";

export type ServiceCommandInput = {
  availability: SandboxAvailability;
  /** `host` runs the service unconfined (with the scrubbed environment and limits still applied). */
  confinement: "bubblewrap" | "host";
  command: string;
  args: readonly string[];
  workspace: string;
  cwd?: string;
  workspaceAccess: "none" | "read" | "write";
  readPaths: readonly string[];
  /** Paths inside the workspace bound read-write (a skill's declared write grant). */
  writePaths?: readonly string[];
  hiddenPaths: readonly string[];
  /** Vetted by the caller; loader and shell-startup names are dropped anyway. */
  env: Readonly<Record<string, string>>;
  limits?: Partial<ResourceLimits>;
  fs?: SandboxFs;
};

export type ServiceCommand =
  | { ok: true; command: string; args: string[]; env: Record<string, string>; cwd: string; sandboxed: boolean; droppedEnv: string[] }
  | { ok: false; why: string };

/** A service runs for hours: CPU time is capped by the hour, the rest as for a command. */
export const SERVICE_LIMITS: ResourceLimits = { ...DEFAULT_LIMITS, cpuSeconds: 24 * 3600 };

export function buildServiceCommand(input: ServiceCommandInput): ServiceCommand {
  const fs = input.fs ?? nodeFs;
  const limits: ResourceLimits = { ...SERVICE_LIMITS, ...input.limits };
  const { env, dropped } = buildSandboxEnv({ home: input.workspace, extra: input.env });
  const argv = buildLimitedCommandArgv(input.availability.shell, input.command, input.args, limits);
  if (input.confinement === "host") {
    return { ok: true, command: argv[0] ?? input.availability.shell, args: argv.slice(1), env, cwd: input.cwd ?? input.workspace, sandboxed: false, droppedEnv: dropped };
  }
  if (input.availability.kind !== "bubblewrap") return { ok: false, why: `bubblewrap is not available (${input.availability.why}); the server is not started unconfined unless its config says \`sandbox: "off"\`` };
  let profile;
  try {
    profile = buildBubblewrapProfile(fs, { workspace: input.workspace, cwd: input.cwd ?? input.workspace, hiddenPaths: input.hiddenPaths, network: false, workspaceAccess: input.workspaceAccess, readPaths: input.readPaths, writePaths: input.writePaths ?? [] });
  } catch (e) {
    return { ok: false, why: `the sandbox profile could not be built: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!profile.ok) return profile;
  env.HOME = input.workspaceAccess === "none" ? "/tmp" : profile.workspace;
  // INVARIANT: the service sees exactly this environment, whatever the spawning library adds to bwrap's own.
  const setenv = Object.entries(env).flatMap(([k, v]) => ["--setenv", k, v]);
  return { ok: true, command: input.availability.path, args: [...profile.args, "--clearenv", ...setenv, "--", ...argv], env: {}, cwd: "/", sandboxed: true, droppedEnv: dropped };
}
