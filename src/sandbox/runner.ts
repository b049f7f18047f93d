import nodeFs from "node:fs";
import path from "node:path";
import { spawn as nodeSpawn } from "node:child_process";
import { egressProxyEnv, withEgressBridge } from "./egress-bridge.ts";
import { buildSandboxEnv } from "./environment.ts";
import { buildLimitedShellArgv, DEFAULT_LIMITS, tmpfsCap } from "./limits.ts";
import { buildBubblewrapProfile } from "./profile.ts";
import { runProcess } from "./run-process.ts";
import type { ExecRequest, ExecResult, ResourceLimits, SandboxAvailability, SandboxFs, SandboxRunner, SpawnFn } from "./types.ts";

export type SandboxRunnerOptions = {
  availability: SandboxAvailability;
  spawn?: SpawnFn;
  /** Milliseconds, monotonic. */
  clock?: () => number;
  fs?: SandboxFs;
  limits?: Partial<ResourceLimits>;
  /** PATH inside the command; default the standard system directories. */
  path?: string;
};

function isWithin(child: string, parent: string): boolean {
  return child === parent || child.startsWith(`${parent}/`);
}

/**
 * One runner, two backends. `bubblewrap`: the confinement described in profile.ts. `none` (host fallback):
 * the same scrubbed environment, limits, timeout and caps but no file-system or network confinement —
 * `sandboxed: false` tells the caller to require approval and warn.
 */
export function createSandboxRunner(options: SandboxRunnerOptions): SandboxRunner {
  const spawn = options.spawn ?? nodeSpawn;
  const clock = options.clock ?? (() => performance.now());
  const fs = options.fs ?? nodeFs;
  const limits: ResourceLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const availability = options.availability;
  const sandboxed = availability.kind === "bubblewrap";

  async function run(req: ExecRequest): Promise<ExecResult> {
    const started = clock();
    const { env, dropped } = buildSandboxEnv({ home: req.workspace, path: options.path, extra: req.env, gitConfig: req.gitConfig, gitIdentity: req.gitIdentity });
    // git discovers no repository above the workspace: the sandbox shows none, and on the host none was inspected.
    env.GIT_CEILING_DIRECTORIES = path.dirname(req.workspace);
    const refuse = (why: string): ExecResult => ({
      exitCode: null, signal: null, stdout: "", stderr: "", truncated: false, timedOut: false, cancelled: false,
      sandboxed, durationMs: clock() - started, error: `the command was not run: ${why}`, droppedEnv: dropped,
    });
    if (!Number.isFinite(req.timeoutMs) || req.timeoutMs <= 0) return refuse("timeoutMs must be a positive number");
    if (!Number.isFinite(req.maxOutputBytes) || req.maxOutputBytes <= 0) return refuse("maxOutputBytes must be a positive number");
    const argv = buildLimitedShellArgv(availability.shell, req.script, limits);

    let command: string;
    let args: string[];
    let cwd: string;
    if (availability.kind === "bubblewrap") {
      let profile;
      let bridgeNode: string | undefined;
      try {
        bridgeNode = req.egress === undefined ? undefined : fs.realpathSync(req.egress.node ?? process.execPath);
        const egress = req.egress === undefined || bridgeNode === undefined ? {} : { egressSocket: req.egress.socketPath, readPaths: [bridgeNode] };
        profile = buildBubblewrapProfile(fs, { ...req, ...egress, ...tmpfsCap(availability, limits) });
      } catch (e) {
        return refuse(`the sandbox profile could not be built: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (!profile.ok) return refuse(profile.why);
      env.HOME = profile.workspace;
      // INVARIANT: set after the caller's variables, so a grant's proxy cannot be pointed elsewhere.
      if (bridgeNode !== undefined) Object.assign(env, egressProxyEnv());
      command = availability.path;
      args = [...profile.args, "--", ...(bridgeNode === undefined ? argv : withEgressBridge(bridgeNode, argv))];
      // bwrap itself starts in a directory that exists outside; --chdir moves the command.
      cwd = "/";
    } else {
      if (req.egress !== undefined) return refuse("host-scoped network needs bubblewrap; on the host the command would reach the whole network");
      if (!path.isAbsolute(req.cwd) || !path.isAbsolute(req.workspace)) return refuse("workspace and cwd must be absolute paths");
      let workspace: string;
      try {
        workspace = fs.realpathSync(req.workspace);
        cwd = fs.realpathSync(req.cwd);
      } catch {
        return refuse(`the workspace \`${req.workspace}\` or the cwd \`${req.cwd}\` does not exist`);
      }
      if (!isWithin(cwd, workspace)) return refuse(`the cwd \`${req.cwd}\` lies outside the workspace \`${req.workspace}\``);
      env.HOME = workspace;
      command = argv[0] ?? availability.shell;
      args = argv.slice(1);
    }

    const outcome = await runProcess(spawn, {
      command, args, env, cwd, timeoutMs: req.timeoutMs, maxOutputBytes: req.maxOutputBytes, signal: req.signal,
    });
    return { ...outcome, sandboxed, durationMs: clock() - started, droppedEnv: dropped };
  }

  return { sandboxed, run };
}
