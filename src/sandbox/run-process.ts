import { describeError } from "../core/errors.ts";
import type { ProcessOutcome, SpawnFn } from "./types.ts";

export type ProcessRun = {
  command: string;
  args: readonly string[];
  env: Record<string, string>;
  cwd: string;
  timeoutMs: number;
  maxOutputBytes: number;
  signal?: AbortSignal;
  /** Descriptors handed to the process as its 3, 4, … (a sandbox's `--bind-fd` grants). */
  fds?: readonly number[];
};

export type { ProcessOutcome } from "./types.ts";

/** How long pipes may stay open after the direct child exited (a leftover grandchild holding them). */
const PIPE_GRACE_MS = 200;

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    // The child leads its own process group (detached), so this reaches everything it started that did
    // not leave the group. Under bubblewrap the PID namespace takes the rest down with it.
    process.kill(-pid, "SIGKILL");
  } catch {
    // ESRCH: already gone.
  }
}

/**
 * Spawns one process in its own group and collects its output under a byte cap and a hard timeout.
 * Never rejects: spawn errors, timeouts, caps and cancellation are all reported in the outcome.
 */
export function runProcess(spawn: SpawnFn, run: ProcessRun): Promise<ProcessOutcome> {
  return new Promise<ProcessOutcome>((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let total = 0;
    let truncated = false;
    let timedOut = false;
    let cancelled = false;
    let error: string | null = null;
    let exitCode: number | null = null;
    let exitSignal: string | null = null;
    let settled = false;
    let graceTimer: NodeJS.Timeout | undefined;

    if (run.signal?.aborted === true) {
      resolve({ exitCode: null, signal: null, stdout: "", stderr: "", truncated: false, timedOut: false,
        cancelled: true, error: "the command was cancelled before it started" });
      return;
    }

    let child: ReturnType<SpawnFn>;
    try {
      child = spawn(run.command, run.args, {
        cwd: run.cwd,
        env: run.env,
        detached: true,
        stdio: ["ignore", "pipe", "pipe", ...(run.fds ?? [])],
      });
    } catch (e) {
      resolve({ exitCode: null, signal: null, stdout: "", stderr: "", truncated: false, timedOut: false,
        cancelled: false, error: `could not start \`${run.command}\`: ${describeError(e)}` });
      return;
    }

    const finish = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(graceTimer);
      run.signal?.removeEventListener("abort", onAbort);
      child.stdout?.destroy();
      child.stderr?.destroy();
      killGroup(child.pid);
      resolve({
        exitCode,
        signal: exitSignal,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        truncated,
        timedOut,
        cancelled,
        error,
      });
    };

    const collect = (into: Buffer[]) => (chunk: Buffer): void => {
      if (truncated) return;
      const room = run.maxOutputBytes - total;
      if (chunk.length > room) {
        if (room > 0) into.push(chunk.subarray(0, room));
        total = run.maxOutputBytes;
        truncated = true;
        // INVARIANT: past the cap we stop reading and kill; a command must not fill memory or stall on a full pipe.
        child.stdout?.pause();
        child.stderr?.pause();
        killGroup(child.pid);
        return;
      }
      into.push(chunk);
      total += chunk.length;
    };
    child.stdout?.on("data", collect(out));
    child.stderr?.on("data", collect(err));

    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, run.timeoutMs);

    const onAbort = (): void => {
      cancelled = true;
      killGroup(child.pid);
    };
    run.signal?.addEventListener("abort", onAbort, { once: true });

    child.on("error", (e) => {
      error = `could not start \`${run.command}\`: ${describeError(e)}`;
      finish();
    });
    child.on("exit", (code, sig) => {
      exitCode = code;
      exitSignal = sig;
      graceTimer = setTimeout(finish, PIPE_GRACE_MS);
    });
    child.on("close", finish);
  });
}
