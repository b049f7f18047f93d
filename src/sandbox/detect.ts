import fs from "node:fs";
import { spawn as nodeSpawn } from "node:child_process";
import { runProcess } from "./run-process.ts";
import type { SandboxAvailability, SpawnFn } from "./types.ts";

export type DetectDeps = {
  spawn?: SpawnFn;
  /** Where to look for bwrap, in order (config may name one). No PATH lookup: the gateway's PATH is not trusted. */
  bwrapCandidates?: readonly string[];
  shellCandidates?: readonly string[];
  exists?: (path: string) => boolean;
  timeoutMs?: number;
};

const DEFAULT_BWRAP = ["/usr/bin/bwrap", "/usr/local/bin/bwrap", "/bin/bwrap"];
const DEFAULT_SHELL = ["/bin/bash", "/usr/bin/bash"];

/**
 * Finds bubblewrap and proves it works here by running `true` in the same kind of namespaces every command
 * gets (user namespaces are often disabled in containers). Never throws: failure is `kind: "none"` with why.
 */
export async function detectSandbox(deps: DetectDeps = {}): Promise<SandboxAvailability> {
  const exists = deps.exists ?? ((p: string) => fs.existsSync(p));
  const spawn = deps.spawn ?? nodeSpawn;
  const shell = (deps.shellCandidates ?? DEFAULT_SHELL).find(exists);
  if (shell === undefined) {
    return { kind: "none", why: "no bash found at /bin/bash or /usr/bin/bash; exec needs bash", shell: "/bin/sh" };
  }
  const candidates = deps.bwrapCandidates ?? DEFAULT_BWRAP;
  const bwrap = candidates.find(exists);
  if (bwrap === undefined) {
    return { kind: "none", why: `bubblewrap is not installed (looked in ${candidates.join(", ")}); install the \`bubblewrap\` package`, shell };
  }
  const args = ["--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL"];
  for (const p of ["/usr", "/bin", "/lib", "/lib64"]) {
    try {
      const st = fs.lstatSync(p);
      if (st.isSymbolicLink()) args.push("--symlink", fs.readlinkSync(p), p);
      else args.push("--ro-bind", p, p);
    } catch {
      // absent on this layout
    }
  }
  const probe = (sized: boolean) => runProcess(spawn, {
    command: bwrap,
    args: [...args, "--proc", "/proc", "--dev", "/dev", ...(sized ? ["--size", String(1024 * 1024)] : []), "--tmpfs", "/tmp", "--", shell, "--noprofile", "--norc", "-c", "true"],
    env: { PATH: "/usr/bin:/bin" }, cwd: "/", timeoutMs: deps.timeoutMs ?? 10_000, maxOutputBytes: 4096,
  });
  let outcome = await probe(true);
  if (outcome.exitCode === 0) return { kind: "bubblewrap", path: bwrap, shell };
  // bubblewrap before 0.7 has no `--size`: it still confines, but the private /tmp is capped only by the kernel's default.
  if (/unknown option:? --size/i.test(outcome.stderr)) {
    outcome = await probe(false);
    if (outcome.exitCode === 0) return { kind: "bubblewrap", path: bwrap, shell, tmpfsSize: false };
  }
  const detail = (outcome.error ?? outcome.stderr).trim().split("\n")[0]?.slice(0, 300) ?? "";
  const hint = /namespace|permission|operation not permitted/i.test(detail)
    ? " (user namespaces are probably disabled here, e.g. in a container or by kernel.unprivileged_userns_clone=0)"
    : "";
  const how = outcome.timedOut ? "timed out" : `exited with ${outcome.exitCode ?? outcome.signal ?? "an error"}`;
  return { kind: "none", why: `bubblewrap at \`${bwrap}\` ${how}: ${detail || "no message"}${hint}`, shell };
}
