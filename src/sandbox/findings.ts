import type { SandboxAvailability } from "./types.ts";

/** Same shape as `warden security audit` findings. */
export type SandboxFinding = {
  checkId: string;
  severity: "critical" | "warn" | "info";
  title: string;
  detail: string;
  fix: string;
};

/**
 * What `warden security audit` (and the gateway's start-up warning) should say about exec confinement.
 * `uid` is the gateway's user id (`process.getuid()`), or null where there is none.
 */
export function describeSandboxFindings(availability: SandboxAvailability, uid: number | null): SandboxFinding[] {
  const findings: SandboxFinding[] = [];
  if (availability.kind === "none") {
    findings.push({
      checkId: "exec.sandbox.unavailable",
      severity: "critical",
      title: "Commands run on the host, without a sandbox",
      detail: `Exec falls back to the host: commands see the whole file system (including Warden's state directory) and the network; only the environment is scrubbed and time, output and resources are bounded. Every command needs the owner's approval. Cause: ${availability.why}`,
      fix: "Install bubblewrap (`apt install bubblewrap`, `dnf install bubblewrap`) and allow unprivileged user namespaces, then restart the gateway.",
    });
  } else {
    findings.push({
      checkId: "exec.sandbox.bubblewrap",
      severity: "info",
      title: "Commands run in a bubblewrap sandbox",
      detail: `bubblewrap at \`${availability.path}\`: workspace read-write, system read-only, no network unless granted, scrubbed environment, Warden's state hidden.`,
      fix: "Nothing to do.",
    });
    if (availability.tmpfsSize === false) {
      findings.push({
        checkId: "exec.sandbox.tmp_unbounded",
        severity: "warn",
        title: "A command's private /tmp has no size cap",
        detail: `bubblewrap at \`${availability.path}\` predates \`--size\` (0.7), so files a command writes under /tmp or /var/tmp live in memory up to the kernel's tmpfs default (half the RAM).`,
        fix: "Install bubblewrap 0.7 or later, then restart the gateway.",
      });
    }
  }
  if (uid === 0) {
    findings.push({
      checkId: "exec.sandbox.root",
      severity: "warn",
      title: "The gateway runs as root",
      detail: "Commands run as root too (without capabilities inside the sandbox). The kernel does not enforce the process-count limit for root, so only the timeout bounds a fork storm, and root-owned files in the workspace are writable.",
      fix: "Run the gateway as an ordinary user.",
    });
  }
  return findings;
}
