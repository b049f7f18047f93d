import { createRequire } from "node:module";
import type { Language, Node, Parser } from "web-tree-sitter";
import { evaluateWord as evaluateGrammarWord, grammarSplitWhy } from "./shell-words.ts";
import type { ShellWord } from "./shell-words.ts";
import { checkCoverage, checkGaps, mayAbut } from "./shell-grammar-checks.ts";
import type { ProblemFn } from "./shell-grammar-checks.ts";

/** Something the analyzer could not fully account for; its id is the reason id the policy reports. */
export type ShellProblem = { id: string; message: string };

export type ShellAssignment = { name: string; value: ShellWord | null };

export type RedirectDirection = "read" | "write" | "append" | "readwrite" | "dup" | "close" | "heredoc" | "herestring";

export type ShellRedirect = {
  operator: string;
  /** File descriptor written before the operator (`2>`), when any. */
  fd?: string;
  direction: RedirectDirection;
  /** The file (or fd number for `>&N`); null for heredocs, here-strings and closes. */
  target: ShellWord | null;
};

export type ShellHeredoc = { delimiter: string; quoted: boolean; body: string };

/** One simple command as bash will run it: argv after quote removal, its prefix assignments and redirects. */
export type SimpleCommand = {
  argv: ShellWord[];
  assignments: ShellAssignment[];
  redirects: ShellRedirect[];
  source: string;
};

export type Substitution = { kind: "command" | "process" | "arithmetic" | "expansion"; source: string };

/**
 * Everything found in a script. Must never omit a command it saw, and must report a problem for anything it
 * could not account for: the policy treats a problem-free analysis as complete.
 */
export type ShellAnalysis = {
  commands: SimpleCommand[];
  /** Every redirect, including those on compound statements (`{ …; } > f`). */
  redirects: ShellRedirect[];
  heredocs: ShellHeredoc[];
  substitutions: Substitution[];
  subshells: number;
  functions: string[];
  /** Control-flow constructs met (`if`, `while`, `case`, `for`, …). */
  constructs: string[];
  problems: ShellProblem[];
};

/** Parses shell text with the bash grammar. Must never run anything and never throw on any input. */
export type ShellAnalyzer = { analyze(command: string): ShellAnalysis };

// Nodes that only group commands; their children are walked.
const structural = new Set([
  "program", "list", "pipeline", "compound_statement", "redirected_statement", "negated_command", "do_group",
  "if_statement", "elif_clause", "else_clause", "while_statement", "case_statement", "case_item", "comment",
]);
// Constructs the analyzer refuses to reason about (they assign variables or evaluate arithmetic).
const refused: Record<string, string> = {
  for_statement: "a `for` loop assigns a variable bash may use to find commands",
  c_style_for_statement: "an arithmetic `for` loop evaluates arithmetic",
  test_command: "`[[ … ]]` evaluates arithmetic that can run command substitutions",
  arithmetic_expansion: "arithmetic evaluation can run command substitutions",
  declaration_command: "`export`/`declare`/`local`/`readonly` changes the shell's variables",
  unset_command: "`unset` changes the shell's variables or functions",
  variable_assignment: "a variable assignment changes how later commands run",
};
const maxLength = 100_000;

let grammar: Promise<{ Parser: typeof Parser; language: Language }> | undefined;

/**
 * web-tree-sitter and the compiled bash grammar, once per process: every analyzer (each runtime, each skill scan)
 * gets its own parser over the same grammar. A failed load is not kept, so the next analyzer tries again.
 */
function bashGrammar(): Promise<{ Parser: typeof Parser; language: Language }> {
  grammar ??= (async () => {
    const require = createRequire(import.meta.url);
    const { Language, Parser } = await import("web-tree-sitter");
    await Parser.init();
    return { Parser, language: await Language.load(require.resolve("tree-sitter-bash/tree-sitter-bash.wasm")) };
  })().catch((error: unknown) => {
    grammar = undefined;
    throw error;
  });
  return grammar;
}

