/**
 * What a run-later file names through indirection, read in its own language: a Makefile's variables and functions
 * (`$(STEPS).txt`, `$(addsuffix .txt,docs/a)`, `include $(RULES).txt`, `$(wildcard steps/*.txt)`, `$<`), a
 * Dockerfile's `ARG` and `ENV` in `RUN` with `COPY` saying where the project's files land in the image, a CI file's
 * `env`/`variables`/`matrix` in its `run`/`script` commands, tox's `setenv` and `{env:X}`, a justfile's variables, a
 * shell script's (`.envrc`, rc files, hooks) own variables, quotes, braces and `$(printf …)`. Shell text anywhere is
 * expanded by shell-words.ts. The literal mentions are fs/referenced-by.ts's; this gives the names whose spelling in
 * the file differs from the path, or that are patterns.
 *
 * A name that is partly unknown (a variable set outside the file, a command's output), or a glob, counts where the
 * file says a file to run goes (`sh $X.txt`, `include $(F)`, `for f in steps/*.txt; do sh "$f"`): it may be any file
 * it could spell, below the naming file's folder. Elsewhere only a name fully known counts, as a literal mention does. Never throws: a file that cannot be parsed gives one name that may be anything, in a place that runs.
 */
import { posix } from "node:path";
import type * as Yaml from "yaml";
import type { Node as YamlNode } from "yaml";
import { lazyRequire } from "../core/lazy-require.ts";
import { cmakeNames } from "./cmake-names.ts";
import { pythonBuildFile, pythonNames } from "./python-names.ts";
import { expandWord, shellNames, Unresolved, VarClose, VarOpen, type Env, type Place, type ShellName } from "./shell-words.ts";

export type IndirectName = { readonly line: number; readonly raw: string; readonly value: string; readonly place: Place };
/** Where a build copies the project's files (`COPY docs /docs`): `dest` in the image holds `src` of the project. */
export type Mount = { readonly dest: string; readonly src: string };
export type IndirectNames = { readonly names: readonly IndirectName[]; readonly mounts: readonly Mount[] };

const MaxAlternatives = 32;
const MaxDepth = 8;

type Dialect = "make" | "docker" | "yaml" | "ini" | "just" | "shell" | "lines" | "npm" | "cmake" | "python";

