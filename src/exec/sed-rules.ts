/**
 * The `sed` rule: a script given on the command line runs read-only when none of its commands reaches an effect.
 * The script is read as GNU sed reads it (addresses, `!`, blocks, labels, `a`/`i`/`c` text, `s` and `y` with any
 * delimiter and escapes, `s` flags), and sed reaches the world through a closed set of commands and flags:
 *  - `e` (a command, or the `s///e` flag) runs the pattern space or its argument as a shell command;
 *  - `w`/`W` (commands, or the `s///w FILE` flag) write a file (`/dev/stdout` too: not told apart);
 *  - `r`/`R` read a file the command names, which no path check would see;
 *  - `-i`/`--in-place` edits the files it is given: a plain `-i` with a read-only script lists them as written (the
 *    caller judges the writes); with a backup suffix or bundled it is refused; `-f`/`--file` reads the script from a file.
 * Anything the reader does not know — an unknown command or option, a flag after `s///` it cannot read, an
 * unterminated `s` — is refused: the rule fails closed rather than guessing where a command ends. Checked against
 * GNU sed's own `--sandbox` mode (which refuses `e`, `r` and `w`) on generated scripts: sed-rules.test.ts.
 */
import { argumentRule, failed } from "./arg-rules.ts";
import type { ArgCheck } from "./arg-rules.ts";
import type { Reason } from "../core/decision.ts";

/** The sed implementations judged by this rule, by the real binary's name. */
export const sedNames: ReadonlySet<string> = new Set(["sed", "gsed"]);

const runs = (message: string): Reason => ({ id: "exec.inline_code", message });
const writes = (message: string): Reason => ({ id: "exec.writes", message });

/** Options without a value; `-l N`/`--line-length=N` take one. */
const plainOptions = new Set(["-n", "--quiet", "--silent", "-E", "-r", "--regexp-extended", "-s", "--separate", "-z",
  "--null-data", "-u", "--unbuffered", "--posix", "--debug", "--sandbox", "-b", "--binary", "--follow-symlinks"]);
const plainShort = "nErszub";

class Script {
  at = 0;
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  get done(): boolean {
    return this.at >= this.text.length;
  }
  peek(): string {
    return this.text[this.at] ?? "";
  }
  skipBlanks(): void {
    while (this.peek() === " " || this.peek() === "\t") this.at++;
  }
  /** To the end of the line (the newline is left for the command loop). */
  skipLine(): void {
    while (!this.done && this.peek() !== "\n") this.at++;
  }
  /**
   * A part delimited by `delim` (a regex or a replacement), as GNU sed finds its end: a backslash escapes the next
   * character; in a regex, a bracket expression (`[/]`, `[]/]`, `[^]/]`, `[[:alpha:]/]`, `[\]`) holds the delimiter
   * and backslashes as plain characters. False when unterminated.
   */
  delimited(delim: string, regex: boolean): boolean {
    while (!this.done) {
      const c = this.text[this.at++] as string;
      if (c === "\\") {
        if (this.done) return false;
        this.at++;
      } else if (regex && c === "[") {
        if (!this.bracket()) return false;
      } else if (c === delim) return true;
      else if (c === "\n" && regex) return false;
    }
    return false;
  }
  /** The rest of a bracket expression after its `[`: a first `]` (after an optional `^`) is a member, classes nest. */
  bracket(): boolean {
    if (this.peek() === "^") this.at++;
    if (this.peek() === "]") this.at++;
    while (!this.done) {
      const c = this.text[this.at++] as string;
      if (c === "]") return true;
      if (c === "\n") return false;
      const open = c === "[" ? this.peek() : "";
      if (open === ":" || open === "=" || open === ".") {
        const close = this.text.indexOf(`${open}]`, this.at + 1);
        if (close < 0) return false;
        this.at = close + 2;
      }
    }
    return false;
  }
  digits(): boolean {
    const start = this.at;
    while (/[0-9]/.test(this.peek())) this.at++;
    return this.at > start;
  }
}

