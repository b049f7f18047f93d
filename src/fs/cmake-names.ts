/**
 * What a CMake file (`CMakeLists.txt`, `*.cmake`) names, read as CMake reads it: commands and their arguments (quoted,
 * bracketed, unquoted), `${VAR}` references to what `set`, `list(APPEND)`, `file(GLOB)`, `foreach` and
 * `get_filename_component` gave the variable (gathered over the file, not ordered: an over-approximation). A name
 * counts as run where CMake runs it: `include()`, `add_subdirectory()`'s `CMakeLists.txt`, `install(SCRIPT)`, and the
 * `COMMAND`s of `execute_process`, `add_custom_command` and `add_custom_target` (read as shell commands by
 * shell-words.ts). A `file(GLOB)` lists what is below its folder: `foreach(f ${GLOBBED}) include(${f})` includes any
 * file the pattern matches. What is not known (`$ENV{X}`, a variable set elsewhere) is `Unresolved`. Never throws.
 */
import { posix } from "node:path";
import { expandWord, shellNames, Unresolved, VarClose, VarOpen, type Env, type ShellName } from "./shell-words.ts";

const MaxAlternatives = 32;
const MaxCommands = 4096;

type Arg = { raw: string; quoted: boolean };
type Command = { name: string; args: Arg[]; line: number };

function capped(values: Iterable<string>): string[] {
  const all = [...new Set(values)];
  return all.length > MaxAlternatives ? [Unresolved] : all;
}

