/**
 * SQL text split into statements of words, as one dialect's lexer would split it: where its strings, quoted names,
 * dollar quotes and comments start and end, and where a `;` is a statement separator. Each dialect quotes differently
 * (SQL Server's `[it's]` is a name, elsewhere a quote opens a string there), so a text is read by every dialect here
 * and the readings compared (`query-kinds.ts`): a token is hidden only from a reading whose dialect hides it. A
 * construct a reading cannot account for (a quote or comment that never ends, a character no dialect gives a
 * meaning Warden knows) is reported as `odd`, so a text no dialect reads cleanly is not taken for a plain read.
 * Never throws; reads a bounded text.
 */

/** How one dialect quotes and comments. */
export type SqlDialect = {
  /** The dialect's name, as a decision explains it. */
  title: string;
  /** Quote characters whose strings or names take backslash escapes (`'it\'s'`). */
  backslash: string;
  /** `E'…'` takes backslash escapes (PostgreSQL). */
  escapeStrings: boolean;
  /** `$tag$…$tag$`: any tag by PostgreSQL's grammar (letters of any script, digits, `_`, not a digit first), `$$` only, or none. */
  dollar: "tags" | "empty" | "none";
  /** `[name]`: `]]` stands for a `]` inside (SQL Server), the first `]` ends it (SQLite), or brackets are no quote. */
  brackets: "escaped" | "plain" | "none";
  /** Block comments nest: a comment opened inside one needs its own close (PostgreSQL, SQL Server, Spark). */
  nestedComments: boolean;
  /** `#` starts a comment to the end of the line (MySQL, BigQuery, ClickHouse). */
  hashComments: boolean;
  /** `//` starts a comment to the end of the line (Snowflake). */
  slashComments: boolean;
  /** `--` starts a comment only before a space or a control character (MySQL: `1--1` is `1 - -1`). */
  dashNeedsSpace: boolean;
  /** A carriage return ends a line comment as a line feed does (PostgreSQL's `newline [\n\r]`). */
  crEndsComment: boolean;
  /** A block comment opened with `/*!` or `/*M!` (and a version) is code the server runs (MySQL, MariaDB). */
  executableComments: boolean;
  /** `'''…'''` and `"""…"""` strings (BigQuery). */
  tripleQuotes: boolean;
  /** `q'[…]'`, `nq'{…}'`: a string that ends at its delimiter's pair and a quote (Oracle). */
  qQuotes: boolean;
};

const base: SqlDialect = {
  title: "",
  backslash: "",
  escapeStrings: false,
  dollar: "none",
  brackets: "none",
  nestedComments: false,
  hashComments: false,
  slashComments: false,
  dashNeedsSpace: false,
  crEndsComment: false,
  executableComments: false,
  tripleQuotes: false,
  qQuotes: false,
};

/** The dialects a SQL text is read as: those of the databases a read-only tool is likely to put it to. */
export const sqlDialects: readonly SqlDialect[] = [
  { ...base, title: "PostgreSQL", escapeStrings: true, dollar: "tags", nestedComments: true, crEndsComment: true },
  { ...base, title: "MySQL and MariaDB", backslash: "'\"", hashComments: true, dashNeedsSpace: true, executableComments: true },
  { ...base, title: "SQLite", brackets: "plain" },
  { ...base, title: "SQL Server", brackets: "escaped", nestedComments: true, crEndsComment: true },
  { ...base, title: "Oracle", qQuotes: true },
  { ...base, title: "BigQuery", backslash: "'\"`", hashComments: true, tripleQuotes: true },
  { ...base, title: "Snowflake", backslash: "'", dollar: "empty", slashComments: true },
  { ...base, title: "ClickHouse", backslash: "'\"`", hashComments: true, dollar: "tags" },
  { ...base, title: "Spark", backslash: "'\"", nestedComments: true },
];

/** One dialect's reading: its statements as lists of lower-cased words, and the first construct it could not account for. */
export type SqlReading = { statements: string[][]; odd?: string };

