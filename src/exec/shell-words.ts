import type { Node } from "web-tree-sitter";

/**
 * One shell word after quote removal. `literal` is true only when the analyzer can say exactly which string
 * bash will pass; otherwise `why` says what made it unknowable and `value` is the source text.
 * A word must never be reported literal when any expansion could change it.
 */
export type ShellWord = {
  /** The argument bash will pass (quotes removed), or the source text when not literal. */
  value: string;
  /** The source text as written. */
  source: string;
  literal: boolean;
  why?: string;
  /** Unquoted `*`, `?` or `[`: bash may replace the word with matching file names. */
  glob: boolean;
  /** Unquoted leading `~`: bash expands it to a home directory. */
  tilde: boolean;
};

/** The `why` of a word the grammar delimited differently from bash; the analyzer reports it as a parse error. */
export const grammarSplitWhy = "a blank inside one grammar word: bash splits words differently here";

/** Substitutions met while evaluating words; the analyzer walks them as scripts of their own. */
export type WordVisitor = (node: Node) => void;

type Piece = { text: string; quoted: boolean; literal: boolean; why?: string };

// Inside double quotes bash removes a backslash only before these characters.
const dquoteEscapable = new Set(["$", "`", '"', "\\", "\n"]);
// The subset of $'...' escapes decoded exactly; anything else makes the word non-literal (fail closed).
const ansiEscapes: Record<string, string> = { n: "\n", t: "\t", "\\": "\\", "'": "'", '"': '"' };

function removeUnquotedEscapes(text: string): Piece[] {
  // Unquoted backslash-escaped characters are quoted (not glob, not tilde); keep them as separate pieces.
  const pieces: Piece[] = [];
  let plain = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === "\\" && i + 1 < text.length) {
      if (plain) pieces.push({ text: plain, quoted: false, literal: true });
      plain = "";
      pieces.push({ text: text[i + 1] as string, quoted: true, literal: true });
      i++;
    } else {
      plain += c;
    }
  }
  if (plain) pieces.push({ text: plain, quoted: false, literal: true });
  return pieces;
}

function decodeDoubleQuoted(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    const next = text[i + 1];
    if (c === "\\" && next !== undefined && dquoteEscapable.has(next)) {
      out += next === "\n" ? "" : next;
      i++;
    } else {
      out += c;
    }
  }
  return out;
}

function decodeAnsiC(body: string): string | undefined {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const decoded = ansiEscapes[body[i + 1] ?? ""];
    if (decoded === undefined) return undefined;
    out += decoded;
    i++;
  }
  return out;
}

function hasUnescaped(text: string, chars: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\") {
      i++;
      continue;
    }
    if (chars.includes(text[i] as string)) return true;
  }
  return false;
}

