/**
 * Whether an argument of a read-only tool that reads as a query, command or request in a language other than SQL and
 * GraphQL is recognised as a READ in that language. The polarity is fail-closed: each reader names what reads
 * (Cypher MATCH … RETURN, Gremlin's read steps, SPARQL's query forms, Redis's read commands, Splunk's reporting
 * commands, MongoDB's read stages, a command line's flags) and anything else in that language is `unclear` (or `acts`
 * when it is known to act); requests and method names are read in `read-requests.ts`. A value in no language these
 * readers know is `none`: plain data. Every reader works on a bounded prefix and never throws.
 */

/** A name's or key's words: split at `_`, `-`, `.`, digits and case, lower-cased. */
export function wordsOf(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase().split(/[^a-z]+/).filter((w) => w !== "");
}

export type LanguageVerdict = { kind: "reads" } | { kind: "acts"; why: string } | { kind: "unclear"; why: string } | { kind: "none" };

const MaxChars = 64 * 1024;
const none: LanguageVerdict = { kind: "none" };
const reads: LanguageVerdict = { kind: "reads" };

/** The text with its quoted strings, IRIs and comments blanked, so their words never read as keywords. */
function blankLiterals(text: string, comments: "cypher" | "sparql"): string {
  const body = text.slice(0, MaxChars);
  const pattern = comments === "cypher" ? /'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`[^`]*`|\/\/[^\n]*|\/\*[\s\S]*?\*\// : /'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|<[^<>\s]*>|#[^\n]*/;
  return body.replace(new RegExp(pattern.source, "g"), " ");
}

const cypherStarters = new Set(["match", "optional", "unwind", "return", "with", "call", "create", "merge", "load", "using", "foreach", "detach", "delete", "set", "remove", "use", "profile", "explain"]);
const cypherActing = new Set(["set", "delete", "detach", "create", "merge", "remove", "load", "foreach", "drop", "finish"]);
/** Cypher functions that only compute: any other call (a procedure's `apoc.…`, a user function) is not recognised. */
const cypherPure = new Set([
  "count", "collect", "sum", "avg", "min", "max", "size", "labels", "type", "id", "elementid", "keys", "properties", "nodes", "relationships", "length",
  "tolower", "toupper", "tostring", "tointeger", "tofloat", "toboolean", "coalesce", "head", "last", "tail", "exists", "date", "datetime", "localdatetime",
  "time", "duration", "timestamp", "split", "substring", "trim", "ltrim", "rtrim", "replace", "left", "right", "reverse", "startnode", "endnode", "range",
  "abs", "round", "ceil", "floor", "sign", "sqrt", "percentilecont", "percentiledisc", "stdev", "stdevp", "any", "all", "none", "single", "isempty",
  "point", "distance", "shortestpath", "allshortestpaths", "reduce", "not", "and", "or", "xor", "in", "where", "is", "contains", "exists",
]);
/** Procedures of the standard catalogue that only describe the database. */
const cypherReadProcedures = /^(?:db\.(?:labels|relationshiptypes|propertykeys|schema\.(?:visualization|nodetypeproperties|reltypeproperties)|indexes|constraints)|dbms\.components)$/;

