/**
 * The file names a shell script names, as the shell would expand them: quotes spliced (`'not'es/e.txt`, `e"".txt`),
 * `$'\x6e'` decoded, variables assigned in the script (or given by the caller) substituted, `${X:-default}` taken,
 * brace lists expanded (`notes/{a,e}.txt`), `$(printf 'notes/%s.txt' e)` and `$(echo …)` evaluated, a `for` loop's
 * variable bound to its list. What cannot be resolved (a variable set elsewhere, another command's output) stands as
 * `Unresolved`: any text, `/` included. Globs stay globs.
 *
 * Each name carries its place in the command, which is what says whether a name that is only partly known counts:
 * `runs` (the script a shell, an interpreter or `source` runs, the command itself, the value of `-f`/`--file`/`-r`),
 * `inert` (an argument of a command that only prints, tests or removes: `echo`, `cat`, `rm`) or `names` (any other).
 *
 * Bounded: at most `MaxAlternatives` spellings per word and `MaxDepth` nested substitutions; past them a word is
 * `Unresolved`. Never throws.
 */

/** Stands for text the expansion could not know (any characters, `/` included). */
export const Unresolved = "\u0000";
/** A reference `\u0001NAME\u0002` to a variable, expanded in any quoting (a template's `${{ env.X }}`, `{env:X}`). */
export const VarOpen = "\u0001";
export const VarClose = "\u0002";

export type Place = "runs" | "names" | "inert";
/** A name a script gives: its spelling in the script, one expansion of it, the line it is on and its place. */
export type ShellName = { raw: string; value: string; line: number; place: Place };
/** Variables: every value each may hold (assignments are gathered, not ordered: an over-approximation). */
export type Env = Map<string, string[]>;

const MaxAlternatives = 32;
const MaxDepth = 4;

/** A word: what it may expand to, and the files a command substitution in it reads (`$(cat F)`, `$(< F)`): their content becomes the word. */
type Word = { alts: string[]; raw: string; line: number; reads?: string[] };
type Token = { kind: "word"; word: Word } | { kind: "op"; op: string; line: number };

function cross(a: readonly string[], b: readonly string[]): string[] {
  if (a.length * b.length > MaxAlternatives) return [Unresolved];
  const out: string[] = [];
  for (const x of a) for (const y of b) out.push(x + y);
  return [...new Set(out)];
}

/** Where the `close` matching the opener at `open` is (quotes and nesting respected), or -1. */
function matching(text: string, open: number, opener: string, close: string): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === "'" && opener !== "{") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (text.startsWith(opener, i)) {
      depth++;
      i += opener.length - 1;
    } else if (text.startsWith(close, i)) {
      depth--;
      if (depth === 0) return i;
      i += close.length - 1;
    }
  }
  return -1;
}

function ansiC(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|[0-7]{1,3}|.)/g, (_, e: string) => {
    if (e[0] === "x" || e[0] === "u") return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCodePoint(parseInt(e, 8));
    return ({ n: "\n", t: "\t", r: "\r", a: "\u0007", b: "\b", e: "\u001b", f: "\f", v: "\v" } as Record<string, string>)[e] ?? e;
  });
}

