/**
 * What a shell command left behind that runs later, outside the sandbox: a git hook, a `.git/config` alias or
 * filter, `.envrc`, a `postinstall`, `node_modules/.bin/eslint`, a `conftest.py`, a CI workflow. The sandbox confines
 * a command to the workspace, but the workspace is where these live; the owner who approved `sh test/run.sh` approved
 * running the tests, not the repository's script planting code that their next `git commit`, `cd` or `npm install`
 * runs unsandboxed.
 *
 * Before the command: `snapshotRunLater` walks the workspace (bounded) and keeps every file on the execute-later list
 * (fs/execute-later.ts) with its identity, mode, link target and — within a byte budget — its content. After it:
 * `undoRunLater` walks again; a run-later file the command created is removed, one it changed (content, mode, link
 * target) is put back as it was, before anything can run it. What cannot be put back (past the byte budget, or past
 * the walk's bound so that "created" and "changed" cannot be told apart) is moved aside into Warden's state, out of
 * the workspace, never silently kept. Files a configuration names (`core.hooksPath`, a Makefile recipe's script)
 * that the command created are removed too (bounded looks; fs/run-later-configs.ts).
 *
 * INVARIANT: what the gate judged is kept (`keptWrite`): a path the analyzer saw the command write (`echo … >> .envrc`
 * asked or was allowed for that write), what an installer the owner named is for (`npm install` → `node_modules/`,
 * `pip install` → the virtualenv), what git writes of its own repository, and everything a command writes when the
 * analyzer knows all it runs (no script, no project code: `sed -i`, `cp` name their targets).
 *
 * Never throws: an unreadable file is kept as metadata only (and moved aside if the command changed it).
 */
import { chmodSync, copyFileSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, symlinkSync, unlinkSync, writeFileSync, type Stats } from "node:fs";
import { dirname, join } from "node:path";
import { findExecuteLater } from "../fs/execute-later.ts";
import { namedByRunLaterConfig } from "../fs/run-later-configs.ts";

export type RunLaterLimits = {
  /** Directory entries looked at per walk. */
  maxEntries: number;
  /** Run-later files whose content is kept only up to this size each. */
  maxFileBytes: number;
  /** Content kept in total; files past it are kept as metadata (moved aside if changed). */
  maxTotalBytes: number;
  /** Changed files not on the list looked up in the project's configurations after the command. */
  maxConfigLooks: number;
  /** As in fs/changed-files.ts: a status change this long before the start counts as the command's. */
  clockSlackMs: number;
};

export const defaultRunLaterLimits: RunLaterLimits = { maxEntries: 50_000, maxFileBytes: 1024 * 1024, maxTotalBytes: 16 * 1024 * 1024, maxConfigLooks: 64, clockSlackMs: 1000 };

type Kept = { kind: "file" | "link"; ino: number; size: number; mtimeMs: number; ctimeMs: number; mode: number; content?: Buffer; target?: string };

export type RunLaterSnapshot = {
  root: string;
  /** Run-later files (workspace-relative) as they were. */
  kept: Map<string, Kept>;
  /** Every regular file or link seen (for "created" versus "changed" of files a configuration names). */
  seen: Set<string>;
  /** False when the walk stopped at its bound: a run-later file it did not see may have existed. */
  complete: boolean;
  startedMs: number;
};

export type UndoneFile = { path: string; action: "removed" | "restored" | "moved-aside" | "failed"; why: string; movedTo?: string };

/**
 * Why a workspace-relative path is code or configuration something runs later, or undefined. git's own data
 * (objects, refs, the index, logs) is not: git reads it as data, and every `git commit` writes it.
 */
export function runsLaterPath(rel: string, isLink = false): string | undefined {
  if (inertGitData(rel) || inertToolData.test(rel)) return undefined;
  const hit = listed(rel) ?? (isLink ? listed(`${rel}/x`) : undefined);
  return hit === undefined ? undefined : `${hit.reason} (\`${hit.pattern}\`)`;
}

/**
 * `findExecuteLater`, remembered: it depends on the name alone, and each walk asks it of every file (as
 * fs/referenced-by.ts does). Bounded: cleared when full.
 */
