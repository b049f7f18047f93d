/**
 * The command line for a long-running service (an MCP stdio server) under the same confinement as exec: bubblewrap
 * with no network (or only the hosts an egress grant admits, see `egress-bridge.ts`), the system read-only, Warden's state and the home directory invisible, the workspace as granted
 * (read-only unless the owner said otherwise), only the environment given here (`--clearenv`), and resource limits.
 * Pure: it builds argv and never starts anything. Refuses, with a reason, what it cannot confine as promised.
 */
import nodeFs from "node:fs";
import { egressProxyEnv, withEgressBridge, type EgressGrant } from "./egress-bridge.ts";
import { buildSandboxEnv } from "./environment.ts";
import { buildSystemView } from "./executables.ts";
import { buildLimitedCommandArgv, DEFAULT_LIMITS, tmpfsCap } from "./limits.ts";
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
  /**
   * Opened, verified directories or files inside the workspace, bound read-write at `real` (a skill's declared write
   * grant). `fd` is Warden's descriptor: the command's `fds` pass it to bubblewrap, which binds it and closes it.
   */
  writeGrants?: readonly { fd: number; real: string }[];
  hiddenPaths: readonly string[];
  /** Vetted by the caller; loader and shell-startup names are dropped anyway. */
  env: Readonly<Record<string, string>>;
  limits?: Partial<ResourceLimits>;
  /** Host-scoped network: the service reaches only what this grant's egress proxy admits. Needs bubblewrap. */
  egress?: EgressGrant;
  fs?: SandboxFs;
  /**
   * When set, the only programs inside besides the launcher shell and `/bin/sh` (a skill's declared executables):
   * the rest of the system's programs do not exist in the sandbox. Needs bubblewrap.
   */
  executables?: readonly string[];
};

export type ServiceCommand =
  /** `fds`: Warden's descriptors to hand the process as its descriptors 3, 4, … (spawn's extra stdio), in order. */
  | { ok: true; command: string; args: string[]; env: Record<string, string>; cwd: string; sandboxed: boolean; droppedEnv: string[]; fds: number[] }
  | { ok: false; why: string };

/**
 * A service runs for hours: CPU time is capped by the hour. Its address space is wider than a command's: V8
 * reserves about 10 GiB of virtual space per WebAssembly memory, and a Node server that strips TypeScript types
 * and calls `fetch` holds two (both wasm) — under 16 GiB its first `fetch` fails with "Out of memory" while using
 * ~100 MB. Address space is not memory; this still stops a runaway allocation.
 */
export const SERVICE_LIMITS: ResourceLimits = { ...DEFAULT_LIMITS, cpuSeconds: 24 * 3600, addressSpaceBytes: 64 * 1024 ** 3 };

export function buildServiceCommand(input: ServiceCommandInput): ServiceCommand {
  const fs = input.fs ?? nodeFs;
  const limits: ResourceLimits = { ...SERVICE_LIMITS, ...input.limits };
  const { env, dropped } = buildSandboxEnv({ home: input.workspace, extra: input.env });
  const argv = buildLimitedCommandArgv(input.availability.shell, input.command, input.args, limits);
  if (input.confinement === "host") {
    if (input.egress !== undefined) return { ok: false, why: "a host-scoped network grant needs the sandbox; an unconfined server would reach the whole network" };
    if ((input.writeGrants ?? []).length > 0) return { ok: false, why: "a write grant is bound by the sandbox; an unconfined process would reach the whole workspace" };
    return { ok: true, command: argv[0] ?? input.availability.shell, args: argv.slice(1), env, cwd: input.cwd ?? input.workspace, sandboxed: false, droppedEnv: dropped, fds: [] };
  }
  if (input.availability.kind !== "bubblewrap") return { ok: false, why: `bubblewrap is not available (${input.availability.why}); the server is not started unconfined unless its config says \`sandbox: "off"\`` };
  let profile;
  let bridgeNode: string | undefined;
  try {
    bridgeNode = input.egress === undefined ? undefined : fs.realpathSync(input.egress.node ?? process.execPath);
    const readPaths = bridgeNode === undefined ? input.readPaths : [...input.readPaths, bridgeNode];
    const egress = input.egress === undefined ? {} : { egressSocket: input.egress.socketPath };
    let system = {};
    if (input.executables !== undefined) {
      const view = buildSystemView(input.executables, bridgeNode === undefined ? [input.availability.shell] : [input.availability.shell, bridgeNode]);
      if (!view.ok) return { ok: false, why: view.why };
      system = { system: view };
    }
    // Extra descriptors start at 3, after stdin, stdout and stderr.
    const writeGrants = (input.writeGrants ?? []).map((g, i) => ({ fd: 3 + i, real: g.real }));
    profile = buildBubblewrapProfile(fs, { workspace: input.workspace, cwd: input.cwd ?? input.workspace, hiddenPaths: input.hiddenPaths, network: false, workspaceAccess: input.workspaceAccess, readPaths, writeGrants, ...egress, ...system, ...tmpfsCap(input.availability, limits) });
  } catch (e) {
    return { ok: false, why: `the sandbox profile could not be built: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!profile.ok) return profile;
  env.HOME = input.workspaceAccess === "none" ? "/tmp" : profile.workspace;
  if (bridgeNode !== undefined) Object.assign(env, egressProxyEnv());
  // INVARIANT: the service sees exactly this environment, whatever the spawning library adds to bwrap's own.
  const setenv = Object.entries(env).flatMap(([k, v]) => ["--setenv", k, v]);
  const inside = bridgeNode === undefined ? argv : withEgressBridge(bridgeNode, argv);
  return { ok: true, command: input.availability.path, args: [...profile.args, "--clearenv", ...setenv, "--", ...inside], env: {}, cwd: "/", sandboxed: true, droppedEnv: dropped, fds: (input.writeGrants ?? []).map((g) => g.fd) };
}