/** One address (`3`, `$`, `/re/I`, `\%re%`, `first~step`), or none; false when it is unreadable. */
function address(s: Script, second: boolean): boolean | "none" {
  const c = s.peek();
  if (/[0-9]/.test(c)) {
    s.digits();
    if (s.peek() === "~") {
      s.at++;
      if (!s.digits()) return false;
    }
    return true;
  }
  if (c === "$") {
    s.at++;
    return true;
  }
  if (second && (c === "+" || c === "~")) {
    s.at++;
    return s.digits();
  }
  if (c === "/" || c === "\\") {
    s.at++;
    const delim = c === "/" ? "/" : s.text[s.at++];
    if (delim === undefined || !/^[\x21-\x7e]$/.test(delim) || delim === "\\") return false;
    if (!s.delimited(delim, true)) return false;
    while (s.peek() === "I" || s.peek() === "M") s.at++;
    return true;
  }
  return "none";
}

/** Why this sed script could reach an effect; undefined when it cannot. */
export function sedScriptEffect(text: string): Reason | undefined {
  const s = new Script(text);
  const unreadable = (what: string) => argumentRule(`the sed script ${what}, so where its commands end cannot be told`);
  let depth = 0;
  for (let guard = 0; guard <= text.length; guard++) {
    while (!s.done && /[\s;]/.test(s.peek())) s.at++;
    if (s.done) return depth === 0 ? undefined : unreadable("leaves a `{` block open");
    if (s.peek() === "#") {
      s.skipLine();
      continue;
    }
    const first = address(s, false);
    if (first === false) return unreadable("has an address it cannot read");
    if (first === true) {
      s.skipBlanks();
      if (s.peek() === ",") {
        s.at++;
        s.skipBlanks();
        if (address(s, true) !== true) return unreadable("has a range it cannot read");
      }
    }
    s.skipBlanks();
    while (s.peek() === "!") {
      s.at++;
      s.skipBlanks();
    }
    const cmd = s.text[s.at++] ?? "";
    switch (cmd) {
      case "{":
        depth++;
        break;
      case "}":
        if (--depth < 0) return unreadable("closes a block it never opened");
        break;
      case "=": case "d": case "D": case "g": case "G": case "h": case "H": case "n": case "N": case "p": case "P":
      case "x": case "z": case "F":
        break;
      case "l": case "L": case "q": case "Q":
        s.skipBlanks();
        s.digits();
        break;
      case ":": case "b": case "t": case "T": case "v":
        // A label (or a version) ends at a blank, `;`, `}` or the line's end (GNU sed ends it at the first of them).
        s.skipBlanks();
        while (!s.done && !/[\s;}]/.test(s.peek())) s.at++;
        break;
      case "a": case "i": case "c":
        // Text to print: to the end of the line, and on while a line ends with a backslash.
        while (!s.done) {
          const c = s.text[s.at++] as string;
          if (c === "\\") s.at++;
          else if (c === "\n") break;
        }
        break;
      case "s": {
        const delim = s.text[s.at++];
        if (delim === undefined || !/^[\x21-\x7e]$/.test(delim) || delim === "\\") return unreadable("has an `s` command without a delimiter it can read (one printable ASCII character)");
        if (!s.delimited(delim, true) || !s.delimited(delim, false)) return unreadable("has an `s` command it cannot read to its end");
        // Flags, with blanks between them read as GNU sed reads them (`s/a/b/ i;e id` is the flag `i`, then `e`).
        for (;;) {
          s.skipBlanks();
          const f = s.peek();
          if (f === "e") return runs("the sed script's `s///e` flag runs the result as a shell command");
          if (f === "w") return writes("the sed script's `s///w` flag writes a file");
          if (f === "" || /[\n;}#]/.test(f)) break;
          if (!/[gpiImM0-9]/.test(f)) return unreadable(`has an \`s\` flag \`${f}\` it does not know`);
          s.at++;
        }
        break;
      }
      case "y": {
        const delim = s.text[s.at++];
        if (delim === undefined || !/^[\x21-\x7e]$/.test(delim) || delim === "\\") return unreadable("has a `y` command without a delimiter it can read (one printable ASCII character)");
        if (!s.delimited(delim, false) || !s.delimited(delim, false)) return unreadable("has a `y` command it cannot read to its end");
        break;
      }
      case "e":
        return runs("the sed script's `e` command runs a shell command");
      case "w": case "W":
        return writes(`the sed script's \`${cmd}\` command writes a file`);
      case "r": case "R":
        return runs(`the sed script's \`${cmd}\` command reads a file it names, which no path check sees`);
      default:
        return unreadable(`has a command \`${cmd}\` the rule does not know`);
    }
  }
  return unreadable("is too long to read");
}

