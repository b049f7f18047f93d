import nodeFs from "node:fs";
import path from "node:path";
import { spawn as nodeSpawn } from "node:child_process";
import type { Reason } from "../core/decision.ts";
import { buildSandboxEnv } from "./environment.ts";
import { runProcess } from "./run-process.ts";
import type { SpawnFn } from "./types.ts";

/**
 * Repository config keys that make git run a program and whose names the repository chooses
 * (`filter.<driver>.clean`, `diff.<driver>.textconv`, …), so the fixed hardening in environment.ts cannot pin
 * them. Each comes with the command-scope value that disarms it: an empty filter is no filter; an empty diff
 * command or external diff makes git stop with "cannot run" rather than run anything; `cat` as textconv shows
 * the file as it is.
 */
const BOOLEAN = /^(true|false|yes|no|on|off|1|0|)$/i;
const EXEC_KEYS: readonly { pattern: RegExp; id: string; what: string; disarm: string | null; when?: (value: string) => boolean }[] = [
  { pattern: /^filter\..+\.(clean|smudge|process)$/, id: "git.config_filter", what: "a filter driver (runs on `git status`, `diff`, `add`, `checkout`)", disarm: "" },
  { pattern: /^diff\..+\.textconv$/, id: "git.config_diff_driver", what: "a diff text converter (runs on `git diff`, `log -p`, `show`)", disarm: "cat" },
  { pattern: /^diff\..+\.command$/, id: "git.config_diff_driver", what: "a diff driver (runs on `git diff`)", disarm: "" },
  { pattern: /^diff\.external$/, id: "git.config_diff_driver", what: "an external diff program (runs on `git diff`)", disarm: "" },
  { pattern: /^merge\..+\.driver$/, id: "git.config_merge_driver", what: "a merge driver (runs on `git merge`, `rebase`, `pull`)", disarm: "false" },
  { pattern: /^alias\./, id: "git.config_alias", what: "an alias (with `!` it runs shell text)", disarm: "" },
  { pattern: /^remote\..+\.uploadpack$/, id: "git.config_remote_program", what: "a remote helper program (runs on `fetch`)", disarm: "git-upload-pack" },
  { pattern: /^remote\..+\.receivepack$/, id: "git.config_remote_program", what: "a remote helper program (runs on `push`)", disarm: "git-receive-pack" },
  { pattern: /^credential\..+\.helper$/, id: "git.config_credential", what: "a URL-scoped credential helper", disarm: "" },
  { pattern: /^pager\./, id: "git.config_program", what: "a pager for one command", disarm: "false", when: (v) => !BOOLEAN.test(v) },
  { pattern: /^(difftool|mergetool|man|browser|guitool)\..+\.(cmd|path)$/, id: "git.config_program", what: "a program to run", disarm: "false" },
  { pattern: /^trailer\..+\.(cmd|command)$/, id: "git.config_program", what: "a trailer command", disarm: "false" },
  { pattern: /^gpg\.(.+\.)?program$/, id: "git.config_program", what: "a signing program", disarm: "false" },
  { pattern: /^sendemail\.(.+\.)?(tocmd|cccmd|headercmd)$/, id: "git.config_program", what: "a program `git send-email` runs", disarm: "false" },
  { pattern: /^sendemail\.(.+\.)?smtpserver$/, id: "git.config_program", what: "an SMTP server (a program when it is a path)", disarm: "localhost" },
  { pattern: /^submodule\..+\.update$/, id: "git.config_program", what: "a submodule update command", disarm: "checkout", when: (v) => v.startsWith("!") },
  // Pinned by the fixed hardening too, but shown: the hardening rides in the environment, which an approved
  // command may clear (`env -i git status`), and the owner should know what the repository would run then.
  { pattern: /^core\.fsmonitor$/, id: "git.config_program", what: "a file-system monitor program (runs on `git status`, `diff`)", disarm: "false", when: (v) => !BOOLEAN.test(v) },
  // First value wins for `core.gitProxy`: it cannot be disarmed by a later one; environment.ts refuses git:// instead.
  { pattern: /^core\.gitproxy$/, id: "git.config_program", what: "a proxy program for git://", disarm: null },
];

export type GitHazardDeps = {
  spawn?: SpawnFn;
  fs?: typeof nodeFs;
  git?: string;
  timeoutMs?: number;
  /** Repositories to inspect (directories holding `.git`), as a workspace scan found them; default: cwd upwards. */
  repositories?: readonly string[];
  /** Git directories under other names (bare repositories, stores), inspected with `GIT_DIR`. */
  gitDirs?: readonly string[];
};

/** What the repositories configure: reasons for the gate, and the command-scope values that disarm each key. */
export type GitConfigReport = { hazards: Reason[]; overrides: [string, string][] };

function isWithin(child: string, parent: string): boolean {
  return child === parent || child.startsWith(`${parent}/`);
}

