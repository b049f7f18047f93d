/**
 * What a query a tool's argument carries would do, read from its tokens: the kinds of SQL statements in a text, and
 * the operation types of a GraphQL document. Both readers never throw and fail toward "acts": a SQL text is read as
 * every dialect in `sql-lexer.ts` splits it and the findings joined, so a comment or string whose end the dialects
 * disagree on never hides a token from the reading that sees it; where they split it differently it is no plain read.
 */
import { readSqlStatements, sqlDialects } from "./sql-lexer.ts";

/**
 * A query's verdict: `reads`, `acts` (with the word that says so and, for SQL, the dialects whose reading finds it when
 * not all do), `unclear` (with the word, or why), or `none` when the text is not that language.
 */
export type QueryVerdict = { kind: "reads" } | { kind: "acts"; word: string; reading?: string } | { kind: "unclear"; word: string; why?: string } | { kind: "none" };

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
  "export",
]);
/** Statements that act that only start a statement (the words also name columns: `open`, `backup`). */
const sqlOtherStarters: ReadonlySet<string> = new Set([
  "reconfigure", "backup", "restore", "checkpoint", "discard", "prepare", "deallocate", "declare", "optimize", "exec", "execute", "comment", "security",
  "reassign", "reset", "flush", "purge", "unlisten", "analyze", "analyse", "use", "xa", "binlog", "change", "stop", "system", "dbcc", "waitfor",
  "revert", "undrop", "exchange", "repair", "checksum", "abort",
]);
/** Words a transaction's BEGIN may carry; any other makes BEGIN … END a procedural block. */
const sqlBeginWords: ReadonlySet<string> = new Set(["transaction", "work", "tran", "deferred", "immediate", "exclusive", "isolation", "level", "read", "write", "only", "committed", "uncommitted", "repeatable", "serializable", "deferrable", "not"]);
/**
 * Functions a read may call: the standard aggregate, string, math, date, JSON and conversion functions of the major
 * dialects (PostgreSQL, MySQL, SQLite, SQL Server, ClickHouse, DuckDB, BigQuery), and type names a cast spells as a
 * call. Any other call (a sequence's `nextval`, `pg_terminate_backend`, a table function such as `url()` or
 * `read_csv()` that reaches a host or a file, a user's own function) is not recognised as a read.
 */
