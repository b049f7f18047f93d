/**
 * The commands a "run a file's commands" call will run, read from the file as it is now: `make tidy` runs the recipe
 * of `tidy` in the Makefile (and of the targets it depends on), `npm run lint` the `lint` script of package.json (with
 * `prelint` and `postlint`; `npm install` the package's install scripts), `pnpm`/`yarn`/`bun` the same, `just x` the
 * recipe in the justfile, `sh tools/format.sh` (and `bash`, `./x.sh`, a `#!/bin/sh` file) the script's lines. The exec
 * analyzer sees only `make` or `npm`, whose effects it cannot know; with these the gate judges the commands that will
 * really run, and the approval shows them. A Python (or other interpreter's) file is named, not read as commands.
 *
 * What cannot be read to the end (a variable set outside the file, an include, a recipe too long, a file too large, a
 * file outside the workspace) is said: `complete` is false and `why` says why, so the summary never presents a part as
 * the whole. Bounded: 32 commands of up to 2,000 characters, 8 levels of dependencies, files up to 256 KiB. Pure
 * apart from `read`; never throws.
 */
import { posix } from "node:path";

/** Reads a workspace file by its path relative to the workspace; undefined when absent, outside or too large. */
export type ReadWorkspaceFile = (relativePath: string) => string | undefined;

export type FileCommands = {
  /** What runs them, for the owner: "the Makefile target `tidy`", "the package.json script `lint`". */
  runs: string;
  /** The file read, relative to the workspace. */
  file: string;
  /** The folder the commands run in, relative to the workspace ("" for its top). */
  dir: string;
  /** Shell text of each command, in order. */
  commands: readonly string[];
  /** Shell text (true) or another language (a Python file: its first lines are shown, not judged as commands). */
  shell: boolean;
  complete: boolean;
  why?: string;
};

const MaxCommands = 32;
const MaxCommandChars = 2_000;
const MaxDepth = 8;
const shells = new Set(["sh", "bash", "dash", "zsh", "ksh", "mksh", "ash"]);
const interpreters = new Set(["python", "python2", "python3", "node", "perl", "ruby", "php", "Rscript", "lua"]);
/** The package managers' own subcommands: `yarn add x` runs no script of the package's. */
const managerVerbs = new Set(["add", "remove", "rm", "upgrade", "up", "update", "dlx", "exec", "x", "why", "info", "list", "ls", "outdated", "audit", "config", "cache", "init", "create", "link", "unlink", "publish", "pack", "version", "login", "logout", "store", "import", "global", "set", "workspace", "workspaces", "help"]);

/** The commands the program `argv` (literal words; cwd relative to the workspace) runs from a file; undefined when none. */
export function commandsRunBy(argv: readonly string[], cwd: string, read: ReadWorkspaceFile): FileCommands | undefined {
  try {
    const name = posix.basename(argv[0] ?? "");
    if (name === "make" || name === "gmake") return makeCommands(argv.slice(1), cwd, read);
    if (name === "npm" || name === "pnpm" || name === "yarn" || (name === "bun" && argv[1] === "run")) return scriptCommands(name, argv.slice(1), cwd, read);
    if (name === "just") return justCommands(argv.slice(1), cwd, read);
    if (shells.has(name)) return shellFile(argv.slice(1), cwd, read);
    if (interpreters.has(name.replace(/[\d.]+$/, ""))) return interpretedFile(name, argv.slice(1), cwd, read);
    // `./tools/format.sh`: a file run by its own `#!` line.
    if ((argv[0] ?? "").includes("/")) return directFile(argv[0] ?? "", cwd, read);
    return undefined;
  } catch {
    return { runs: `\`${argv[0] ?? ""}\``, file: "", dir: cwd, commands: [], shell: true, complete: false, why: "the file it runs could not be read" };
  }
}

function at(cwd: string, path: string): string {
  return posix.normalize(posix.join(cwd, path)).replace(/^\.\/?/, "");
}

function bounded(commands: string[]): { commands: string[]; cut: boolean } {
  const kept = commands.filter((c) => c.trim() !== "").slice(0, MaxCommands);
  const cut = commands.length > MaxCommands || kept.some((c) => c.length > MaxCommandChars);
  return { commands: kept.map((c) => (c.length > MaxCommandChars ? c.slice(0, MaxCommandChars) : c)), cut };
}

function result(runs: string, file: string, dir: string, commands: string[], why: string[], shell = true): FileCommands {
  const b = bounded(commands);
  if (b.cut) why.push(`more than ${MaxCommands} commands or one longer than ${MaxCommandChars} characters`);
  return { runs, file, dir, commands: b.commands, shell, complete: why.length === 0, ...(why.length > 0 ? { why: [...new Set(why)].join("; ") } : {}) };
}