/** The directories from `cwd` up to the workspace root that hold a `.git` entry (what git discovers from cwd). */
function repositoriesAbove(cwd: string, root: string, fs: typeof nodeFs): string[] {
  const found: string[] = [];
  for (let dir = cwd; isWithin(dir, root); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, ".git"))) found.push(dir);
    if (dir === root) break;
  }
  return found;
}

/**
 * Asks git itself for the effective configuration of every repository a command could reach — so `commondir`,
 * `gitdir:` files, `include.path`, `includeIf`, `config.worktree` and anything git adds later are followed exactly
 * as git follows them — and reports each key that runs a program, with the value that disarms it.
 * Fails closed: a repository git cannot read is a hazard.
 */
export async function inspectGitConfig(cwd: string, workspace: string, deps: GitHazardDeps = {}): Promise<GitConfigReport> {
  const fs = deps.fs ?? nodeFs;
  let dir: string;
  let root: string;
  try {
    dir = fs.realpathSync(cwd);
    root = fs.realpathSync(workspace);
  } catch {
    return { hazards: [{ id: "git.config_unreadable", message: `the cwd \`${cwd}\` or workspace \`${workspace}\` does not exist` }], overrides: [] };
  }
  const repositories = new Set([...(deps.repositories ?? []), ...repositoriesAbove(dir, root, fs)]);
  const hazards: Reason[] = [];
  const overrides = new Map<string, string>();
  const targets = [...[...repositories].sort().map((dir) => ({ dir, gitDir: false })), ...(deps.gitDirs ?? []).map((dir) => ({ dir, gitDir: true }))];
  for (const target of targets) {
    const report = await inspectRepository(target.dir, target.gitDir, root, deps);
    for (const h of report.hazards) if (!hazards.some((x) => x.id === h.id && x.message === h.message)) hazards.push(h);
    for (const [key, value] of report.overrides) overrides.set(key, value);
  }
  return { hazards, overrides: [...overrides] };
}

/** The hazards alone, for the gate: a `git status|log|diff` it would allow as read-only is asked when any is found. */
export async function findGitConfigHazards(cwd: string, workspace: string, deps: GitHazardDeps = {}): Promise<Reason[]> {
  return (await inspectGitConfig(cwd, workspace, deps)).hazards;
}

async function inspectRepository(repo: string, isGitDir: boolean, root: string, deps: GitHazardDeps): Promise<GitConfigReport> {
  const { env } = buildSandboxEnv({ home: "/nonexistent" });
  // A git directory under another name is only used when named explicitly (`safe.bareRepository=explicit`).
  if (isGitDir) env.GIT_DIR = repo;
  // Discovery stops at the workspace, as in the sandbox, where nothing above it exists.
  env.GIT_CEILING_DIRECTORIES = path.dirname(root);
  // `git config --list` reads configuration only (includes too) and never runs a program it names.
  const outcome = await runProcess(deps.spawn ?? nodeSpawn, {
    command: deps.git ?? "/usr/bin/git",
    args: ["config", "--list", "--show-scope", "--show-origin", "-z"],
    env, cwd: repo, timeoutMs: deps.timeoutMs ?? 5000, maxOutputBytes: 4 << 20,
  });
  const unreadable = (why: string): GitConfigReport => ({
    hazards: [{ id: "git.config_unreadable", message: `git could not read the configuration of the repository at \`${repo}\`: ${why}` }], overrides: [],
  });
  if (outcome.exitCode !== 0 || outcome.truncated) return unreadable((outcome.error ?? outcome.stderr).trim().slice(0, 200) || "git config failed");
  const fields = outcome.stdout.split("\0");
  if (fields.at(-1) === "") fields.pop();
  if (fields.length % 3 !== 0) return unreadable("unexpected output from `git config --list`");
  const report: GitConfigReport = { hazards: [], overrides: [] };
  for (let i = 0; i < fields.length; i += 3) {
    const scope = fields[i] as string;
    const origin = fields[i + 1] as string;
    const entry = fields[i + 2] as string;
    if (!["local", "worktree", "global", "system", "command"].includes(scope)) return unreadable(`unknown scope \`${scope}\``);
    if (scope === "command") continue; // Warden's own hardening
    const newline = entry.indexOf("\n");
    const key = newline === -1 ? entry : entry.slice(0, newline);
    const value = newline === -1 ? "" : entry.slice(newline + 1);
    // Section and variable names are case-insensitive; subsections are not, which the patterns allow for.
    const hit = EXEC_KEYS.find((k) => k.pattern.test(key.toLowerCase()) && (k.when === undefined || k.when(value)));
    if (hit === undefined) continue;
    report.hazards.push({ id: hit.id, message: `\`${origin.replace(/^file:/, "")}\` (${scope}) sets \`${key}\`: ${hit.what}` });
    if (hit.disarm !== null) report.overrides.push([key, hit.disarm]);
  }
  return report;
}