/** A Cypher query: reads when it has no clause that writes or loads and calls only pure functions and catalogue procedures. */
export function cypherVerdict(text: string): LanguageVerdict {
  const body = blankLiterals(text, "cypher");
  const words: string[] = body.toLowerCase().match(/[a-z_][a-z0-9_.]*/g) ?? [];
  const first = words[0];
  // Cypher draws its graph: a node pattern `(n…)` or a RETURN makes it Cypher rather than a sentence.
  if (first === undefined || !cypherStarters.has(first) || !(/\(\s*[A-Za-z_]*\s*[:){]/.test(body) || words.includes("return"))) return none;
  if (["with", "create", "merge", "set", "delete", "call", "use", "load"].includes(first) && !/\bmatch\b|\breturn\b|\(\s*[A-Za-z_]*\s*:/i.test(body)) return none;
  const acting = words.find((w) => cypherActing.has(w));
  if (acting !== undefined) return { kind: "acts", why: `a Cypher \`${acting.toUpperCase()}\`${acting === "load" ? " (LOAD CSV reads a URL or file)" : ""}, not a read` };
  for (const m of body.matchAll(/\bcall\s+([A-Za-z_][\w.]*)/gi)) {
    const name = (m[1] ?? "").toLowerCase();
    if (!cypherReadProcedures.test(name)) return { kind: "unclear", why: `a Cypher CALL of \`${name.slice(0, 40)}\`, a procedure Warden does not know to read` };
  }
  for (const m of body.matchAll(/([A-Za-z_][\w.]*)\s*\(/g)) {
    const name = (m[1] ?? "").toLowerCase();
    const before = body.slice(0, m.index).trimEnd();
    if (/\bcall$/i.test(before) || cypherPure.has(name) || cypherStarters.has(name)) continue;
    return { kind: "unclear", why: `a Cypher query calling \`${name.slice(0, 40)}()\`, a function Warden does not know to be pure` };
  }
  return reads;
}

const gremlinReadSteps = new Set([
  "v", "e", "has", "haslabel", "hasid", "hasnot", "haskey", "hasvalue", "out", "in", "both", "oute", "ine", "bothe", "outv", "inv", "bothv", "otherv",
  "values", "valuemap", "elementmap", "properties", "id", "label", "count", "limit", "range", "skip", "tail", "order", "by", "dedup", "where", "is", "not",
  "and", "or", "filter", "select", "as", "project", "group", "groupcount", "fold", "unfold", "path", "simplepath", "cyclicpath", "repeat", "times", "until",
  "emit", "local", "union", "coalesce", "optional", "constant", "math", "sum", "min", "max", "mean", "choose", "tolist", "toset", "next", "hasnext",
  "iterate", "key", "value", "within", "without", "gt", "gte", "lt", "lte", "eq", "neq", "between", "inside", "outside", "containing", "startingwith",
  "endingwith", "notcontaining", "desc", "asc", "identity", "barrier", "cap", "explain", "profile", "match", "otherv", "sample", "coin", "index", "loops",
  "shuffle", "decr", "incr", "textcontains", "regex",
]);
const gremlinActing = new Set(["drop", "addv", "adde", "property", "mergev", "mergee", "io", "write", "read", "inject", "call", "sideeffect"]);

/** A Gremlin traversal (`g.V()…`): reads when every step is a read step; drop/addV/property act. */
export function gremlinVerdict(text: string): LanguageVerdict {
  const body = blankLiterals(text, "cypher");
  if (!/^\s*g\s*\.\s*[A-Za-z]+\s*\(/.test(body)) return none;
  for (const m of body.matchAll(/([A-Za-z_][\w]*)\s*\(/g)) {
    const step = (m[1] ?? "").toLowerCase();
    if (step === "g" || step === "__") continue;
    if (gremlinActing.has(step)) return { kind: "acts", why: `a Gremlin \`${m[1] ?? ""}()\` step, which changes the graph or reaches outside it` };
    if (!gremlinReadSteps.has(step)) return { kind: "unclear", why: `a Gremlin step \`${(m[1] ?? "").slice(0, 30)}()\` Warden does not know to read` };
  }
  // A lambda or a script block (`{ it -> … }`) runs code on the server.
  if (/[{}]|->/.test(body)) return { kind: "unclear", why: "a Gremlin traversal with a lambda or script block" };
  return reads;
}

const sparqlUpdate = new Set(["insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add"]);

/**
 * The SPARQL 1.1 Update operation a text opens with (after its PREFIX/BASE declarations), by the grammar's own shape:
 * `CLEAR|DROP [SILENT] (GRAPH <iri>|DEFAULT|NAMED|ALL)` (the last three as the whole operation: "drop all" in words is
 * prose), `CREATE [SILENT] GRAPH <iri>`, `LOAD [SILENT] <iri>`, `ADD|MOVE|COPY [SILENT] <iri>|DEFAULT TO <iri>`,
 * `INSERT|DELETE DATA|WHERE {`, `WITH <iri>`. None of these needs braces or variables.
 */
function sparqlUpdateForm(text: string): string | undefined {
  const head = text.slice(0, MaxChars).replace(/^(?:\s+|#[^\n]*\n?|(?:prefix\s+[A-Za-z_][\w.-]*:|prefix\s+:|base)\s*<[^<>\s]*>)*/i, "");
  const form = /^(?:(clear|drop)\s+(?:silent\s+)?(?:graph\s*<|(?:default|named|all)\s*(?:;|$))|(create)\s+(?:silent\s+)?graph\s*<|(load)\s+(?:silent\s+)?<|(add|move|copy)\s+(?:silent\s+)?(?:graph\s*)?(?:<|default\s+to\s*(?:graph\s*)?<)|(insert|delete)\s+(?:data|where)\s*\{|(with)\s*<)/i.exec(head);
  return form === null ? undefined : form.slice(1).find((w) => w !== undefined)?.toUpperCase();
}

/** SPARQL 1.1's built-in functions, aggregates and the keywords written before a parenthesis. */
const sparqlCalls = new Set([
  "str", "lang", "langmatches", "datatype", "bound", "iri", "uri", "bnode", "rand", "abs", "ceil", "floor", "round", "concat", "strlen", "ucase", "lcase",
  "encode_for_uri", "contains", "strstarts", "strends", "strbefore", "strafter", "year", "month", "day", "hours", "minutes", "seconds", "timezone", "tz",
  "now", "uuid", "struuid", "md5", "sha1", "sha256", "sha384", "sha512", "coalesce", "if", "strlang", "strdt", "sameterm", "isiri", "isuri", "isblank",
  "isliteral", "isnumeric", "regex", "substr", "replace", "count", "sum", "min", "max", "avg", "sample", "group_concat", "in", "filter", "bind", "having",
  "asc", "desc", "select", "by", "values", "triple", "subject", "predicate", "object", "istriple", "where",
]);

/** A SPARQL request: reads for SELECT/ASK/CONSTRUCT/DESCRIBE that reach no other endpoint (SERVICE); any update acts. */
export function sparqlVerdict(text: string): LanguageVerdict {
  const form = sparqlUpdateForm(text);
  if (form !== undefined) return { kind: "acts", why: `a SPARQL \`${form}\` (an update), not a query` };
  const body = blankLiterals(text, "sparql");
  const words: string[] = body.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? [];
  const sparqlish = /^\s*(?:prefix|base)\b/i.test(body) || (/^\s*(?:select|ask|construct|describe|insert|delete|load|clear|with)\b/i.test(body) && /[?$][A-Za-z_]|\{/.test(body) && !/\bfrom\s+[A-Za-z_"`]/i.test(body.replace(/\bfrom\s+named\b/gi, "")));
  if (!sparqlish || !body.includes("{") && !/^\s*(?:load|clear|drop|create)\b/i.test(body.replace(/^(?:\s*(?:prefix|base)\b[^\n{]*?(?=\b(?:select|ask|construct|describe|insert|delete|load|clear|drop|create|with)\b))+/i, ""))) return none;
  const update = words.find((w) => sparqlUpdate.has(w));
  if (update !== undefined) return { kind: "acts", why: `a SPARQL \`${update.toUpperCase()}\` (an update), not a query` };
  if (words.includes("service")) return { kind: "unclear", why: "a SPARQL query with SERVICE, which reaches another endpoint" };
  // Fail closed on calls, as for Cypher: a function that is not one of SPARQL's own (an extension function, a prefixed
  // or IRI-named one, or text such as `SELECT {fn purge_all()}` that is SQL's escape syntax read as SPARQL) may act.
  const iriCall = /<[^<>\s]*>\s*\(/.test(text.slice(0, MaxChars));
  const call = [...body.matchAll(/([A-Za-z_][\w]*:)?([A-Za-z_][\w]*)\s*\(/g)].find((m) => m[1]?.toLowerCase() !== "xsd:" && (m[1] !== undefined || !sparqlCalls.has((m[2] ?? "").toLowerCase())));
  if (iriCall || call !== undefined) return { kind: "unclear", why: `a SPARQL query that calls \`${call === undefined ? "<…>" : `${call[1] ?? ""}${call[2] ?? ""}`}\`, which is none of SPARQL's own functions` };
  return words.some((w) => w === "select" || w === "ask" || w === "construct" || w === "describe") ? reads : { kind: "unclear", why: "a SPARQL request that is none of SELECT, ASK, CONSTRUCT or DESCRIBE" };
}

const redisReads = new Set([
  "get", "mget", "exists", "ttl", "pttl", "type", "strlen", "getrange", "hget", "hmget", "hgetall", "hkeys", "hvals", "hlen", "hexists", "hstrlen",
  "lrange", "llen", "lindex", "lpos", "smembers", "sismember", "smismember", "scard", "srandmember", "zrange", "zrangebyscore", "zrevrange",
  "zrevrangebyscore", "zscore", "zmscore", "zcard", "zcount", "zrank", "zrevrank", "scan", "sscan", "hscan", "zscan", "keys", "dbsize", "info", "ping",
  "echo", "xrange", "xrevrange", "xlen", "pfcount", "bitcount", "getbit", "bitpos", "geopos", "geodist", "georadius_ro", "georadiusbymember_ro", "geosearch", "json.get", "sort_ro",
  "ft.search", "ft.info", "ts.get", "ts.range", "time", "lastsave", "memory", "object", "dump",
]);
const redisCommands = new Set([
  ...redisReads, "set", "setex", "setnx", "psetex", "mset", "msetnx", "getset", "getdel", "getex", "append", "incr", "incrby", "decr", "decrby", "del", "unlink",
  "expire", "pexpire", "expireat", "persist", "rename", "renamenx", "move", "copy", "restore", "hset", "hmset", "hsetnx", "hdel", "hincrby", "lpush", "rpush",
  "lpop", "rpop", "lset", "lrem", "ltrim", "linsert", "rpoplpush", "lmove", "sadd", "srem", "spop", "smove", "zadd", "zrem", "zincrby", "zpopmin", "zpopmax",
  "flushall", "flushdb", "eval", "evalsha", "eval_ro", "fcall", "function", "script", "config", "shutdown", "slaveof", "replicaof", "migrate", "module",
  "debug", "save", "bgsave", "bgrewriteaof", "client", "acl", "publish", "xadd", "xdel", "xtrim", "pfadd", "setbit", "geoadd", "multi", "exec", "sort",
  "json.set", "json.del", "failover", "cluster", "swapdb", "select", "monitor", "subscribe", "psubscribe", "sync", "psync", "lastsave", "wait",
]);

/** A Redis command line (`GET key`, `["EVAL", …]`): reads for the read commands with one line; any other command is not a read. */
export function redisVerdict(text: string): LanguageVerdict {
  const body = text.slice(0, MaxChars);
  const command = (/^\s*([A-Za-z][A-Za-z_.]*)/.exec(body)?.[1] ?? "").toLowerCase();
  if (!redisCommands.has(command)) return none;
  if (/[\r\n]/.test(body.trim())) return { kind: "unclear", why: "a Redis command line with a line break, which the protocol reads as another command" };
  if (!redisReads.has(command)) return { kind: "acts", why: `the Redis command \`${command.toUpperCase()}\`, not a read` };
  return reads;
}

const splunkReads = new Set([
  "search", "stats", "where", "eval", "table", "fields", "rename", "sort", "head", "tail", "dedup", "top", "rare", "chart", "timechart", "bin", "bucket",
  "rex", "regex", "spath", "lookup", "inputlookup", "transaction", "eventstats", "streamstats", "fillnull", "makemv", "mvexpand", "convert", "addtotals",
  "tstats", "metadata", "reverse", "fieldsummary", "addinfo", "format", "return", "xyseries", "untable", "appendcols", "append", "join", "multisearch",
  "sistats", "timewrap", "predict", "trendline", "iplocation", "geostats", "makeresults", "foreach", "nomv", "strcat", "accum", "delta", "autoregress",
]);
const splunkActing = new Set(["delete", "sendemail", "outputlookup", "outputcsv", "collect", "tscollect", "sendalert", "script", "run", "map", "rest", "sendresults", "mcollect", "meventcollect", "outputtext"]);

/** A Splunk search (`search … | stats …`): reads when every command after a pipe is a reporting command. */
export function splunkVerdict(text: string, toolWords: readonly string[]): LanguageVerdict {
  const body = blankLiterals(text, "cypher");
  if (!body.includes("|") && !(toolWords.includes("splunk") && /^\s*search\b/i.test(body))) return none;
  if (!/^\s*(?:search\b|\|)/i.test(body) && !toolWords.includes("splunk") && !/\|\s*(?:stats|table|eval|where|search|delete|sendemail|outputlookup|collect|timechart)\b/i.test(body)) return none;
  // A macro (`` `name` ``) expands to commands Warden cannot see.
  if (/`/.test(text)) return { kind: "unclear", why: "a Splunk search that expands a macro, whose commands Warden cannot see" };
  for (const segment of body.split("|").slice(1, 64)) {
    const command = (/^\s*([A-Za-z_]+)/.exec(segment)?.[1] ?? "").toLowerCase();
    if (command === "") continue;
    if (splunkActing.has(command)) return { kind: "acts", why: `the Splunk command \`| ${command}\`, which changes data or sends it` };
    if (!splunkReads.has(command)) return { kind: "unclear", why: `the Splunk command \`| ${command.slice(0, 30)}\`, which Warden does not know to read` };
  }
  // A subsearch (`[ … ]`) runs a search of its own: its commands are read the same way.
  return reads;
}

/** An LDIF record that changes a directory (`changetype: modify`). */
export function ldifVerdict(text: string): LanguageVerdict {
  const body = text.slice(0, MaxChars);
  if (!/^dn:/im.test(body)) return none;
  const change = /^changetype:\s*(\w+)/im.exec(body);
  if (change !== null) return { kind: "acts", why: `an LDIF record with \`changetype: ${(change[1] ?? "").slice(0, 12)}\`, which changes the directory` };
  return { kind: "unclear", why: "an LDIF record, which a directory tool applies rather than searches" };
}

const mongoReadStages = new Set([
  "$match", "$group", "$project", "$sort", "$limit", "$skip", "$count", "$unwind", "$lookup", "$addfields", "$set", "$unset", "$facet", "$bucket",
  "$bucketauto", "$sortbycount", "$replaceroot", "$replacewith", "$sample", "$geonear", "$graphlookup", "$unionwith", "$densify", "$fill",
  "$setwindowfields", "$redact", "$collstats", "$indexstats", "$search", "$searchmeta", "$documents", "$vectorsearch",
]);
/** Operators that run JavaScript on the server. */
const mongoCode = new Set(["$function", "$where", "$accumulator", "$eval"]);
/** Database commands that write, given as an argument's key (`{"findAndModify": "users"}`). */
const mongoWriteCommands = /^(?:findandmodify|update|updateone|updatemany|insert|insertone|insertmany|delete|deleteone|deletemany|remove|drop|dropdatabase|dropindexes|createindexes|create|renamecollection|mapreduce|applyops|bulkwrite|replaceone|findoneandupdate|findoneandreplace|findoneanddelete|shutdown|eval|collmod|compact|killop|setparameter)$/;

/** The MongoDB operators and commands an argument object holds: `$out`/`$merge` and write commands act; stages Warden does not know are unclear. */
export function mongoVerdict(args: unknown): LanguageVerdict {
  let found: LanguageVerdict = none;
  let count = 0;
  const walk = (value: unknown, key: string, depth: number): LanguageVerdict | undefined => {
    if (++count > 2048 || depth > 12) return undefined;
    // A pipeline or filter passed as JSON text is the same document to the server.
    if (typeof value === "string" && /^\s*[[{]/.test(value) && value.length <= MaxChars) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        return undefined;
      }
      return walk(parsed, key, depth + 1);
    }
    if (Array.isArray(value)) {
      const pipeline = /^(?:pipeline|stages|aggregate|agg)$/i.test(key);
      for (const item of value.slice(0, 256)) {
        if (pipeline && typeof item === "object" && item !== null && !Array.isArray(item)) {
          const stage = (Object.keys(item)[0] ?? "").toLowerCase();
          if (stage === "$out" || stage === "$merge") return { kind: "acts", why: `a MongoDB \`${stage}\` stage, which writes a collection` };
          if (!mongoReadStages.has(stage)) return { kind: "unclear", why: `a MongoDB pipeline stage \`${stage.slice(0, 30)}\` Warden does not know to read` };
          found = reads;
        }
        const inner = walk(item, key, depth + 1);
        if (inner !== undefined) return inner;
      }
      return undefined;
    }
    if (typeof value !== "object" || value === null) return undefined;
    for (const [k, v] of Object.entries(value).slice(0, 256)) {
      const lower = k.toLowerCase();
      if (lower === "$out" || lower === "$merge") return { kind: "acts", why: `a MongoDB \`${k}\` stage, which writes a collection` };
      if (mongoCode.has(lower)) return { kind: "unclear", why: `a MongoDB \`${k}\`, which runs JavaScript on the server` };
      if ((depth === 0 || (depth === 1 && /^(?:command|cmd|run_?command)$/i.test(key))) && mongoWriteCommands.test(lower) && v !== false && v !== 0 && v !== null && v !== "") return { kind: "acts", why: `the MongoDB command \`${k.slice(0, 30)}\`, which writes` };
      const inner = walk(v, k, depth + 1);
      if (inner !== undefined) return inner;
    }
    return undefined;
  };
  return walk(args, "", 0) ?? found;
}

/** The HTTP methods that only read. */
export const safeMethods: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS"]);

/** Flags of a command line that change its method or point it at a configuration or a program to run. */
export function flagVerdict(argv: readonly string[], toolWords: readonly string[]): LanguageVerdict {
  // Method and data flags are an HTTP client's (`curl`, `wget`, `gh api`); elsewhere `-d`/`-F`/`-X` read (`du -d 1`, `grep -F`).
  const client = [...toolWords, ...argv.slice(0, 2).map((a) => a.split("/").pop() ?? "")].some((w) => /^(?:curl|wget|gh|http|https|httpie|api|request|requests|fetch|xh)$/.test(w));
  for (let k = 0; k < Math.min(argv.length, 256); k++) {
    const arg = argv[k] ?? "";
    // A short-option cluster ends with the one that takes a value (`-sSXDELETE`, `-sd@file`).
    const method = client ? /^(?:-[A-Za-z]*X|--request=?|--method=?)(\S*)$/.exec(arg) : null;
    if (method !== null) {
      const m = (method[1] !== "" ? method[1] ?? "" : argv[k + 1] ?? "").toUpperCase();
      if (!safeMethods.has(m)) return { kind: "acts", why: `a command line whose flag \`${arg.slice(0, 20)}\` sets the method \`${m.slice(0, 12)}\`` };
    }
    if (client && (/^(?:--data(?:-\w+)?|--form(?:-string)?|--upload-file|--post-data|--post-file)(?:=|$)/.test(arg) || /^-[A-Za-z]*[dFT](?:$|[^A-Za-z])/.test(arg))) {
      return { kind: "acts", why: `a command line whose flag \`${arg.slice(0, 20)}\` sends or writes data` };
    }
    if (/^--(?:kubeconfig|config|post-renderer|exec|exec-command|plugin|plugins?-dir|upload-pack|receive-pack|ssh-command|init-file|rcfile|profile-file|credentials-file|endpoint-url|server|context|as|as-group|token)(?:=|$)/.test(arg)) {
      return { kind: "unclear", why: `a command line whose flag \`${arg.split("=")[0]?.slice(0, 30) ?? ""}\` points it at another configuration, server, identity or program` };
    }
  }
  return none;
}

/** Argument names whose words say the call acts, given a value that turns it on (`delete_after: true`, `share_with`, `findAndModify`). */
const flagActionWords = new Set([
  "delete", "remove", "drop", "destroy", "erase", "purge", "wipe", "share", "forward", "send", "publish", "upload", "modify", "overwrite", "truncate",
  "move", "rename", "grant", "revoke", "invite", "notify", "email", "exec", "execute", "run", "post", "export", "archive", "copy", "sync", "replace",
  "mail", "webhook", "callback", "unlink", "shred", "append", "write",
]);
/** Words that, in an argument's name, describe a read rather than order an action (`write_concern`, `run_id`). */
const flagReadWords = new Set(["id", "ids", "at", "date", "time", "since", "until", "before", "count", "status", "concern", "preference", "state", "type", "name", "names", "by", "format", "version"]);

export function actingKeyVerdict(key: string, value: string): LanguageVerdict {
  const words = wordsOf(key);
  if (words.length === 0 || words.some((w) => flagReadWords.has(w))) return none;
  const action = words.find((w) => flagActionWords.has(w));
  const v = value.trim().toLowerCase();
  if (action !== undefined && v !== "" && v !== "false" && v !== "0" && v !== "no" && v !== "null" && v !== "none") {
    return { kind: "unclear", why: `its argument \`${key.slice(0, 40)}\` asks it to \`${action}\`` };
  }
  // A file opened for writing (`mode: "w"`, `flags: "a+"`).
  if (/^(?:mode|open_?mode|flags?|access)$/i.test(key) && /^(?:[wax][bt+]?|[rwa]\+[bt]?|r[bt]?\+|write|append|readwrite|rw|wb\+?|ab\+?)$/i.test(v)) {
    return { kind: "unclear", why: `its argument \`${key.slice(0, 40)}\` is \`${v.slice(0, 12)}\`, a mode that writes` };
  }
  return none;
}
