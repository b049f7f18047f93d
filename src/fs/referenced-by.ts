/**
 * Files that run later because a run-later file of the workspace names them: a CI workflow's `run: sh docs/ci.txt`,
 * a compose `command:`, a Dockerfile's `RUN sh …` or `pip install -r …`, a crontab line, a systemd unit's
 * `ExecStart=`, git's `[include] path`, `.npmrc`'s `--require`, setup.cfg's `file:`, CMake's `include()`. Which
 * files run later is decided by the classes of execute-later.ts (a listed path, a dotfile, a build or config file);
 * what each of them names is not parsed per format (the formats are open-ended): any mention of the target's path,
 * relative to the naming file's folder or to the workspace's top, counts, except on a line that only describes the
 * package (`readme = "README.md"`, `license-file`). Source files of the project count too, on a line that includes,
 * executes or loads what it names (`#include "docs/banner.txt"`, `exec(open("config.txt").read())`).
 *
 * Bounded: at most `MaxEntries` names listed and `MaxFiles` files of `MaxBytes` read per question; a file's mentions
 * are cached by its size and modification time. A scan cut short by a bound fails closed: it says the file may be
 * run later, with why.
 */
import { type Dirent, lstatSync, readdirSync } from "node:fs";
import { join, posix } from "node:path";
import { readHead } from "../core/read-head.ts";
import { findExecuteLater } from "./execute-later.ts";
import { dialectOf, indirectNames, reachingName, type IndirectNames } from "./run-later-names.ts";

const MaxEntries = 20_000;
const MaxFiles = 512;
const MaxBytes = 64 * 1024;
const MaxDepth = 12;

/** Folders never looked into: installed dependencies, caches and git's object store (they do not name project files). */
const skippedDirs: ReadonlySet<string> = new Set(["node_modules", ".venv", "venv", "__pycache__", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".cache", ".yarn", ".pnpm-store", "objects", "logs", "refs", "target", ".gradle", ".terraform"]);

/**
 * Run-later files whose mentions do not run or include what they name: ownership, ignore and attribute lists, lock
 * files, and prose (a coding agent's instruction file names documents to read: fs/execute-later.ts judges those).
 * A listed `.txt` (`CMakeLists.txt`, a requirements file) is read.
 */
function inertReferrer(name: string): boolean {
  return /^(?:codeowners|owners|\.mailmap|\.editorconfig|\.gitattributes|[\w.-]*ignore)$/i.test(name) || /\.(?:md|markdown|mdc|rst|adoc|org|csv|tsv|log|lock)$/i.test(name) || /^llms(?:-full)?\.txt$/i.test(name) || /(?:^|[.-])lock(?:file)?(?:\.json|\.ya?ml)?$/i.test(name);
}

/**
 * git's sample hooks (`git init` copies them, `pre-rebase.sample` names `CHANGELOG.md`): git runs a hook only under its
 * exact name, never a `.sample`, so what one mentions runs nothing. Renaming one into a hook is a write to `.git/`.
 */
function gitSampleHook(rel: string): boolean {
  return /(?:^|\/)\.git\/hooks\/[^/]+\.sample$/i.test(rel);
}

/** Source files that may include or execute a file they name, on a line that says so. */
const sourceFile = /\.(?:c|h|cc|cpp|cxx|hpp|hh|m|mm|py|pyw|rb|php|pl|pm|lua|js|mjs|cjs|ts|mts|cts|go|rs|java|kt|kts|scala|swift|sh|bash|zsh|ps1|r|jl|ex|exs|erl|tcl|groovy|cmake)$/i;
const includesOrRuns = /#[ \t]*include|#[ \t]*import|\binclude(?:_once|_str|_bytes)?\b|\brequire(?:_once|_relative)?\b|\bexec(?:file)?\b|\beval\b|\bsource\b|\bloadfile\b|\brunpy\b|\bsystem\b|\bsubprocess\b|\bspawn\w*\b|\bpopen\b|\bdofile\b|\bloadstring\b|\bcompile\b|\bsh\b|\bbash\b/i;

