/**
 * What a Python file that runs at build or test time (`setup.py`, `conftest.py`, `noxfile.py`, `fabfile.py`,
 * `dodo.py`, SCons files…) names, read as Python: its tokens (strings with their prefixes, f-strings, comments,
 * brackets and continuation lines), the values of its names (assignments, `for` targets, `with … as`, gathered over
 * the file: an over-approximation), and path expressions — `+`, `%`, `/` on paths, `os.path.join`, `Path(…)`,
 * `.joinpath`, `.parent`, `os.path.dirname(__file__)`, `.format`. Listing a folder gives what is below it:
 * `os.listdir(D)` any name, `glob.glob(P)` the pattern, `Path(D).iterdir()` / `.glob(P)` / `.rglob(P)`,
 * `os.walk(D)`, `os.scandir(D)`.
 *
 * A statement that runs something (`exec`, `eval`, `compile`, `runpy`, `importlib`, `subprocess`, `os.system`, a
 * task runner's `run`) runs the files its values name: `exec(open("fixtures/" + n).read())` for `n` in
 * `os.listdir("fixtures")` runs any file below `fixtures/`. A value that could be anything counts only under `exec`
 * and the import machinery (a command's program is often `sys.executable`, which is no file of the project). Bounded:
 * `MaxTokens` tokens, `MaxAlternatives` values per expression, `MaxDepth` nested names. Never throws.
 */
import { posix } from "node:path";
import { shellNames, Unresolved, type Env, type ShellName } from "./shell-words.ts";

const MaxAlternatives = 32;
const MaxDepth = 6;
const MaxTokens = 50_000;
/** The file's own name, in `__file__`. */
const Self = "\u0004";

/** Python files that a build, a test run or a task runner executes. */
export function pythonBuildFile(lowerName: string): boolean {
  return /^(?:setup|conftest|noxfile|fabfile|dodo|pavement|tasks|hatch_build|build|conf|sitecustomize|usercustomize)\.py$|^(?:sconstruct|sconscript|wscript)$/.test(lowerName);
}

type Tok = { kind: "name" | "string" | "number" | "op"; text: string; line: number };

function capped(values: Iterable<string>): string[] {
  const all = [...new Set(values)];
  return all.length > MaxAlternatives ? [Unresolved] : all;
}

function cross(a: readonly string[], b: readonly string[], join: (x: string, y: string) => string): string[] {
  if (a.length * b.length > MaxAlternatives) return [Unresolved];
  const out: string[] = [];
  for (const x of a) for (const y of b) out.push(join(x, y));
  return capped(out);
}

const joinPath = (a: string, b: string) => (b.startsWith("/") ? b : a === "" ? b : `${a.replace(/\/+$/, "")}/${b}`);
const dirname = (p: string) => (p === Self || p === `./${Self}` ? "." : p.includes(Unresolved) && !p.includes("/") ? Unresolved : posix.dirname(p));
const basename = (p: string) => posix.basename(p);