/** The sed rule. Never reports `ok` for an option it does not know; the file operands are read paths. */
export function checkSed(name: string, args: readonly string[]): ArgCheck {
  const scripts: string[] = [];
  const operands: string[] = [];
  let endOfOptions = false;
  let inPlace = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (endOfOptions || !a.startsWith("-") || a === "-") {
      operands.push(a);
      continue;
    }
    if (a === "--") {
      endOfOptions = true;
      continue;
    }
    // Plain `-i`: the script's output replaces each file it is given, and nothing else is written (a judged write).
    if (a === "-i" || a === "--in-place") {
      inPlace = true;
      continue;
    }
    if (/^-[a-zA-Z]*i/.test(a) || a.startsWith("--in-place")) return failed(writes(`\`${name} ${a}\` edits the files it is given in place, with a backup or among other flags`));
    if (a === "-f" || a.startsWith("--file") || /^-[a-zA-Z]*f/.test(a)) return failed(runs(`\`${name} ${a}\` reads its script from a file`));
    if (a === "-e" || a === "--expression") {
      const v = args[++i];
      if (v === undefined) return failed(argumentRule(`\`${name} ${a}\` is missing its script`));
      scripts.push(v);
      continue;
    }
    if (a.startsWith("--expression=")) {
      scripts.push(a.slice("--expression=".length));
      continue;
    }
    if (a === "-l") {
      if (!/^\d+$/.test(args[++i] ?? "")) return failed(argumentRule(`\`${name} -l\` takes a number`));
      continue;
    }
    if (/^--line-length=\d+$/.test(a) || plainOptions.has(a)) continue;
    // Bundled short flags (`-nE`), possibly ending in `e SCRIPT` (`-ne 'p'`).
    const bundle = /^-([a-zA-Z]+)$/.exec(a)?.[1];
    if (bundle !== undefined && [...bundle.slice(0, -1)].every((c) => plainShort.includes(c))) {
      const last = bundle.slice(-1);
      if (plainShort.includes(last)) continue;
      if (last === "e") {
        const v = args[++i];
        if (v === undefined) return failed(argumentRule(`\`${name} ${a}\` is missing its script`));
        scripts.push(v);
        continue;
      }
    }
    return failed(argumentRule(`\`${name}\` option \`${a}\` is not on the allowlist`));
  }
  // Without `-e`, the first operand is the script.
  if (scripts.length === 0) {
    const script = operands.shift();
    if (script === undefined) return failed(argumentRule(`\`${name}\` is given no script`));
    scripts.push(script);
  }
  const effect = sedScriptEffect(scripts.join("\n"));
  if (effect !== undefined) return failed(effect);
  const files = operands.filter((o) => o !== "-");
  if (inPlace && (files.length === 0 || files.length !== operands.length)) return failed(writes(`\`${name} -i\` needs the files it edits`));
  return { ok: true, reasons: [], readPaths: files, writePaths: inPlace ? files : [] };
}