const sqlPureFunctions: ReadonlySet<string> = new Set([
  "count", "sum", "avg", "min", "max", "coalesce", "nullif", "greatest", "least", "abs", "round", "ceil", "ceiling", "floor", "trunc", "truncate", "mod",
  "power", "pow", "sqrt", "exp", "ln", "log", "log10", "log2", "sign", "pi", "length", "len", "char_length", "character_length", "octet_length", "lower",
  "upper", "lcase", "ucase", "trim", "ltrim", "rtrim", "btrim", "substr", "substring", "replace", "concat", "concat_ws", "left", "right", "lpad", "rpad",
  "position", "strpos", "instr", "locate", "split_part", "regexp_replace", "regexp_matches", "regexp_like", "regexp_substr", "regexp_extract", "reverse",
  "repeat", "initcap", "md5", "sha1", "sha2", "sha256", "hex", "to_hex", "ascii", "chr", "char", "format", "printf", "quote", "to_char", "to_date",
  "to_timestamp", "to_number", "now", "current_date", "current_time", "current_timestamp", "localtimestamp", "getdate", "sysdate", "date_trunc",
  "date_part", "datepart", "extract", "age", "date", "time", "datetime", "timestamp", "strftime", "julianday", "unixepoch", "date_add", "date_sub",
  "datediff", "dateadd", "date_diff", "date_format", "year", "month", "day", "hour", "minute", "second", "week", "quarter", "dayofweek", "weekday",
  "last_day", "make_date", "tostartofmonth", "tostartofday", "tostartofweek", "tostartofhour", "todate", "todatetime", "toyear", "tomonth",
  "formatdatetime", "tostring", "touint32", "toint32", "toint64", "tofloat64", "cast", "try_cast", "convert", "safe_cast", "json_extract",
  "json_extract_path", "json_extract_path_text", "json_extract_scalar", "json_value", "json_query", "json_build_object", "jsonb_build_object",
  "json_build_array", "json_object", "json_array", "json_agg", "jsonb_agg", "json_object_agg", "to_json", "to_jsonb", "json_array_length",
  "jsonb_array_length", "json_each", "jsonb_each", "json_typeof", "jsonb_typeof", "array_agg", "string_agg", "listagg", "group_concat", "grouparray",
  "uniq", "uniqexact", "countif", "sumif", "avgif", "any", "argmax", "argmin", "unnest", "array_length", "cardinality", "generate_series",
  "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "lag", "lead", "first_value", "last_value", "nth_value", "ntile",
  "percentile_cont", "percentile_disc", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp", "corr", "median", "quantile",
  "bool_and", "bool_or", "every", "if", "iif", "ifnull", "isnull", "nvl", "nvl2", "typeof", "pg_typeof", "version", "random", "rand", "uuid",
  "int", "integer", "bigint", "smallint", "numeric", "decimal", "varchar", "nvarchar", "character", "text", "float", "real", "double", "boolean",
  "total", "sign", "exists",
]);
/** Functions that act though a SELECT calls them: sequences, sessions, files, other hosts, notifications, settings, extensions. */
const sqlActingFunctions = /^(?:nextval|setval|pg_terminate_backend|pg_cancel_backend|pg_reload_conf|pg_rotate_logfile|pg_switch_wal|pg_promote|pg_notify|pg_advisory_\w*|pg_sleep\w*|pg_file_write|pg_write_\w*|pg_read_\w*|pg_ls_\w*|lo_\w+|dblink\w*|load_extension|set_config|writefile|readfile|sys_exec|sys_eval|xp_\w+|sp_\w+|benchmark|sleep|get_lock|release_lock|load_file|http_\w*|url|s3|remote|remotesecure|mysql|postgresql|file|hdfs|executable|read_\w+|copy_\w*)$/;
/** Words a `(` follows that open a list or a subquery, not a call. */
const sqlParenWords: ReadonlySet<string> = new Set([
  "in", "exists", "not", "and", "or", "on", "using", "values", "as", "from", "join", "where", "select", "over", "filter", "within", "group", "by", "having",
  "when", "then", "else", "case", "all", "any", "some", "with", "recursive", "lateral", "row", "array", "distinct", "is", "between", "like", "set", "into",
  "table", "return", "returns", "partition", "order", "limit", "offset", "union", "intersect", "except", "window", "rollup", "cube", "grouping", "sets", "materialized", "explain", "analyze", "verbose",
]);
/** Statement starters: a text whose first word is none of these is not SQL. */
const sqlStarters = new Set([...sqlReads, ...sqlNeutral, ...sqlActing, ...sqlOtherStarters]);
/** The second word a statement of that kind needs to be SQL rather than an English sentence ("Update the doc"). */
const sqlShape: Readonly<Record<string, (next: readonly string[]) => boolean>> = {
  select: () => true,
  do: (n) => n.length === 0 || n[0] === "language",
  exec: () => true,
  execute: () => true,
  export: (n) => n[0] === "data",
  declare: (n) => n.length > 0 && (n.includes("cursor") || n.includes("begin") || n.length <= 3),
  reconfigure: (n) => n.length <= 2,
  checkpoint: (n) => n.length === 0,
  prepare: (n) => n.includes("as") || n.includes("from"),
  deallocate: (n) => n.length <= 2,
  backup: (n) => n[0] === "database" || n[0] === "log",
  restore: (n) => n[0] === "database" || n[0] === "log" || n[0] === "filelistonly",
  optimize: (n) => n[0] === "table",
  discard: (n) => ["all", "plans", "temp", "temporary", "sequences"].includes(n[0] ?? ""),
  insert: (n) => n.includes("into") || n.includes("values"),
  replace: (n) => n.includes("into") || n.includes("values"),
  update: (n) => n.includes("set"),
  delete: (n) => n[0] === "from" || n.includes("from") || n.includes("where"),
  merge: (n) => n.includes("into") || n.includes("using"),
  comment: (n) => n[0] === "on",
  security: (n) => n[0] === "label",
  reassign: (n) => n[0] === "owned",
  reset: (n) => n.length === 0 || ["all", "master", "slave", "replica", "query", "persist", "binary", "role", "session"].includes(n[0] ?? "") || (n.length === 1 && (n[0] ?? "").includes("_")),
  flush: (n) => ["tables", "table", "privileges", "logs", "binary", "engine", "error", "general", "relay", "slow", "hosts", "status", "user_resources", "optimizer_costs", "local", "no_write_to_binlog", "query"].includes(n[0] ?? ""),
  purge: (n) => ["binary", "master", "logs", "table", "index", "recyclebin", "dba_recyclebin", "tablespace"].includes(n[0] ?? ""),
  install: (n) => n[0] === "plugin" || n[0] === "component",
  uninstall: (n) => n[0] === "plugin" || n[0] === "component",
  load: (n) => n.length === 0 || ["data", "xml", "index"].includes(n[0] ?? ""),
  kill: (n) => n.length === 0 || ["query", "connection", "mutation"].includes(n[0] ?? ""),
  shutdown: (n) => n.length === 0 || n[0] === "with",
  notify: (n) => n.length === 1,
  listen: (n) => n.length === 1,
  unlisten: (n) => n.length <= 1,
  cluster: (n) => n.length <= 1 || n[0] === "verbose" || n.includes("using"),
  analyze: (n) => n.length <= 1 || ["verbose", "table", "local", "no_write_to_binlog"].includes(n[0] ?? ""),
  analyse: (n) => n.length <= 1 || n[0] === "verbose",
  use: (n) => n.length === 1,
  xa: (n) => ["start", "begin", "end", "prepare", "commit", "rollback", "recover"].includes(n[0] ?? ""),
  change: (n) => ["master", "replication"].includes(n[0] ?? ""),
  stop: (n) => ["slave", "replica", "group_replication"].includes(n[0] ?? ""),
  system: (n) => ["reload", "drop", "flush", "stop", "start", "kill", "shutdown", "restart", "sync", "restore", "unfreeze", "wait"].includes(n[0] ?? ""),
  dbcc: () => true,
  waitfor: (n) => n[0] === "delay" || n[0] === "time",
  undrop: (n) => n[0] === "table" || n[0] === "database" || n[0] === "schema",
  exchange: (n) => n[0] === "tables" || n[0] === "dictionaries",
  repair: (n) => n[0] === "table",
  checksum: (n) => n[0] === "table",
  abort: (n) => n.length === 0 || n[0] === "work" || n[0] === "transaction",
};
const sqlObjects = new Set(["measurement", "series", "shard", "retention", "continuous", "table", "database", "schema", "index", "view", "user", "role", "function", "procedure", "trigger", "sequence", "type", "extension", "materialized", "temporary", "temp", "unique", "or", "if", "column", "constraint", "policy", "owned", "publication", "subscription", "server", "tablespace", "domain", "event", "keyspace", "collection", "all", "on", "privileges"]);

