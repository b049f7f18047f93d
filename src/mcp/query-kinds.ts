/**
 * What a query a tool's argument carries would do, read from its tokens: the kinds of SQL statements in a text, and
 * the operation types of a GraphQL document. Both readers never throw and fail toward "acts": a text that one SQL
 * dialect reads as more statements than another is read every way and the findings joined; a comment or string
 * whose end the dialects disagree on never hides a token from the reading that sees it.
 */

/** A query's verdict: `reads`, `acts` (with the word that says so), or `none` when the text is not that language. */
export type QueryVerdict = { kind: "reads" } | { kind: "acts"; word: string } | { kind: "none" };

const MaxQueryChars = 64 * 1024;

/** Statements that only read (a WITH or EXPLAIN is checked for acting words inside it). */
const sqlReads = new Set(["select", "with", "show", "describe", "desc", "explain", "values", "table"]);
/** Transaction brackets: neither read nor act on their own. */
const sqlNeutral = new Set(["begin", "start", "commit", "rollback", "end", "savepoint", "release"]);
/** Words that act wherever they stand in a statement: a data-modifying CTE, SELECT … INTO, FOR UPDATE, EXPLAIN ANALYZE DELETE. */
const sqlActing = new Set([
  "insert", "update", "delete", "merge", "upsert", "replace", "drop", "create", "alter", "truncate", "rename", "grant", "revoke",
  "copy", "call", "exec", "execute", "do", "lock", "vacuum", "attach", "detach", "load", "into", "outfile", "dumpfile", "set",
  "pragma", "reindex", "cluster", "refresh", "import", "handler", "install", "uninstall", "kill", "shutdown", "notify", "listen",
]);
/** Statement starters: a text whose first word is none of these is not SQL. */
const sqlStarters = new Set([...sqlReads, ...sqlNeutral, ...sqlActing]);
/** The second word a statement of that kind needs to be SQL rather than an English sentence ("Update the doc"). */
const sqlShape: Readonly<Record<string, (next: readonly string[]) => boolean>> = {
  select: () => true,
  insert: (n) => n.includes("into") || n.includes("values"),
  replace: (n) => n.includes("into") || n.includes("values"),
  update: (n) => n.includes("set"),
  delete: (n) => n[0] === "from" || n.includes("from") || n.includes("where"),
  merge: (n) => n.includes("into") || n.includes("using"),
};
const sqlObjects = new Set(["table", "database", "schema", "index", "view", "user", "role", "function", "procedure", "trigger", "sequence", "type", "extension", "materialized", "temporary", "temp", "unique", "or", "if", "column", "constraint", "policy", "owned", "publication", "subscription", "server", "tablespace", "domain", "event", "keyspace", "collection", "all", "on", "privileges"]);

type SqlMode = { backslash: boolean; dollar: boolean };

/** The statements of `text` as lists of lower-cased words (strings, quoted names and comments removed), in one dialect's reading. */
function sqlStatements(text: string, mode: SqlMode): string[][] {
  const statements: string[][] = [[]];
  const push = (w: string) => (statements[statements.length - 1] as string[]).push(w);
  let i = 0;
  const n = text.length;
  for (let guard = 0; i < n && guard < MaxQueryChars * 2; guard++) {
    const c = text[i] as string;
    const next = text[i + 1];
    if (c === "-" && next === "-") {
      const end = text.indexOf("\n", i);
      i = end < 0 ? n : end + 1;
    } else if (c === "/" && next === "*" && text[i + 2] !== "!" && text[i + 2] !== "+") {
      // Not nested: the comment a nesting dialect sees is never shorter, so no token this reading sees is hidden there.
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === "/" && next === "*") {
      i += 3; // `/*!` runs its body in MySQL: read on.
    } else if (c === "'" || c === '"' || c === "`") {
      const escapes = mode.backslash || (c === "'" && /[eE]$/.test(text.slice(Math.max(0, i - 1), i)) && !/[A-Za-z0-9_]/.test(text[i - 2] ?? ""));
      let j = i + 1;
      for (; j < n; j++) {
        if (escapes && text[j] === "\\") j++;
        else if (text[j] === c) {
          if (text[j + 1] === c) j++;
          else break;
        }
      }
      i = j + 1;
    } else if (c === "$" && mode.dollar && /^\$[A-Za-z_]?[A-Za-z0-9_]*\$/.test(text.slice(i, i + 66))) {
      const tag = (/^\$[A-Za-z_]?[A-Za-z0-9_]*\$/.exec(text.slice(i, i + 66)) as RegExpExecArray)[0];
      const end = text.indexOf(tag, i + tag.length);
      i = end < 0 ? n : end + tag.length;
    } else if (c === ";") {
      statements.push([]);
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(text.slice(i, i + 128)) as RegExpExecArray;
      push(m[0].toLowerCase());
      i += m[0].length;
    } else i++;
  }
  return statements.filter((s) => s.length > 0);
}