function piecesOf(node: Node, visit: WordVisitor): Piece[] {
  switch (node.type) {
    case "word":
    case "number": {
      // INVARIANT: a `$` or backtick the grammar left inside a plain word is something bash may expand.
      if (hasUnescaped(node.text, "$`")) {
        return [{ text: node.text, quoted: false, literal: false, why: "expansion inside a word" }];
      }
      // INVARIANT: an unescaped blank ends a word in bash; a grammar word holding one was split differently.
      if (hasUnescaped(node.text, " \t\n")) {
        return [{ text: node.text, quoted: false, literal: false, why: grammarSplitWhy }];
      }
      return removeUnquotedEscapes(node.text);
    }
    case "raw_string":
      return [{ text: node.text.slice(1, -1), quoted: true, literal: true }];
    case "ansi_c_string": {
      const decoded = decodeAnsiC(node.text.slice(2, -1));
      if (decoded === undefined) return [{ text: node.text, quoted: true, literal: false, why: "escape in $'…' string" }];
      return [{ text: decoded, quoted: true, literal: true }];
    }
    case "string": {
      if (node.text.startsWith("$")) {
        return [{ text: node.text, quoted: true, literal: false, why: "locale translation $\"…\"" }];
      }
      const inner = node.text.slice(1, -1);
      const dynamic = node.namedChildren.filter((c) => c !== null && c.type !== "string_content");
      if (dynamic.length > 0) {
        for (const child of dynamic) if (child !== null) piecesOf(child, visit);
        return [{ text: node.text, quoted: true, literal: false, why: dynamic[0]?.type.replace("_", " ") ?? "expansion" }];
      }
      // INVARIANT: read from the source text, not the grammar's pieces: they drop newlines and lone `$`.
      if (hasUnescaped(inner, "$`")) return [{ text: node.text, quoted: true, literal: false, why: "expansion inside a string" }];
      return [{ text: decodeDoubleQuoted(inner), quoted: true, literal: true }];
    }
    case "concatenation": {
      const out: Piece[] = [];
      let at = node.startIndex;
      for (const child of node.children) {
        if (child === null) continue;
        // A gap between parts is text the grammar did not account for.
        if (child.startIndex !== at) return [{ text: node.text, quoted: false, literal: false, why: "unparsed text in a word" }];
        at = child.endIndex;
        out.push(...piecesOf(child, visit));
      }
      if (at !== node.endIndex) return [{ text: node.text, quoted: false, literal: false, why: "unparsed text in a word" }];
      return out;
    }
    case "command_substitution":
    case "process_substitution":
      visit(node);
      return [{ text: node.text, quoted: false, literal: false, why: `${node.type.replace("_", " ")}` }];
    case "simple_expansion":
    case "expansion":
      visit(node);
      return [{ text: node.text, quoted: false, literal: false, why: `variable expansion \`${node.text}\`` }];
    case "arithmetic_expansion":
      visit(node);
      return [{ text: node.text, quoted: false, literal: false, why: "arithmetic expansion" }];
    case "brace_expression":
      return [{ text: node.text, quoted: false, literal: false, why: "brace expansion" }];
    default:
      visit(node);
      return [{ text: node.text, quoted: false, literal: false, why: `unsupported word part \`${node.type}\`` }];
  }
}

/**
 * Evaluates a word node to the string bash would pass, when that is knowable without running anything.
 * `visit` is called for every substitution or unknown node inside the word so that nothing is skipped.
 */
export function evaluateWord(node: Node, visit: WordVisitor): ShellWord {
  const pieces = piecesOf(node, visit);
  const source = node.text;
  const bad = pieces.find((p) => !p.literal);
  const unquoted = pieces.filter((p) => !p.quoted).map((p) => p.text).join("");
  const glob = pieces.some((p) => !p.quoted && /[*?[]/.test(p.text));
  const first = pieces[0];
  // Any unquoted leading `~` (bash also expands `~:x`); the policy expands only `~` and `~/…` and asks otherwise.
  const tilde = first !== undefined && !first.quoted && first.text.startsWith("~");
  if (bad) return { value: source, source, literal: false, why: bad.why ?? "not literal", glob, tilde };
  // Brace expansion needs an unquoted `{` … `,` or `..` … `}`; the grammar does not always mark it.
  if (/\{[^}]*(,|\.\.)[^}]*\}/.test(unquoted) || (unquoted.includes("{") && unquoted.includes("}") && hasBraceAcrossPieces(pieces))) {
    return { value: source, source, literal: false, why: "brace expansion", glob, tilde };
  }
  return { value: pieces.map((p) => p.text).join(""), source, literal: true, glob, tilde };
}

function hasBraceAcrossPieces(pieces: Piece[]): boolean {
  // `{"a",b}`: the comma may sit in a quoted piece between unquoted braces; bash still expands.
  let open = false;
  for (const p of pieces) {
    if (!p.quoted && p.text.includes("{")) open = true;
    if (open && (p.text.includes(",") || p.text.includes(".."))) return true;
  }
  return false;
}
