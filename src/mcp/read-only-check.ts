/**
 * Whether a call of a connected service's tool that the owner confirmed read-only reads, from what Warden can see:
 * the tool's name and the call's arguments. The confirmation is the owner's belief about a server they do not
 * control, so it widens nothing a call shows it needs:
 * - `acts`: the call says it acts (its name leads with an acting verb, an argument is an HTTP method other than
 *   GET/HEAD/OPTIONS, a JSON-RPC method named for an action, a SQL statement other than a read or a value that adds
 *   one once pasted into a quoted string, a GraphQL mutation, a command line that deletes, writes or runs code, an
 *   `action` that is a verb such as `send`, or a key that names where something goes);
 * - `unclear`: the name does not start with a read verb (get, list, search…: a noun such as `inbox`, a compound such
 *   as `sendmail`, another language) and the call carries something a tool that acts would need (free text, an
 *   address, a command, a value or name word formed from an acting verb: `approved`, `mailer`);
 * - `reads`: anything else.
 * A query the arguments carry that parses as a read (`SELECT …`, a GraphQL query) is not a payload. Whatever the
 * name, an argument that reads as a query, command or request is a read only when it is recognised as one in its
 * language (`read-languages.ts`; SQL calls of known-pure functions only): anything else there is `unclear`.
 */
import { clip } from "../tools/gated-tool.ts";
import type { ShellAnalyzer } from "../exec/shell-analyzer.ts";
import { classifyBinary } from "../exec/binary-classes.ts";
import { graphqlVerdict, sqlVerdict } from "./query-kinds.ts";
import { actingRoot, actingVerbs, bodyWords, isActingWord, readVerbs, strongVerbs } from "./action-words.ts";
import { decodeArgument } from "./encoded-values.ts";
import { commandLineVerdict } from "./read-command-lines.ts";
import { fluxVerdict } from "./read-flux.ts";
import { actingKeyVerdict, cypherVerdict, flagVerdict, gremlinVerdict, ldifVerdict, mongoVerdict, redisVerdict, safeMethods, sparqlVerdict, splunkVerdict, wordsOf, type LanguageVerdict } from "./read-languages.ts";
import { methodNameVerdict, requestVerdict } from "./read-requests.ts";

export { actingRoot, wordsOf };

export type ReadOnlyVerdict = { kind: "acts"; why: string } | { kind: "unclear"; why: string } | { kind: "reads" };

/** Argument names that say where something goes or how much is paid. */
const actingKeys = /^(?:cc|bcc|recipients?|payee|beneficiary|iban|target_?(?:account|address|email)|webhook(?:_?url)?|callback(?:_?url)?)$/i;
/** Argument names whose value says what the call does (`{"action": "send"}`). */
const actionKeys = /^(?:action|actions|op|operation|verb|mode|command|cmd|intent|do|task|method|http_?method|request_?method|subcommand)$/i;
/** Argument names whose value is a command line. */
const commandKeys = /^(?:command|cmd|commands|command_?line|cmdline|args|argv|arguments|input|script|shell|line|exec|run|stdin|sub_?command)$/i;
/** Argument names that hold a query language or a command line, whatever the tool is called. */
const queryKeys = /^(?:sql|sql_?query|statement|stmt|statements|gql|graphql|mutation|command|cmd|command_?line|cmdline|script)$/i;
/** Words of a tool's name that say its arguments are a command line (`terminal`, `kubectl`). */
const commandTools: ReadonlySet<string> = new Set(["shell", "terminal", "bash", "sh", "zsh", "console", "cli", "exec", "ssh", "kubectl", "docker", "git", "cmd", "powershell", "pwsh", "command", "commands", "run", "runner", "tty", "repl", "helm", "terraform", "aws", "gcloud", "az", "systemctl"]);
const httpMethods: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "TRACE", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "PURGE"]);