const byName = new Map<string, ReturnType<typeof findExecuteLater>>();
function listed(rel: string): ReturnType<typeof findExecuteLater> {
  if (byName.has(rel)) return byName.get(rel);
  const found = findExecuteLater(rel);
  if (byName.size >= 100_000) byName.clear();
  byName.set(rel, found);
  return found;
}

const inertGitNames = new Set(["index", "head", "orig_head", "fetch_head", "merge_head", "cherry_pick_head", "revert_head", "commit_editmsg", "merge_msg", "squash_msg", "packed-refs", "description", "shallow", "index.lock", "head.lock", "config.lock", "auto_merge", "merge_mode", "logs", "objects", "refs"]);

/**
 * What test, type-check, lint and coverage tools write as their job and read back as data, never as code: their caches
 * and results (`.pytest_cache/`, `.mypy_cache/`, `.coverage`, `.eslintcache`, `.nyc_output/`). A test run leaving them
 * plants nothing. Caches that hold code (`.cache/` of a bundler, `.next/`, `.tox/` virtualenvs) are not among them.
 */
const inertToolData = /(?:^|\/)(?:\.(?:pytest_cache|mypy_cache|ruff_cache|hypothesis|nyc_output|pylint\.d|dmypy\.json)(?:\/|$)|\.coverage(?:\.[\w.-]+)?$|\.(?:eslintcache|stylelintcache|prettiercache|phpunit\.result\.cache|rspec_status|testmondata|noseids)$)/i;

/** A path inside a `.git` directory that git reads as data: objects, refs, logs, the index, messages. */
function inertGitData(rel: string): boolean {
  const parts = rel.toLowerCase().split("/");
  const at = parts.lastIndexOf(".git");
  if (at < 0) return false;
  const inside = parts.slice(at + 1);
  // A submodule's or worktree's own git dir (`.git/modules/x/…`, `.git/worktrees/x/…`) is judged like the top one.
  while ((inside[0] === "modules" || inside[0] === "worktrees") && inside.length > 2) inside.splice(0, 2);
  const first = inside[0];
  if (first === undefined) return false;
  if (first === "objects" || first === "refs" || first === "logs" || first === "lfs") return true;
  return inside.length === 1 && inertGitNames.has(first);
}

/** Folders never walked: git's object store holds nothing that runs (and may hold many files). */
function skipDir(rel: string): boolean {
  return /(?:^|\/)\.git\/(?:objects|lfs)$/i.test(rel);
}

type Walked = { rel: string; link: boolean };

function walk(root: string, maxEntries: number): { files: Walked[]; complete: boolean } {
  const files: Walked[] = [];
  const pending = [""];
  let entries = 0;
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    let names;
    try {
      names = readdirSync(join(root, dir), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of names) {
      if (++entries > maxEntries) return { files, complete: false };
      const rel = dir === "" ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!skipDir(rel)) pending.push(rel);
        continue;
      }
      if (entry.isFile() || entry.isSymbolicLink()) files.push({ rel, link: entry.isSymbolicLink() });
    }
  }
  return { files, complete: true };
}

/**
 * Installed trees (`node_modules/`, a virtualenv) are kept as metadata only: thousands of files a command rarely
 * changes, whose content would be read before every command; one it does change is moved aside, not put back.
 * git's own directory comes after the project's files in the byte budget.
 */
function weight(rel: string): number {
  if (installedTree.test(rel)) return 2;
  return /(?:^|\/)\.git\//.test(rel) ? 1 : 0;
}
const installedTree = /(?:^|\/)(?:node_modules|\.venv|venv|\.virtualenv|site-packages)\//;

function statOf(root: string, rel: string): Stats | undefined {
  try {
    return lstatSync(join(root, rel));
  } catch {
    return undefined;
  }
}