/** Schemas whose functions are the system's own: a known-pure name there is the function Warden knows. */
const sqlSystemSchemas: ReadonlySet<string> = new Set(["pg_catalog", "information_schema"]);
/** Words a transaction's COMMIT, ROLLBACK or END may carry; any other (`COMMIT PREPARED 'x'`) makes it a statement that acts. */
const sqlTransactionWords: ReadonlySet<string> = new Set(["work", "transaction", "tran", "and", "no", "chain", "release", "to", "savepoint"]);

/** The call in a read that is not a known-pure function: `acts` for one that acts, `unclear` for any other. */
function sqlCalls(words: readonly string[]): QueryVerdict | undefined {
  let unknown: string | undefined;
  for (let k = 1; k < words.length; k++) {
    if (words[k] !== "(") continue;
    const name = words[k - 1] as string;
    if (name === "(" || sqlParenWords.has(name) || sqlPureFunctions.has(name)) continue;
    const qualified = qualifiedCall(name);
    if (qualified === "pure") continue;
    if (qualified !== undefined) {
      if (qualified.kind === "acts") return qualified;
      unknown ??= qualified.word;
      continue;
    }
    // `AS t(a int)`, `WITH t(a) AS (…)`: a name's column list, not a call.
    const before = words[k - 2];
    if (before === "as" || before === "with" || before === "recursive") continue;
    if (sqlActingFunctions.test(name)) return { kind: "acts", word: `${name}()` };
    unknown ??= `${name}()`;
  }
  return unknown === undefined ? undefined : { kind: "unclear", word: unknown };
}

/**
 * A call of a schema-qualified name: a known-pure function of a system schema (`pg_catalog.lower`) is `pure`; the
 * same name in any other schema (`app.lower`, `public.lower`) is a user's own function, which may do anything.
 */
function qualifiedCall(name: string): "pure" | { kind: "acts" | "unclear"; word: string } | undefined {
  const dot = name.lastIndexOf(".");
  if (dot < 0) return undefined;
  const schema = name.slice(0, dot);
  const bare = name.slice(dot + 1);
  if (sqlActingFunctions.test(bare)) return { kind: "acts", word: `${name}()` };
  if (sqlSystemSchemas.has(schema) && sqlPureFunctions.has(bare)) return "pure";
  return { kind: "unclear", word: `${name}()` };
}