/** Argument names whose value is the HTTP method alone (a JSON-RPC `method` is a name, read below). */
const httpMethodKeys = /^(?:http_?method|request_?method|http_?verb|verb|_method|x-http-method(?:-override)?|x-method-override)$/i;
/** Argument names whose value is a method a service runs (JSON-RPC's `method`). */
const methodKeys = /^(?:method|method_?name|rpc_?method)$/i;
const methodNameShape = /^[A-Za-z_$][\w$-]*(?:[./:][A-Za-z_$][\w$-]*)*$/;
/** Argument names whose values a server binds into (or pastes into) the query it runs. */
const paramKeys = /^(?:params|parameters|bind|binds|bindings|bind_?params|values|args|arguments|variables|vars|placeholders)$/i;

// Beyond these, what an argument holds is not read: the call is then not recognised as a read (see `leavesOf`).
const MaxValues = 1024;
const MaxDepth = 12;


/** Whether the tool's name is a read: it leads with a read verb, or holds one and no word formed from an acting verb (`web_search`). */
function readName(words: readonly string[]): boolean {
  if (words[0] !== undefined && readVerbs.has(words[0])) return true;
  return words.some((w) => readVerbs.has(w)) && !words.some((w) => isActingWord(w) !== undefined);
}

/** Verbs of tools whose text arguments are what to look for, in words ("drop table tennis"), not a query language. */
const searchVerbs: ReadonlySet<string> = new Set(["search", "find", "lookup", "look", "browse", "grep", "translate", "define", "summarize", "summarise", "geocode", "locate"]);

/** Why the name says the tool acts: a leading acting verb, or a strong one anywhere (the rule before compounds). */
function nameActs(words: readonly string[]): string | undefined {
  const verb = words.find((w, i) => strongVerbs.has(w) || (i === 0 && actingVerbs.has(w)));
  return verb === undefined ? undefined : `its name says it acts (\`${verb}\`)`;
}

const emailLike = /[^\s@]+@[^\s@]+\.[^\s@]+/;
const urlLike = /^[a-z][a-z0-9+.-]*:\/\/|^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+\/\S*/i;
const phoneLike = /^\+[\d ().-]{8,}$/;

/** What a string could carry out or make happen: an address, free text, a long blob; undefined for an id, a date, a word. */
function payloadOf(value: string): string | undefined {
  if (emailLike.test(value)) return "an address";
  if (urlLike.test(value)) return "a URL";
  if (phoneLike.test(value) && /\d{6,}/.test(value.replace(/\D/g, ""))) return "a phone number";
  // A place or a name ("New York") is not a message: three words or more are.
  if (value.trim().split(/\s+/).length >= 3 || value.length > 40) return "free text";
  return undefined;
}

/**
 * One argument: its innermost key and value; `rpc` when that key is a JSON-RPC call's `method` (beside `jsonrpc` or
 * `params`); `argv` for a command line given as an array (`inArgv` for each of its words, judged as a command line
 * only together); `note` for one Warden cannot read.
 */
type Leaf = { key: string; value: string; rpc?: boolean; argv?: readonly string[]; inArgv?: boolean; note?: string };

/**
 * Every string (and number) under the arguments, with the innermost key it sits under; arrays of words also as one
 * line. `truncated` when the arguments hold more values or nest deeper than is read: a call hiding its payload behind
 * padding is then not taken for a read.
 */