/** printf's format applied to its arguments once (`%s`, `%b`, `%d`, `%%`, backslash escapes). */
function printf(format: string, args: readonly string[]): string {
  let next = 0;
  return ansiC(format.replace(/%(?:%|[-+ #0]*\d*(?:\.\d+)?[sbdiouxXcq])/g, (spec) => (spec === "%%" ? "%" : args[next++] ?? "")));
}

function capped(values: readonly string[]): string[] {
  const all = [...new Set(values)];
  return all.length > MaxAlternatives ? [Unresolved] : all;
}

/** Any file below the folder `dir` (`.` is the current folder). */
function below(dir: string): string {
  const d = dir.replace(/\/+$/, "");
  return d === "" || d === "." ? Unresolved : `${d}/${Unresolved}`;
}

/** `find`'s starting folders: its operands before the first test or action (`.` when there is none). */
function findRoots(args: readonly Word[]): Word[] {
  const roots: Word[] = [];
  for (const w of args) {
    if (/^[-(!]/.test(w.raw) || w.raw === "\\(" || w.raw === "\\!") break;
    roots.push(w);
  }
  return roots.length > 0 ? roots : [{ alts: ["."], raw: ".", line: args[0]?.line ?? 1 }];
}

/** A script lexed into words (expanded) and operators. */
class Lexer {
  private i = 0;
  private line: number;
  readonly tokens: Token[] = [];
  private readonly text: string;
  private readonly env: Env;
  private readonly depth: number;
  /** The files read by the command substitutions of the word being lexed. */
  private reads: string[] = [];

  constructor(text: string, env: Env, firstLine: number, depth: number) {
    this.text = text;
    this.env = env;
    this.line = firstLine;
    this.depth = depth;
  }

  run(): Token[] {
    const t = this.text;
    while (this.i < t.length) {
      const c = t[this.i] as string;
      if (c === "\n") {
        this.tokens.push({ kind: "op", op: "\n", line: this.line });
        this.line++;
        this.i++;
      } else if (c === " " || c === "\t" || c === "\r") this.i++;
      else if (c === "\\" && t[this.i + 1] === "\n") {
        this.i += 2;
        this.line++;
      } else if (c === "#") {
        while (this.i < t.length && t[this.i] !== "\n") this.i++;
      } else if (t.startsWith("<<", this.i) && t[this.i + 2] !== "<") this.heredoc();
      else if (/[;&|()<>]/.test(c)) {
        const op = /^(?:;;|&&|\|\||>>|[;&|()<>])/.exec(t.slice(this.i, this.i + 2))?.[0] ?? c;
        this.tokens.push({ kind: "op", op, line: this.line });
        this.i += op.length;
      } else this.word();
    }
    return this.tokens;
  }

  /** A here-document: its body is lexed as a script too (`sh <<EOF`); the delimiter line ends it. */
  private heredoc(): void {
    const t = this.text;
    const m = /^<<-?[ \t]*(['"]?)([\w.-]+)\1/.exec(t.slice(this.i));
    if (m === null) {
      this.tokens.push({ kind: "op", op: "<", line: this.line });
      this.i += 2;
      return;
    }
    this.tokens.push({ kind: "op", op: "<<", line: this.line });
    this.i += m[0].length;
    const eol = t.indexOf("\n", this.i);
    if (eol < 0) return;
    // The rest of the line is lexed first; the body starts after it.
    const rest = new Lexer(t.slice(this.i, eol), this.env, this.line, this.depth).run();
    this.tokens.push(...rest);
    const lines = t.slice(eol + 1).split("\n");
    const end = lines.findIndex((l) => l.trim() === m[2]);
    const body = (end < 0 ? lines : lines.slice(0, end)).join("\n");
    this.tokens.push({ kind: "op", op: "\n", line: this.line });
    this.tokens.push(...new Lexer(body, this.env, this.line + 1, this.depth).run());
    const used = end < 0 ? lines.length : end + 1;
    this.line += used + 1;
    this.i = eol + 1 + lines.slice(0, used).join("\n").length + 1;
  }

  private word(): void {
    const t = this.text;
    const start = this.i;
    const line = this.line;
    this.reads = [];
    let alts = [""];
    const add = (more: readonly string[]) => {
      alts = cross(alts, more);
    };
    while (this.i < t.length) {
      const c = t[this.i] as string;
      if (/[\s;&|()<>]/.test(c)) break;
      if (c === "\\") {
        add([t[this.i + 1] ?? ""]);
        this.i += 2;
      } else if (c === "'") {
        const end = t.indexOf("'", this.i + 1);
        add([t.slice(this.i + 1, end < 0 ? t.length : end)]);
        this.i = end < 0 ? t.length : end + 1;
      } else if (c === "\"") this.doubleQuoted(add);
      else if (c === "$" || c === "`" || c === VarOpen) add(this.dollar());
      else if (c === "{") add(this.braces());
      else {
        add([c]);
        this.i++;
      }
    }
    this.line += (t.slice(start, this.i).match(/\n/g) ?? []).length;
    const word: Word = { alts, raw: t.slice(start, this.i), line };
    if (this.reads.length > 0) word.reads = [...new Set(this.reads)].slice(0, MaxAlternatives);
    this.tokens.push({ kind: "word", word });
  }

  private doubleQuoted(add: (more: readonly string[]) => void): void {
    const t = this.text;
    this.i++;
    while (this.i < t.length && t[this.i] !== "\"") {
      const c = t[this.i] as string;
      if (c === "\\" && /["\\$`\n]/.test(t[this.i + 1] ?? "")) {
        add([t[this.i + 1] === "\n" ? "" : (t[this.i + 1] as string)]);
        this.i += 2;
      } else if (c === "$" || c === "`" || c === VarOpen) add(this.dollar());
      else {
        add([c]);
        this.i++;
      }
    }
    this.i++;
  }

  /** Brace expansion (`{a,b}`, `{1..3}`); a brace without a top-level comma or range is itself. */
  private braces(): string[] {
    const t = this.text;
    const end = matching(t, this.i, "{", "}");
    if (end < 0) {
      this.i++;
      return ["{"];
    }
    const body = t.slice(this.i + 1, end);
    const parts: string[] = [];
    let depth = 0;
    let from = 0;
    for (let k = 0; k < body.length; k++) {
      if (body[k] === "{") depth++;
      else if (body[k] === "}") depth--;
      else if (body[k] === "," && depth === 0) {
        parts.push(body.slice(from, k));
        from = k + 1;
      }
    }
    parts.push(body.slice(from));
    const range = /^(-?\d+|[a-zA-Z])\.\.(-?\d+|[a-zA-Z])$/.exec(body);
    if (parts.length < 2 && range === null) {
      this.i++;
      return ["{"];
    }
    this.i = end + 1;
    if (range !== null) {
      const [a, b] = [range[1] as string, range[2] as string];
      const num = /\d/.test(a);
      const lo = num ? Number(a) : a.charCodeAt(0);
      const hi = num ? Number(b) : b.charCodeAt(0);
      if (Math.abs(hi - lo) >= MaxAlternatives) return [Unresolved];
      const out: string[] = [];
      for (let v = lo; lo <= hi ? v <= hi : v >= hi; v += lo <= hi ? 1 : -1) out.push(num ? String(v) : String.fromCharCode(v));
      return out;
    }
    // Each part is a word of its own (it may hold quotes, variables and braces).
    return [...new Set(parts.flatMap((p) => (p === "" ? [""] : expandWord(p, this.env, this.depth + 1))))].slice(0, MaxAlternatives);
  }

  private lookup(name: string): string[] {
    return this.env.get(name) ?? [Unresolved];
  }

  /** `$…`, `` `…` `` or a template reference at `this.i`: what it may expand to. */
  private dollar(): string[] {
    const t = this.text;
    const c = t[this.i];
    if (c === VarOpen) {
      const end = t.indexOf(VarClose, this.i);
      const name = t.slice(this.i + 1, end < 0 ? t.length : end);
      this.i = end < 0 ? t.length : end + 1;
      return this.lookup(name);
    }
    if (c === "`") {
      const end = t.indexOf("`", this.i + 1);
      const inner = t.slice(this.i + 1, end < 0 ? t.length : end);
      this.i = end < 0 ? t.length : end + 1;
      return this.substitute(inner);
    }
    const n = t[this.i + 1] ?? "";
    if (n === "'") {
      const end = t.indexOf("'", this.i + 2);
      const body = t.slice(this.i + 2, end < 0 ? t.length : end);
      this.i = end < 0 ? t.length : end + 1;
      return [ansiC(body)];
    }
    if (t.startsWith("$((", this.i)) {
      const end = matching(t, this.i + 1, "(", ")");
      this.i = end < 0 ? t.length : end + 1;
      return [Unresolved];
    }
    if (n === "(") {
      const end = matching(t, this.i + 1, "(", ")");
      const inner = t.slice(this.i + 2, end < 0 ? t.length : end);
      this.i = end < 0 ? t.length : end + 1;
      return this.substitute(inner);
    }
    if (n === "{") {
      const end = matching(t, this.i + 1, "{", "}");
      const inner = t.slice(this.i + 2, end < 0 ? t.length : end);
      this.i = end < 0 ? t.length : end + 1;
      const m = /^([A-Za-z_]\w*)(?:(:?[-=?+])([\s\S]*))?$/.exec(inner);
      if (m === null) return [Unresolved];
      const [, name = "", op, rest = ""] = m;
      const value = this.env.get(name);
      if (op === undefined) return value ?? [Unresolved];
      const other = expandWord(rest, this.env, this.depth + 1);
      if (op.endsWith("+")) return value === undefined ? ["", Unresolved] : [...new Set(["", ...other])];
      return value === undefined ? [...new Set([...other, Unresolved])] : [...new Set([...value, ...other])];
    }
    const name = /^(?:[A-Za-z_]\w*|[0-9@*#?$!-])/.exec(t.slice(this.i + 1))?.[0];
    if (name === undefined) {
      this.i++;
      return ["$"];
    }
    this.i += 1 + name.length;
    return /^[A-Za-z_]/.test(name) ? this.lookup(name) : [Unresolved];
  }

  /**
   * A command substitution: `printf` and `echo` are evaluated; `find DIR` lists what is below DIR; the files `cat`,
   * `head`, `tail` or `< F` read are remembered (their content becomes the word); any other command's output is unknown.
   */
  private substitute(inner: string): string[] {
    if (this.depth >= MaxDepth) return [Unresolved];
    const tokens = new Lexer(inner, this.env, this.line, this.depth + 1).run();
    const words = tokens.flatMap((k) => (k.kind === "word" ? [k.word] : []));
    // `$(< F)`: the shell reads F.
    if (tokens[0]?.kind === "op" && tokens[0].op === "<" && words.length === 1) {
      this.reads.push(...(words[0] as Word).alts);
      return [Unresolved];
    }
    if (tokens.some((k) => k.kind === "op" && k.op !== "\n")) return [Unresolved];
    const command = words[0]?.alts;
    const readers = new Set(["cat", "head", "tail", "tac"]);
    const name = command?.length === 1 ? (command[0] as string).split("/").at(-1) : undefined;
    if (name !== undefined && readers.has(name)) {
      for (const w of words.slice(1)) if (!w.raw.startsWith("-")) this.reads.push(...w.alts);
      return [Unresolved];
    }
    if (name === "find") return capped(findRoots(words.slice(1)).flatMap((w) => w.alts).map(below));
    if (command?.length !== 1) return [Unresolved];
    const args = words.slice(1);
    if (args.some((w) => w.alts.length !== 1)) return [Unresolved];
    const values = args.map((w) => w.alts[0] as string);
    if (command[0] === "printf" && values.length > 0) return [printf(values[0] as string, values.slice(1)).replace(/\n+$/, "")];
    if (command[0] === "echo") return [values.filter((v) => !/^-[neE]+$/.test(v)).join(" ")];
    return [Unresolved];
  }
}

/** One word's expansions (no operators, no word splitting). */
export function expandWord(text: string, env: Env, depth = 0): string[] {
  if (depth > MaxDepth) return [Unresolved];
  const words = new Lexer(text.replace(/[;&|()<>\s]/g, (c) => `\\${c}`), env, 1, depth).run().flatMap((k) => (k.kind === "word" ? [k.word] : []));
  return words.reduce<string[]>((acc, w) => cross(acc, w.alts), [""]);
}

/** Commands that only print, test, list, move into or remove what they name: a name there is not run. */
const inertCommands: ReadonlySet<string> = new Set(["echo", "printf", "cat", "ls", "rm", "rmdir", "mkdir", "touch", "test", "[", "[[", "cd", "pushd", "popd", "grep", "egrep", "fgrep", "rg", "wc", "head", "tail", "diff", "cmp", "stat", "du", "file", "true", "false", "which", "type", "read", "set", "shift", "unset", "exit", "return", "wait", "sleep", "trap", "chown", "watch_file", "log_status", "log_error"]);
/** Commands that run (or source) the file given as their first operand. */
const interpreters: ReadonlySet<string> = new Set(["sh", "bash", "zsh", "dash", "ksh", "mksh", "ash", "fish", "source", ".", "python", "python2", "python3", "pypy", "pypy3", "node", "deno", "bun", "tsx", "ts-node", "perl", "ruby", "php", "lua", "luajit", "rscript", "tclsh", "wish", "awk", "gawk", "osascript", "pwsh", "powershell", "source_env", "source_env_if_exists", "source_up", "source_up_if_exists", "dotenv", "dotenv_if_exists", "env_vars_required", "load_prefix"]);
/** Options whose value is a file the command reads as code or configuration. */
const fileOptions = /^(?:-f|--file|--rcfile|--init-file|--requirement|--constraint|--env-file|--config|--makefile|--justfile|--taskfile|--include|--source|--load|--require)$/;
/** pip's short options for requirement and constraint files. */
const pipOptions = /^-[rc]$/;
const pips: ReadonlySet<string> = new Set(["pip", "pip3", "uv", "pipx"]);
/** Words before the command that do not change what runs. */
const prefixes: ReadonlySet<string> = new Set(["!", "{", "}", "then", "do", "else", "elif", "if", "while", "until", "time", "fi", "done", "esac", "in", "command", "builtin", "nohup", "sudo", "doas", "nice", "ionice", "stdbuf", "env", "eval", "exec"]);
const declarers: ReadonlySet<string> = new Set(["export", "local", "declare", "typeset", "readonly"]);
const shells: ReadonlySet<string> = new Set(["sh", "bash", "zsh", "dash", "ksh", "mksh", "ash"]);

const assignment = /^([A-Za-z_]\w*)(\+?)=/;

/** `name` as a command is known (the last segment of a path, lower case), or undefined when it was not resolved. */
function commandName(word: Word): string | undefined {
  if (word.alts.length !== 1 || (word.alts[0] as string).includes(Unresolved)) return undefined;
  return (word.alts[0] as string).split("/").at(-1)?.toLowerCase();
}

/**
 * The names `script` gives, each expansion separately, with the line (from `firstLine`) and the place. Assignments
 * in the script are added to `env` (which the caller may read afterwards).
 */
export function shellNames(script: string, env: Env, firstLine = 1, depth = 0): ShellName[] {
  const out: ShellName[] = [];
  let tokens: Token[];
  try {
    // Lexed once for the words' bounds; each word is expanded when its command is reached, so a variable assigned
    // earlier in the script (`d=notes; source "$d/x"`) is known where it is used.
    tokens = new Lexer(script, new Map(), firstLine, depth).run();
  } catch {
    return [{ raw: script.slice(0, 120), value: Unresolved, line: firstLine, place: "runs" }];
  }
  const commands: Word[][] = [];
  // The command whose output each command reads through a pipe (`find docs | xargs sh`).
  const pipedFrom = new Map<Word[], Word[]>();
  let current: Word[] = [];
  let piped: Word[] | undefined;
  let redirect = false;
  const redirected: Word[] = [];
  for (const token of tokens) {
    if (token.kind === "op") {
      if (token.op === "<" || token.op === ">" || token.op === ">>" || token.op === "<<") redirect = true;
      else {
        if (current.length > 0) {
          commands.push(current);
          if (piped !== undefined) pipedFrom.set(current, piped);
        }
        piped = token.op === "|" && current.length > 0 ? current : undefined;
        current = [];
      }
      continue;
    }
    if (redirect) {
      redirected.push(token.word);
      redirect = false;
      continue;
    }
    current.push(token.word);
  }
  if (current.length > 0) {
    commands.push(current);
    if (piped !== undefined) pipedFrom.set(current, piped);
  }
  const expanded = (w: Word): Word => {
    let alts: string[];
    let reads: string[] = [];
    try {
      const lexed = new Lexer(w.raw, env, w.line, depth).run();
      alts = lexed.reduce<string[]>((acc, k) => (k.kind === "word" ? cross(acc, k.word.alts) : acc), [""]);
      reads = lexed.flatMap((k) => (k.kind === "word" ? k.word.reads ?? [] : []));
    } catch {
      alts = [Unresolved];
    }
    return { ...w, alts, reads };
  };
  const bind = (name: string, values: readonly string[], append: boolean) => {
    const before = env.get(name) ?? [];
    const next = append && before.length > 0 ? cross(before, values) : [...before, ...values];
    env.set(name, [...new Set(next)].slice(0, MaxAlternatives));
  };
  const emit = (w: Word, place: Place) => {
    const e = expanded(w);
    for (const value of e.alts) out.push({ raw: w.raw, value, line: w.line, place });
    // A file whose content becomes a word that runs (`sh -c "$(cat F)"`, `sh $(cat list)`) is run, or says what runs.
    for (const value of e.reads ?? []) out.push({ raw: w.raw, value, line: w.line, place: place === "runs" ? "runs" : "names" });
  };
  /**
   * A command made of `words` run once per file another command lists (`find … -exec`, `xargs`): `slot` (`{}`) in a
   * word, or a last operand when there is no slot, stands for each of `inputs`; the command is read as any other.
   */
  const runEach = (words: readonly Word[], slot: string | undefined, inputs: readonly string[]) => {
    if (words.length === 0 || depth >= MaxDepth) return;
    const hole = "__warden_each";
    const script = words.map((w) => (slot !== undefined && slot !== "" ? w.raw.split(slot).join(`"\${${hole}}"`) : w.raw));
    if (slot === undefined || !words.some((w) => w.raw.includes(slot))) script.push(`"\${${hole}}"`);
    const local: Env = new Map(env).set(hole, inputs.length > 0 ? capped(inputs) : [Unresolved]);
    out.push(...shellNames(script.join(" "), local, words[0]?.line ?? firstLine, depth + 1));
  };
  /** What a command writes to a pipe, as names: `find DIR` the files below DIR; anything else any name. */
  const listed = (words: readonly Word[] | undefined): string[] => {
    const head = words === undefined ? undefined : words.findIndex((w) => !prefixes.has(w.raw) && !assignment.test(w.raw));
    if (words === undefined || head === undefined || head < 0) return [Unresolved];
    const name = commandName(expanded(words[head] as Word));
    if (name === "find") return capped(findRoots(words.slice(head + 1)).flatMap((w) => expanded(w).alts).map(below));
    return [Unresolved];
  };
  for (const w of redirected) emit(w, "names");
  for (const words of commands) {
    let k = 0;
    while (k < words.length && prefixes.has((words[k] as Word).raw)) k++;
    if (words[k]?.raw === "for" && words[k + 2]?.raw === "in") {
      const list = words.slice(k + 3);
      for (const w of list) emit(w, "names");
      bind((words[k + 1] as Word).raw, list.flatMap((w) => expanded(w).alts), false);
      continue;
    }
    if (words[k]?.raw === "case") continue;
    const declaring = words[k] !== undefined && declarers.has((words[k] as Word).raw);
    if (declaring) k++;
    for (; k < words.length; k++) {
      const w = words[k] as Word;
      const m = assignment.exec(w.raw);
      if (m === null) {
        if (declaring && w.raw.startsWith("-")) continue;
        if (prefixes.has(w.raw) || (words[k - 1]?.raw === "env" && w.raw.startsWith("-"))) continue;
        break;
      }
      const values = expanded(w).alts.map((a) => a.slice(a.indexOf("=") + 1));
      for (const value of values) out.push({ raw: w.raw, value, line: w.line, place: "names" });
      bind(m[1] as string, values, m[2] === "+");
    }
    const command = words[k] === undefined ? undefined : expanded(words[k] as Word);
    if (command === undefined) continue;
    emit(command, "runs");
    const name = commandName(command);
    if (name === "find") {
      // `find DIR … -exec CMD {} ;`: CMD runs once per file below DIR.
      const roots = findRoots(words.slice(k + 1));
      for (const r of roots) emit(r, "names");
      const inputs = roots.flatMap((r) => expanded(r).alts).map(below);
      for (let j = k + 1; j < words.length; j++) {
        if (!/^-(?:exec|execdir|ok|okdir)$/.test((words[j] as Word).raw)) continue;
        const end = words.findIndex((w, i) => i > j && /^(?:\\?;|';'|";"|\+)$/.test(w.raw));
        runEach(words.slice(j + 1, end < 0 ? words.length : end), "{}", inputs);
        j = end < 0 ? words.length : end;
      }
      continue;
    }
    if (name === "xargs") {
      // `… | xargs [options] CMD ARGS`: CMD runs with the names the command before the pipe writes (`-I R`: in place of R).
      let j = k + 1;
      let slot: string | undefined;
      for (; j < words.length; j++) {
        const raw = (words[j] as Word).raw;
        if (!raw.startsWith("-")) break;
        const m = /^(?:-I|--replace=?|-i)(.*)$/.exec(raw);
        if (m !== null) slot = m[1] !== "" ? (m[1] as string) : raw === "-I" ? (words[++j]?.raw ?? "{}") : "{}";
        else if (/^-[LlnPsdEae]$|^--(?:max-lines|max-args|max-procs|max-chars|delimiter|eof|arg-file)$/.test(raw)) {
          if (raw === "-a" || raw === "--arg-file") emit(words[j + 1] as Word, "names");
          j++;
        }
      }
      const rest = words.slice(j);
      runEach(rest.length > 0 ? rest : [{ alts: ["echo"], raw: "echo", line: command.line }], slot, listed(pipedFrom.get(words)));
      continue;
    }
    const inert = name !== undefined && inertCommands.has(name);
    const interpreter = name !== undefined && interpreters.has(name);
    let operandSeen = false;
    for (let j = k + 1; j < words.length; j++) {
      const w = words[j] as Word;
      const option = /^(-[\w-]*)(?:=(.*))?$/.exec(w.raw);
      if (option !== null && !inert) {
        // `sh -c 'script'`: the script is parsed as one.
        if (name !== undefined && shells.has(name) && option[1] === "-c" && words[j + 1] !== undefined) {
          const script = expanded(words[j + 1] as Word);
          for (const code of script.alts) if (depth < MaxDepth) out.push(...shellNames(code, env, w.line, depth + 1));
          // `sh -c "$(cat F)"`: F's content is the script.
          for (const value of script.reads ?? []) out.push({ raw: script.raw, value, line: w.line, place: "runs" });
          j++;
          continue;
        }
        if (fileOptions.test(option[1] as string) || (name !== undefined && pips.has(name) && pipOptions.test(option[1] as string))) {
          if (option[2] !== undefined) for (const value of expanded(w).alts) out.push({ raw: w.raw, value: value.slice(value.indexOf("=") + 1), line: w.line, place: "runs" });
          else if (words[j + 1] !== undefined) emit(words[++j] as Word, "runs");
        }
        continue;
      }
      const place: Place = inert ? "inert" : interpreter && !operandSeen ? "runs" : "names";
      operandSeen = true;
      emit(w, place);
    }
  }
  return out;
}
