/**
 * The `awk` rule: a program given on the command line runs read-only when its text cannot reach any of awk's
 * effects. awk's language reaches the world only through a closed set of constructs, each spelled with a
 * character or a word that must appear literally in the program (awk has no eval, and a function call names its
 * function; gawk's indirect calls need `@`):
 *  - `system(…)` runs a command;
 *  - `getline` reads other files or a command's output (`"cmd" | getline`, `getline < file`);
 *  - `|`, `|&`, `>` and `>>` after `print`/`printf` pipe output to a command or redirect it to a file (or to
 *    gawk's `/inet/…`). A redirection follows its `print` in the text, so a `>` or `|` before the first `print` is
 *    a comparison, a logical or, or a regex alternation (`NR>1 {s+=$2} END {print s}`); after it, it is refused;
 *  - `ARGV`/`ARGC` choose which files it reads, `ENVIRON`/`PROCINFO` read the environment and the process;
 *  - `@load`, `@include`, `@namespace` and indirect calls are gawk's extensions.
 * A program whose text holds none of them, anywhere (string literals included: no lexing, so no lexer to fool),
 * reads the files it is given and prints. A comparison after the first `print` is asked about too (fails closed).
 * Options: only `-F FS` and `-v NAME=VALUE`; a program file (`-f`), mawk's `-W` and gawk's long options are refused.
 */
import { argumentRule, failed } from "./arg-rules.ts";
import type { ArgCheck } from "./arg-rules.ts";

/** The awk implementations judged by this rule, by the real binary's name. */
export const awkNames: ReadonlySet<string> = new Set(["awk", "gawk", "mawk", "nawk", "original-awk"]);

const printWord = /print/i;
const effectWords = /(?<![A-Za-z0-9_])(system|getline|argv|argc|environ|procinfo)(?![A-Za-z0-9_])/i;
const assignment = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Why awk program text (or an assigned value) could reach an effect; undefined when it cannot. */
function effectIn(text: string): string | undefined {
  if (text.includes("@")) return "uses a gawk extension (`@`)";
  const print = text.search(printWord);
  const redirect = print < 0 ? null : /[|>]/.exec(text.slice(print));
  if (redirect !== null) return `holds \`${redirect[0]}\` after \`print\`, which pipes output to a command or redirects it to a file`;
  const word = effectWords.exec(text);
  if (word !== null) {
    const what = (word[1] ?? "").toLowerCase();
    if (what === "system") return "calls `system()`, which runs a command";
    if (what === "getline") return "uses `getline`, which reads other files or a command's output";
    return `uses \`${word[1] ?? ""}\`, which chooses the files it reads or reads the environment`;
  }
  // A line continuation could join what the check saw apart.
  if (text.includes("\\\n")) return "continues a line with a backslash";
  return undefined;
}

/** The awk rule. Never reports `ok` for an option it does not know. */
export function checkAwk(name: string, args: readonly string[]): ArgCheck {
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") {
      i++;
      break;
    }
    if (!a.startsWith("-") || a === "-") break;
    const flag = a.slice(0, 2);
    if (flag !== "-F" && flag !== "-v") {
      const code = a.startsWith("-f") || a.startsWith("--exec") || a.startsWith("-E") || a.startsWith("-W") || a.startsWith("-i") || a.startsWith("-l") || a.startsWith("--");
      return failed(code ? { id: "exec.inline_code", message: `\`${name} ${a}\` loads a program or changes how awk runs` } : argumentRule(`\`${name}\` option \`${a}\` is not on the allowlist`));
    }
    const value = a.length > 2 ? a.slice(2) : args[++i];
    if (value === undefined) return failed(argumentRule(`\`${name} ${flag}\` is missing its value`));
    if (flag === "-v") {
      const why = assignment.test(value) ? effectIn(value.slice(0, value.indexOf("="))) : "is not `NAME=VALUE`";
      if (why !== undefined) return failed(argumentRule(`\`${name} -v ${value}\` ${why}`));
    }
  }
  const program = args[i];
  if (program === undefined) return failed(argumentRule(`\`${name}\` is given no program`));
  const why = effectIn(program);
  if (why !== undefined) return failed({ id: "exec.inline_code", message: `the \`${name}\` program ${why}` });
  const out: ArgCheck = { ok: true, reasons: [], readPaths: [], writePaths: [] };
  for (const operand of args.slice(i + 1)) {
    // `NAME=VALUE` between files is an assignment awk makes when it gets there, not a file.
    if (assignment.test(operand)) {
      const bad = effectIn(operand.slice(0, operand.indexOf("=")));
      if (bad !== undefined) return failed(argumentRule(`\`${name}\` operand \`${operand}\` ${bad}`));
      continue;
    }
    if (operand !== "-") out.readPaths.push(operand);
  }
  return out;
}