/** The verdict of one reading: the first statement that acts, else reads when every statement is a read. */
function sqlVerdictOf(statements: readonly string[][]): QueryVerdict {
  let reads = false;
  for (const words of statements) {
    const first = words[0] as string;
    if (!sqlStarters.has(first)) return { kind: "none" };
    if (sqlNeutral.has(first)) continue;
    if (sqlReads.has(first)) {
      const acting = words.find((w) => sqlActing.has(w));
      if (acting !== undefined) return { kind: "acts", word: acting.toUpperCase() };
      reads = true;
      continue;
    }
    const shape = sqlShape[first];
    const rest = words.slice(1, 64);
    const isSql = shape !== undefined ? shape(rest) : rest.length > 0 && (sqlObjects.has(rest[0] as string) || first === "truncate" || first === "set" || first === "pragma" || first === "vacuum" || first === "call" || first === "copy");
    // A sentence that starts with "drop" or "update" is free text, not a statement (the caller counts it as a payload).
    if (!isSql) return { kind: "none" };
    return { kind: "acts", word: first.toUpperCase() };
  }
  return reads ? { kind: "reads" } : { kind: "none" };
}

/**
 * The SQL statements in `text`, read as PostgreSQL and as MySQL/SQLite do (backslash escapes, `$$` quotes): `acts`
 * when any reading finds a statement other than a read (or an acting word inside a read), `reads` when every reading
 * finds only reads, `none` when the text does not start like SQL.
 */
export function sqlVerdict(text: string): QueryVerdict {
  const body = text.slice(0, MaxQueryChars);
  const verdicts = [{ backslash: false, dollar: true }, { backslash: true, dollar: false }].map((mode) => sqlVerdictOf(sqlStatements(body, mode)));
  const acts = verdicts.find((v) => v.kind === "acts");
  if (acts !== undefined) return acts;
  if (verdicts.every((v) => v.kind === "reads")) return { kind: "reads" };
  // A text that starts with SQL in one reading and not in another is not a plain read.
  return verdicts.some((v) => v.kind === "reads") ? { kind: "acts", word: "(a statement the dialects read differently)" } : { kind: "none" };
}

const graphqlHeads = new Set(["query", "mutation", "subscription", "fragment"]);

type GqlToken = { kind: "name" | "punct" | "value"; text: string };

/** GraphQL's lexical tokens (names, punctuators, strings and numbers as values); undefined when a character fits none. */
function graphqlTokens(text: string): GqlToken[] | undefined {
  const out: GqlToken[] = [];
  let i = 0;
  const n = text.length;
  for (let guard = 0; i < n && guard < MaxQueryChars * 2; guard++) {
    const c = text[i] as string;
    if (/[\s,\uFEFF]/.test(c)) i++;
    else if (c === "#") {
      const end = text.slice(i).search(/[\n\r]/);
      i = end < 0 ? n : i + end + 1;
    } else if (text.startsWith('"""', i)) {
      let j = i + 3;
      while (j < n && !text.startsWith('"""', j)) j += text.startsWith('\\"""', j) ? 4 : 1;
      if (j >= n) return undefined;
      out.push({ kind: "value", text: "" });
      i = j + 3;
    } else if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"' && text[j] !== "\n") j += text[j] === "\\" ? 2 : 1;
      if (text[j] !== '"') return undefined;
      out.push({ kind: "value", text: "" });
      i = j + 1;
    } else if (text.startsWith("...", i)) {
      out.push({ kind: "punct", text: "..." });
      i += 3;
    } else if ("!$&()[]{}:=@|".includes(c)) {
      out.push({ kind: "punct", text: c });
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 256)) as RegExpExecArray;
      out.push({ kind: "name", text: m[0] });
      i += m[0].length;
    } else if (/[-0-9]/.test(c)) {
      const m = /^-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 64));
      if (m === null) return undefined;
      out.push({ kind: "value", text: m[0] });
      i += m[0].length;
    } else return undefined;
  }
  return out;
}

/**
 * The operations of a GraphQL document: `acts` when any definition is a `mutation`, `reads` when all are queries,
 * subscriptions or fragments (the `{ … }` shorthand included), `none` when the text is not an executable GraphQL
 * document (it does not tokenize, its brackets do not balance, a definition is something else, or a selection set
 * opens with something other than a field, as JSON does).
 */
export function graphqlVerdict(text: string): QueryVerdict {
  const tokens = graphqlTokens(text.slice(0, MaxQueryChars));
  if (tokens === undefined || tokens.length === 0) return { kind: "none" };
  const heads: string[] = [];
  const stack: string[] = [];
  let expectHead = true;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as GqlToken;
    if (stack.length === 0 && expectHead) {
      if (t.kind === "punct" && t.text === "{") heads.push("query");
      else if (t.kind === "name") heads.push(t.text);
      else return { kind: "none" };
      expectHead = false;
    }
    if (t.kind !== "punct") continue;
    if (t.text === "{" || t.text === "(" || t.text === "[") {
      const inside = tokens[k + 1];
      // A selection set holds fields (`name`), fragment spreads (`...`) or nothing else: `{"to": …}` is JSON.
      if (t.text === "{" && stack.every((s) => s === "{") && !(inside?.kind === "name" || inside?.text === "...")) return { kind: "none" };
      stack.push(t.text);
    } else if (t.text === "}" || t.text === ")" || t.text === "]") {
      const open = stack.pop();
      if (open !== { "}": "{", ")": "(", "]": "[" }[t.text]) return { kind: "none" };
      if (stack.length === 0 && t.text === "}") expectHead = true;
    }
  }
  // Only executable definitions, each with its selection set: a sentence ("query the weather") is no document.
  if (stack.length > 0 || heads.length === 0 || heads.some((h) => !graphqlHeads.has(h)) || !tokens.some((t) => t.text === "{")) return { kind: "none" };
  const acting = heads.find((h) => h === "mutation");
  return acting === undefined ? { kind: "reads" } : { kind: "acts", word: acting };
}