/** The workspace's run-later files before a command runs, with their content within the budget. Never throws. */
export function snapshotRunLater(workspace: string, limits: RunLaterLimits = defaultRunLaterLimits): RunLaterSnapshot {
  const startedMs = Date.now();
  let root: string;
  try {
    root = realpathSync(workspace);
  } catch {
    return { root: workspace, kept: new Map(), seen: new Set(), complete: false, startedMs };
  }
  const { files, complete } = walk(root, limits.maxEntries);
  const kept = new Map<string, Kept>();
  const seen = new Set<string>();
  const listed: Walked[] = [];
  for (const f of files) {
    seen.add(f.rel);
    if (runsLaterPath(f.rel, f.link) !== undefined) listed.push(f);
  }
  listed.sort((a, b) => weight(a.rel) - weight(b.rel));
  let budget = limits.maxTotalBytes;
  for (const { rel } of listed) {
    const st = statOf(root, rel);
    if (st === undefined) continue;
    const base: Kept = { kind: st.isSymbolicLink() ? "link" : "file", ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, mode: st.mode };
    try {
      if (base.kind === "link") base.target = readlinkSync(join(root, rel));
      else if (st.size <= limits.maxFileBytes && st.size <= budget && weight(rel) < 2) {
        const content = readFileSync(join(root, rel));
        // Read what was lstat'ed: a file that grew in between is kept as metadata only.
        if (content.length === st.size) {
          base.content = content;
          budget -= content.length;
        }
      }
    } catch {
      // unreadable: metadata only
    }
    kept.set(rel, base);
  }
  return { root, kept, seen, complete, startedMs };
}

/** Whether the file at `rel` is as it was: same kind, mode, content (or link target). */
function unchanged(before: Kept, st: Stats, root: string, rel: string): boolean {
  const kind = st.isSymbolicLink() ? "link" : "file";
  if (kind !== before.kind || st.mode !== before.mode) return false;
  if (st.ino === before.ino && st.size === before.size && st.mtimeMs === before.mtimeMs && st.ctimeMs === before.ctimeMs) return true;
  try {
    if (kind === "link") return readlinkSync(join(root, rel)) === before.target;
    return before.content !== undefined && st.size === before.size && readFileSync(join(root, rel)).equals(before.content);
  } catch {
    return false;
  }
}

