import nodeFs from "node:fs";
import path from "node:path";
import { spawn as nodeSpawn } from "node:child_process";
import type { Reason } from "../core/decision.ts";
import { buildSandboxEnv } from "./environment.ts";
import { runProcess } from "./run-process.ts";
import type { SpawnFn } from "./types.ts";

/**
 * Repository config keys that make git run a program and that the environment hardening cannot pin
 * (their names are chosen by the repository: `filter.<driver>.clean`, `diff.<driver>.textconv`, …).
 */
const EXEC_KEYS: readonly { pattern: RegExp; id: string; what: string }[] = [
  { pattern: /^filter\..+\.(clean|smudge|process)$/, id: "git.config_filter", what: "a filter driver (runs on `git status`, `diff`, `add`, `checkout`)" },
  { pattern: /^diff\..+\.(textconv|command)$/, id: "git.config_diff_driver", what: "a diff driver (runs on `git diff`, `log -p`, `show`)" },
  { pattern: /^diff\.external$/, id: "git.config_diff_driver", what: "an external diff program (runs on `git diff`)" },
  { pattern: /^merge\..+\.driver$/, id: "git.config_merge_driver", what: "a merge driver (runs on `git merge`, `rebase`, `pull`)" },
  { pattern: /^alias\./, id: "git.config_alias", what: "an alias (with `!` it runs shell text)" },
  { pattern: /^remote\..+\.(uploadpack|receivepack)$/, id: "git.config_remote_program", what: "a remote helper program (runs on `fetch`/`push`)" },
  { pattern: /^credential\..+\.helper$/, id: "git.config_credential", what: "a URL-scoped credential helper" },
  { pattern: /^(core\.gitproxy|core\.alternaterefscommand|difftool\..+\.cmd|mergetool\..+\.cmd|sendemail\..+)$/, id: "git.config_program", what: "a program to run" },
  { pattern: /^(include\.path|includeif\..+\.path)$/, id: "git.config_include", what: "an include of another config file (not inspected)" },
];

export type GitHazardDeps = { spawn?: SpawnFn; fs?: typeof nodeFs; git?: string; timeoutMs?: number };

function isWithin(child: string, parent: string): boolean {
  return child === parent || child.startsWith(`${parent}/`);
}

/**
 * Finds, for a command about to run in `cwd`, repository config that would make a "read-only" git command
 * execute a program. For the gate: a `git status|log|diff` it would allow as read-only should be asked when
 * this returns anything. Fails closed: a config it cannot read or a `.git` file (gitdir indirection) is a hazard.
 */
export async function findGitConfigHazards(cwd: string, workspace: string, deps: GitHazardDeps = {}): Promise<Reason[]> {
  const fs = deps.fs ?? nodeFs;
  const reasons: Reason[] = [];
  let dir: string;
  let root: string;
  try {
    dir = fs.realpathSync(cwd);
    root = fs.realpathSync(workspace);
  } catch {
    return [{ id: "git.config_unreadable", message: `the cwd \`${cwd}\` or workspace \`${workspace}\` does not exist` }];
  }
  // Every repository git could discover from cwd up to the workspace root (outside it the sandbox shows nothing).
  for (;;) {
    if (!isWithin(dir, root)) break;
    const dotGit = path.join(dir, ".git");
    const candidates: string[] = [];
    if (fs.existsSync(dotGit)) {
      if (fs.lstatSync(dotGit).isDirectory()) candidates.push(path.join(dotGit, "config"), path.join(dotGit, "config.worktree"));
      else reasons.push({ id: "git.gitdir_indirection", message: `\`${dotGit}\` is a file pointing elsewhere; its config was not inspected` });
    }
    for (const file of candidates) {
      if (!fs.existsSync(file)) continue;
      reasons.push(...(await inspectConfigFile(file, deps)));
    }
    if (dir === root) break;
    dir = path.dirname(dir);
  }
  return reasons;
}

async function inspectConfigFile(file: string, deps: GitHazardDeps): Promise<Reason[]> {
  const { env } = buildSandboxEnv({ home: "/nonexistent" });
  // `--file` reads exactly this file (no includes, no other scopes) and never runs anything it names.
  const outcome = await runProcess(deps.spawn ?? nodeSpawn, {
    command: deps.git ?? "/usr/bin/git",
    args: ["config", "--file", file, "--list", "-z"],
    env, cwd: "/", timeoutMs: deps.timeoutMs ?? 5000, maxOutputBytes: 1 << 20,
  });
  if (outcome.exitCode !== 0 || outcome.truncated) {
    return [{ id: "git.config_unreadable", message: `could not read \`${file}\`: ${(outcome.error ?? outcome.stderr).trim().slice(0, 200) || "git config failed"}` }];
  }
  const reasons: Reason[] = [];
  for (const entry of outcome.stdout.split("\0")) {
    if (entry === "") continue;
    const newline = entry.indexOf("\n");
    const key = (newline === -1 ? entry : entry.slice(0, newline));
    // Section and variable names are case-insensitive; subsections are not, which the patterns allow for.
    const lower = key.toLowerCase();
    const hit = EXEC_KEYS.find((k) => k.pattern.test(lower));
    if (hit !== undefined) reasons.push({ id: hit.id, message: `\`${file}\` sets \`${key}\`: ${hit.what}` });
  }
  return reasons;
}
