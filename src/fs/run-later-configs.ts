/**
 * Files a project's run-later configuration names: a script a `package.json` script runs, a file a Makefile
 * includes or a recipe runs, the directory git takes its hooks from (`core.hooksPath`), what `.envrc` sources or puts
 * on PATH, the program an editor task or an existing hook calls. Their own names are ordinary (`scripts/check.js`,
 * `tools/hooks/pre-commit`), so no list of names (execute-later.ts) covers them: the configurations that exist in
 * the workspace are read and parsed, and a write to what they name is code that runs later, as a write to the
 * configuration itself would be.
 *
 * Only the target's own folder and those above it, up to the workspace's top, are read (a configuration names files
 * below it); each file is read up to 64 KiB. Never throws: a file that cannot be read or parsed names nothing.
 */
import { readdirSync } from "node:fs";
import { join, posix } from "node:path";
import { readTextHead } from "../core/read-head.ts";

const MaxBytes = 64 * 1024;

/** What a configuration names: files (run, sourced, included) and directories (everything inside runs). */
type Named = { files: string[]; dirs: string[] };

/** A configuration file in a folder, and how to read what it names. */
type Reader = { readonly path: string; readonly what: string; readonly parse: (text: string) => Named };

/**
 * Words of a command line or a configuration value that could be paths: split at shell and markup punctuation,
 * with the prefixes that mean "this project" removed (`./`, `${workspaceFolder}/`, `$(CURDIR)/`, `$PWD/`).
 */
function words(text: string): string[] {
  const local = text.replace(/\$\{(?:workspaceFolder|workspaceRoot|PWD|CURDIR|fileDirname)\}\/|\$\((?:CURDIR|PWD|shell pwd)\)\/|\$\$?PWD\//g, " ");
  return local.split(/[\s"'`=;,()[\]{}<>|&]+/).map((w) => w.replace(/^(?:\.\/)+/, "").replace(/[:.]+$/, ""))
    .filter((w) => w !== "" && w.length <= 512 && !w.includes("://") && !w.startsWith("-") && !w.startsWith("$"));
}

const files = (text: string): Named => ({ files: words(text), dirs: [] });

/** `package.json`: the commands of `scripts` and the programs of `bin` (npm runs and links them). */
function packageJson(text: string): Named {
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json !== "object" || json === null) return { files: [], dirs: [] };
    const { scripts, bin } = json as { scripts?: unknown; bin?: unknown };
    const values = [scripts, bin].flatMap((v) => (typeof v === "string" ? [v] : typeof v === "object" && v !== null ? Object.values(v) : [])).filter((v): v is string => typeof v === "string");
    return files(values.join("\n"));
  } catch {
    return { files: [], dirs: [] };
  }
}

/**
 * git's repository configuration: `core.hooksPath` (every file in it is a hook), `include.path`, and the commands
 * git runs (`core.fsmonitor`, `core.sshCommand`, `core.editor`, `core.pager`, filter and diff drivers, `!` aliases).
 */
function gitConfig(text: string): Named {
  const dirs: string[] = [];
  const named: string[] = [];
  for (const m of text.matchAll(/^[ \t]*([\w.-]+)[ \t]*=[ \t]*(.*)$/gm)) {
    const key = (m[1] ?? "").toLowerCase();
    const value = (m[2] ?? "").trim().replace(/^"(.*)"$/, "$1");
    if (key === "hookspath") dirs.push(value.replace(/^(?:\.\/)+/, "").replace(/\/+$/, ""));
    else named.push(...words(value));
  }
  return { files: named, dirs };
}

/** `.envrc` is a shell script direnv sources: what it sources, and the folders it puts on PATH (`PATH_add`). */
function envrc(text: string): Named {
  const dirs = [...text.matchAll(/^[ \t]*(?:PATH_add|path_add|MANPATH_add|export[ \t]+PATH=)[ \t]*"?([^\s":$]+)/gm)].map((m) => (m[1] ?? "").replace(/^(?:\.\/)+/, ""));
  return { files: words(text), dirs };
}

/** A Makefile: what it includes and the words of its recipes (make runs them). */
function makefile(text: string): Named {
  const included = [...text.matchAll(/^[ \t]*-?s?include[ \t]+(.+)$/gm)].map((m) => m[1] ?? "");
  const recipes = [...text.matchAll(/^\t(.+)$/gm)].map((m) => m[1] ?? "");
  return files([...included, ...recipes].join("\n"));
}

/** The configurations read in each folder. A JSON with comments is read as text (its strings are still words). */
const readers: readonly Reader[] = [
  { path: "package.json", what: "a script of `package.json`", parse: packageJson },
  { path: ".git/config", what: "git's configuration (hooks path, commands it runs)", parse: gitConfig },
  { path: ".envrc", what: "`.envrc`, which direnv sources on `cd`", parse: envrc },
  ...["Makefile", "makefile", "GNUmakefile"].map((path) => ({ path, what: `\`${path}\``, parse: makefile })),
  ...["justfile", ".justfile", "Taskfile.yml", "Taskfile.yaml", "Procfile", "crontab", ".pre-commit-config.yaml", "lefthook.yml", "tox.ini"].map((path) => ({ path, what: `\`${path}\`, whose commands run later`, parse: files })),
  ...[".vscode/tasks.json", ".vscode/launch.json", ".vscode/settings.json"].map((path) => ({ path, what: `\`${path}\`, whose commands the editor runs`, parse: files })),
];