/** A line of a manifest that only describes the package: what it names is shipped or shown, never run. */
const describesOnly = /^[ \t"']*(?:readme|licen[cs]e(?:[-_]files?)?|changelog|authors|notice|copying|long[-_]description|description|homepage|documentation|keywords)["']?[ \t]*[:=]/i;

type Mention = { line: number; text: string };
type Cached = { key: string; lines: string[]; indirect?: IndirectNames };
const cache = new Map<string, Cached>();

function cachedOf(abs: string, size: number, mtimeMs: number): Cached | undefined {
  const key = `${size}:${mtimeMs}`;
  const hit = cache.get(abs);
  if (hit?.key === key) return hit;
  let lines: string[];
  try {
    lines = readHead(abs, MaxBytes).toString("utf8").split(/\r?\n/);
  } catch {
    return undefined;
  }
  if (cache.size >= 4096) cache.delete(cache.keys().next().value as string);
  const entry = { key, lines };
  cache.set(abs, entry);
  return entry;
}

/**
 * What the file names through indirection (variables, functions, quoting, globs: fs/run-later-names.ts), parsed once
 * per version of the file. A file whose language is not parsed names nothing this way.
 */
function indirectOf(entry: Cached, name: string): IndirectNames | undefined {
  if (dialectOf(name, entry.lines[0] ?? "") === undefined) return undefined;
  entry.indirect ??= indirectNames(name, entry.lines.join("\n"));
  return entry.indirect;
}

/** `findExecuteLater`, remembered: it depends on the name alone, and a scan asks it of every file each time. */
const byName = new Map<string, ReturnType<typeof findExecuteLater>>();
function runsLaterByName(rel: string): ReturnType<typeof findExecuteLater> {
  if (byName.has(rel)) return byName.get(rel);
  const found = findExecuteLater(rel);
  if (byName.size >= 65_536) byName.clear();
  byName.set(rel, found);
  return found;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The first line of `lines` that names one of `spellings` as a whole path (not a part of a longer one). */
function mention(lines: readonly string[], spellings: readonly string[], needsVerb: boolean): Mention | undefined {
  // After a `/` too: the project's folder mounted or copied elsewhere (`/app/docs/cron.txt`, `%h/app/docs/run.txt`).
  const res = spellings.map((s) => new RegExp(`(?:^|[^\\w.-])(?:\\./)?${escapeRe(s)}(?![\\w/-]|\\.\\w)`, "i"));
  const last = spellings.map((s) => s.split("/").at(-1) ?? s);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (!last.some((name) => line.toLowerCase().includes(name.toLowerCase()))) continue;
    if (!res.some((re) => re.test(line))) continue;
    if (describesOnly.test(line)) continue;
    if (needsVerb && !includesOrRuns.test(line)) continue;
    return { line: i + 1, text: line.trim().slice(0, 120) };
  }
  return undefined;
}

/**
 * A server's rule, in a config beside or above the file, that hands every file of its extension to a handler or an
 * interpreter (`.htaccess` `AddType application/x-httpd-php .txt`, `AddHandler cgi-script .md`, a `FilesMatch`
 * with `SetHandler`, nginx `location ~ \.txt$` passing to FastCGI): the file is then a program the server runs.
 */
function handlerMention(lines: readonly string[], ext: string): Mention | undefined {
  if (ext === "") return undefined;
  const byExt = new RegExp(`(?:^|[^\\w])\\\\?\\.${escapeRe(ext)}(?![\\w-])`, "i");
  // A type or handler that runs (`text/plain` only serves).
  const handler = /\b(?:addhandler|addoutputfilter|sethandler|action|fastcgi_pass|scgi_pass|uwsgi_pass|x-httpd-[\w-]+|php[\w-]*|cgi[\w-]*|interpreter|executable)\b/i;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (byExt.test(line) && (handler.test(line) || /<files(?:match)?\b|location[ \t]+~/i.test(line) && handler.test(lines.slice(i, i + 8).join("\n")))) return { line: i + 1, text: line.trim().slice(0, 120) };
  }
  return undefined;
}

/**
 * A mention through a mount or a copy under another name: the file names the target's folder (`./public:/p`,
 * `COPY public /srv`) and, on some line, an absolute path ending in the target's name (`sh /p/run.txt`).
 */
function mountedMention(lines: readonly string[], dirSpellings: readonly string[], name: string, needsVerb: boolean): Mention | undefined {
  if (dirSpellings.length === 0 || needsVerb) return undefined;
  const dirRes = dirSpellings.map((d) => new RegExp(`(?:^|[^\\w./-])(?:\\./)?${escapeRe(d)}/?(?![\\w.-])`, "i"));
  if (!lines.some((l) => dirRes.some((re) => re.test(l)))) return undefined;
  const abs = new RegExp(`(?:^|[^\\w.-])(?:[%$~][\\w{}]*)?/(?:[\\w.-]+/)*${escapeRe(name)}(?![\\w/-]|\\.\\w)`, "i");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (abs.test(line) && !describesOnly.test(line)) return { line: i + 1, text: line.trim().slice(0, 120) };
  }
  return undefined;
}

/**
 * The folder a run-later file's commands run in: its own, except for the files of a CI system, git's hooks or a dev
 * container, kept in a dot-folder (`.github/workflows/ci.yml`, `.husky/pre-commit`), whose commands run at the top of
 * the project that holds that folder.
 */
