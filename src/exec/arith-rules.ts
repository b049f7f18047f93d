/**
 * The arithmetic rule: `python3 -c "print(round((360-310)/310*100,1))"` and `node -e 'console.log((146.5*0.18).toFixed(2))'`
 compute and print, nothing else, when the code is read to its end as a closed grammar:
 * numbers, `+ - * / % //`, parentheses, commas and a few named functions that only compute (`round`, `abs`, `min`,
 * `max`, `int`, `float`; `Math.round` … `Math.sqrt`, `.toFixed`, `.toPrecision`), inside one or more prints. No
 * string, no other name, no attribute, no index, so nothing in the language that reaches a file, the network, the
 * environment or another program can be spelled. Powers (`**`) are refused: `9**9**9` runs for hours. Anything else
 * in the code — a token the grammar does not know — leaves the command `exec.inline_code`, as before.
 * Options: Python's `-c` alone (with `-I`, `-s`, `-E`, `-B` aside), node's `-e`/`--eval` alone; no script operand, no
 * arguments after the code. A bare expression (`node -p 1`, `python3 -c 1`) prints nothing or is judged as code: asks.
 */
import type { ArgCheck } from "./arg-rules.ts";

const PythonNames = new Set(["print", "round", "abs", "min", "max", "int", "float"]);
const NodeNames = new Set(["console.log", "Math.round", "Math.floor", "Math.ceil", "Math.trunc", "Math.abs", "Math.min", "Math.max", "Math.sqrt", ".toFixed", ".toPrecision"]);

/** The interpreter a real binary's name is, for this rule: `python3.11` → python, `node` → node. */
function languageOf(name: string): "python" | "node" | undefined {
  if (/^python3(\.\d+)?$/.test(name)) return "python";
  if (name === "node" || name === "nodejs") return "node";
  return undefined;
}

/** The code's tokens, or undefined when a character is outside the grammar (a quote, a letter outside a known name, `**`, …). */
function tokens(code: string, names: ReadonlySet<string>): string[] | undefined {
  const out: string[] = [];
  const token = /\s+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|[A-Za-z]+(?:\.[A-Za-z]+)?|\.[A-Za-z]+|\/\/|[-+*/%(),;]/y;
  let at = 0;
  while (at < code.length) {
    token.lastIndex = at;
    const m = token.exec(code);
    if (m === null) return undefined;
    at = token.lastIndex;
    const t = m[0];
    if (/^\s+$/.test(t)) continue;
    if (/^[A-Za-z.]/.test(t) && !/^\.\d/.test(t) && !names.has(t)) return undefined;
    // `**` is two `*` tokens in a row: a power.
    if (t === "*" && out[out.length - 1] === "*") return undefined;
    out.push(t);
  }
  return out;
}

/** Whether the tokens are prints (`print(…)` / `console.log(…)`, `;`-separated) whose parentheses balance. */
function printsOnly(ts: readonly string[], print: string): boolean {
  let depth = 0;
  let expectPrint = true;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i];
    if (expectPrint) {
      if (t === ";") continue;
      if (t !== print || ts[i + 1] !== "(") return false;
      expectPrint = false;
      continue;
    }
    if (t === print) return false;
    if (t === "(") depth++;
    else if (t === ")") {
      depth--;
      if (depth < 0) return false;
      if (depth === 0) expectPrint = true;
    } else if (depth === 0) return false;
  }
  return expectPrint && depth === 0 && ts.length > 0;
}

/**
 * The check for a Python or node command line that only computes and prints; undefined when the binary is not one of
 * them or the command line is not of that form (the caller then judges it as any interpreter: `exec.inline_code`).
 */
export function checkArithmetic(name: string, args: readonly string[]): ArgCheck | undefined {
  const language = languageOf(name);
  if (language === undefined) return undefined;
  const flags = args.slice(0, -2);
  const [option, code] = args.slice(-2);
  if (option === undefined || code === undefined) return undefined;
  if (language === "python") {
    if (option !== "-c" || !flags.every((f) => ["-I", "-s", "-E", "-B"].includes(f))) return undefined;
    const ts = tokens(code, PythonNames);
    return ts !== undefined && printsOnly(ts, "print") ? { ok: true, reasons: [], readPaths: [], writePaths: [] } : undefined;
  }
  if (flags.length > 0) return undefined;
  const ts = tokens(code, NodeNames);
  if (ts === undefined) return undefined;
  return ["-e", "--eval"].includes(option) && printsOnly(ts, "console.log") ? { ok: true, reasons: [], readPaths: [], writePaths: [] } : undefined;
}