/** Folders whose every file is a script run later, each read as a configuration (an existing hook calls a file). */
const scriptDirs = [".git/hooks", ".husky", ".githooks"];

function readText(path: string): string | undefined {
  return readTextHead(path, MaxBytes);
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir).slice(0, 64);
  } catch {
    return [];
  }
}

/** The configurations of one folder (workspace-relative, `""` for the top), with what each names. */
function configsIn(workspace: string, dir: string): { name: string; what: string; named: Named }[] {
  const out: { name: string; what: string; named: Named }[] = [];
  const at = (p: string) => (dir === "" ? p : `${dir}/${p}`);
  for (const reader of readers) {
    const text = readText(join(workspace, dir, reader.path));
    if (text !== undefined) out.push({ name: at(reader.path), what: reader.what, named: reader.parse(text) });
  }
  for (const name of entries(join(workspace, dir))) {
    if (!/\.mk$/i.test(name)) continue;
    const text = readText(join(workspace, dir, name));
    if (text !== undefined) out.push({ name: at(name), what: `\`${name}\`, which make includes`, named: makefile(text) });
  }
  for (const scripts of scriptDirs) {
    for (const name of entries(join(workspace, dir, scripts))) {
      // git runs a hook only under its exact name: the `.sample`s `git init` copies (`pre-rebase.sample` names
      // `CHANGELOG.md`) run nothing; renaming one into a hook is a write to the hooks folder, judged as such.
      if (/\.sample$/i.test(name)) continue;
      const text = readText(join(workspace, dir, scripts, name));
      if (text !== undefined) out.push({ name: at(`${scripts}/${name}`), what: "a hook git runs", named: files(text) });
    }
  }
  return out;
}

/** `p` as a workspace-relative path from the folder `dir`, or undefined when it leaves the workspace. */
function fromDir(workspace: string, dir: string, p: string): string | undefined {
  const abs = posix.isAbsolute(p);
  const rel = abs ? posix.relative(workspace.replace(/\\/g, "/"), posix.normalize(p)) : posix.normalize(posix.join(dir, p));
  if (rel === "" || rel === "." || rel.startsWith("..")) return undefined;
  return rel.toLowerCase();
}

/** A named file, or a glob of them (`scripts/*.js`, `hooks/**`), matches the target. */
function matches(named: string | undefined, target: string): boolean {
  if (named === undefined) return false;
  if (!named.includes("*") && !named.includes("?")) return named === target;
  const re = named.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*\*\/?/g, "\u0000").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]").replace(/\u0000/g, ".*");
  return new RegExp(`^${re}$`).test(target);
}

/**
 * Why a write to `relativePath` (workspace-relative) is code that runs later because a configuration in the
 * workspace names it, in the owner's words, or undefined. Never throws.
 */
export function namedByRunLaterConfig(workspace: string, relativePath: string): string | undefined {
  return namedBy(workspace, relativePath, false);
}

/**
 * Why a write grant over the folder `relativeDir` reaches code that runs later because a configuration above it
 * names a file inside it, the folder itself, or a folder around it (`core.hooksPath = out`, `sh out/gen.sh`).
 * Never throws.
 */
export function runLaterWithin(workspace: string, relativeDir: string): string | undefined {
  return namedBy(workspace, relativeDir, true);
}

function namedBy(workspace: string, relativePath: string, within: boolean): string | undefined {
  const parts = relativePath.replace(/\\/g, "/").split("/").filter((p) => p !== "" && p !== ".");
  if (parts.length === 0 || parts.includes("..")) return undefined;
  const target = parts.join("/").toLowerCase();
  const inside = (named: string | undefined) => named !== undefined && (named === target || named.startsWith(`${target}/`) || target.startsWith(`${named}/`) || (named.includes("*") && matches(named, `${target}/x`)));
  for (let depth = Math.min(parts.length - 1, 16); depth >= 0; depth--) {
    const dir = parts.slice(0, depth).join("/");
    for (const config of configsIn(workspace, dir)) {
      if (config.name.toLowerCase() === target) continue;
      const dirHit = config.named.dirs.find((d) => {
        const rel = fromDir(workspace, dir, d);
        return rel !== undefined && target.startsWith(`${rel}/`);
      });
      if (dirHit !== undefined) return `\`${config.name}\` (${config.what}) runs everything in \`${dirHit}\``;
      if (within) {
        const hit = [...config.named.files, ...config.named.dirs].find((f) => inside(fromDir(workspace, dir, f)));
        if (hit !== undefined) return `\`${config.name}\` (${config.what}) names \`${hit}\``;
        continue;
      }
      if (config.named.files.some((f) => matches(fromDir(workspace, dir, f), target))) return `\`${config.name}\` (${config.what}) names it`;
    }
  }
  return undefined;
}