function missing(runs: string, file: string, dir: string): FileCommands {
  return { runs, file, dir, commands: [], shell: true, complete: false, why: `\`${file}\` could not be read in the workspace` };
}

// --- make -------------------------------------------------------------------------------------------------------

type MakeRule = { prerequisites: string[]; recipe: string[] };

/** A Makefile's explicit rules and simple variables (`X = …`, `X := …`); pattern rules and conditionals are noted. */
function parseMakefile(text: string): { rules: Map<string, MakeRule>; order: string[]; vars: Map<string, string>; unknown: string[] } {
  const rules = new Map<string, MakeRule>();
  const order: string[] = [];
  const vars = new Map<string, string>();
  const unknown: string[] = [];
  const lines = text.replace(/\\\n/g, " ").split("\n");
  let current: MakeRule[] = [];
  for (const line of lines) {
    if (line.startsWith("\t")) {
      for (const r of current) r.recipe.push(line.slice(1));
      continue;
    }
    const trimmed = line.replace(/(^|[^\\])#.*$/, "$1").trim();
    if (trimmed === "") continue;
    const assign = /^(?:override\s+|export\s+)?([A-Za-z_][\w.-]*)\s*([:+?!]?=|::=)\s*(.*)$/.exec(trimmed);
    if (assign !== null) {
      vars.set(assign[1] ?? "", assign[2] === "+=" ? `${vars.get(assign[1] ?? "") ?? ""} ${assign[3] ?? ""}` : (assign[3] ?? ""));
      current = [];
      continue;
    }
    if (/^-?(?:include|sinclude)\s/.test(trimmed)) unknown.push("the Makefile includes other files");
    if (/^(?:ifeq|ifneq|ifdef|ifndef|define)\b/.test(trimmed)) unknown.push("the Makefile has conditionals or multi-line variables");
    const rule = /^([^:=]+?)\s*::?\s*([^=]*)$/.exec(trimmed);
    if (rule === null) {
      current = [];
      continue;
    }
    const [targetsPart, rest] = [rule[1] ?? "", rule[2] ?? ""];
    const [prereqs, inline] = rest.split(";", 2);
    current = [];
    for (const target of targetsPart.split(/\s+/)) {
      if (target.includes("%")) unknown.push("the Makefile has pattern rules");
      const r = rules.get(target) ?? { prerequisites: [], recipe: [] };
      r.prerequisites.push(...(prereqs ?? "").split(/\s+/).filter((p) => p !== "" && !p.startsWith("|")));
      if (inline !== undefined && inline.trim() !== "") r.recipe.push(inline.trim());
      if (!rules.has(target)) {
        rules.set(target, r);
        order.push(target);
      }
      current.push(r);
    }
  }
  return { rules, order, vars, unknown };
}

/** A recipe line as the shell gets it: make's prefixes dropped, `$$` as `$`, variables known in the file expanded. */
function makeLine(line: string, vars: Map<string, string>, why: string[], depth = 0): string {
  const body = line.replace(/^[\s@+-]+/, "");
  return body.replace(/\$\$|\$\(([^()]*)\)|\$\{([^{}]*)\}|\$([A-Za-z@<^*?])/g, (whole, p: string | undefined, b: string | undefined, single: string | undefined) => {
    if (whole === "$$") return "$";
    const name = p ?? b ?? single ?? "";
    const value = vars.get(name);
    if (value !== undefined && depth < MaxDepth) return makeLine(value, vars, why, depth + 1);
    why.push(`\`${whole}\` is set outside the Makefile or computed by make`);
    return whole;
  });
}

function makeCommands(args: readonly string[], cwd: string, read: ReadWorkspaceFile): FileCommands {
  let dir = cwd;
  let file: string | undefined;
  const targets: string[] = [];
  const why: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i] ?? "";
    if (a === "-C" || a === "--directory") dir = at(dir, args[(i += 1)] ?? "");
    else if (a === "-f" || a === "--file" || a === "--makefile") file = args[(i += 1)] ?? "";
    else if (a.startsWith("-C") && a.length > 2) dir = at(dir, a.slice(2));
    else if (a.startsWith("-f") && a.length > 2) file = a.slice(2);
    else if (a.startsWith("-")) continue;
    else if (a.includes("=")) why.push(`\`${a}\` sets a variable on the command line`);
    else targets.push(a);
  }
  const candidates = file !== undefined ? [at(dir, file)] : ["GNUmakefile", "makefile", "Makefile"].map((n) => at(dir, n));
  const found = candidates.map((p) => ({ p, text: read(p) })).find((c) => c.text !== undefined);
  const shown = targets.length > 0 ? `the Makefile target${targets.length > 1 ? "s" : ""} ${targets.map((t) => `\`${t}\``).join(", ")}` : "the Makefile's first target";
  if (found?.text === undefined) return missing(shown, candidates[candidates.length - 1] ?? "Makefile", dir);
  const mk = parseMakefile(found.text);
  why.push(...mk.unknown);
  const first = mk.order.find((t) => !t.startsWith("."));
  const goals = targets.length > 0 ? targets : first !== undefined ? [first] : [];
  const commands: string[] = [];
  const seen = new Set<string>();
  const visit = (target: string, depth: number) => {
    if (seen.has(target) || commands.length > MaxCommands) return;
    seen.add(target);
    if (depth > MaxDepth) {
      why.push("dependencies nest too deeply");
      return;
    }
    const rule = mk.rules.get(target);
    if (rule === undefined) return;
    for (const p of rule.prerequisites) visit(makeLine(p, mk.vars, why), depth + 1);
    for (const line of rule.recipe) commands.push(makeLine(line, mk.vars, why));
  };
  for (const g of goals) {
    if (!mk.rules.has(g)) why.push(`\`${g}\` is not an explicit target of \`${found.p}\``);
    visit(g, 0);
  }
  return result(shown, found.p, dir, commands, why);
}