/**
 * The verdict of one reading: the first statement that acts, else `unclear` for a call or statement it does not
 * recognise, else reads when every statement is a read whose calls are all known-pure. `declared`: the text is SQL
 * by the argument's name (`sql`, `statement`), so a statement is a read only when its kind is a known read
 * (SELECT, WITH, VALUES, TABLE, SHOW, DESCRIBE, EXPLAIN) and every other kind acts, whether Warden knows it or not.
 */
function sqlVerdictOf(statements: readonly string[][], declared: boolean): QueryVerdict {
  let reads = false;
  let unclear: QueryVerdict | undefined;
  // Text that is no statement but ends where one starts (`paid = false; DELETE FROM invoices`, a filter or a table
  // name the server pastes into its own query): what follows is judged as SQL, and a read there is no plain read.
  let fragment = false;
  for (const words of statements) {
    const first = words[0] as string;
    const nested = nestedStatement(words);
    if (nested !== undefined) return { kind: "acts", word: nested.toUpperCase() };
    if (declared && !sqlReads.has(first) && !sqlNeutral.has(first)) return { kind: "acts", word: first.toUpperCase() };
    if (!sqlStarters.has(first)) {
      // A statement Warden cannot name after SQL it can (`SELECT …; \! curl …`) is not part of a read.
      if (reads || unclear !== undefined) {
        unclear ??= { kind: "unclear", word: first };
        continue;
      }
      fragment = true;
      continue;
    }
    if (fragment && sqlReads.has(first)) unclear ??= { kind: "unclear", word: `${first} after a fragment` };
    if (sqlNeutral.has(first)) {
      if ((first === "begin" || first === "start") && words.slice(1).some((w) => !sqlBeginWords.has(w))) return { kind: "acts", word: `${first.toUpperCase()} … END block` };
      // `COMMIT PREPARED 'x'`, `ROLLBACK PREPARED 'x'` finish another session's transaction; a name follows only `TO`,
      // `SAVEPOINT` or `TRAN`/`TRANSACTION`.
      const other = ["commit", "rollback", "end"].includes(first) ? words.slice(1).find((w, k) => !sqlTransactionWords.has(w) && !["to", "savepoint", "tran", "transaction"].includes(words[k] ?? "")) : undefined;
      if (other !== undefined) return { kind: "acts", word: `${first.toUpperCase()} ${other.toUpperCase()}` };
      continue;
    }
    if (sqlReads.has(first)) {
      // A word that acts is one unless it is a known-pure function's name (`replace(…)`, `truncate(x, 2)`).
      const acting = words.find((w, k) => sqlActing.has(w) && !(words[k + 1] === "(" && sqlPureFunctions.has(w)));
      if (acting !== undefined) return { kind: "acts", word: acting.toUpperCase() };
      const calls = sqlCalls(words);
      if (calls?.kind === "acts") return calls;
      if (calls !== undefined) unclear ??= calls;
      else reads = true;
      continue;
    }
    const shape = sqlShape[first];
    const rest = words.slice(1, 64).filter((w) => w !== "(");
    const isSql = shape !== undefined ? shape(rest) : rest.length > 0 && (sqlObjects.has(rest[0] as string) || first === "truncate" || first === "set" || first === "pragma" || first === "vacuum" || first === "call" || first === "copy");
    // A sentence that starts with "drop" or "update" is free text, not a statement (the caller counts it as a payload).
    if (!isSql) {
      if (reads || unclear !== undefined) {
        unclear ??= { kind: "unclear", word: first };
        continue;
      }
      fragment = true;
      continue;
    }
    return { kind: "acts", word: first.toUpperCase() };
  }
  if (unclear !== undefined) return unclear;
  return reads && !fragment ? { kind: "reads" } : { kind: "none" };
}

/** A statement that changes data inside parentheses (`id IN (WITH x AS (UPDATE invoices SET …) …)`): its verb. */
function nestedStatement(words: readonly string[]): string | undefined {
  for (let k = 0; k + 2 < words.length && k < 4096; k++) {
    // Only where SQL puts a subquery (`AS (`, `IN (`, `EXISTS (`, `FROM (`, `= (`): "photos (delete from phone)" is prose.
    if (words[k] !== "(" || !["as", "in", "exists", "from", "join", "=", "("].includes(words[k - 1] ?? "")) continue;
    const verb = words[k + 1] as string;
    const shape = sqlShape[verb];
    if (["update", "delete", "insert", "merge"].includes(verb) && shape !== undefined && shape(words.slice(k + 2, k + 66).filter((w) => w !== "("))) return verb;
  }
  return undefined;
}

