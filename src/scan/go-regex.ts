/**
 * Translates Go RE2 regular expressions (as written in gitleaks.toml) into JavaScript `RegExp` source.
 * RE2 features JavaScript lacks are rewritten; anything we cannot rewrite faithfully throws, so the caller
 * can report the rule as skipped instead of silently matching something else.
 */

const posixClasses: Readonly<Record<string, string>> = {
  alnum: "a-zA-Z0-9",
  alpha: "a-zA-Z",
  ascii: "\\x00-\\x7F",
  blank: " \\t",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@\\[-`{-~",
  space: " \\t\\n\\r\\f\\v",
  upper: "A-Z",
  word: "A-Za-z0-9_",
  xdigit: "0-9A-Fa-f",
};

type Group = { reopen: string[] };

function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

/** Converts one escape (`\x`) starting at `i` (the backslash). Returns the JS text and the next index. */
function translateEscape(src: string, i: number, inClass: boolean): [string, number] {
  const c = src[i + 1];
  if (c === undefined) throw new Error("trailing backslash");
  if (c === "z") {
    if (inClass) throw new Error("\\z inside a character class");
    // Without the `m` flag, JS `$` matches only at the very end of the input, as RE2's `\z` does.
    return ["(?![\\s\\S])", i + 2];
  }
  if (c === "A") {
    if (inClass) throw new Error("\\A inside a character class");
    return ["(?<![\\s\\S])", i + 2];
  }
  if (c === "Q") {
    const end = src.indexOf("\\E", i + 2);
    const literal = end === -1 ? src.slice(i + 2) : src.slice(i + 2, end);
    return [escapeLiteral(literal), end === -1 ? src.length : end + 2];
  }
  if (c === "p" || c === "P") throw new Error("unicode property classes are not supported");
  if (c === "C") throw new Error("\\C (any byte) has no JavaScript equivalent");
  if (c === "x" && src[i + 2] === "{") {
    const close = src.indexOf("}", i + 3);
    if (close === -1) throw new Error("unterminated \\x{...}");
    const code = Number.parseInt(src.slice(i + 3, close), 16);
    if (!Number.isFinite(code) || code > 0xffff) throw new Error("\\x{...} beyond the BMP");
    return [`\\u${code.toString(16).padStart(4, "0")}`, close + 1];
  }
  return [`\\${c}`, i + 2];
}

/** Reads a bracket expression starting at `i` (the `[`). Returns the JS class and the next index. */
function translateClass(src: string, start: number): [string, number] {
  let i = start + 1;
  let out = "[";
  if (src[i] === "^") {
    out += "^";
    i++;
  }
  // RE2: a `]` right after `[` or `[^` is a literal; in JS `[]` / `[^]` mean something else.
  if (src[i] === "]") {
    out += "\\]";
    i++;
  }
  while (i < src.length) {
    const ch = src[i];
    if (ch === "]") return [out + "]", i + 1];
    if (ch === "\\") {
      const [text, next] = translateEscape(src, i, true);
      out += text;
      i = next;
      continue;
    }
    if (ch === "[" && src[i + 1] === ":") {
      const close = src.indexOf(":]", i + 2);
      if (close === -1) throw new Error("unterminated POSIX class");
      let name = src.slice(i + 2, close);
      const negated = name.startsWith("^");
      if (negated) throw new Error("negated POSIX classes are not supported");
      name = name.trim();
      const expansion = posixClasses[name];
      if (expansion === undefined) throw new Error(`unknown POSIX class \`${name}\``);
      out += expansion;
      i = close + 2;
      continue;
    }
    if (ch === "[") {
      out += "\\[";
      i++;
      continue;
    }
    out += ch;
    i++;
  }
  throw new Error("unterminated character class");
}

/**
 * Returns JavaScript regex source equivalent to the RE2 `source`. Inline flag groups like `(?i)` in the
 * middle of a pattern become scoped modifier groups `(?i:…)` that end where the enclosing group ends
 * (and are re-opened after each `|`, because RE2 flags apply to later alternatives too).
 */
export function translateGoRegex(source: string): string {
  const stack: Group[] = [{ reopen: [] }];
  let out = "";
  let i = 0;
  const top = (): Group => {
    const g = stack[stack.length - 1];
    if (g === undefined) throw new Error("unbalanced parentheses");
    return g;
  };
  while (i < source.length) {
    const ch = source[i];
    if (ch === "\\") {
      const [text, next] = translateEscape(source, i, false);
      out += text;
      i = next;
    } else if (ch === "[") {
      const [text, next] = translateClass(source, i);
      out += text;
      i = next;
    } else if (ch === "(") {
      const flagMatch = /^\(\?([a-zA-Z-]+)\)/.exec(source.slice(i, i + 12));
      if (flagMatch?.[1] !== undefined) {
        const flags = flagMatch[1];
        if (/[^ims-]/.test(flags)) throw new Error(`unsupported inline flags \`${flags}\``);
        const opener = `(?${flags}:`;
        out += opener;
        top().reopen.push(opener);
        i += flagMatch[0].length;
        continue;
      }
      if (source.startsWith("(?P<", i)) {
        out += "(?<";
        i += 4;
      } else if (source.startsWith("(?", i) && !/^\(\?(?::|<[a-zA-Z]|[a-zA-Z-]+:)/.test(source.slice(i, i + 12))) {
        throw new Error("unsupported group syntax");
      } else {
        out += "(";
        i++;
      }
      stack.push({ reopen: [] });
    } else if (ch === ")") {
      const g = top();
      out += ")".repeat(g.reopen.length) + ")";
      stack.pop();
      if (stack.length === 0) throw new Error("unbalanced parentheses");
      i++;
    } else if (ch === "|") {
      const g = top();
      out += ")".repeat(g.reopen.length) + "|" + g.reopen.join("");
      i++;
    } else {
      out += ch;
      i++;
    }
  }
  if (stack.length !== 1) throw new Error("unbalanced parentheses");
  out += ")".repeat(top().reopen.length);
  return out;
}