/** The language of a run-later file, by its name (and a shell's `#!` line), or undefined (only its literal mentions count). */
export function dialectOf(name: string, firstLine: string): Dialect | undefined {
  const lower = name.toLowerCase();
  if (/^(?:gnu)?makefile(?:\.[\w-]+)?$/.test(lower) || lower.endsWith(".mk")) return "make";
  if (/^(?:dockerfile|containerfile)(?:\.[\w-]+)?$/.test(lower) || lower.endsWith(".dockerfile")) return "docker";
  if (/\.ya?ml$/.test(lower)) return "yaml";
  if (/\.(?:ini|cfg)$/.test(lower)) return "ini";
  if (lower === "justfile" || lower === ".justfile") return "just";
  if (/^procfile(?:\.[\w-]+)?$|^\.?crontab$|\.(?:cron|crontab)$/.test(lower)) return "lines";
  if (lower === "package.json") return "npm";
  if (lower === "cmakelists.txt" || lower.endsWith(".cmake")) return "cmake";
  if (pythonBuildFile(lower)) return "python";
  if (/^\.envrc|^\.(?:bash|zsh|ksh|mksh)rc|^\.(?:profile|bash_profile|bash_login|zshenv|zprofile|zlogin)|\.(?:sh|bash|zsh|ksh)$/.test(lower)) return "shell";
  if (/^#!.*\b(?:sh|bash|zsh|dash|ksh)\b/.test(firstLine)) return "shell";
  return undefined;
}

/** The variables every project's tools set to the project's top (a path under them is the project's). */
function topEnv(): Env {
  return new Map([["PWD", ["."]], ["GITHUB_WORKSPACE", ["."]], ["CI_PROJECT_DIR", ["."]], ["CIRCLE_WORKING_DIRECTORY", ["."]], ["BITBUCKET_CLONE_DIR", ["."]], ["DIRENV_DIR", ["."]], ["toxinidir", ["."]]]);
}

/** The names `text` (the run-later file `name`) gives through indirection. Never throws. */
export function indirectNames(name: string, text: string): IndirectNames {
  const dialect = dialectOf(name, text.slice(0, text.indexOf("\n") >>> 0));
  // Text with nothing to expand (no `$`, glob, brace, quote or backslash) spells every name literally: the literal
  // scan has them all, and the parse (a YAML document costs milliseconds) is skipped.
  if (!/[$*?[{'"\\`]/.test(text)) return { names: [], mounts: [] };
  try {
    const found = dialect === undefined ? { names: [], mounts: [] } : readers[dialect](text);
    return { names: found.names.filter(interesting), mounts: found.mounts };
  } catch {
    return { names: [{ line: 1, raw: "(the file could not be parsed)", value: Unresolved, place: "runs" }], mounts: [] };
  }
}

/** A name worth matching: spelled otherwise in the file, or a pattern, and that could be a path. */
function interesting(n: IndirectName): boolean {
  if (n.value === "" || n.value.startsWith("-") || n.value.includes("://")) return false;
  if (n.value === n.raw && !/[*?[]/.test(n.value)) return false;
  return /[\w\u0000*?]/.test(n.value);
}

const readers: Record<Dialect, (text: string) => { names: IndirectName[]; mounts: Mount[] }> = {
  make: (text) => ({ names: makeNames(text), mounts: [] }),
  docker: dockerNames,
  yaml: yamlNames,
  ini: (text) => ({ names: iniNames(text), mounts: [] }),
  just: (text) => ({ names: justNames(text), mounts: [] }),
  shell: (text) => ({ names: shellNames(text, topEnv()), mounts: [] }),
  lines: (text) => ({ names: commandLines(text), mounts: [] }),
  npm: (text) => ({ names: npmNames(text), mounts: [] }),
  cmake: (text) => ({ names: cmakeNames(text, topEnv()), mounts: [] }),
  python: (text) => ({ names: pythonNames(text, topEnv()), mounts: [] }),
};

/**
 * A Procfile (`web: sh run.txt`) or a crontab (`*\/5 * * * * sh run.txt`, `@daily sh run.txt`): each line a command
 * after its name or schedule; a crontab's `NAME=value` lines are its commands' environment.
 */
function commandLines(text: string): IndirectName[] {
  const env = topEnv();
  const out: IndirectName[] = [];
  text.split(/\r?\n/).forEach((l, k) => {
    if (/^[ \t]*(?:#|$)/.test(l)) return;
    const command = /^[ \t]*[\w.-]+[ \t]*:[ \t]*(.*)$/.exec(l)?.[1] ?? /^[ \t]*(?:@\w+|(?:\S+[ \t]+){5})(.*)$/.exec(l)?.[1] ?? l;
    out.push(...shellNames(command, env, k + 1));
  });
  return out;
}

/** `package.json`: its scripts as shell commands, with `$npm_package_config_X` from `config`. */
function npmNames(text: string): IndirectName[] {
  const json: unknown = JSON.parse(text);
  if (typeof json !== "object" || json === null) return [];
  const { scripts, config } = json as { scripts?: unknown; config?: unknown };
  const env = topEnv();
  if (typeof config === "object" && config !== null) {
    for (const [k, v] of Object.entries(config)) if (typeof v === "string") env.set(`npm_package_config_${k}`, expandWord(v, env));
  }
  const lines = text.split(/\r?\n/);
  const out: IndirectName[] = [];
  if (typeof scripts !== "object" || scripts === null) return out;
  for (const [name, script] of Object.entries(scripts)) {
    if (typeof script !== "string") continue;
    const at = lines.findIndex((l) => l.includes(`"${name}"`));
    out.push(...shellNames(script, env, at < 0 ? 1 : at + 1));
  }
  return out;
}

/** Lines with their continuations (a trailing backslash) joined, each with the number of its first line. */
function logicalLines(text: string, escape = "\\"): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const raw = text.split(/\r?\n/);
  for (let i = 0; i < raw.length; i++) {
    const line = i + 1;
    let joined = raw[i] as string;
    while (joined.endsWith(escape) && i + 1 < raw.length) joined = `${joined.slice(0, -1)} ${raw[++i] as string}`;
    out.push({ text: joined, line });
  }
  return out;
}

function words(list: string): string[] {
  return list.split(/[ \t\n]+/).filter((w) => w !== "");
}

function capped(values: Iterable<string>): string[] {
  const all = [...new Set(values)];
  return all.length > MaxAlternatives ? [Unresolved] : all;
}

function crossAll(parts: readonly (readonly string[])[]): string[] {
  let acc = [""];
  for (const p of parts) {
    const next: string[] = [];
    for (const a of acc) for (const b of p) next.push(a + b);
    acc = capped(next);
  }
  return acc;
}

// ---------------------------------------------------------------------------------------------------------------
// make

/** Variables make sets itself: what a recipe runs through them is a program, not a file of the project. */
const makeBuiltins: Record<string, string> = {
  CURDIR: ".", MAKE: "make", SHELL: "/bin/sh", CC: "cc", CXX: "g++", CPP: "cc -E", FC: "f77", RM: "rm -f", AR: "ar", AS: "as", LD: "ld",
  MAKEFLAGS: "", MFLAGS: "", CFLAGS: "", CXXFLAGS: "", CPPFLAGS: "", LDFLAGS: "", LDLIBS: "", ARFLAGS: "rv", ASFLAGS: "", TARGET_ARCH: "", OUTPUT_OPTION: "", PWD: ".",
};

type MakeVars = Map<string, string[]>;

/** A make expansion of `text`: every text it may become (`$$` stays `$` for the shell). */
function makeExpand(text: string, vars: MakeVars, auto: ReadonlyMap<string, string>, depth: number): string[] {
  if (depth > MaxDepth) return [Unresolved];
  const parts: string[][] = [];
  let lit = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c !== "$") {
      lit += c;
      continue;
    }
    const n = text[i + 1] ?? "";
    if (n === "$") {
      lit += "$";
      i++;
      continue;
    }
    parts.push([lit]);
    lit = "";
    if (n === "(" || n === "{") {
      const close = n === "(" ? ")" : "}";
      let level = 0;
      let end = -1;
      for (let k = i + 1; k < text.length; k++) {
        if (text[k] === n) level++;
        else if (text[k] === close && --level === 0) {
          end = k;
          break;
        }
      }
      if (end < 0) {
        parts.push([Unresolved]);
        break;
      }
      parts.push(makeReference(text.slice(i + 2, end), vars, auto, depth));
      i = end;
    } else {
      parts.push(auto.get(n) !== undefined ? [auto.get(n) as string] : makeVariable(n, vars, auto, depth));
      i++;
    }
  }
  parts.push([lit]);
  return crossAll(parts);
}

function makeVariable(name: string, vars: MakeVars, auto: ReadonlyMap<string, string>, depth: number): string[] {
  const auto1 = auto.get(name);
  if (auto1 !== undefined) return [auto1];
  const values = vars.get(name);
  if (values === undefined) return makeBuiltins[name] !== undefined ? [makeBuiltins[name] as string] : [Unresolved];
  return capped(values.flatMap((v) => makeExpand(v, vars, auto, depth + 1)));
}

/** Top-level commas of a function's arguments. */
function splitArgs(args: string): string[] {
  const out: string[] = [];
  let level = 0;
  let from = 0;
  for (let k = 0; k < args.length; k++) {
    const c = args[k];
    if (c === "(" || c === "{") level++;
    else if (c === ")" || c === "}") level--;
    else if (c === "," && level === 0) {
      out.push(args.slice(from, k));
      from = k + 1;
    }
  }
  out.push(args.slice(from));
  return out;
}

function patsubst(pattern: string, replacement: string, word: string): string {
  const p = pattern.indexOf("%");
  if (p < 0) return word === pattern ? replacement : word;
  const [pre, post] = [pattern.slice(0, p), pattern.slice(p + 1)];
  if (!word.startsWith(pre) || !word.endsWith(post) || word.length < pre.length + post.length) return word;
  const stem = word.slice(pre.length, word.length - post.length);
  return replacement.includes("%") ? replacement.replace("%", stem) : replacement;
}

/** `$(…)`: a variable, a substitution reference (`$(SRC:.c=.o)`) or a function. */
function makeReference(inner: string, vars: MakeVars, auto: ReadonlyMap<string, string>, depth: number): string[] {
  const fn = /^([a-z-]+)[ \t]+([\s\S]*)$/.exec(inner);
  if (fn === null) {
    const sub = /^([^:]+):([^=]*)=(.*)$/.exec(inner);
    if (sub !== null) {
      return capped(makeVariable(sub[1] as string, vars, auto, depth).map((v) => words(v).map((w) => patsubst(sub[2]?.includes("%") ? (sub[2] as string) : `%${sub[2] as string}`, sub[3]?.includes("%") ? (sub[3] as string) : `%${sub[3] as string}`, w)).join(" ")));
    }
    const names = makeExpand(inner, vars, auto, depth + 1);
    return capped(names.flatMap((n) => (n.includes(Unresolved) ? [Unresolved] : makeVariable(n, vars, auto, depth + 1))));
  }
  const name = fn[1] as string;
  const rawArgs = splitArgs(fn[2] as string);
  const arg = (k: number) => makeExpand((rawArgs[k] ?? "").trim(), vars, auto, depth + 1);
  const each = (k: number, f: (w: string) => string) => capped(arg(k).map((list) => words(list).map(f).join(" ")));
  switch (name) {
    case "wildcard": case "realpath": case "abspath": case "strip": case "sort": case "filter": case "filter-out": return capped(arg(name.startsWith("filter") ? 1 : 0));
    case "addsuffix": return capped(arg(0).flatMap((s) => each(1, (w) => w + s)));
    case "addprefix": return capped(arg(0).flatMap((p) => each(1, (w) => p + w)));
    case "patsubst": return capped(arg(0).flatMap((p) => arg(1).flatMap((r) => each(2, (w) => patsubst(p, r, w)))));
    case "subst": return capped(arg(0).flatMap((from) => arg(1).flatMap((to) => arg(2).map((t) => (from === "" ? t : t.split(from).join(to))))));
    case "notdir": return each(0, (w) => w.split("/").at(-1) ?? w);
    case "dir": return each(0, (w) => (w.includes("/") ? w.slice(0, w.lastIndexOf("/") + 1) : "./"));
    case "basename": return each(0, (w) => w.replace(/\.[^./]*$/, ""));
    case "suffix": return each(0, (w) => /\.[^./]*$/.exec(w)?.[0] ?? "");
    case "firstword": return capped(arg(0).map((l) => words(l)[0] ?? ""));
    case "lastword": return capped(arg(0).map((l) => words(l).at(-1) ?? ""));
    case "if": case "or": case "and": return capped(rawArgs.slice(name === "if" ? 1 : 0).flatMap((_, k) => arg(k + (name === "if" ? 1 : 0))));
    case "value": return vars.get((rawArgs[0] ?? "").trim()) ?? [Unresolved];
    case "foreach": {
      const v = (rawArgs[0] ?? "").trim();
      return capped(arg(1).map((list) => words(list).map((w) => {
        const local = new Map(vars).set(v, [w]);
        return makeExpand((rawArgs[2] ?? "").trim(), local, auto, depth + 1)[0] ?? Unresolved;
      }).join(" ")));
    }
    case "call": {
      const local = new Map(vars);
      rawArgs.slice(1).forEach((_, k) => local.set(String(k + 1), arg(k + 1)));
      const fnName = (rawArgs[0] ?? "").trim();
      return capped((vars.get(fnName) ?? [Unresolved]).flatMap((body) => makeExpand(body, local, auto, depth + 1)));
    }
    case "info": case "warning": case "error": return [""];
    // `$(eval …)` reads its text as makefile lines (`$(foreach f,$(wildcard parts/*.txt),$(eval include $(f)))`): the
    // text is kept so that the line's expansion shows what it includes.
    case "eval": return capped(arg(0));
    default: return [Unresolved]; // shell, origin, file, guile, …: output not known here
  }
}

/** A Makefile: variables, `define` blocks, includes, rules and their recipes (automatic variables bound). */
function makeNames(text: string): IndirectName[] {
  const vars: MakeVars = new Map();
  const lines = logicalLines(text);
  type Rule = { targets: string; prereqs: string; recipes: { text: string; line: number }[] };
  const rules: Rule[] = [];
  const includes: { text: string; line: number }[] = [];
  // Lines that are only an expansion (`$(foreach …,$(eval include …))`, `$(eval $(call …))`): make reads what they
  // expand to as makefile text.
  const bare: { text: string; line: number }[] = [];
  const assigned: { name: string; line: number; raw: string }[] = [];
  let rule: Rule | undefined;
  for (let k = 0; k < lines.length; k++) {
    const { text: t, line } = lines[k] as { text: string; line: number };
    if (t.startsWith("\t") && rule !== undefined) {
      rule.recipes.push({ text: t.slice(1), line });
      continue;
    }
    const body = t.replace(/(^|[^\\])#.*$/, "$1");
    if (body.trim() === "") continue;
    const def = /^[ \t]*(?:override[ \t]+|export[ \t]+)*define[ \t]+([^\s=:]+)/.exec(body);
    if (def !== null) {
      const end = lines.findIndex((l, j) => j > k && /^[ \t]*endef\b/.test(l.text));
      const block = lines.slice(k + 1, end < 0 ? lines.length : end).map((l) => l.text).join("\n");
      vars.set(def[1] as string, [...(vars.get(def[1] as string) ?? []), block]);
      assigned.push({ name: def[1] as string, line, raw: block });
      k = end < 0 ? lines.length : end;
      rule = undefined;
      continue;
    }
    const assign = /^[ \t]*(?:override[ \t]+|export[ \t]+|private[ \t]+)*([^\s:#=?+!]+)[ \t]*(::?=|:::=|\?=|\+=|!=|=)[ \t]*(.*)$/.exec(body);
    if (assign !== null) {
      const [, name = "", op = "", value = ""] = assign;
      const before = vars.get(name) ?? [];
      const next = op === "!=" ? [Unresolved] : op === "+=" && before.length > 0 ? before.map((b) => `${b} ${value}`) : [...before, value];
      vars.set(name, next.slice(-MaxAlternatives));
      assigned.push({ name, line, raw: value });
      rule = undefined;
      continue;
    }
    const inc = /^[ \t]*-?s?include[ \t]+(.*)$/.exec(body);
    if (inc !== null) {
      includes.push({ text: inc[1] as string, line });
      rule = undefined;
      continue;
    }
    const r = /^([^:=]+?)[ \t]*::?[ \t]*([^=]*)$/.exec(body);
    if (r !== null && !/^[ \t]*(?:ifn?eq|ifn?def|else|endif|vpath|unexport)\b/.test(body)) {
      const [prereqs = "", inline] = (r[2] as string).split(";");
      rule = { targets: r[1] as string, prereqs: prereqs.split("|").join(" "), recipes: inline === undefined ? [] : [{ text: inline, line }] };
      rules.push(rule);
    } else if (r === null && body.includes("$")) bare.push({ text: body.trim(), line });
  }
  const out: IndirectName[] = [];
  const none: ReadonlyMap<string, string> = new Map();
  const add = (raw: string, line: number, values: readonly string[], place: Place) => {
    for (const v of values) for (const w of words(v)) out.push({ line, raw, value: w, place });
  };
  for (const inc of includes) add(inc.text, inc.line, makeExpand(inc.text, vars, none, 0), "runs");
  for (const b of bare) {
    for (const text of makeExpand(b.text, vars, none, 0)) {
      // Each `include` in the expanded text (a `foreach` joins one per element) and the names after it.
      const pieces = text.split(/(?:^|[ \t\n])-?s?include[ \t]+/).slice(1);
      add(b.text, b.line, pieces.length === 0 && text.includes(Unresolved) && /\$[({]eval[ \t]/.test(b.text) ? [Unresolved] : pieces, "runs");
    }
  }
  for (const a of assigned) add(a.raw, a.line, makeExpand(a.raw, vars, none, 0), a.name === "SHELL" ? "runs" : "names");
  // The shell's environment holds the makefile's variables (exported ones, and any the recipe sets).
  const shellEnv: Env = new Map([...topEnv(), ...[...vars.keys()].map((n): [string, string[]] => [n, makeVariable(n, vars, none, 0)])]);
  for (const rl of rules) {
    const targets = makeExpand(rl.targets, vars, none, 0).map((t) => t.replace(/%/g, "*"));
    const prereqs = makeExpand(rl.prereqs, vars, none, 0).map((p) => p.replace(/%/g, "*"));
    for (const p of prereqs) for (const w of words(p)) out.push({ line: rl.recipes[0]?.line ?? 0, raw: rl.prereqs, value: w, place: "names" });
    const all = prereqs[0] ?? "";
    const auto = new Map([["@", words(targets[0] ?? "")[0] ?? Unresolved], ["<", words(all)[0] ?? ""], ["^", all], ["+", all], ["?", all], ["*", Unresolved], ["%", Unresolved]]);
    for (const recipe of rl.recipes) {
      const command = recipe.text.replace(/^[ \t@+-]+/, "");
      for (const expanded of makeExpand(command, vars, auto, 0)) {
        for (const n of shellNames(expanded, shellEnv, recipe.line)) out.push({ ...n, raw: command.trim() });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Dockerfile

function dockerNames(text: string): { names: IndirectName[]; mounts: Mount[] } {
  const escape = /^#[ \t]*escape[ \t]*=[ \t]*`/m.test(text.split("\n").slice(0, 5).join("\n")) ? "`" : "\\";
  const env: Env = new Map();
  const names: IndirectName[] = [];
  const mounts: Mount[] = [];
  let workdir = "/";
  const abs = (p: string) => posix.normalize(p.startsWith("/") ? p : posix.join(workdir, p));
  for (const { text: t, line } of logicalLines(text, escape)) {
    const m = /^[ \t]*([A-Za-z]+)[ \t]+([\s\S]*)$/.exec(t);
    if (m === null || t.trimStart().startsWith("#")) continue;
    const instruction = (m[1] as string).toUpperCase();
    const rest = (m[2] as string).trim();
    const expand = (w: string) => expandWord(w, env);
    if (instruction === "ARG") {
      for (const w of words(rest)) {
        const [name = "", value] = w.split(/=(.*)/s);
        env.set(name, value === undefined ? [Unresolved] : expand(value));
      }
    } else if (instruction === "ENV") {
      const pairs = /^[\w.-]+=/.test(rest) ? words(rest).map((w) => w.split(/=(.*)/s)) : [[rest.split(/[ \t]+/)[0] ?? "", rest.replace(/^\S+[ \t]*/, "")]];
      for (const [name = "", value = ""] of pairs) env.set(name, [...new Set([...(env.get(name) ?? []), ...expand(value)])]);
    } else if (instruction === "WORKDIR") {
      workdir = abs(expand(rest)[0] ?? Unresolved);
    } else if (instruction === "COPY" || instruction === "ADD") {
      const operands = execForm(rest) ?? words(rest).filter((w) => !w.startsWith("--"));
      if (/--from[= ]/.test(rest) || operands.length < 2 || rest.includes("<<")) continue;
      const dest = expand(operands.at(-1) as string)[0] ?? Unresolved;
      for (const src of operands.slice(0, -1)) {
        for (const s of expand(src)) {
          names.push({ line, raw: src, value: s, place: "names" });
          const from = posix.normalize(s).replace(/^\.\/?|\/$/g, "");
          const to = abs(dest).replace(/\/$/, "");
          mounts.push({ dest: to, src: from === "." ? "" : from });
          if (dest.endsWith("/") && from !== "" && from !== ".") mounts.push({ dest: `${to}/${from.split("/").at(-1) ?? ""}`, src: from });
        }
      }
    } else if (["RUN", "CMD", "ENTRYPOINT", "SHELL", "HEALTHCHECK", "ONBUILD"].includes(instruction)) {
      // `RUN --mount=type=bind,source=docs,target=/d`: the project's folder seen in the image for that command.
      for (const m of rest.matchAll(/--mount=(\S+)/g)) {
        const opts = new Map((m[1] as string).split(",").map((kv) => kv.split("=") as [string, string]));
        const source = opts.get("source") ?? opts.get("src") ?? ".";
        const target = opts.get("target") ?? opts.get("dst") ?? opts.get("destination");
        if ((opts.get("type") ?? "bind") === "bind" && opts.get("from") === undefined && target !== undefined) {
          const from = posix.normalize(source).replace(/^\.\/?|\/$/g, "");
          mounts.push({ dest: abs(target).replace(/\/$/, ""), src: from === "." ? "" : from });
        }
      }
      const exec = execForm(rest.replace(/^(?:--[\w-]+(?:=\S*)?[ \t]+)+/, "").replace(/^CMD[ \t]+/i, ""));
      const script = exec === undefined ? rest.replace(/^(?:--[\w-]+(?:=\S*)?[ \t]+)+/, "") : exec.map((w) => `'${w.replace(/'/g, "'\\''")}'`).join(" ");
      for (const n of shellNames(script, env, line)) {
        names.push(n);
        // A relative name in the image is under the working directory.
        if (!n.value.startsWith("/") && workdir !== "/") names.push({ ...n, value: abs(n.value) });
      }
    }
  }
  return { names, mounts };
}

function execForm(text: string): string[] | undefined {
  if (!text.startsWith("[")) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((w) => typeof w === "string") ? (parsed as string[]) : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// YAML (CI workflows, compose, task runners)

/** Keys whose values are shell commands. */
const commandKeys: ReadonlySet<string> = new Set(["run", "script", "scripts", "before_script", "after_script", "command", "commands", "cmd", "cmds", "entrypoint", "entry", "exec", "prestart", "poststart", "build_command", "install", "test", "deploy", "pre", "post", "steps"]);
/** Keys whose maps (or `K=V` lists) are variables the commands see. */
const envKeys: ReadonlySet<string> = new Set(["env", "variables", "environment", "vars", "matrix", "globals"]);

/**
 * GitHub's and Gitea's `${{ env.X }}` and Taskfile's `{{.X}}`: a variable reference; `${{ github.workspace }}`: the
 * project's top.
 */
function templated(text: string): string {
  return text.replace(/\{\{\s*\.([\w-]+)\s*\}\}/g, (_, name: string) => `${VarOpen}${name}${VarClose}`).replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expr: string) => {
    const v = /^(?:env|vars|inputs|matrix)\.([\w-]+)$/.exec(expr);
    if (v !== null) return `${VarOpen}${v[1] as string}${VarClose}`;
    return /^github\.workspace$/.test(expr) ? "." : Unresolved;
  });
}

/** A compose `volumes:` entry binding a project folder into the container (`./docs:/app:ro`, `{ source, target }`). */
function volumeMount(value: string): Mount | undefined {
  const [src = "", dest = ""] = value.split(":");
  if (!/^\.{1,2}(?:\/|$)/.test(src) || !dest.startsWith("/")) return undefined;
  const from = posix.normalize(src).replace(/\/$/, "");
  return { dest: posix.normalize(dest).replace(/\/$/, "") || "/", src: from === "." ? "" : from };
}

/** The YAML parser loads with the first YAML file a write is judged for, not at start (~70 modules). */
const yaml = lazyRequire<typeof Yaml>("yaml", import.meta.url);

function yamlNames(text: string): { names: IndirectName[]; mounts: Mount[] } {
  const { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument } = yaml();
  const mounts: Mount[] = [];
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false, strict: false });
  const env = topEnv();
  const lineOf = (node: YamlNode | null | undefined) => (node?.range === undefined || node.range === null ? 1 : counter.linePos(node.range[0]).line);
  const scalarText = (node: unknown) => (isScalar(node) && (typeof node.value === "string" || typeof node.value === "number" || typeof node.value === "boolean") ? String(node.value) : undefined);
  // Variables first, from every level (a job's `env`, a step's, the workflow's: gathered, not scoped).
  const gather = (node: unknown, depth: number): void => {
    if (depth > 64) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = scalarText(pair.key)?.toLowerCase();
        if (key !== undefined && envKeys.has(key)) {
          if (isMap(pair.value)) {
            for (const v of pair.value.items) {
              const name = scalarText(v.key);
              const values = isSeq(v.value) ? v.value.items.map(scalarText) : [scalarText(v.value)];
              if (name !== undefined) env.set(name, capped([...(env.get(name) ?? []), ...values.flatMap((s) => (s === undefined ? [Unresolved] : expandWord(templated(s), env)))]));
            }
          } else if (isSeq(pair.value)) {
            for (const item of pair.value.items) {
              const [name, value] = (scalarText(item) ?? "").split(/=(.*)/s);
              if (name !== undefined && name !== "" && value !== undefined) env.set(name, capped([...(env.get(name) ?? []), ...expandWord(templated(value), env)]));
            }
          }
        }
        gather(pair.value, depth + 1);
      }
    } else if (isSeq(node)) for (const item of node.items) gather(item, depth + 1);
  };
  gather(doc.contents, 0);
  const out: IndirectName[] = [];
  const visit = (node: unknown, key: string | undefined, depth: number): void => {
    if (depth > 64) return;
    if (isMap(node)) {
      if (key === "volumes" || key === "mounts") {
        const [source, target] = [node.get("source"), node.get("target")];
        if (typeof source === "string" && typeof target === "string") {
          const m = volumeMount(`${source}:${target}`);
          if (m !== undefined) mounts.push(m);
        }
      }
      for (const pair of node.items) visit(pair.value, scalarText(pair.key)?.toLowerCase(), depth + 1);
    }
    else if (isSeq(node)) for (const item of node.items) visit(item, key, depth + 1);
    else if (isPair(node)) visit(node.value, key, depth + 1);
    else if (isScalar(node) && typeof node.value === "string") {
      const s = node.value;
      if (key === "volumes") {
        const m = volumeMount(s);
        if (m !== undefined) mounts.push(m);
      }
      const block = node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED";
      const line = lineOf(node as YamlNode) + (block ? 1 : 0);
      if (key !== undefined && commandKeys.has(key)) {
        // Compose writes a `$` meant for the container's shell as `$$`.
        for (const n of shellNames(templated(s).replaceAll("$$", "$"), env, line)) out.push({ ...n, raw: n.raw.replace(new RegExp(`${VarOpen}([\\w-]+)${VarClose}`, "g"), "${{ env.$1 }}") });
      } else if (/[$*?{\u0001]/.test(s)) {
        for (const w of words(s)) for (const value of expandWord(templated(w), env)) out.push({ line, raw: w, value, place: "names" });
      }
    }
  };
  visit(doc.contents, undefined, 0);
  return { names: out, mounts };
}

// ---------------------------------------------------------------------------------------------------------------
// INI (tox.ini, setup.cfg)

function iniNames(text: string): IndirectName[] {
  type Entry = { section: string; key: string; value: string; line: number };
  const entries: Entry[] = [];
  let section = "";
  let entry: Entry | undefined;
  text.split(/\r?\n/).forEach((l, k) => {
    if (/^[ \t]*[#;]/.test(l) || l.trim() === "") return;
    const sec = /^\[([^\]]+)\]/.exec(l);
    if (sec !== null) {
      section = (sec[1] as string).trim();
      entry = undefined;
      return;
    }
    if (/^[ \t]/.test(l) && entry !== undefined) {
      entry.value += `\n${l.trim()}`;
      return;
    }
    const kv = /^([^=:]+?)[ \t]*[=:][ \t]*(.*)$/.exec(l);
    if (kv === null) return;
    entry = { section, key: (kv[1] as string).trim().toLowerCase(), value: kv[2] as string, line: k + 1 };
    entries.push(entry);
  });
  const env = topEnv();
  const lookup = (sec: string, key: string) => entries.find((e) => e.section === sec && e.key === key)?.value;
  // tox's substitutions: `{env:X}`, `{env:X:default}`, `{[section]key}`, `{toxinidir}`; others are not known here.
  const substitute = (value: string, depth = 0): string => value.replace(/\{([^{}]*)\}/g, (whole, inner: string) => {
    if (depth > MaxDepth) return Unresolved;
    const e = /^env:([\w.-]+)(?::([\s\S]*))?$/.exec(inner);
    if (e !== null) return env.has(e[1] as string) || e[2] === undefined ? `${VarOpen}${e[1] as string}${VarClose}` : substitute(e[2], depth + 1);
    const ref = /^\[([^\]]*)\]([\w.-]+)$/.exec(inner);
    if (ref !== null) return substitute(lookup(ref[1] as string, ref[2] as string) ?? Unresolved, depth + 1);
    if (/^(?:toxinidir|tox_root)$/.test(inner)) return ".";
    if (inner === "/" || inner === ":") return inner;
    if (/^posargs(?::|$)/.test(inner)) return inner.includes(":") ? substitute(inner.slice(inner.indexOf(":") + 1), depth + 1) : Unresolved;
    return /^[\w:.[\]-]+$/.test(inner) ? Unresolved : whole;
  });
  for (const e of entries.filter((x) => x.key === "setenv" || x.key === "set_env")) {
    for (const l of e.value.split("\n")) {
      const kv = /^([\w.-]+)[ \t]*=[ \t]*(.*)$/.exec(l.trim());
      if (kv !== null) env.set(kv[1] as string, capped([...(env.get(kv[1] as string) ?? []), ...expandWord(substitute(kv[2] as string), env)]));
    }
  }
  const out: IndirectName[] = [];
  for (const e of entries) {
    const lines = e.value.split("\n");
    lines.forEach((l, k) => {
      if (l.trim() === "") return;
      const line = e.line + k;
      const subst = substitute(l);
      if (/^(?:commands(?:_pre|_post)?|install_command|list_dependencies_command|commands_.*)$/.test(e.key)) out.push(...shellNames(subst, env, line).map((n) => ({ ...n, raw: l.trim() })));
      else if (e.key === "deps" || e.key === "requires") out.push(...shellNames(`pip install ${subst}`, env, line).map((n) => ({ ...n, raw: l.trim() })));
      else if (subst !== l || /[$*?]/.test(l)) for (const w of words(subst)) for (const value of expandWord(w, env)) out.push({ line, raw: l.trim(), value, place: "names" });
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// justfile

/** A just expression: strings and variables joined by `+` and `/`; anything else (a call, a backtick) is unknown. */
function justValue(expr: string, env: Env): string[] {
  const parts: string[][] = [];
  let joinNext = false;
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z_][\w-]*)(\s*\()?|(\+)|(\/)|(\S))/gy;
  for (const m of expr.matchAll(re)) {
    let value: string[] | undefined;
    if (m[1] !== undefined) value = [m[1].replace(/\\(.)/g, "$1")];
    else if (m[2] !== undefined) value = [m[2]];
    else if (m[3] !== undefined) value = m[4] !== undefined ? [Unresolved] : env.get(m[3]) ?? [Unresolved];
    else if (m[6] !== undefined) joinNext = true;
    else if (m[5] === undefined) return [Unresolved];
    if (value !== undefined) {
      parts.push(joinNext ? value.map((v) => `/${v}`) : value);
      joinNext = false;
    }
  }
  return crossAll(parts);
}

function justNames(text: string): IndirectName[] {
  const env = topEnv();
  const lines = text.split(/\r?\n/);
  for (const l of lines) {
    const m = /^(?:export[ \t]+)?([A-Za-z_][\w-]*)[ \t]*:=[ \t]*(.+)$/.exec(l);
    if (m !== null) env.set(m[1] as string, capped([...(env.get(m[1] as string) ?? []), ...justValue(m[2] as string, env)]));
  }
  const out: IndirectName[] = [];
  lines.forEach((l, k) => {
    if (!/^[ \t]+\S/.test(l)) return;
    const recipe = l.trim().replace(/^[@-]+/, "").replace(/\{\{([^}]*)\}\}/g, (_, expr: string) => {
      const v = justValue(expr, env);
      return v.length === 1 ? (v[0] as string) : Unresolved;
    });
    out.push(...shellNames(recipe, env, k + 1).map((n: ShellName) => ({ ...n, raw: l.trim() })));
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Matching a written path

/** A pattern as a regular expression: `*` and `?` within a name, `Unresolved` and `**` any text. */
function patternRe(pattern: string): RegExp {
  let re = "";
  for (let k = 0; k < pattern.length; k++) {
    const c = pattern[k] as string;
    if (c === Unresolved || pattern.startsWith("**", k)) {
      re += ".*";
      if (c === "*") k++;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const end = pattern.indexOf("]", k + 2);
      re += end < 0 ? "\\[" : "[^/]";
      if (end >= 0) k = end;
    } else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`, "i");
}

const wild = (v: string) => /[*?[\u0000]/.test(v);

/** The workspace-relative patterns a name stands for, from the folder `dir` of the file that gives it. */
function candidates(n: IndirectName, dir: string, mounts: readonly Mount[]): string[] {
  const v = n.value.replace(/^(?:\.\/)+/, "");
  if (!v.startsWith("/")) {
    const own = posix.normalize(posix.join(dir === "" ? "." : dir, v));
    // Spelled from the workspace's top too, as a literal mention is; a pattern stays below its file's folder.
    return wild(v) || dir === "" ? [own] : [own, posix.normalize(v)];
  }
  const out: string[] = [];
  const path = posix.normalize(v);
  for (const m of mounts) {
    if (m.dest === "/" || path === m.dest || path.startsWith(`${m.dest}/`)) out.push(posix.normalize(posix.join(dir === "" ? "." : dir, m.src === "" ? "." : m.src, m.dest === "/" ? path : path.slice(m.dest.length))));
  }
  // The project's folder mounted or copied elsewhere (`/app/docs/ci.txt`): from each segment that is a name.
  const segments = path.split("/").filter((s) => s !== "");
  segments.forEach((s, k) => {
    if (!wild(s) && k < segments.length - 1) out.push(segments.slice(k).join("/"));
  });
  return out;
}

type Compiled = { readonly name: IndirectName; readonly res: readonly RegExp[] };
/** The names of a parsed file that can reach anything, as regular expressions per folder: built once per version. */
const byFolder = new WeakMap<IndirectNames, Map<string, Compiled[]>>();

function compiledFor(named: IndirectNames, dir: string): Compiled[] {
  let folders = byFolder.get(named);
  if (folders === undefined) {
    folders = new Map();
    byFolder.set(named, folders);
  }
  const hit = folders.get(dir);
  if (hit !== undefined) return hit;
  const out: Compiled[] = [];
  for (const n of named.names) {
    // A pattern, or a name partly set outside the file, counts where a file to run goes; elsewhere (a formatter's
    // `"**/*.md"`, `cp $(SRC)/*.txt`) only a name fully known counts, as a literal mention does.
    if (wild(n.value) && n.place !== "runs") continue;
    const res = candidates(n, dir, named.mounts).filter((c) => !c.startsWith("../") && c !== "..").map(patternRe);
    if (res.length > 0) out.push({ name: n, res });
  }
  folders.set(dir, out);
  return out;
}

/**
 * The name in `named` (given by a run-later file in the folder `dir`) that reaches `target` (workspace-relative), with
 * how, or undefined. `needsVerb`: the file is a source of the project, where only a name it runs counts.
 */
export function reachingName(named: IndirectNames, dir: string, target: string, needsVerb: boolean): { name: IndirectName; how: string } | undefined {
  for (const { name: n, res } of compiledFor(named, dir)) {
    if (needsVerb && n.place !== "runs") continue;
    if (!res.some((re) => re.test(target))) continue;
    const shown = n.value.replaceAll(Unresolved, "…");
    const how = !wild(n.value)
      ? `which expands to \`${shown}\``
      : n.value.includes(Unresolved)
        ? `part of which is set outside the file or found by listing a folder, so where a file to run goes it may be any file like \`${shown}\``
        : `the pattern \`${shown}\` where a file to run goes, which matches it`;
    return { name: n, how };
  }
  return undefined;
}