/** The commands of a CMake file, with their arguments as written (bounded by `MaxCommands`). */
function commandsOf(text: string): Command[] {
  const out: Command[] = [];
  let i = 0;
  let line = 1;
  const advance = (to: number) => {
    for (let k = i; k < to && k < text.length; k++) if (text[k] === "\n") line++;
    i = to;
  };
  const bracketEnd = (at: number): number => {
    const m = /^\[(=*)\[/.exec(text.slice(at, at + 64));
    if (m === null) return -1;
    const close = text.indexOf(`]${m[1] as string}]`, at + m[0].length);
    return close < 0 ? text.length : close + (m[1] as string).length + 2;
  };
  while (i < text.length && out.length < MaxCommands) {
    const c = text[i] as string;
    if (c === "#") {
      const end = bracketEnd(i + 1);
      const eol = text.indexOf("\n", i);
      advance(end >= 0 ? end : eol < 0 ? text.length : eol);
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*[ \t]*\(/.exec(text.slice(i, i + 128));
    if (ident === null) {
      advance(i + 1);
      continue;
    }
    const name = ident[0].replace(/[ \t]*\($/, "").toLowerCase();
    const start = line;
    advance(i + ident[0].length);
    const args: Arg[] = [];
    let depth = 1;
    while (i < text.length && depth > 0) {
      const d = text[i] as string;
      if (/\s/.test(d)) advance(i + 1);
      else if (d === "#") advance(text.indexOf("\n", i) < 0 ? text.length : text.indexOf("\n", i));
      else if (d === "(") {
        depth++;
        advance(i + 1);
      } else if (d === ")") {
        depth--;
        advance(i + 1);
      } else if (d === "\"") {
        let k = i + 1;
        while (k < text.length && text[k] !== "\"") k += text[k] === "\\" ? 2 : 1;
        args.push({ raw: text.slice(i + 1, Math.min(k, text.length)), quoted: true });
        advance(k + 1);
      } else if (d === "[" && bracketEnd(i) >= 0) {
        const end = bracketEnd(i);
        const open = /^\[=*\[/.exec(text.slice(i))?.[0].length ?? 2;
        args.push({ raw: text.slice(i + open, Math.max(i + open, end - open)), quoted: true });
        advance(end);
      } else {
        let k = i;
        while (k < text.length && !/[\s()#"]/.test(text[k] as string)) k += text[k] === "\\" ? 2 : 1;
        args.push({ raw: text.slice(i, k), quoted: false });
        advance(Math.max(k, i + 1));
      }
    }
    out.push({ name, args, line: start });
  }
  return out;
}

/** An argument as shell text for shell-words.ts: literal parts quoted, `${VAR}` a variable reference, the rest unknown. */
function shellText(raw: string): string {
  let out = "";
  let lit = "";
  const flush = () => {
    if (lit !== "") out += `'${lit.replace(/'/g, "'\\''")}'`;
    lit = "";
  };
  for (let k = 0; k < raw.length; k++) {
    const ref = /^\$\{([A-Za-z0-9_.+/-]+)\}/.exec(raw.slice(k, k + 256));
    const unknown = /^\$(?:ENV|CACHE)?\{[^}]*\}|^\$<[^>]*>/.exec(raw.slice(k, k + 256));
    if (ref !== null) {
      flush();
      out += `${VarOpen}${ref[1] as string}${VarClose}`;
      k += ref[0].length - 1;
    } else if (unknown !== null) {
      flush();
      out += `${VarOpen}\u0003${VarClose}`;
      k += unknown[0].length - 1;
    } else if (raw[k] === "\\" && k + 1 < raw.length) {
      const e = raw[++k] as string;
      lit += ({ n: "\n", t: "\t", r: "\r", ";": ";" } as Record<string, string>)[e] ?? e;
    } else lit += raw[k] as string;
  }
  flush();
  return out === "" ? "''" : out;
}

/** The values of an argument: every text it may become, list elements (`a;b`) apart when it is not quoted. */
function valuesOf(arg: Arg, env: Env): string[] {
  const alts = expandWord(shellText(arg.raw), env);
  return capped(arg.quoted ? alts : alts.flatMap((a) => a.split(";")).filter((a) => a !== ""));
}

/** Keywords that end a `COMMAND`'s words in `execute_process`, `add_custom_command` and `add_custom_target`. */
const commandKeywords: ReadonlySet<string> = new Set([
  "COMMAND", "WORKING_DIRECTORY", "OUTPUT", "DEPENDS", "BYPRODUCTS", "COMMENT", "VERBATIM", "RESULT_VARIABLE", "RESULTS_VARIABLE",
  "OUTPUT_VARIABLE", "ERROR_VARIABLE", "INPUT_FILE", "OUTPUT_FILE", "ERROR_FILE", "TIMEOUT", "USES_TERMINAL", "MAIN_DEPENDENCY",
  "IMPLICIT_DEPENDS", "COMMAND_EXPAND_LISTS", "SOURCES", "JOB_POOL", "JOB_SERVER_AWARE", "COMMAND_ECHO", "ENCODING",
  "ECHO_OUTPUT_VARIABLE", "ECHO_ERROR_VARIABLE", "OUTPUT_STRIP_TRAILING_WHITESPACE", "ERROR_STRIP_TRAILING_WHITESPACE", "ERROR_QUIET",
  "OUTPUT_QUIET", "APPEND", "DEPFILE", "COMMAND_ERROR_IS_FATAL", "ALL", "POST_BUILD", "PRE_BUILD", "PRE_LINK", "TARGET", "CODEGEN",
]);

/** The CMake variables that hold the project's folders: the file's own (names are relative to it). */
function cmakeEnv(top: Env): Env {
  const env: Env = new Map(top);
  for (const v of ["CMAKE_CURRENT_LIST_DIR", "CMAKE_CURRENT_SOURCE_DIR", "CMAKE_SOURCE_DIR", "PROJECT_SOURCE_DIR", "CMAKE_HOME_DIRECTORY"]) env.set(v, ["."]);
  return env;
}

export type CmakeName = ShellName;

/** The names a CMake file gives, each with its place (`runs` where CMake runs or includes it). */
export function cmakeNames(text: string, top: Env): CmakeName[] {
  const commands = commandsOf(text);
  const env = cmakeEnv(top);
  const bind = (name: string, values: readonly string[]) => env.set(name, capped([...(env.get(name) ?? []), ...values]));
  const variable = (arg: Arg | undefined) => (arg === undefined ? undefined : (expandWord(shellText(arg.raw), env)[0] ?? "").trim());
  // Variables first, twice: one may be set from another set further down.
  for (let round = 0; round < 2; round++) {
    for (const c of commands) {
      const [first, second] = c.args;
      if (c.name === "set" && first !== undefined) {
        const name = variable(first);
        const rest = c.args.slice(1);
        const end = rest.findIndex((a) => !a.quoted && (a.raw === "CACHE" || a.raw === "PARENT_SCOPE"));
        if (name !== undefined) bind(name, rest.length === 0 ? [""] : (end < 0 ? rest : rest.slice(0, end)).flatMap((a) => valuesOf(a, env)));
      } else if (c.name === "list" && first !== undefined && second !== undefined) {
        const op = first.raw.toUpperCase();
        const name = variable(second);
        if (name === undefined) continue;
        if (op === "APPEND" || op === "PREPEND") bind(name, c.args.slice(2).flatMap((a) => valuesOf(a, env)));
        else if (op === "INSERT") bind(name, c.args.slice(3).flatMap((a) => valuesOf(a, env)));
        else if (op === "GET" || op === "POP_BACK" || op === "POP_FRONT" || op === "FILTER" || op === "TRANSFORM" || op === "SUBLIST") {
          const out = variable(c.args.at(-1));
          if (out !== undefined) bind(out, env.get(name) ?? [Unresolved]);
        }
      } else if (c.name === "file" && first !== undefined && /^GLOB(?:_RECURSE)?$/i.test(first.raw) && second !== undefined) {
        // `file(GLOB VAR [options] patterns…)`: VAR holds the files each pattern matches (below its folder, recursively).
        const name = variable(second);
        const recurse = /RECURSE/i.test(first.raw);
        const patterns: string[] = [];
        let relative: string | undefined;
        for (let k = 2; k < c.args.length; k++) {
          const a = c.args[k] as Arg;
          if (!a.quoted && /^(?:LIST_DIRECTORIES|RELATIVE)$/.test(a.raw)) {
            if (a.raw === "RELATIVE") relative = valuesOf(c.args[k + 1] ?? { raw: "", quoted: true }, env)[0];
            k++;
            continue;
          }
          if (!a.quoted && /^(?:CONFIGURE_DEPENDS|FOLLOW_SYMLINKS)$/.test(a.raw)) continue;
          for (const v of valuesOf(a, env)) {
            const p = recurse ? `${posix.dirname(v) === "." ? "" : `${posix.dirname(v)}/`}${Unresolved}` : v;
            patterns.push(relative === undefined ? p : p.startsWith(`${relative.replace(/\/$/, "")}/`) ? p.slice(relative.replace(/\/$/, "").length + 1) : p);
          }
        }
        if (name !== undefined) bind(name, patterns);
      } else if (c.name === "foreach" && first !== undefined) {
        const name = variable(first);
        const rest = c.args.slice(1);
        if (name === undefined) continue;
        if (rest[0]?.raw === "RANGE") continue;
        const items: string[] = [];
        let lists = false;
        for (const a of rest) {
          if (!a.quoted && a.raw === "IN") continue;
          if (!a.quoted && (a.raw === "LISTS" || a.raw === "ITEMS" || a.raw === "ZIP_LISTS")) {
            lists = a.raw !== "ITEMS";
            continue;
          }
          if (lists) items.push(...(env.get(variable(a) ?? "") ?? [Unresolved]));
          else items.push(...valuesOf(a, env));
        }
        bind(name, items);
      } else if (c.name === "get_filename_component" && first !== undefined && second !== undefined) {
        const name = variable(first);
        const mode = (c.args[2]?.raw ?? "").toUpperCase();
        const values = valuesOf(second, env);
        if (name === undefined) continue;
        if (mode === "DIRECTORY" || mode === "PATH") bind(name, values.map((v) => posix.dirname(v)));
        else if (mode === "NAME") bind(name, values.map((v) => posix.basename(v)));
        else if (mode === "ABSOLUTE" || mode === "REALPATH") bind(name, values);
        else bind(name, [Unresolved]);
      } else if (/^(?:file|string|execute_process|find_file|find_program|configure_file)$/.test(c.name)) {
        // Output variables of commands whose result is not known here.
        for (let k = 0; k + 1 < c.args.length; k++) {
          if (/^(?:READ|STRINGS|OUTPUT_VARIABLE|RESULT_VARIABLE|REAL_PATH|RELATIVE_PATH|TO_CMAKE_PATH|REPLACE|REGEX|CONCAT|JOIN|APPEND)$/.test((c.args[k] as Arg).raw)) {
            const out = variable(c.args[k + 1]);
            if (out !== undefined && !env.has(out)) bind(out, [Unresolved]);
          }
        }
      }
    }
  }
  const out: CmakeName[] = [];
  const emit = (arg: Arg, line: number, place: "runs" | "names", suffix = "") => {
    for (const value of valuesOf(arg, env)) out.push({ raw: arg.raw, value: `${value}${suffix}`, line, place });
  };
  for (const c of commands) {
    const [first] = c.args;
    if (c.name === "include" && first !== undefined) {
      emit(first, c.line, "runs");
      // `include(Module)` finds `Module.cmake` on the module path (the project's `cmake/` folder, usually).
      if (!/[/.]/.test(first.raw)) for (const dir of env.get("CMAKE_MODULE_PATH") ?? []) emit({ raw: `${dir}/${first.raw}`, quoted: true }, c.line, "runs", ".cmake");
    } else if (c.name === "add_subdirectory" && first !== undefined) emit(first, c.line, "runs", "/CMakeLists.txt");
    else if (c.name === "install" && first !== undefined) {
      c.args.forEach((a, k) => {
        if (!a.quoted && a.raw === "SCRIPT" && c.args[k + 1] !== undefined) emit(c.args[k + 1] as Arg, c.line, "runs");
      });
    } else if (/^(?:execute_process|add_custom_command|add_custom_target|exec_program)$/.test(c.name)) {
      // Each `COMMAND` (and add_custom_target's first command after its name) is a command line.
      let words: Arg[] | undefined = c.name === "add_custom_target" ? [] : c.name === "exec_program" ? [] : undefined;
      const flush = () => {
        if (words !== undefined && words.length > 0) out.push(...shellNames(words.map((w) => shellText(w.raw)).join(" "), env, c.line));
        words = undefined;
      };
      c.args.forEach((a, k) => {
        if (c.name === "add_custom_target" && k === 0) return;
        if (!a.quoted && commandKeywords.has(a.raw)) {
          flush();
          if (a.raw === "COMMAND") words = [];
          return;
        }
        words?.push(a);
      });
      flush();
    } else {
      for (const a of c.args) if (a.raw.includes("${")) emit(a, c.line, "names");
    }
  }
  return out;
}