/** Every folder from the top to `rel`'s parent is a real directory (no link the command left could redirect a write). */
function parentIsReal(root: string, rel: string): boolean {
  const parts = rel.split("/").slice(0, -1);
  for (let i = 1; i <= parts.length; i++) {
    try {
      const st = lstatSync(join(root, ...parts.slice(0, i)));
      if (!st.isDirectory()) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** Moves the file into `aside` (out of the workspace), keeping its workspace path under it. */
function moveAside(root: string, rel: string, aside: string): string {
  const to = join(aside, rel);
  mkdirSync(dirname(to), { recursive: true, mode: 0o700 });
  try {
    renameSync(join(root, rel), to);
  } catch {
    copyFileSync(join(root, rel), to);
    unlinkSync(join(root, rel));
  }
  return to;
}

function putBack(root: string, rel: string, before: Kept): void {
  const path = join(root, rel);
  unlinkSync(path);
  if (before.kind === "link") symlinkSync(before.target as string, path);
  else {
    writeFileSync(path, before.content as Buffer, { flag: "wx", mode: before.mode & 0o7777 });
    chmodSync(path, before.mode & 0o7777);
  }
}

/**
 * Undoes what the command planted where something runs it later. `keep(rel)` says why the gate already judged a
 * write to `rel` (then it stays); `aside` is a folder outside the workspace for what cannot be put back. Returns
 * what was undone, each with why. Never throws.
 */
export function undoRunLater(snapshot: RunLaterSnapshot, keep: (rel: string) => string | undefined, aside: string, limits: RunLaterLimits = defaultRunLaterLimits): UndoneFile[] {
  const { root, kept, seen } = snapshot;
  const undone: UndoneFile[] = [];
  const since = snapshot.startedMs - limits.clockSlackMs;
  let looks = 0;
  const act = (rel: string, why: string, how: () => Omit<UndoneFile, "path" | "why">) => {
    if (keep(rel) !== undefined) return;
    if (!parentIsReal(root, rel)) {
      undone.push({ path: rel, action: "failed", why: `${why}; a link in its path stops Warden from touching it safely` });
      return;
    }
    try {
      undone.push({ path: rel, why, ...how() });
    } catch (error) {
      undone.push({ path: rel, action: "failed", why: `${why}; undoing failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  };
  const { files } = walk(root, limits.maxEntries);
  for (const { rel, link } of files) {
    const listed = runsLaterPath(rel, link);
    const before = kept.get(rel);
    // Only a file on the list, or one that did not exist before, is looked at (a stat each).
    if (listed === undefined && (seen.has(rel) || !snapshot.complete || looks >= limits.maxConfigLooks)) continue;
    const st = statOf(root, rel);
    if (st === undefined) continue;
    if (listed !== undefined) {
      if (before !== undefined) {
        if (unchanged(before, st, root, rel)) continue;
        const why = `changed by the command; ${listed}`;
        if (before.kind === "link" || before.content !== undefined) act(rel, why, () => (putBack(root, rel, before), { action: "restored" }));
        else act(rel, `${why}; Warden did not keep its earlier content (an installed package's file, or past the byte budget)`, () => ({ action: "moved-aside", movedTo: moveAside(root, rel, aside) }));
      } else if (snapshot.complete) act(rel, `created by the command; ${listed}`, () => (unlinkSync(join(root, rel)), { action: "removed" }));
      else if (st.ctimeMs >= since) act(rel, `written by the command; ${listed}; the workspace was too large to tell whether it existed before`, () => ({ action: "moved-aside", movedTo: moveAside(root, rel, aside) }));
      continue;
    }
    // Not on the list: a file the project's configuration names (`core.hooksPath`, a recipe's script), newly created.
    if (st.ctimeMs < since) continue;
    looks++;
    const named = namedByRunLaterConfig(root, rel);
    if (named !== undefined) act(rel, `created by the command; ${named}`, () => (unlinkSync(join(root, rel)), { action: "removed" }));
  }
  return undone;
}

/** The note the model and the owner read in the tool's result. */
export function undoneNote(undone: readonly UndoneFile[]): string {
  const shown = undone.slice(0, 8).map((u) => `\`${u.path.slice(0, 160)}\` ${u.action}${u.movedTo !== undefined ? ` (kept in Warden's state at \`${u.movedTo}\`)` : ""}: ${u.why}`);
  const more = undone.length > 8 ? `; and ${undone.length - 8} more` : "";
  return `[Warden undid what the command left that runs later outside the sandbox (exec.run_later_undone): ${shown.join("; ")}${more}. The approval covered running the command, not code it planted for later; the owner can make such a change with a command that names the file.]`;
}

type Word = { value: string; literal: boolean };
/** What of a command's parse (exec/shell-analyzer.ts) this module reads: each simple command's words, every redirect. */
export type CommandWords = { commands: { argv: Word[]; redirects: { target: Word | null }[] }[]; redirects: { target: Word | null }[] };

const jsInstallers = new Set(["npm", "pnpm", "yarn", "bun", "cnpm"]);
const jsInstall = new Set(["install", "i", "ci", "add", "update", "up", "upgrade", "remove", "rm", "uninstall", "un", "rebuild", "dedupe", "prune", "link"]);
const pyInstallers = new Set(["pip", "pip3", "uv", "poetry", "pipenv", "pdm", "virtualenv", "pipx"]);
const pyInstall = new Set(["install", "sync", "add", "remove", "update", "lock", "venv"]);

function programOf(word: { value: string } | undefined): string {
  return (word?.value ?? "").split("/").pop() ?? "";
}

/**
 * What an installer the owner named is for, as path tests: `npm install` fills `node_modules/` (its `.bin/` stubs
 * are what it is for) and records the dependency in `package.json`; `pip install`, `python -m venv`, `uv sync` fill a
 * virtualenv; `husky install` and `pre-commit install` install git hooks. A test run or a `make` target is not one.
 */
function installerScopes(commands: CommandWords["commands"]): { why: string; test: (rel: string) => boolean }[] {
  const scopes: { why: string; test: (rel: string) => boolean }[] = [];
  for (const c of commands) {
    const words = c.argv.map((w) => w.value);
    let prog = programOf(c.argv[0]);
    let rest = words.slice(1);
    if ((prog === "npx" || prog === "pnpx" || prog === "bunx") && rest.length > 0) {
      prog = programOf({ value: rest[0] ?? "" });
      rest = rest.slice(1);
    }
    if (/^python[\d.]*$/.test(prog) && rest[0] === "-m") {
      prog = rest[1] ?? "";
      rest = rest.slice(2);
    }
    const sub = rest.find((w) => !w.startsWith("-")) ?? "";
    if (jsInstallers.has(prog) && (jsInstall.has(sub) || (prog === "yarn" && rest.length === 0))) {
      scopes.push({ why: `\`${prog} ${sub || "install"}\` installs packages (their \`node_modules/.bin\` stubs are what it is for)`, test: (r) => /(?:^|\/)node_modules\//.test(r) || /(?:^|\/)(?:package\.json|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|\.pnp\.c?js|\.pnp\.loader\.mjs)$/.test(r) || /^(?:.*\/)?\.yarn\/(?:cache|install-state)/.test(r) });
    } else if (pyInstallers.has(prog) && (pyInstall.has(sub) || prog === "virtualenv") || prog === "venv") {
      scopes.push({ why: `\`${prog}${sub ? ` ${sub}` : ""}\` installs Python packages into a virtualenv`, test: (r) => /(?:^|\/)(?:\.venv|venv|env|\.virtualenv)\//.test(r) || /\/site-packages\//.test(r) || (prog !== "pip" && prog !== "pip3" && /(?:^|\/)(?:pyproject\.toml|poetry\.lock|uv\.lock|pipfile(?:\.lock)?|pdm\.lock)$/i.test(r)) });
    } else if (prog === "husky" && (sub === "install" || sub === "init" || sub === "")) {
      scopes.push({ why: "`husky` installs the project's git hooks", test: (r) => /(?:^|\/)\.husky\//.test(r) || /(?:^|\/)\.git\/config$/.test(r) || (sub === "init" && /(?:^|\/)package\.json$/.test(r)) });
    } else if ((prog === "pre-commit" || prog === "lefthook") && sub === "install") {
      scopes.push({ why: `\`${prog} install\` installs git hooks`, test: (r) => /(?:^|\/)\.git\/hooks\//.test(r) });
    }
  }
  return scopes;
}

/**
 * Why the gate already judged the command's write to a workspace-relative path, or undefined (then a run-later file it
 * left is undone). Judged: a path the command names in its words or redirects (`sed -i … package.json`,
 * `echo … >> .envrc`, `cp x .git/hooks/pre-commit`: the decision saw that name), what an installer is for, and what
 * git writes: a command made of git alone writes what the repository holds or what its arguments say (its hooks are
 * disarmed while it runs); git in a longer command keeps its repository files but not hooks. An unparsed command
 * judged nothing.
 */
export function judgedWrites(root: string, cwd: string, parsed: CommandWords | undefined): (rel: string) => string | undefined {
  const commands = parsed?.commands ?? [];
  if (parsed === undefined || commands.length === 0) return () => undefined;
  const named = new Set<string>();
  const cwdRel = cwd === root ? "" : cwd.startsWith(`${root}/`) ? cwd.slice(root.length + 1) : undefined;
  const add = (w: Word | null | undefined) => {
    if (w == null || !w.literal || w.value === "") return;
    const abs = w.value.startsWith("/") ? w.value : cwdRel === undefined ? undefined : join(root, cwdRel, w.value);
    if (abs !== undefined && abs.startsWith(`${root}/`)) named.add(abs.slice(root.length + 1).replace(/\/+$/, ""));
  };
  for (const c of commands) {
    c.argv.slice(1).forEach(add);
    c.redirects.forEach((r) => add(r.target));
  }
  parsed.redirects.forEach((r) => add(r.target));
  const scopes = installerScopes(commands);
  const programs = commands.map((c) => programOf(c.argv[0]));
  const gitOnly = programs.every((p) => p === "git");
  const withGit = programs.includes("git");
  return (rel) => {
    if ([...named].some((n) => rel === n || rel.startsWith(`${n}/`))) return "the command names it";
    const scope = scopes.find((s) => s.test(rel));
    if (scope !== undefined) return scope.why;
    if (gitOnly) return "git alone wrote it (the repository's content or the command's arguments; hooks disarmed)";
    if (withGit && /(?:^|\/)\.git\//.test(rel) && !/(?:^|\/)\.git\/(?:modules\/.+\/)?hooks\/(?!.*\.sample$)/.test(rel)) return "git writes its own repository files";
    return undefined;
  };
}