export function commandsFolder(rel: string, dir: string): string {
  const m = /^(?:(.*?)\/)?\.(?:github|gitea|forgejo|circleci|buildkite|semaphore|tekton|teamcity|woodpecker|azure-pipelines|gitlab|devcontainer|husky|githooks|git)\//i.exec(rel);
  return m === null ? dir : (m[1] ?? "");
}

/** How `target` (workspace-relative) is spelled from the folder `dir`: relative to it, and from the workspace's top. */
function spellings(dir: string, target: string): string[] {
  const fromDir = posix.relative(dir === "" ? "." : dir, target);
  return [...new Set([target, fromDir, `/${target}`])].filter((s) => s !== "" && s.length <= 1024);
}

/**
 * Why `relativePath` (workspace-relative, `/`-separated) runs later because a run-later file (or a source file
 * that includes or executes it) names it, in the owner's words, or undefined. A scan cut short by its bounds says so
 * (`failClosed`), or names nothing (where the answer removes a file: a skill's planted files). Never throws.
 */
export function referencedByRunLater(workspace: string, relativePath: string, failClosed = true): string | undefined {
  const found = referenceScan(workspace, relativePath);
  return found.why ?? (failClosed ? found.cutShort : undefined);
}

/**
 * `referencedByRunLater`'s answer with a scan cut short by its bounds kept apart (`cutShort`, why), for a caller that
 * weighs "could not be checked" by the turn (a clean turn's write in a large project should not ask for it).
 */
export function referenceScan(workspace: string, relativePath: string): { why?: string; cutShort?: string } {
  const cutShort = (bound: string) => ({ cutShort: `the workspace has ${bound}, so whether one of them runs or includes it could not be checked` });
  const parts = relativePath.replace(/\\/g, "/").split("/").filter((p) => p !== "" && p !== ".");
  if (parts.length === 0 || parts.includes("..")) return {};
  const target = parts.join("/");
  const ancestors = new Set(parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join("/")).concat(""));
  let entries = 0;
  let files = 0;
  const queue: { dir: string; depth: number }[] = [{ dir: "", depth: 0 }];
  while (queue.length > 0) {
    const { dir, depth } = queue.shift() as { dir: string; depth: number };
    let dirents: Dirent[];
    try {
      dirents = readdirSync(join(workspace, dir), { withFileTypes: true });
    } catch {
      continue;
    }
    entries += dirents.length;
    if (entries > MaxEntries) return cutShort(`more than ${MaxEntries} names`);
    for (const entry of dirents) {
      const name = entry.name;
      const rel = dir === "" ? name : `${dir}/${name}`;
      if (rel.toLowerCase() === target.toLowerCase()) continue;
      // Links are not followed (the entry's own type): a link's target is judged where it lies, and a link may lead
      // out of the workspace.
      if (entry.isDirectory()) {
        if (!skippedDirs.has(name.toLowerCase()) && depth < MaxDepth) queue.push({ dir: rel, depth: depth + 1 });
        continue;
      }
      if (!entry.isFile() || inertReferrer(name) || gitSampleHook(rel)) continue;
      const runsLater = runsLaterByName(rel);
      // Source files are read only beside the target or above it: a project names its own files from there.
      const source = runsLater === undefined && sourceFile.test(name) && ancestors.has(dir);
      if (runsLater === undefined && !source) continue;
      if (++files > MaxFiles) return cutShort(`more than ${MaxFiles} files that run later`);
      let st;
      try {
        st = lstatSync(join(workspace, rel));
      } catch {
        continue;
      }
      if (!st.isFile()) continue;
      const cached = cachedOf(join(workspace, rel), st.size, st.mtimeMs);
      if (cached === undefined) continue;
      const lines = cached.lines;
      const folder = parts.slice(0, -1).join("/");
      const ext = /\.([\w-]+)$/.exec(parts.at(-1) ?? "")?.[1] ?? "";
      const hit = mention(lines, spellings(dir, target), source) ?? mountedMention(lines, folder === "" ? [] : spellings(dir, folder), parts.at(-1) ?? "", source) ??
        (runsLater !== undefined && ancestors.has(dir) ? handlerMention(lines, ext) : undefined);
      const why = runsLater === undefined ? "a source file of the project that includes or runs it there" : `${runsLater.reason}`;
      if (hit !== undefined) return { why: `\`${rel}\` line ${hit.line} names it (\`${hit.text}\`), and \`${rel}\` runs later (${why})` };
      const indirect = indirectOf(cached, name);
      const reached = indirect === undefined ? undefined : reachingName(indirect, commandsFolder(rel, dir), target, source);
      if (reached === undefined) continue;
      const text = (lines[reached.name.line - 1] ?? reached.name.raw).trim().slice(0, 120);
      return { why: `\`${rel}\` line ${reached.name.line} names it through \`${reached.name.raw.trim().slice(0, 80)}\` (\`${text}\`), ${reached.how}, and \`${rel}\` runs later (${why})` };
    }
  }
  return {};
}