/** Loads web-tree-sitter and the bash grammar (once per process); `analyze` is synchronous afterwards. */
export async function createShellAnalyzer(): Promise<ShellAnalyzer> {
  const { Parser, language } = await bashGrammar();
  const parser = new Parser();
  parser.setLanguage(language);
  return { analyze: (command) => analyzeWith(parser, command) };
}

/** An analyzer whose grammar loads at the first `load()`, which never rejects. */
export type DeferredShellAnalyzer = ShellAnalyzer & { load(): Promise<void>; readonly loaded?: () => boolean };

/**
 * The gateway's analyzer: web-tree-sitter and the bash grammar (6-10 MB) load before the first exec analysis,
 * not at start. INVARIANT (fail closed): until `load()` has succeeded, `analyze` reports a parse problem, so a
 * command judged too early, or after the grammar failed to load, is never allowed as if it had been read.
 */
export function deferShellAnalyzer(create: () => Promise<ShellAnalyzer> = createShellAnalyzer): DeferredShellAnalyzer {
  let loaded: ShellAnalyzer | undefined;
  let failure = "it has not been loaded yet";
  let loading: Promise<void> | undefined;
  return {
    load: () =>
      (loading ??= create().then(
        (analyzer) => {
          loaded = analyzer;
        },
        (error: unknown) => {
          failure = `it could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
        },
      )),
    loaded: () => loaded !== undefined,
    analyze(command) {
      if (loaded !== undefined) return loaded.analyze(command);
      const out = emptyAnalysis();
      out.problems.push({ id: "exec.parse_error", message: `the command was not analyzed: the shell grammar is missing (${failure})` });
      return out;
    },
  };
}

function emptyAnalysis(): ShellAnalysis {
  return { commands: [], redirects: [], heredocs: [], substitutions: [], subshells: 0, functions: [], constructs: [], problems: [] };
}

function analyzeWith(parser: Parser, command: string): ShellAnalysis {
  const out = emptyAnalysis();
  const problem = (id: string, message: string) => {
    if (!out.problems.some((p) => p.id === id && p.message === message)) out.problems.push({ id, message });
  };
  if (command.length > maxLength) {
    problem("exec.parse_error", `the command is longer than ${maxLength} characters`);
    return out;
  }
  // INVARIANT: bash and the grammar disagree on these; refuse rather than guess which reading bash takes.
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(command) || /[^\S \t\n]/u.test(command)) {
    problem("exec.parse_error", "the command contains control characters or unusual whitespace");
  }
  if (/\\\r?\n/.test(command)) {
    problem("exec.parse_error", "the command contains a backslash-newline line continuation");
  }
  if (command.trim() === "") {
    problem("exec.parse_error", "the command is empty");
    return out;
  }
  let tree;
  try {
    tree = parser.parse(command);
  } catch (error) {
    problem("exec.parse_error", `the shell grammar failed: ${error instanceof Error ? error.message : String(error)}`);
    return out;
  }
  if (tree === null) {
    problem("exec.parse_error", "the shell grammar returned no tree");
    return out;
  }
  try {
    if (tree.rootNode.hasError) problem("exec.parse_error", "the command does not parse as bash");
    checkCoverage(tree, command, problem);
    walk(tree.rootNode, out, problem);
  } catch (error) {
    // Deep nesting exhausts the stack; whatever was found so far stays, and the problem makes the policy ask.
    problem("exec.parse_error", `the command could not be analyzed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    tree.delete();
  }
  return out;
}


function evaluateWord(node: Node, visit: (n: Node) => void, problem?: ProblemFn): ShellWord {
  const word = evaluateGrammarWord(node, visit);
  if (word.why === grammarSplitWhy) problem?.("exec.parse_error", `\`${word.source.slice(0, 40)}\`: ${grammarSplitWhy}`);
  return word;
}

function walk(node: Node, out: ShellAnalysis, problem: ProblemFn): void {
  if (node.isError || node.isMissing) {
    problem("exec.parse_error", `the command does not parse as bash near \`${node.text.slice(0, 40)}\``);
  }
  if (!node.isNamed) return;
  const type = node.type;
  const visit = (n: Node) => visitInWord(n, out, problem);
  if (type === "command") {
    out.commands.push(readCommand(node, out, problem, visit));
    return;
  }
  if (type === "subshell") out.subshells++;
  if (type === "compound_statement" && !/^\{[ \t\n]/.test(node.text)) {
    // `{x,y}` is a brace expansion to bash; `{` opens a group only as a word of its own.
    problem("exec.parse_error", `the grammar and bash read \`${node.text.slice(0, 40)}\` differently`);
  }
  if (type === "negated_command" && !/^![ \t\n]/.test(node.text)) {
    // Bash reads `!"c"` as the command `!c`, the grammar as a negated `c`.
    problem("exec.parse_error", `the grammar and bash read \`${node.text.slice(0, 40)}\` differently`);
  }
  if (type === "function_definition") {
    const name = node.childForFieldName("name");
    out.functions.push(name?.text ?? "");
    problem("exec.function_definition", `defines the shell function \`${name?.text ?? ""}\`, which may shadow commands`);
  }
  if (type === "file_redirect" || type === "heredoc_redirect" || type === "herestring_redirect") {
    out.redirects.push(readRedirect(node, out, problem, visit));
    return;
  }
  const refusal = refused[type];
  if (refusal !== undefined) {
    problem("exec.unsupported_construct", refusal);
    out.constructs.push(type);
  } else if (type === "command_substitution" || type === "process_substitution") {
    visitInWord(node, out, problem);
    return;
  } else if (!structural.has(type) && type !== "subshell" && type !== "function_definition") {
    if (type === "ERROR") {
      problem("exec.parse_error", `the command does not parse as bash near \`${node.text.slice(0, 40)}\``);
    } else if (isWordNode(type)) {
      // A bare word outside a command (e.g. `case` values): evaluate it for substitutions.
      evaluateWord(node, visit, problem);
      return;
    } else if (!["variable_name", "heredoc_body", "heredoc_start", "heredoc_end", "heredoc_content"].includes(type)) {
      problem("exec.unsupported_construct", `the shell construct \`${type}\` is not supported`);
    }
  } else if (type.endsWith("_statement") || type.endsWith("_clause")) {
    out.constructs.push(type);
  }
  for (const child of node.children) if (child !== null) walk(child, out, problem);
}

function isWordNode(type: string): boolean {
  return ["word", "string", "raw_string", "ansi_c_string", "concatenation", "number", "simple_expansion", "expansion",
    "brace_expression", "extglob_pattern", "regex"].includes(type);
}

function visitInWord(node: Node, out: ShellAnalysis, problem: ProblemFn): void {
  switch (node.type) {
    case "command_substitution":
      out.substitutions.push({ kind: "command", source: node.text });
      problem("exec.substitution", `command substitution \`${node.text.slice(0, 60)}\``);
      break;
    case "process_substitution":
      out.substitutions.push({ kind: "process", source: node.text });
      problem("exec.substitution", `process substitution \`${node.text.slice(0, 60)}\``);
      break;
    case "arithmetic_expansion":
      out.substitutions.push({ kind: "arithmetic", source: node.text });
      problem("exec.unsupported_construct", refused.arithmetic_expansion ?? "");
      break;
    case "translated_string":
      if (!node.text.startsWith('$"')) {
        problem("exec.parse_error", `the grammar and bash read \`${node.text.slice(0, 40)}\` differently`);
      }
      break;
    case "simple_expansion":
    case "expansion":
      out.substitutions.push({ kind: "expansion", source: node.text });
      if (node.type === "simple_expansion" && !/^\$([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])$/.test(node.text)) {
        // `<<< $ z`: the grammar glues `$` to a later word that bash keeps apart.
        problem("exec.parse_error", `the grammar and bash read \`${node.text.slice(0, 40)}\` differently`);
      }
      if (/\bIFS\b/.test(node.text)) problem("exec.ifs", "uses `$IFS`, a classic way to hide word splitting");
      break;
    default:
      break;
  }
  // Walk everything inside so that commands in substitutions (and nested ones) are found.
  for (const child of node.children) if (child !== null) walk(child, out, problem);
}

function readCommand(node: Node, out: ShellAnalysis, problem: ProblemFn, visit: (n: Node) => void): SimpleCommand {
  const cmd: SimpleCommand = { argv: [], assignments: [], redirects: [], source: node.text };
  checkGaps(node, problem);
  let previous: Node | null = null;
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (child === null) continue;
    const field = node.fieldNameForChild(i);
    if (previous !== null && child.isNamed && previous.endIndex === child.startIndex && !mayAbut(previous, child)) {
      // INVARIANT: bash joins text that touches into one word; the grammar sometimes splits it (`t'r'\uncate`).
      problem("exec.parse_error", `the grammar split the word \`${previous.text}${child.text}\` differently from bash`);
    }
    if (child.isNamed) previous = child;
    if (child.isError || child.isMissing) {
      problem("exec.parse_error", `the command does not parse as bash near \`${child.text.slice(0, 40)}\``);
      continue;
    }
    if (child.type === "variable_assignment") {
      const name = child.childForFieldName("name")?.text ?? "";
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        // `@a=b` is a command to bash, not an assignment.
        problem("exec.parse_error", `the grammar and bash read \`${child.text.slice(0, 40)}\` differently`);
      }
      const value = child.childForFieldName("value");
      if (value !== null && value.type === "array") {
        problem("exec.unsupported_construct", "an array assignment");
        walk(value, out, problem);
      }
      cmd.assignments.push({ name, value: value === null ? null : value.type === "array" ? null : evaluateWord(value, visit, problem) });
    } else if (child.type === "file_redirect" || child.type === "heredoc_redirect" || child.type === "herestring_redirect") {
      const r = readRedirect(child, out, problem, visit);
      cmd.redirects.push(r);
      out.redirects.push(r);
    } else if (field === "name" && child.type === "command_name") {
      const inner = child.namedChild(0);
      if (inner === null) {
        problem("exec.parse_error", "a command without a name");
        continue;
      }
      cmd.argv.push(evaluateWord(inner, visit, problem));
    } else if (field === "argument") {
      if (!child.isNamed) {
        // e.g. `$"…"` splits into an anonymous `$` and a string: the grammar's words are not bash's here.
        problem("exec.dynamic_argument", `the argument \`${child.text}\` could not be read exactly`);
        cmd.argv.push({ value: child.text, source: child.text, literal: false, why: "unparsed", glob: false, tilde: false });
      } else {
        cmd.argv.push(evaluateWord(child, visit, problem));
      }
    } else if (child.isNamed && child.type !== "comment") {
      problem("exec.unsupported_construct", `unexpected \`${child.type}\` in a command`);
      walk(child, out, problem);
    }
  }
  const name = cmd.argv[0];
  if (name === undefined) {
    if (cmd.assignments.length > 0) problem("exec.unsupported_construct", refused.variable_assignment ?? "");
  } else if (!name.literal) {
    problem("exec.dynamic_command", `the command name \`${name.source}\` is not literal (${name.why ?? "unknown"})`);
  } else if (name.glob) {
    problem("exec.dynamic_command", `the command name \`${name.source}\` contains a glob`);
  } else if (name.value === "") {
    problem("exec.dynamic_command", "the command name is empty");
  } else if (name.value === "coproc") {
    problem("exec.unsupported_construct", "`coproc` runs a command in the background with pipes to the shell");
  } else if (name.value.startsWith("!")) {
    problem("exec.parse_error", `the command name \`${name.source}\` starts with \`!\`, which bash may read as negation`);
  }
  return cmd;
}

function readRedirect(node: Node, out: ShellAnalysis, problem: ProblemFn, visit: (n: Node) => void): ShellRedirect {
  if (node.type === "file_redirect") checkGaps(node, problem);
  const operator = node.children.find((c) => c !== null && !c.isNamed)?.text ?? "";
  const fd = node.childForFieldName("descriptor")?.text;
  if (fd !== undefined && !/^\d+$/.test(fd)) {
    // `-2>&1` is the word `-2` and a redirect to bash; the grammar takes `-2` as the descriptor.
    problem("exec.parse_error", `the grammar and bash read the descriptor \`${fd}\` differently`);
  }
  const base = fd === undefined ? {} : { fd };
  if (node.type === "heredoc_redirect") {
    const start = node.children.find((c) => c?.type === "heredoc_start")?.text ?? "";
    const body = node.children.find((c) => c?.type === "heredoc_body");
    const quoted = /["'\\]/.test(start);
    out.heredocs.push({ delimiter: start.replace(/["'\\]/g, ""), quoted, body: body?.text ?? "" });
    if (!quoted && body !== undefined && body !== null && /[$`]/.test(body.text)) {
      problem("exec.substitution", "an unquoted heredoc expands `$` and backticks in its body");
    }
    if (body !== undefined && body !== null) for (const c of body.children) if (c !== null) visitInWord(c, out, problem);
    // Redirects chained after the heredoc start (`<<EOF > out`) belong to the same command.
    for (const c of node.children) {
      if (c !== null && (c.type === "file_redirect" || c.type === "herestring_redirect")) {
        out.redirects.push(readRedirect(c, out, problem, visit));
      } else if (c !== null && c.isNamed && !["heredoc_start", "heredoc_body", "heredoc_end"].includes(c.type)) {
        // `cat <<EOF /etc/passwd`: bash passes the word to the command; the grammar files it under the heredoc.
        problem("exec.parse_error", `the word \`${c.text.slice(0, 40)}\` after a heredoc operator is misplaced by the grammar`);
        walk(c, out, problem);
      }
    }
    if (operator !== "<<" && operator !== "<<-") {
      problem("exec.parse_error", `the grammar and bash read the heredoc operator \`${operator}\` differently`);
    }
    return { ...base, operator: operator || "<<", direction: "heredoc", target: null };
  }
  if (node.childrenForFieldName("destination").length > 1) {
    // `cat <a b`: bash passes `b` to the command, the grammar files it under the redirect.
    problem("exec.parse_error", `the redirect \`${node.text.slice(0, 40)}\` is followed by words the grammar misplaces`);
  }
  const destNode = node.type === "herestring_redirect"
    ? node.namedChildren.find((c) => c !== null)
    : node.childForFieldName("destination");
  const target = destNode === undefined || destNode === null ? null : evaluateWord(destNode, visit, problem);
  if (node.type === "herestring_redirect") {
    if (operator !== "<<<" || node.childCount !== 2) {
      problem("exec.parse_error", `the grammar and bash read \`${node.text.slice(0, 40)}\` differently`);
    }
    return { ...base, operator: "<<<", direction: "herestring", target };
  }
  const direction = directionOf(operator);
  if (target !== null && (!target.literal || target.glob)) {
    problem("exec.dynamic_redirect", `the redirect target \`${target.source}\` is not literal`);
  }
  if ((direction === "dup") && target !== null && !/^\d+-?$|^-$/.test(target.value)) {
    // `>& file` is a write to a file, not a descriptor copy.
    return { ...base, operator, direction: "write", target };
  }
  if (direction === "unknown") problem("exec.parse_error", `unknown redirect operator \`${operator}\``);
  return { ...base, operator, direction: direction === "unknown" ? "write" : direction, target };
}

function directionOf(op: string): RedirectDirection | "unknown" {
  switch (op) {
    case "<": return "read";
    case ">": case ">|": case "&>": return "write";
    case ">>": case "&>>": return "append";
    case "<>": return "readwrite";
    case ">&": case "<&": return "dup";
    case ">&-": case "<&-": return "close";
    default: return "unknown";
  }
}