/**
 * Every recipe line of a Makefile, as the shell gets it (prefixes dropped, variables known in the file expanded), with
 * its target: what the file can run, whichever target is asked for. Bounded by `limit` lines.
 */
export function makefileRecipeLines(text: string, limit: number): { target: string; command: string }[] {
  const mk = parseMakefile(text);
  const out: { target: string; command: string }[] = [];
  for (const target of mk.order) {
    for (const line of mk.rules.get(target)?.recipe ?? []) {
      if (out.length >= limit) return out;
      out.push({ target, command: makeLine(line, mk.vars, []) });
    }
  }
  return out;
}

// --- npm, pnpm, yarn, bun ----------------------------------------------------------------------------------------

const npmAliases: Readonly<Record<string, string>> = { test: "test", t: "test", tst: "test", start: "start", stop: "stop", restart: "restart" };
const installVerbs = new Set(["install", "i", "ci", "add", "isntall", "in"]);

function scriptCommands(tool: string, args: readonly string[], cwd: string, read: ReadWorkspaceFile): FileCommands | undefined {
  const words = args.filter((a) => !a.startsWith("-"));
  const verb = words[0];
  let script: string | undefined;
  let install = false;
  if (verb === "run" || verb === "run-script" || verb === "rum" || verb === "urn") script = words[1];
  else if (verb !== undefined && npmAliases[verb] !== undefined) script = npmAliases[verb];
  else if (verb === undefined && tool === "yarn") install = true;
  else if (verb !== undefined && installVerbs.has(verb) && words.length === 1) install = true;
  // `yarn lint`, `pnpm lint`: a bare word that is not one of their own subcommands runs the script of that name.
  else if ((tool === "yarn" || tool === "pnpm") && verb !== undefined && !managerVerbs.has(verb)) script = verb;
  else return undefined;
  const file = at(cwd, "package.json");
  const text = read(file);
  const runs = install ? `the install scripts of \`${file}\`` : `the \`${file}\` script \`${script ?? ""}\``;
  if (text === undefined) return install ? undefined : missing(runs, file, cwd);
  let scripts: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(text) as { scripts?: unknown };
    if (parsed.scripts !== null && typeof parsed.scripts === "object") scripts = parsed.scripts as Record<string, unknown>;
  } catch {
    return { runs, file, dir: cwd, commands: [], shell: true, complete: false, why: `\`${file}\` is not valid JSON` };
  }
  const names = install ? ["preinstall", "install", "postinstall", "prepublish", "preprepare", "prepare", "postprepare"] : [`pre${script ?? ""}`, script ?? "", `post${script ?? ""}`];
  const commands = names.map((n) => scripts[n]).filter((v): v is string => typeof v === "string");
  const why: string[] = [];
  if (!install && typeof scripts[script ?? ""] !== "string") why.push(`\`${file}\` has no script \`${script ?? ""}\``);
  if (install) why.push("the dependencies it installs run their own install scripts");
  return result(runs, file, cwd, commands, why);
}

// --- just --------------------------------------------------------------------------------------------------------

