import type { ChildProcess, SpawnOptions } from "node:child_process";
import type { EgressGrant } from "./egress-bridge.ts";
import type { GitIdentity } from "./environment.ts";

/** What `detectSandbox` found. `none` always says why, in words fit for a warning and an audit finding. */
export type SandboxAvailability =
  /** `tmpfsSize: false`: this bubblewrap predates `--size` (0.7), so the private /tmp has no size cap of its own. */
  | { kind: "bubblewrap"; path: string; shell: string; tmpfsSize?: boolean }
  | { kind: "none"; why: string; shell: string };

/** Per-command resource limits, applied with the shell's `ulimit` (hard and soft) before the script runs. */
export type ResourceLimits = {
  cpuSeconds: number;
  fileSizeBytes: number;
  openFiles: number;
  /** RLIMIT_NPROC counts every process of the uid; the kernel does not enforce it for root. */
  processes: number;
  addressSpaceBytes: number;
  /**
   * The size of each private tmpfs (/tmp, /var/tmp). A tmpfs is memory: without a cap a command could fill half the
   * machine's RAM there, however small its own processes are.
   */
  tmpBytes: number;
};

export type ExecRequest = {
  /** Shell text, run by `bash --noprofile --norc -c`. */
  script: string;
  /** Absolute; must be the workspace or inside it. */
  cwd: string;
  /** Absolute; bound read-write at its own (real) path. */
  workspace: string;
  /** Absolute paths that must stay invisible (WARDEN_HOME, the user's home, …). */
  hiddenPaths: readonly string[];
  /** Real paths inside the workspace that must read as empty (credential files the owner did not approve). */
  maskPaths?: readonly string[];
  /**
   * Command-scope git configuration that neutralises what the workspace's repositories configure
   * (`filter.<driver>.clean=` …), applied before the fixed hardening, which always wins.
   */
  gitConfig?: readonly (readonly [string, string])[];
  /** The owner's git identity (`tools.exec.git`), passed as `GIT_AUTHOR_*`/`GIT_COMMITTER_*`; nothing else of a host's git config passes. */
  gitIdentity?: GitIdentity;
  /** Extra variables, already vetted by the caller; loader/shell-startup/git-config names are dropped anyway. */
  env?: Readonly<Record<string, string>>;
  network: boolean;
  /** Host-scoped network instead: only what this grant's egress proxy admits (bubblewrap only; never with `network`). */
  egress?: EgressGrant;
  timeoutMs: number;
  /** Cap on stdout + stderr together; beyond it the command is killed and the result marked truncated. */
  maxOutputBytes: number;
  signal?: AbortSignal;
};

/** How one process ended. `error` says why the sandbox itself failed or refused; null otherwise. */
export type ProcessOutcome = {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  truncated: boolean;
  timedOut: boolean;
  cancelled: boolean;
  error: string | null;
};

export type ExecResult = ProcessOutcome & {
  sandboxed: boolean;
  durationMs: number;
  /** Names from `req.env` that were not passed (unsafe names). */
  droppedEnv: string[];
};

/** Runs shell text confined as described by its backend. Must never throw for a command's failure or a bad request. */
export interface SandboxRunner {
  readonly sandboxed: boolean;
  run(req: ExecRequest): Promise<ExecResult>;
}

export type SpawnFn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

/** The file-system calls the profile builder needs; synchronous because they run once per command. */
export type SandboxFs = {
  realpathSync(path: string): string;
  lstatSync(path: string): { isDirectory(): boolean; isSymbolicLink(): boolean; isFile(): boolean };
  statSync(path: string): { isDirectory(): boolean };
  readlinkSync(path: string): string;
  existsSync(path: string): boolean;
};