function leavesOf(args: unknown): { leaves: Leaf[]; truncated: boolean } {
  const out: Leaf[] = [];
  let truncated = false;
  const walk = (value: unknown, key: string, depth: number, within: { rpc?: boolean; inArgv?: boolean } = {}): void => {
    if (out.length >= MaxValues || depth > MaxDepth) {
      truncated = true;
      return;
    }
    if (typeof value === "string") {
      out.push({ key, value, ...(within.rpc === true ? { rpc: true } : {}), ...(within.inArgv === true ? { inArgv: true } : {}) });
      // What a string carries inside it is arguments too: a URL's or a path's query (`/query?sql=DELETE…`,
      // `?_method=`, `?action=delete`), and a JSON document (a request body, a JSON-RPC call) given as text.
      const query = /^(?:[a-z][a-z0-9+.-]*:\/\/[^\s?#]*|\/[^\s?#]*)\?([^\s#]+)/i.exec(value.trim())?.[1];
      if (query !== undefined) for (const [k, v] of [...new URLSearchParams(query)].slice(0, MaxValues)) walk(v, k, depth + 1);
      if (/^\s*[[{]/.test(value) && value.length <= 64 * 1024) {
        try {
          walk(JSON.parse(value) as unknown, key, depth + 1);
        } catch {
          // Not JSON: judged as the text it is.
        }
      }
      // A value under an encoding (`sql_b64`, hex, percent-encoding) is judged decoded, as the argument it stands for.
      const decoded = decodeArgument(key, value);
      if (decoded?.kind === "text") walk(decoded.text, decoded.key, depth + 1);
      else if (decoded?.kind === "opaque") out.push({ key, value: "", note: decoded.why });
    }
    else if (typeof value === "number" || typeof value === "boolean") out.push({ key, value: String(value) });
    else if (Array.isArray(value)) {
      const argv = value.length > 0 && value.every((v) => typeof v === "string") && commandKeys.test(key);
      if (argv) out.push({ key, value: (value as string[]).join(" "), argv: value as string[] });
      if (value.length > MaxValues) truncated = true;
      for (const v of value.slice(0, MaxValues)) walk(v, key, depth + 1, { inArgv: argv });
    } else if (typeof value === "object" && value !== null) {
      const entries = Object.entries(value);
      if (entries.length > MaxValues) truncated = true;
      const envelope = entries.some(([k]) => k === "jsonrpc" || k === "params");
      for (const [k, v] of entries.slice(0, MaxValues)) {
        out.push({ key: k, value: "" });
        walk(v, k, depth + 1, { rpc: envelope && k === "method" });
      }
    }
  };
  walk(args, "", 0);
  return { leaves: out, truncated };
}

/**
 * Why a command line acts: a command Warden's exec rules know to delete, write, reach the network or run code; an
 * acting verb as its program or first sub-command (`delete namespace prod`, `kubectl apply`); a redirect that writes.
 * Undefined when nothing it could parse says so.
 */
function commandActs(line: string, shell: ShellAnalyzer | undefined): string | undefined {
  const analysis = shell?.analyze(line);
  // Without the grammar the words are read as whitespace splits them.
  const commands = analysis !== undefined ? analysis.commands.map((c) => c.argv.map((w) => (w.literal ? w.value : "$"))) : [line.trim().split(/\s+/)];
  if (analysis !== undefined) {
    const write = analysis.redirects.find((r) => r.direction === "write" || r.direction === "append" || r.direction === "readwrite");
    if (write !== undefined) return `writes a file (\`${clip(write.operator, 8)}\`)`;
    const substitution = analysis.substitutions.find((x) => x.kind === "command" || x.kind === "process");
    if (substitution !== undefined) return `runs a command substitution (\`${clip(substitution.source, 40)}\`)`;
    if (commands.some((argv) => argv[0] === "$")) return "runs a program whose name is computed";
    const problem = analysis.problems[0];
    if (problem !== undefined) return `Warden's shell reader cannot account for (${clip(problem.message, 120)})`;
  }
  for (const argv of commands.slice(0, 64)) {
    const program = (argv[0] ?? "").split("/").pop() ?? "";
    const effect = classifyBinary(program, argv.slice(1))[0];
    if (effect !== undefined) return effect.message;
    const words = argv.filter((a) => !a.startsWith("-")).slice(0, 2).map((w) => w.toLowerCase());
    const verb = words.find((w) => actingVerbs.has(w));
    if (verb !== undefined) return `runs \`${clip(verb, 20)}\``;
  }
  return undefined;
}

/** Argument names that hold a query, command or request in some language, whatever the tool is called. */
const languageKeys = /^(?:sql|sql_?query|query|q|statement|stmt|statements|cypher|gremlin|sparql|spl|kql|promql|search|ldif|command|cmd|commands|command_?line|cmdline|script|request|raw|expr|expression|pipeline|body|text)$/i;
/** Characters of a query language's syntax: a value holding none of them is words (a city, a phrase to look for). */
/**
 * Arguments a database server pastes into the SQL it builds (a filter, a table or column name, an ordering, an
 * expression): read as SQL whatever the tool is called, so `paid = false; DELETE FROM invoices` under `filter` acts.
 */
const sqlPieceKeys = /^(?:where|filters?|conditions?|predicate|tables?|columns?|fields|select|order_?by|sort_?by|group_?by|having|expressions?|expr)$/i;
const syntaxLike = /[(){};|=$\\<>[\]]|\n/;

/** Argument names that say their value is SQL: a statement there is a read only when its kind is a known read. */
const sqlDeclaredKeys = /^(?:sql|sql_?query|sql_?text|sql_?statement|raw_?sql|statement|statements|stmt|influxql|n1ql|partiql)$/i;

/**
 * The verdict of Warden's exec rules on a command line (`read-command-lines.ts`): each command of a string as the shell
 * grammar splits it (without the grammar, at spaces), or an array as the argv it is.
 */
function commandLineOf(leaf: Leaf, value: string, toolWords: readonly string[], shell: ShellAnalyzer | undefined): LanguageVerdict {
  const analysis = leaf.argv === undefined ? shell?.analyze(value) : undefined;
  const lines = leaf.argv !== undefined ? [leaf.argv] : analysis !== undefined ? analysis.commands.map((c) => c.argv.map((w) => (w.literal ? w.value : "$"))) : [value.split(/\s+/)];
  const verdicts = lines.slice(0, 64).map((argv) => commandLineVerdict(argv, toolWords));
  const found = verdicts.find((v) => v.kind === "acts") ?? verdicts.find((v) => v.kind === "unclear");
  if (found !== undefined) return found;
  // A read only when the exec rules read every command of a line the grammar accounts for in full: literal words, no
  // assignments, redirects, substitutions, functions or control flow (each of those can run or write something).
  const clean = leaf.argv !== undefined || (analysis !== undefined && analysis.problems.length === 0 && analysis.substitutions.length === 0 && analysis.redirects.length === 0
    && analysis.heredocs.length === 0 && analysis.functions.length === 0 && analysis.constructs.length === 0 && analysis.subshells === 0
    && analysis.commands.every((c) => c.assignments.length === 0 && c.redirects.length === 0 && c.argv.every((w) => w.literal)));
  return clean && lines.length > 0 && lines.length <= 64 && verdicts.every((v) => v.kind === "reads") ? { kind: "reads" } : { kind: "none" };
}

type LeafVerdict = { acts?: string; payload?: string; actingValue?: string; unrecognised?: string };

/**
 * What the languages Warden reads say of a value: the first that finds it acts, else the first that finds it in a
 * form it does not recognise as a read, else reads when one recognises it as a read. `strong` readers only (their
 * syntax is unmistakable) for a search tool's words; SQL and Redis too where the argument is meant as a query.
 */
function languageVerdict(leaf: Leaf, value: string, toolWords: readonly string[], parse: boolean): LanguageVerdict {
  const verdicts: LanguageVerdict[] = [requestVerdict(leaf.key, value, toolWords), fluxVerdict(leaf.key, value), cypherVerdict(value), gremlinVerdict(value), sparqlVerdict(value), splunkVerdict(value, toolWords), ldifVerdict(value)];
  if (parse || languageKeys.test(leaf.key)) {
    if (!commandKeys.test(leaf.key) && toolWords.some((w) => w === "redis" || w === "cache" || w === "kv")) verdicts.push(redisVerdict(value));
    if (/^-|\s-/.test(value) && (commandKeys.test(leaf.key) || toolWords.some((w) => commandTools.has(w)) || value.startsWith("-"))) verdicts.push(flagVerdict(value.trim().split(/\s+/), toolWords));
  }
  return verdicts.find((v) => v.kind === "acts") ?? verdicts.find((v) => v.kind === "unclear") ?? verdicts.find((v) => v.kind === "reads") ?? { kind: "none" };
}

/** Fields of a GraphQL document called with arguments whose name leads with an acting verb (`resetPassword(…)`): a mutation spelled as a query. */
function actingGraphqlField(text: string): string | undefined {
  for (const m of text.slice(0, 64 * 1024).matchAll(/([A-Za-z_]\w*)\s*\(/g)) {
    const first = wordsOf(m[1] ?? "")[0];
    if (first !== undefined && actingVerbs.has(first) && !bodyWords.has(first)) return m[1];
  }
  return undefined;
}

/**
 * How a SQL text that acts says so: a statement, a call of a function that acts, or a command of the database's client;
 * and the dialects whose quoting shows it, when the others hide it in a string, a quoted name or a comment.
 */
function sqlActsNote(word: string, reading: string | undefined): string {
  const as = reading === undefined ? "" : ` as ${clip(reading, 80)} ${reading.includes(",") ? "read" : "reads"} its quoting`;
  if (word.endsWith("()")) return `is SQL that calls \`${clip(word, 40)}\`${as}, a function that acts or reaches outside the database`;
  if (word.startsWith("client command")) return `is SQL with a ${clip(word, 40)}, which the database's client runs itself`;
  return `is a SQL \`${clip(word, 40)}\` statement${as}, not a read`;
}

/**
 * A method a service runs, named by the argument (JSON-RPC's `method`, alone or in a batch): read by its verb, and
 * then by nothing else. A name with no verb Warden knows is not recognised as a read when it is a call's (beside
 * `jsonrpc` or `params`) or has a namespace (`eth.blockNumber`); a bare word (`method: "pearson"`) is a setting.
 */
function methodVerdict(leaf: Leaf, value: string): LeafVerdict | undefined {
  if (!methodKeys.test(leaf.key) || value.length > 128 || !methodNameShape.test(value) || (leaf.rpc !== true && httpMethods.has(value.toUpperCase()))) return undefined;
  const verdict = methodNameVerdict(value, leaf.rpc === true ? "JSON-RPC method" : "method");
  const key = clip(leaf.key, 40);
  if (verdict.kind === "acts") return { acts: `its argument \`${key}\` is ${verdict.why}` };
  if (verdict.kind === "unclear" && (leaf.rpc === true || /[./:]/.test(value))) return { unrecognised: `its argument \`${key}\` is ${verdict.why}` };
  // A method name is read by its verb alone; a bare word with none is left to the rules for settings and actions.
  return verdict.kind === "reads" ? {} : undefined;
}

/**
 * How a value acts once a server pastes it into its SQL instead of binding it: one that closes the quote it is put in
 * and adds a statement (`x'; DELETE FROM invoices; --`), or a parameter that adds one after a number (`1; DROP …`).
 * Read as the server would see it, with the SQL reader; a value that only says something with an apostrophe is text.
 */
function pastedSqlActs(key: string, value: string): string | undefined {
  // A value that is itself SQL is a query, read as one elsewhere.
  if (!/['";]/.test(value) || sqlVerdict(value).kind !== "none") return undefined;
  // Without a `;` only a call that acts counts (`x'||nextval('s')||'`): "don't delete from inbox" is words.
  const counts = (v: ReturnType<typeof sqlVerdict>, stacked: boolean): boolean => v.kind === "acts" && (stacked || v.word.endsWith("()"));
  const quoted = ["'", '"'].filter((q) => value.includes(q)).map((q) => ({ v: sqlVerdict(`SELECT ${q}${value}${q}`), stacked: value.indexOf(";", value.indexOf(q)) >= 0 }));
  const bare = paramKeys.test(key) && value.includes(";") ? [{ v: sqlVerdict(`SELECT ${value}`), stacked: true }] : [];
  const acting = [...quoted, ...bare].find((x) => counts(x.v, x.stacked))?.v;
  return acting?.kind === "acts" ? `closes the quote or value a server pastes it into and adds a SQL \`${clip(acting.word, 40)}\` statement` : undefined;
}

/** The verdict of one argument: acts with why, a payload with what, something in a language not recognised as a read, or nothing. */
function leafVerdict(leaf: Leaf, toolWords: readonly string[], parseAll: boolean, shell: ShellAnalyzer | undefined): LeafVerdict {
  if (leaf.note !== undefined) return { unrecognised: leaf.note };
  // A command line, parsed with the exec rules: an option that acts decides; one they do not know counts when nothing else does.
  const line = commandKeys.test(leaf.key) && leaf.inArgv !== true && leaf.value.trim() !== "" ? commandLineOf(leaf, leaf.value, toolWords, shell) : { kind: "none" as const };
  const key = clip(leaf.key, 40);
  if (line.kind === "acts") return { acts: `its argument \`${key}\` is ${line.why}` };
  const found = valueVerdict(leaf, toolWords, parseAll, shell, line.kind === "reads");
  const verdict = line.kind === "unclear" && found.acts === undefined && found.unrecognised === undefined ? { ...found, unrecognised: `its argument \`${key}\` is ${line.why}` } : found;
  // An argument whose name turns an action on (`delete_after: true`, `share_with`, `mode: "w"`).
  const flag = leaf.value.trim() === "" ? { kind: "none" as const } : actingKeyVerdict(leaf.key, leaf.value);
  return verdict.acts === undefined && verdict.unrecognised === undefined && flag.kind === "unclear" ? { ...verdict, unrecognised: flag.why } : verdict;
}

/** `lineReads`: the value is a command line whose every command Warden's exec rules read (see `commandLineOf`). */
function valueVerdict(leaf: Leaf, toolWords: readonly string[], parseAll: boolean, shell: ShellAnalyzer | undefined, lineReads: boolean): LeafVerdict {
  const key = clip(leaf.key, 40);
  if (actingKeys.test(leaf.key)) return { acts: `its arguments name where something goes or what is paid (\`${key}\`)` };
  const value = leaf.value.trim();
  if (value === "") return {};
  const upper = value.toUpperCase();
  if ((/method|verb/i.test(leaf.key) || actionKeys.test(leaf.key)) && httpMethods.has(upper) && !safeMethods.has(upper)) {
    return { acts: `its argument \`${key}\` is the HTTP method \`${clip(upper, 12)}\`, which changes what the server holds` };
  }
  // Only GET, HEAD and OPTIONS read: a method of the server's own (`PURGE`, `FROB`) is not one.
  // Under `method`: an all-capitals token, or any token for a tool whose name says HTTP (`http_get {method: "frob"}`).
  const httpTool = toolWords.some((w) => /^(?:http|https|rest|request|requests|curl|fetch)$/.test(w));
  const httpToken = /^[A-Za-z][A-Za-z_-]{0,19}$/.test(value) && (httpMethodKeys.test(leaf.key) || (methodKeys.test(leaf.key) && leaf.rpc !== true && (httpTool || /^[A-Z][A-Z_-]+$/.test(value))));
  if (httpToken && !safeMethods.has(upper)) return { acts: `its argument \`${key}\` is the HTTP method \`${clip(upper, 12)}\`, which is not GET, HEAD or OPTIONS` };
  const method = methodVerdict(leaf, value);
  if (method !== undefined) return method;
  const pasted = pastedSqlActs(leaf.key, value);
  if (pasted !== undefined) return { acts: `its argument \`${key}\` ${pasted}` };
  const single = /^[A-Za-z][A-Za-z_-]*$/.test(value) ? wordsOf(value) : [];
  if (actionKeys.test(leaf.key) && single.length > 0) {
    const verb = single.map(isActingWord).find((v) => v !== undefined);
    if (verb !== undefined) return { acts: `its argument \`${key}\` asks it to \`${clip(value, 30)}\`` };
  }
  const parse = parseAll || queryKeys.test(leaf.key);
  // A search's words are what to look for, but a query-like argument with a query language's syntax is read as one too.
  const sqlParse = parse || sqlPieceKeys.test(leaf.key) || (languageKeys.test(leaf.key) && syntaxLike.test(value));
  // SPARQL shares SELECT with SQL: its braces and variables make it SPARQL, read by its own reader.
  if (sqlParse && sparqlVerdict(value).kind === "none") {
    const sql = sqlVerdict(value, { declared: sqlDeclaredKeys.test(leaf.key) });
    if (sql.kind === "acts") return { acts: `its argument \`${key}\` ${sqlActsNote(sql.word, sql.reading)}` };
    const gql = graphqlVerdict(value);
    if (gql.kind === "acts") return { acts: `its argument \`${key}\` is a GraphQL \`${gql.word}\`` };
    if (gql.kind === "unclear") return { unrecognised: `its argument \`${key}\` is a GraphQL \`${gql.word}\`, which runs on the server for as long as it is open` };
    if (sql.kind === "unclear") return { unrecognised: sql.why !== undefined ? `its argument \`${key}\` is SQL ${sql.why}` : `its argument \`${key}\` is SQL that calls or runs \`${clip(sql.word, 40)}\`, which Warden does not know to only read` };
    if (gql.kind === "reads") {
      const field = actingGraphqlField(value);
      return field !== undefined ? { unrecognised: `its argument \`${key}\` is a GraphQL query whose field \`${clip(field, 40)}\` is named for an action` } : {};
    }
    if (sql.kind === "reads") return {};
  }
  const language = languageVerdict(leaf, value, toolWords, parse);
  if (language.kind === "acts") return { acts: `its argument \`${key}\` is ${language.why}` };
  // A language's verdict is still a command line's words where the tool runs one: the shell's reading decides too.
  const commandLine = parse && (commandKeys.test(leaf.key) || toolWords.some((w) => commandTools.has(w)));
  const lineActs = commandLine && language.kind !== "none" ? commandActs(value, shell) : undefined;
  if (lineActs !== undefined) return { acts: `its argument \`${key}\` is a command line that ${lineActs}` };
  if (language.kind === "unclear") return { unrecognised: `its argument \`${key}\` is ${language.why}` };
  if (language.kind === "reads") return {};
  // A carriage return splits one value into two commands of a line protocol (Redis, SMTP, HTTP).
  if (value.includes("\r")) return { unrecognised: `its argument \`${key}\` holds a line break (CR) that a line protocol reads as another command` };
  if (!parse) return {};
  // A command line that says nothing Warden knows is still one: it is a payload, never a read.
  if (commandKeys.test(leaf.key) || toolWords.some((w) => commandTools.has(w))) {
    const acts = commandActs(value, shell);
    if (acts !== undefined) return { acts: `its argument \`${key}\` is a command line that ${acts}` };
    // A command to a key-value store (`GET k`, `FLUSHALL`) rather than a program, for a tool that is no shell.
    const redis = toolWords.some((w) => commandTools.has(w)) ? { kind: "none" as const } : redisVerdict(value);
    if (redis.kind === "acts") return { acts: `its argument \`${key}\` is ${redis.why}` };
    if (redis.kind === "unclear") return { unrecognised: `its argument \`${key}\` is ${redis.why}` };
    return redis.kind === "reads" || lineReads ? {} : { payload: `its argument \`${key}\` holds a command line` };
  }
  // Meant as a query, with a query language's syntax, and in no language Warden reads: not recognised as a read.
  if (languageKeys.test(leaf.key) && syntaxLike.test(value)) return { unrecognised: `its argument \`${key}\` holds what reads as a query or command (\`${clip(value, 40)}\`), in no form Warden recognises as a read` };
  const payload = payloadOf(value);
  // `push_to`, `notify`, `forward_url` holding an address say where something goes (`text` holding a sentence does not).
  const keyVerb = payload !== undefined && payload !== "free text" ? wordsOf(leaf.key).map(isActingWord).find((v) => v !== undefined && !bodyWords.has(v)) : undefined;
  if (keyVerb !== undefined) return { acts: `its argument \`${key}\` (\`${keyVerb}\`) holds ${payload ?? ""}` };
  const actingValue = single.length > 0 ? single.map(isActingWord).find((v) => v !== undefined) : undefined;
  return {
    ...(payload !== undefined ? { payload: `its argument \`${key}\` holds ${payload}` } : {}),
    ...(actingValue !== undefined ? { actingValue: `its argument \`${key}\` is \`${clip(value, 30)}\` (from \`${actingValue}\`)` } : {}),
  };
}

/** A GraphQL request that names a stored document by its hash instead of carrying it: Warden cannot read what it runs. */
function persistedQuery(args: unknown): boolean {
  if (typeof args !== "object" || args === null || Array.isArray(args)) return false;
  const record = args as Record<string, unknown>;
  const hasDocument = ["query", "document", "gql", "graphql"].some((k) => typeof record[k] === "string" && record[k] !== "");
  const text = JSON.stringify(args).slice(0, 64 * 1024);
  return !hasDocument && /"(?:persistedQuery|sha256Hash|documentId|queryId|doc_id|operationId)"/.test(text);
}

/** What a call of a tool the owner confirmed read-only shows about what it does (see the file's header). */
export function checkReadOnlyCall(toolName: string, args: unknown, shell?: ShellAnalyzer): ReadOnlyVerdict {
  const words = wordsOf(toolName);
  const named = nameActs(words);
  if (named !== undefined) return { kind: "acts", why: named };
  const { leaves, truncated } = leavesOf(args);
  // A search's text arguments are what to look for: only those named for a query language or a command are parsed.
  const parseAll = !words.some((w) => searchVerbs.has(w));
  const verdicts = leaves.map((leaf) => leafVerdict(leaf, words, parseAll, shell));
  const acts = verdicts.find((v) => v.acts !== undefined)?.acts;
  if (acts !== undefined) return { kind: "acts", why: acts };
  const mongo = mongoVerdict(args);
  if (mongo.kind === "acts") return { kind: "acts", why: `its arguments hold ${mongo.why}` };
  // Fail closed: an argument in a query language, command or request form that is not recognised as a read.
  const unrecognised = [
    ...(mongo.kind === "unclear" ? [`its arguments hold ${mongo.why}`] : []),
    ...(truncated ? [`its arguments hold more than ${MaxValues} values or nest deeper than ${MaxDepth}, which Warden does not read to the end`] : []),
    ...(persistedQuery(args) ? ["its arguments name a stored GraphQL query by its hash, which Warden cannot read"] : []),
    ...verdicts.flatMap((v) => (v.unrecognised !== undefined ? [v.unrecognised] : [])),
  ];
  if (unrecognised.length > 0) {
    const more = unrecognised.length > 2 ? ` (and ${unrecognised.length - 2} more)` : "";
    return { kind: "unclear", why: `${unrecognised.slice(0, 2).join("; ")}${more}, not recognised as a read` };
  }
  if (readName(words)) return { kind: "reads" };
  const formed = words.map((w) => ({ w, verb: actingRoot(w) })).find((x) => x.verb !== undefined);
  const signs = [
    ...(formed !== undefined ? [`its name's word \`${formed.w}\` is formed from \`${formed.verb ?? ""}\``] : []),
    ...verdicts.flatMap((v) => [v.payload, v.actingValue].filter((s): s is string => s !== undefined)),
  ];
  if (signs.length === 0) return { kind: "reads" };
  const more = signs.length > 2 ? ` (and ${signs.length - 2} more)` : "";
  return { kind: "unclear", why: `its name does not start with a read verb (get, list, search…) and ${signs.slice(0, 2).join("; ")}${more}` };
}

/** The reason a read-only confirmation is contradicted, or undefined: the `acts` verdict alone (kept for callers that only need that). */
export function actsDespiteReadOnly(toolName: string, args: unknown, shell?: ShellAnalyzer): string | undefined {
  const verdict = checkReadOnlyCall(toolName, args, shell);
  return verdict.kind === "acts" ? verdict.why : undefined;
}