/** A line a database's own client runs rather than sends: psql's `\!`, `\o`, `\copy`; sqlite3's `.shell`, `.output`. */
const clientCommand = /^[ \t]*(\\[A-Za-z!?]\S*|\.[a-z][a-z_]*)/m;

/**
 * The SQL statements in `text`, read as each dialect in `sql-lexer.ts` splits it (where its strings, quoted names,
 * dollar quotes and comments end; `#`, `//`, MySQL's executable comments, nested comments): `acts` when any reading finds a statement
 * other than a read (or an acting word inside a read), and names the dialects whose reading it is when not all of them
 * see it; `unclear` when every reading is a read but the dialects split the text into different statements, or a
 * reading meets a construct it cannot account for (a quote or comment that never ends, a backslash or a brace outside
 * a string, a character outside ASCII that is no letter), or the text is longer than is read; `reads` only when every
 * reading is the same number of statements, all reads; `none` when the text does not start like SQL. With `declared`
 * (the argument is SQL by its name) a statement of any kind but a known read acts, and nothing is `none`.
 */
export function sqlVerdict(text: string, options: { declared?: boolean } = {}): QueryVerdict {
  const body = text.slice(0, MaxQueryChars);
  const readings = sqlDialects.map((dialect) => ({ dialect, ...readSqlStatements(body, dialect) }));
  const verdicts = readings.map((r) => sqlVerdictOf(r.statements, options.declared === true));
  const acting = verdicts.flatMap((v, k) => (v.kind === "acts" ? [{ v, dialect: readings[k]?.dialect.title ?? "" }] : []));
  const acts = acting[0];
  if (acts !== undefined) return acting.length === verdicts.length ? acts.v : { ...acts.v, reading: acting.filter((a) => a.v.word === acts.v.word).map((a) => a.dialect).join(", ") };
  const meta = clientCommand.exec(body);
  if (meta !== null && (verdicts.some((v) => v.kind !== "none") || /^[ \t]*\.(?:shell|system|output|once|import|load|open|save|backup|restore)\b|^[ \t]*\\(?:!|o|copy|w|g|i|ir)\b/m.test(body))) {
    return { kind: "acts", word: `client command \`${(meta[1] ?? "").slice(0, 16)}\`` };
  }
  const unclear = verdicts.find((v) => v.kind === "unclear");
  if (unclear !== undefined) return unclear;
  if (verdicts.every((v) => v.kind === "reads")) {
    // INVARIANT (fail closed): a read is one only when every dialect agrees where its statements end and none of them
    // met what it cannot account for; a dialect Warden does not model may split such a text another way again.
    const counts = readings.map((r) => `${r.statements.length} in ${r.dialect.title}`);
    if (new Set(readings.map((r) => r.statements.length)).size > 1) return { kind: "unclear", word: "statements", why: `whose quoting the SQL dialects read differently, so they split it into different statements (${clipList(counts)})` };
    const odd = readings.find((r) => r.odd !== undefined);
    if (odd?.odd !== undefined) return { kind: "unclear", word: "quoting", why: `with ${odd.odd} (as ${odd.dialect.title} reads it), so where its statements end is not certain` };
    if (text.length > MaxQueryChars) return { kind: "unclear", word: "length", why: `longer than the ${MaxQueryChars} characters Warden reads` };
    return { kind: "reads" };
  }
  // A text that starts with SQL in one reading and not in another is not a plain read.
  return verdicts.some((v) => v.kind === "reads") ? { kind: "acts", word: "(a statement the dialects read differently)" } : { kind: "none" };
}

function clipList(items: readonly string[]): string {
  return items.length > 3 ? `${items.slice(0, 3).join(", ")}, …` : items.join(", ");
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
 * The operations of a GraphQL document: `acts` when any definition is a `mutation`, `unclear` for a `subscription`,
 * `reads` when all are queries or fragments (the `{ … }` shorthand included), `none` when the text is not an executable GraphQL
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
  if (acting !== undefined) return { kind: "acts", word: acting };
  // A subscription keeps a stream open on the server and runs its resolvers on every event: not a plain read.
  return heads.includes("subscription") ? { kind: "unclear", word: "subscription" } : { kind: "reads" };
}