const MaxChars = 64 * 1024;
/** Oracle's q-quote delimiters that close with their pair. */
const qPairs: Readonly<Record<string, string>> = { "[": "]", "(": ")", "{": "}", "<": ">" };
const asciiSpace = /[ \t\n\r\f\v]/;
const nameStart = /[A-Za-z_]|[^\x00-\x7f]/;
const nameAt = /^(?:[A-Za-z_]|[\p{L}\p{M}])(?:[A-Za-z0-9_$]|[\p{L}\p{M}\p{N}])*/u;

/**
 * The statements of `text` in one dialect's reading (strings, quoted names and comments removed; a name a `(` follows
 * is followed by `(`; a qualified name is one word, `app.lower`; a quoted name called is `"quoted"`).
 */
export function readSqlStatements(text: string, d: SqlDialect): SqlReading {
  const body = text.slice(0, MaxChars);
  const n = body.length;
  const statements: string[][] = [[]];
  const current = (): string[] => statements[statements.length - 1] as string[];
  let odd: string | undefined;
  const note = (why: string): void => {
    odd ??= why;
  };
  const lineEnd = d.crEndsComment ? /[\r\n]/g : /\n/g;
  const endOfLine = (from: number): number => {
    lineEnd.lastIndex = from;
    const m = lineEnd.exec(body);
    return m === null ? n : m.index + 1;
  };
  /** The end of a quote opened at `i` (after `open` characters) and closed by `close`; `n` and a note when it never ends. */
  const quoteEnd = (i: number, open: number, close: string, escapes: boolean, doubled: boolean, what: string): number => {
    let j = i + open;
    for (; j < n; j++) {
      if (escapes && body[j] === "\\") j++;
      else if (body.startsWith(close, j)) {
        if (doubled && body.startsWith(close, j + close.length)) j += close.length;
        else return j + close.length;
      }
    }
    note(`${what} that does not end`);
    return n;
  };
  // What the last token was, comments and spaces aside: a name a `(` makes a call of.
  let after: "name" | "quoted" | undefined;
  // A name a `.` followed (`app.lower`, `"app" . lower`): the next name is qualified by it, and is one word with it.
  let qualifier: string | undefined;
  let i = 0;
  for (let guard = 0; i < n && guard < MaxChars * 2; guard++) {
    const c = body[i] as string;
    const next = body[i + 1];
    if (asciiSpace.test(c)) {
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      // A space outside ASCII: a space to some lexers, a letter of a name to PostgreSQL's.
      note(`the character U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}, which the dialects read differently`);
      i++;
      continue;
    }
    if (c === "-" && next === "-") {
      if (!d.dashNeedsSpace || i + 2 >= n || /[ \t\n\r\f\v\x00-\x1f]/.test(body[i + 2] as string)) {
        i = endOfLine(i);
        continue;
      }
      // Two minus signs to this dialect (`1--1`): what follows is code. A statement they start is none Warden names.
      if (current().length === 0) current().push("--");
    }
    if ((c === "#" && d.hashComments) || (c === "/" && next === "/" && d.slashComments)) {
      i = endOfLine(i);
      continue;
    }
    if (c === "/" && next === "*") {
      const code = d.executableComments ? /^\/\*M?!\d*/.exec(body.slice(i, i + 16)) : null;
      if (code !== null) {
        // Its body runs: read on as code (the closing `*/` is punctuation to this reading).
        i += code[0].length;
        continue;
      }
      let depth = 1;
      let j = i + 2;
      while (j < n && depth > 0) {
        if (body[j] === "*" && body[j + 1] === "/") {
          depth--;
          j += 2;
        } else if (d.nestedComments && body[j] === "/" && body[j + 1] === "*") {
          depth++;
          j += 2;
        } else j++;
      }
      if (depth > 0) note("a block comment that does not end");
      i = j;
      continue;
    }
    // A token: it ends what the last one was.
    const was = after;
    after = undefined;
    if (c === "." && (was === "name" || was === "quoted")) qualifier = was === "name" ? current().pop() : '"quoted"';
    else if (!nameStart.test(c) && c !== '"' && c !== "`" && c !== "[") qualifier = undefined;
    if (c === "(") {
      if (was === "quoted") current().push('"quoted"');
      if (was !== undefined) current().push("(");
    }
    const q = d.qQuotes ? /^[nN]?[qQ]'(.)/su.exec(body.slice(i, i + 5)) : null;
    if (q !== null && (i === 0 || !/[A-Za-z0-9_$]/.test(body[i - 1] as string))) {
      const delimiter = q[1] as string;
      if (/\s/.test(delimiter)) note("an Oracle q-quote whose delimiter is a space");
      i = quoteEnd(i, q[0].length, `${qPairs[delimiter] ?? delimiter}'`, false, false, "an Oracle q-quote");
      qualifier = undefined;
    } else if (d.tripleQuotes && (body.startsWith("'''", i) || body.startsWith('"""', i))) {
      i = quoteEnd(i, 3, c.repeat(3), true, false, "a triple-quoted string");
      qualifier = undefined;
    } else if (c === "'" || c === '"' || c === "`") {
      const escapes = d.backslash.includes(c) || (c === "'" && d.escapeStrings && /[eE]/.test(body[i - 1] ?? "") && !/[A-Za-z0-9_$]/.test(body[i - 2] ?? ""));
      i = quoteEnd(i, 1, c, escapes, true, c === "'" ? "a string" : "a quoted name or string");
      // A quoted name that is called (`"pg_terminate_backend"(pid)`) is a call of a function Warden cannot name.
      if (c !== "'") after = "quoted";
      qualifier = undefined;
    } else if (c === "[" && d.brackets !== "none") {
      i = quoteEnd(i, 1, "]", false, d.brackets === "escaped", "a bracketed name");
      after = "quoted";
      qualifier = undefined;
    } else if (c === "$" && d.dollar !== "none" && (i === 0 || !/[A-Za-z0-9_$]|[^\x00-\x7f]/.test(body[i - 1] as string))) {
      const tag = (d.dollar === "tags" ? /^\$(?:(?:[A-Za-z_]|[^\x00-\x7f])(?:[A-Za-z0-9_]|[^\x00-\x7f])*)?\$/ : /^\$\$/).exec(body.slice(i, i + 256))?.[0];
      i = tag === undefined ? i + 1 : quoteEnd(i, tag.length, tag, false, false, `a dollar quote \`${tag.slice(0, 20)}\``);
    } else if (c === ";") {
      statements.push([]);
      i++;
    } else if (nameStart.test(c)) {
      const m = nameAt.exec(body.slice(i, i + 128));
      if (m === null) {
        // A character outside ASCII that is no letter: some lexers take it into a name, others reject it.
        note(`the character U+${(body.codePointAt(i) ?? 0).toString(16).toUpperCase().padStart(4, "0")}, which the dialects read differently`);
        i++;
        continue;
      }
      // Letters of any script make names (a function `ƒ()` is one), as the databases read them.
      current().push(qualifier === undefined ? m[0].toLowerCase() : `${qualifier}.${m[0].toLowerCase()}`);
      qualifier = undefined;
      after = "name";
      i += m[0].length;
    } else {
      if (c === "\\") note("a backslash outside a string, which a database's client may read as a command");
      else if (c === "{" || c === "}") note("a brace outside a string, which drivers and some dialects expand (`{fn …}`, `{call …}`, `{param}`)");
      else if (/[\x00-\x1f\x7f]/.test(c)) note(`the control character U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
      i++;
    }
  }
  if (i < n) note("more than Warden reads");
  return { statements: statements.filter((s) => s.length > 0), ...(odd !== undefined ? { odd } : {}) };
}
