import type { ResourceLimits, SandboxAvailability } from "./types.ts";

export const DEFAULT_LIMITS: ResourceLimits = {
  cpuSeconds: 300,
  fileSizeBytes: 1024 ** 3,
  openFiles: 1024,
  processes: 512,
  // Generous: V8 and the JVM reserve large virtual ranges; this still stops a runaway allocation.
  addressSpaceBytes: 16 * 1024 ** 3,
  tmpBytes: 1024 ** 3,
};

/**
 * The argv that sets the limits (hard and soft, so the script cannot raise them) and then replaces itself
 * with a fresh, non-interactive bash running exactly the script text — not the script pasted into a longer
 * string, so what runs is what the analyzer parsed.
 */
export function buildLimitedShellArgv(shell: string, script: string, limits: ResourceLimits): string[] {
  const prelude = `${ulimitText(limits)} || { echo "warden: could not set resource limits" >&2; exit 126; }; exec "$0" --noprofile --norc -c "$1"`;
  return [shell, "--noprofile", "--norc", "-c", prelude, shell, script];
}

/** The argv that sets the same limits and then replaces itself with `command args…` (a long-running service). */
export function buildLimitedCommandArgv(shell: string, command: string, args: readonly string[], limits: ResourceLimits): string[] {
  const prelude = `${ulimitText(limits)} || { echo "warden: could not set resource limits" >&2; exit 126; }; exec "$0" "$@"`;
  return [shell, "--noprofile", "--norc", "-c", prelude, command, ...args];
}

function ulimitText(limits: ResourceLimits): string {
  const kib = (bytes: number): number => Math.max(1, Math.floor(bytes / 1024));
  const ulimit = [
    `ulimit -t ${Math.max(1, Math.floor(limits.cpuSeconds))}`,
    `ulimit -f ${kib(limits.fileSizeBytes)}`,
    `ulimit -n ${Math.max(16, Math.floor(limits.openFiles))}`,
    `ulimit -u ${Math.max(16, Math.floor(limits.processes))}`,
    `ulimit -v ${kib(limits.addressSpaceBytes)}`,
  ].join(" && ");
  return ulimit;
}

/** The tmpfs size cap to ask bubblewrap for, unless this bubblewrap is known to predate `--size`. */
export function tmpfsCap(availability: SandboxAvailability & { kind: "bubblewrap" }, limits: ResourceLimits): { tmpBytes?: number } {
  return availability.tmpfsSize === false ? {} : { tmpBytes: limits.tmpBytes };
}