/** A string literal's value (escapes decoded unless raw; an f-string's fields unknown). */
function stringValue(token: string): string {
  const m = /^([rRbBuUfF]{0,2})('''|"""|'|")([\s\S]*)\2$/.exec(token);
  if (m === null) return Unresolved;
  const prefix = (m[1] as string).toLowerCase();
  let body = m[3] as string;
  if (prefix.includes("f")) body = body.replace(/\{\{|\}\}|\{[^{}]*\}/g, (f) => (f === "{{" ? "{" : f === "}}" ? "}" : Unresolved));
  if (!prefix.includes("r")) body = body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[0-7]{1,3}|\n|.)/g, (_, e: string) => {
    if (e === "\n") return "";
    if (e[0] === "x" || e[0] === "u") return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCodePoint(parseInt(e, 8));
    return ({ n: "\n", t: "\t", r: "\r", "0": "\0" } as Record<string, string>)[e] ?? e;
  });
  return body;
}

/** The file as statements of tokens: logical lines, split at `;` and after a compound header's `:`. */
function statementsOf(text: string): Tok[][] {
  const out: Tok[][] = [];
  let current: Tok[] = [];
  let depth = 0;
  let line = 1;
  let count = 0;
  const end = () => {
    if (current.length > 0) out.push(current);
    current = [];
  };
  const re = /([rRbBuUfF]{0,2})('''|"""|'|")|([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)|(\d[\w.]*)|(#[^\n]*)|(\\\r?\n)|(\r?\n)|([ \t\f\r]+)|(\*\*|\/\/|->|:=|==|!=|<=|>=|[-+*/%@&|^~<>()[\]{},:.;=!])/gy;
  let i = 0;
  while (i < text.length && count++ < MaxTokens) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (m === null) {
      i++;
      continue;
    }
    if (m[2] !== undefined) {
      // A string: find its end (escapes skipped; a one-quote string ends at the line's end).
      const q = m[2];
      let k = re.lastIndex;
      while (k < text.length && !text.startsWith(q, k)) {
        if (text[k] === "\\") k++;
        else if (q.length === 1 && text[k] === "\n") break;
        k++;
      }
      const close = Math.min(text.length, k + (text.startsWith(q, k) ? q.length : 0));
      const token = text.slice(i, close);
      current.push({ kind: "string", text: token, line });
      line += (token.match(/\n/g) ?? []).length;
      i = close;
      continue;
    }
    i = re.lastIndex;
    if (m[3] !== undefined) current.push({ kind: "name", text: m[3], line });
    else if (m[4] !== undefined) current.push({ kind: "number", text: m[4], line });
    else if (m[6] !== undefined) line++;
    else if (m[7] !== undefined) {
      line++;
      if (depth === 0) end();
    } else if (m[9] !== undefined) {
      const op = m[9];
      if ("([{".includes(op)) depth++;
      else if (")]}".includes(op)) depth = Math.max(0, depth - 1);
      if (op === ";" && depth === 0) end();
      else if (op === ":" && depth === 0 && /^(?:for|with|if|elif|else|while|try|except|finally|def|class|async)$/.test(current[0]?.text ?? "") && current[0]?.kind === "name") {
        // A compound statement's header ends here; its body may follow on the same line.
        current.push({ kind: "op", text: op, line });
        end();
      } else current.push({ kind: "op", text: op, line });
    }
  }
  end();
  return out;
}

/** Calls whose statement runs what it names: code (`exec`), modules, a shell command or a program. */
const runsCode = /^(?:exec|eval|compile|execfile|run_path|run_module|import_module|__import__|spec_from_file_location|sourcefileloader|sourcelessfileloader|load_source|load_module|exec_module|load_compiled|reload)$/i;
const runsCommand = /^(?:system|popen|startfile|run|call|check_call|check_output|getoutput|getstatusoutput|run_always|local|sudo|shell|sh|command|execute|exec[lv]p?e?|spawn[lv]p?e?|posix_spawnp?)$/i;

type Call = { callee: string; line: number };

/** Evaluates expressions of a file to the texts they may be, remembering the values met on the way. */
class Evaluator {
  private readonly bindings: Map<string, Tok[][]>;
  private readonly memo = new Map<string, string[]>();
  private readonly active = new Set<string>();
  /** Values met while evaluating the current statement (call arguments, receivers, names). */
  seen: string[] = [];
  /** Calls met while evaluating the current statement. */
  calls: Call[] = [];
  private toks: Tok[] = [];
  private i = 0;
  private depth = 0;

  constructor(bindings: Map<string, Tok[][]>) {
    this.bindings = bindings;
  }

  evaluate(tokens: Tok[], depth = 0): string[] {
    const [saveToks, saveI, saveDepth] = [this.toks, this.i, this.depth];
    this.toks = tokens;
    this.i = 0;
    this.depth = depth;
    let out: string[];
    try {
      out = this.expr();
      // Whatever follows (a second expression, a keyword) is evaluated for what it meets.
      while (this.i < this.toks.length) {
        this.i++;
        this.expr();
      }
    } catch {
      out = [Unresolved];
    }
    [this.toks, this.i, this.depth] = [saveToks, saveI, saveDepth];
    return out;
  }

  /** A call's result, remembered when something of it is known (a path built by the call). */
  private met(value: readonly string[]): void {
    this.seen.push(...value.filter((v) => !/^[\u0000]*$/.test(v)));
  }

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }

  private is(text: string): boolean {
    return this.peek()?.text === text && this.peek()?.kind !== "string";
  }

  private lookup(name: string): string[] {
    if (name === "__file__") return [`./${Self}`];
    const bound = this.bindings.get(name);
    if (bound === undefined || this.depth >= MaxDepth || this.active.has(name)) return [Unresolved];
    const hit = this.memo.get(name);
    if (hit !== undefined) return hit;
    this.active.add(name);
    const values = capped(bound.flatMap((expr) => this.evaluate(expr, this.depth + 1)));
    this.active.delete(name);
    this.memo.set(name, values);
    return values;
  }

  private expr(): string[] {
    if (this.is("lambda")) {
      while (this.i < this.toks.length && !this.is(",") && !this.is(")")) this.i++;
      return [Unresolved];
    }
    let left = this.sum();
    for (;;) {
      const t = this.peek();
      if (t === undefined || t.kind === "string" || /^[)\]},:=]$/.test(t.text) || t.text === "for" || t.text === "as") return left;
      this.i++;
      if (t.text === "if") {
        this.sum();
        if (this.is("else")) {
          this.i++;
          left = capped([...left, ...this.expr()]);
        }
      } else if (t.text === "or" || t.text === "and") left = capped([...left, ...this.sum()]);
      else {
        // A comparison or another operator: the result is no name.
        this.sum();
        left = [Unresolved];
      }
    }
  }

  private sum(): string[] {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (t?.kind !== "op" || !/^[+/%*-]$/.test(t.text)) return left;
      this.i++;
      const right = this.unary();
      if (t.text === "+") left = cross(left, right, (a, b) => a + b);
      else if (t.text === "/") left = cross(left, right, joinPath);
      else if (t.text === "%") left = left.map((a) => a.replace(/%[-+ #0]*\d*(?:\.\d+)?[sdrifx]|%\([^)]*\)[sdrifx]/g, Unresolved));
      else left = [Unresolved];
    }
  }

  private unary(): string[] {
    while (this.is("not") || this.is("-") || this.is("*") || this.is("**") || this.is("await") || this.is("~")) this.i++;
    return this.postfix();
  }

  private postfix(): string[] {
    const t = this.peek();
    if (t === undefined) return [Unresolved];
    let value: string[];
    let dotted: string | undefined;
    if (t.kind === "string") {
      let s = "";
      while (this.peek()?.kind === "string") s += stringValue((this.toks[this.i++] as Tok).text);
      value = [s];
    } else if (t.kind === "number") {
      this.i++;
      value = [t.text];
    } else if (t.kind === "name") {
      this.i++;
      dotted = t.text;
      value = this.lookup(t.text);
      this.seen.push(...(this.bindings.has(t.text) ? value : []));
    } else if (t.text === "(" || t.text === "[" || t.text === "{") {
      value = this.group(t.text === "(" ? ")" : t.text === "[" ? "]" : "}");
    } else {
      this.i++;
      return [Unresolved];
    }
    for (;;) {
      if (this.is(".")) {
        this.i++;
        const name = this.peek()?.text ?? "";
        this.i++;
        if (this.is("(")) {
          this.i++;
          const args = this.args();
          const callee = dotted === undefined ? name : `${dotted}.${name}`;
          value = this.call(callee, name, value, args, dotted !== undefined && !this.bindings.has(dotted.split(".")[0] as string));
          this.met(value);
          dotted = undefined;
        } else {
          value = attribute(dotted === undefined ? undefined : `${dotted}.${name}`, name, value);
          dotted = dotted === undefined ? undefined : `${dotted}.${name}`;
        }
      } else if (this.is("(")) {
        this.i++;
        const args = this.args();
        value = this.call(dotted ?? "", (dotted ?? "").split(".").at(-1) ?? "", [], args, true);
        this.met(value);
        dotted = undefined;
      } else if (this.is("[")) {
        this.i++;
        this.group("]", false);
        dotted = undefined;
      } else return value;
    }
  }

  /** The values of a bracketed group (a tuple, a list, a comprehension), up to `close`, as alternatives. */
  private group(close: string, opened = true): string[] {
    if (opened) this.i++;
    const out: string[] = [];
    while (this.i < this.toks.length && !this.is(close)) {
      if (this.is(",") || this.is(":")) {
        this.i++;
        continue;
      }
      if (this.is("for")) {
        // A comprehension's `for x in y if z`: its targets are bound by the file's scan; only its values are met.
        this.i++;
        continue;
      }
      const before = this.i;
      out.push(...this.expr());
      if (this.i === before) this.i++;
    }
    this.i++;
    return capped(out.length === 0 ? [""] : out);
  }

  /** A call's arguments up to `)`: positional values, and keyword ones by name. */
  private args(): { pos: string[][]; kw: Map<string, string[]> } {
    const pos: string[][] = [];
    const kw = new Map<string, string[]>();
    while (this.i < this.toks.length && !this.is(")")) {
      if (this.is(",")) {
        this.i++;
        continue;
      }
      const t = this.peek();
      const next = this.toks[this.i + 1];
      const before = this.i;
      if (t?.kind === "name" && next?.text === "=" && next.kind === "op") {
        this.i += 2;
        const v = this.expr();
        kw.set(t.text, v);
        this.seen.push(...v);
      } else {
        const v = this.expr();
        pos.push(v);
        this.seen.push(...v);
      }
      if (this.i === before) this.i++;
    }
    this.i++;
    return { pos, kw };
  }

  /** What a call returns, as a name: path functions and methods are followed, listing a folder gives what is below it. */
  private call(callee: string, method: string, receiver: string[], args: { pos: string[][]; kw: Map<string, string[]> }, plain: boolean): string[] {
    this.calls.push({ callee, line: this.peek()?.line ?? 0 });
    const a = (k: number) => args.pos[k] ?? [""];
    const joined = (parts: readonly (readonly string[])[]) => parts.reduce<string[]>((acc, p) => cross(acc, p, joinPath), [""]);
    const m = method.toLowerCase();
    const self = plain ? a(0) : receiver;
    if (plain && /^(?:os\.path\.|posixpath\.|ntpath\.|path\.)?join$/.test(callee)) return joined(args.pos);
    if (plain && /^(?:pathlib\.)?(?:Pure)?(?:Posix|Windows)?Path$/.test(callee)) return args.pos.length === 0 ? ["."] : joined(args.pos);
    if (m === "joinpath") return joined([receiver, ...args.pos]);
    if (m === "dirname") return self.map(dirname);
    if (m === "basename") return self.map(basename);
    if (/^(?:getcwd|cwd)$/.test(m)) return ["."];
    if (/^(?:home|expanduser|gethome)$/.test(m) && plain) return ["~"];
    if (m === "listdir") return [Unresolved];
    if (m === "scandir" || m === "walk") return capped([...self, ...self.map((d) => joinPath(d, Unresolved))]);
    if (m === "iterdir") return receiver.map((d) => joinPath(d, Unresolved));
    if (m === "glob" || m === "iglob") return plain ? (args.kw.has("root_dir") ? joined([args.kw.get("root_dir") as string[], a(0)]) : a(0)) : joined([receiver, a(0)]);
    if (m === "rglob") return receiver.map((d) => joinPath(d, Unresolved));
    if (m === "with_suffix") return cross(receiver.map((r) => r.replace(/\.[^./]*$/, "")), a(0), (x, y) => x + y);
    if (m === "with_name") return cross(receiver.map(dirname), a(0), joinPath);
    if (m === "format" || m === "format_map") return receiver.map((r) => r.replace(/\{\{|\}\}|\{[^{}]*\}/g, (f) => (f === "{{" ? "{" : f === "}}" ? "}" : Unresolved)));
    if (m === "getenv" || (m === "get" && /environ$/.test(callee.replace(/\.get$/, "")))) return capped([Unresolved, ...(args.pos[1] ?? [])]);
    // Functions that give back the path they were given (or the file's text, which stands for the file).
    if (/^(?:open|abspath|realpath|normpath|expanduser|expandvars|fspath|fsdecode|fsencode|str|resolve|absolute|as_posix|read|read_text|read_bytes|readlines|readline|strip|rstrip|lstrip|decode|encode|splitlines|normcase)$/.test(m)) return self;
    if (/^(?:splitext)$/.test(m)) return self.map((p) => p.replace(/\.[^./]*$/, ""));
    return [Unresolved];
  }
}

/** An attribute of a value: `.parent`, `.name`, `.stem`, `.suffix`, a DirEntry's `.path`; module constants. */
function attribute(dotted: string | undefined, name: string, value: string[]): string[] {
  if (dotted === "os.sep" || dotted === "os.path.sep") return ["/"];
  if (dotted === "os.curdir") return ["."];
  if (dotted === "os.pardir") return [".."];
  switch (name) {
    case "parent": return value.map(dirname);
    case "name": return value.map(basename);
    case "stem": return value.map((v) => basename(v).replace(/\.[^.]*$/, ""));
    case "suffix": return value.map((v) => /\.[^./]*$/.exec(v)?.[0] ?? "");
    case "path": return value;
    default: return [Unresolved];
  }
}

/** Where names get their values: `x = …`, `x += …`, `for a, b in …`, `with … as f`, comprehensions' `for … in …`. */
function bindingsOf(statements: readonly Tok[][]): Map<string, Tok[][]> {
  const out = new Map<string, Tok[][]>();
  const bind = (name: string, expr: Tok[]) => {
    const list = out.get(name) ?? [];
    if (list.length < MaxAlternatives) list.push(expr);
    out.set(name, list);
  };
  for (const s of statements) {
    // `for` targets, in a loop header or a comprehension: every name between `for` and `in`.
    for (let k = 0; k < s.length; k++) {
      if (s[k]?.text !== "for" || s[k]?.kind !== "name") continue;
      const inAt = s.findIndex((t, j) => j > k && t.text === "in" && t.kind === "name");
      if (inAt < 0) continue;
      let level = 0;
      let end = inAt + 1;
      for (; end < s.length; end++) {
        const t = (s[end] as Tok).text;
        if ("([{".includes(t)) level++;
        else if (")]}".includes(t)) {
          if (level === 0) break;
          level--;
        } else if (level === 0 && (t === ":" || t === "if" || t === "for")) break;
      }
      const source = s.slice(inAt + 1, end);
      const names = s.slice(k + 1, inAt).filter((t) => t.kind === "name");
      // `for root, dirs, files in os.walk(D)`: the folder is the first; the names in it are not known.
      const walk = names.length > 1 && source.some((t) => t.text === "walk");
      names.forEach((t, j) => bind(t.text, walk && j > 0 ? [{ kind: "name", text: "\u0000unknown", line: t.line }] : source));
    }
    // `with EXPR as NAME`
    for (let k = 0; k < s.length; k++) {
      if (s[k]?.text === "as" && s[0]?.text === "with" && s[k + 1]?.kind === "name") {
        let from = k - 1;
        let level = 0;
        for (; from > 0; from--) {
          const t = (s[from] as Tok).text;
          if (")]}".includes(t)) level++;
          else if ("([{".includes(t)) level--;
          else if (level === 0 && (t === "," || t === "with")) break;
        }
        bind((s[k + 1] as Tok).text, s.slice(from + 1, k));
      }
    }
    // Assignments at the statement's level: `a = b = EXPR`, `a: T = EXPR`, `a += EXPR`, `a, b = EXPR`.
    let level = 0;
    let lastEq = -1;
    const targets: Tok[] = [];
    let augmented: Tok | undefined;
    for (let k = 0; k < s.length; k++) {
      const t = s[k] as Tok;
      if (t.kind === "op" && "([{".includes(t.text)) level++;
      else if (t.kind === "op" && ")]}".includes(t.text)) level--;
      else if (level === 0 && t.kind === "op" && t.text === "=") {
        for (const x of s.slice(lastEq + 1, k)) if (x.kind === "name") targets.push(x);
        lastEq = k;
      } else if (level === 0 && t.kind === "op" && /^[+]$/.test(t.text) && s[k + 1]?.text === "=" && lastEq < 0 && k === 1 && s[0]?.kind === "name") {
        augmented = s[0];
        lastEq = k + 1;
        k++;
      }
    }
    if (lastEq < 0 || s[0]?.kind !== "name" || /^(?:if|elif|while|return|assert|def|class|lambda|print)$/.test(s[0].text)) continue;
    const value = s.slice(lastEq + 1);
    if (augmented !== undefined) bind(augmented.text, [augmented, { kind: "op", text: "+", line: augmented.line }, ...value]);
    else for (const t of targets) if (!/^(?:self|cls)$/.test(t.text)) bind(t.text, value);
  }
  return out;
}

/** A module name (`plugins.extra`) as the files an import of it runs. */
function moduleFiles(value: string): string[] {
  if (value.includes("/") || value === "" || !/^[\w.\u0000]+$/.test(value)) return [];
  const path = value.replace(/\./g, "/");
  return [`${path}.py`, `${path}/__init__.py`];
}

/** The names a Python build or test file gives, with their place (`runs` in a statement that runs something). */
export function pythonNames(text: string, top: Env): ShellName[] {
  const statements = statementsOf(text);
  const ev = new Evaluator(bindingsOf(statements));
  const out: ShellName[] = [];
  for (const s of statements) {
    if (s[0]?.kind === "name" && /^(?:import|from|def|class)$/.test(s[0].text)) continue;
    ev.seen = [];
    ev.calls = [];
    ev.evaluate(s);
    const line = s[0]?.line ?? 1;
    const raw = s.map((t) => t.text).join(" ").slice(0, 120);
    const callees = ev.calls.map((c) => c.callee.split(".").at(-1) ?? "");
    const code = callees.some((c) => runsCode.test(c));
    const command = code || callees.some((c) => runsCommand.test(c));
    const all = capped(ev.seen.map((v) => v.replaceAll(Self, Unresolved)));
    // A value that could be anything says nothing more where the statement also names something known.
    const values = all.some((v) => !/^[\u0000\s]*$/.test(v)) ? all.filter((v) => v !== Unresolved) : all;
    for (const value of values) {
      const place = command ? "runs" : "names";
      // A value that could be anything names a file only where code is run from it.
      if (value === Unresolved || (/^[\u0000\s]*$/.test(value) && !code)) {
        if (code) out.push({ raw, value: Unresolved, line, place });
        continue;
      }
      out.push({ raw, value, line, place });
      if (code) for (const file of moduleFiles(value)) out.push({ raw, value: file, line, place });
      // A command line in one string (`os.system("sh " + f)`): its words as the shell reads them.
      if (command && /\s/.test(value)) out.push(...shellNames(value, new Map(top), line).filter((n) => n.place === "runs"));
    }
  }
  return out;
}