/** A justfile's recipes (their dependencies and lines, `@`/`-` prefixes dropped), in the order written. */
export function parseJustfile(text: string): { recipes: Map<string, { deps: string[]; lines: string[] }>; order: string[] } {
  const recipes = new Map<string, { deps: string[]; lines: string[] }>();
  const order: string[] = [];
  let current: { deps: string[]; lines: string[] } | undefined;
  for (const line of text.split("\n")) {
    if (/^\s+\S/.test(line) && current !== undefined) {
      current.lines.push(line.trim().replace(/^[@-]+/, ""));
      continue;
    }
    const head = /^@?([A-Za-z_][\w-]*)(?:\s+[^:]*)?:(?!=)\s*(.*)$/.exec(line);
    current = undefined;
    if (head === null) continue;
    current = { deps: (head[2] ?? "").split(/\s+/).filter((d) => d !== ""), lines: [] };
    recipes.set(head[1] ?? "", current);
    order.push(head[1] ?? "");
  }
  return { recipes, order };
}

function justCommands(args: readonly string[], cwd: string, read: ReadWorkspaceFile): FileCommands {
  const recipe = args.find((a) => !a.startsWith("-") && !a.includes("="));
  const candidates = ["justfile", ".justfile", "Justfile"].map((n) => at(cwd, n));
  const found = candidates.map((p) => ({ p, text: read(p) })).find((c) => c.text !== undefined);
  const runs = recipe !== undefined ? `the justfile recipe \`${recipe}\`` : "the justfile's first recipe";
  if (found?.text === undefined) return missing(runs, "justfile", cwd);
  const { recipes, order } = parseJustfile(found.text);
  const why: string[] = [];
  const goal = recipe ?? order[0];
  const commands: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string, depth: number) => {
    if (seen.has(name) || depth > MaxDepth) return;
    seen.add(name);
    const r = recipes.get(name);
    if (r === undefined) return;
    for (const d of r.deps) visit(d, depth + 1);
    commands.push(...r.lines);
  };
  if (goal === undefined || !recipes.has(goal)) why.push(`the justfile has no recipe \`${goal ?? ""}\``);
  else visit(goal, 0);
  if (commands.some((c) => c.includes("{{"))) why.push("recipes use just's own expressions (`{{…}}`)");
  if (commands.some((c) => c.startsWith("#!"))) why.push("a recipe is a script for another interpreter");
  return result(runs, found.p, cwd, commands, why);
}

// --- scripts -----------------------------------------------------------------------------------------------------

function shellFile(args: readonly string[], cwd: string, read: ReadWorkspaceFile): FileCommands | undefined {
  // `sh -c TEXT` is shell text the analyzer already reads; `sh -s`/stdin reads no file.
  let i = 0;
  while (i < args.length && (args[i] ?? "").startsWith("-")) {
    if (/^-[a-zA-Z]*[cs]/.test(args[i] ?? "")) return undefined;
    i += 1;
  }
  const path = args[i];
  if (path === undefined) return undefined;
  const file = at(cwd, path);
  const text = read(file);
  const runs = `the script \`${file}\``;
  if (text === undefined) return missing(runs, file, cwd);
  return result(runs, file, cwd, [text], args.length > i + 1 ? ["the script takes arguments ($1 …) that change what it does"] : []);
}

function interpretedFile(name: string, args: readonly string[], cwd: string, read: ReadWorkspaceFile): FileCommands | undefined {
  const path = args.find((a) => !a.startsWith("-"));
  if (path === undefined || args.some((a) => /^-[a-zA-Z]*[cem]$|^--eval$|^--print$/.test(a))) return undefined;
  const file = at(cwd, path);
  const text = read(file);
  const runs = `the ${name} file \`${file}\``;
  if (text === undefined) return missing(runs, file, cwd);
  const lines = text.split("\n").filter((l) => l.trim() !== "" && !/^\s*(#|\/\/)/.test(l));
  return { runs, file, dir: cwd, commands: lines.slice(0, 6), shell: false, complete: false, why: `a ${name} program: Warden does not read what it does (${lines.length} lines)` };
}

function directFile(path: string, cwd: string, read: ReadWorkspaceFile): FileCommands | undefined {
  const file = at(cwd, path);
  const text = read(file);
  if (text === undefined) return undefined;
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(text);
  const program = shebang === null ? "sh" : posix.basename(shebang[1] ?? "") === "env" ? (shebang[2] ?? "") : posix.basename(shebang[1] ?? "");
  if (shells.has(program)) return result(`the script \`${file}\``, file, cwd, [text], []);
  return interpretedFile(program, [path], cwd, read) ?? { runs: `\`${file}\``, file, dir: cwd, commands: [], shell: false, complete: false, why: "a program Warden does not read" };
}
