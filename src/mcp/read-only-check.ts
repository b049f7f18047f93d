/**
 * Whether a call of a connected service's tool that the owner confirmed read-only reads, from what Warden can see:
 * the tool's name and the call's arguments. The confirmation is the owner's belief about a server they do not
 * control, so it widens nothing a call shows it needs:
 * - `acts`: the call says it acts (its name leads with an acting verb, an argument is an HTTP method other than
 *   GET/HEAD/OPTIONS, a SQL statement other than a read, a GraphQL mutation, a command line that deletes, writes or
 *   runs code, an `action` that is a verb such as `send`, or a key that names where something goes);
 * - `unclear`: the name does not start with a read verb (get, list, search…: a noun such as `inbox`, a compound such
 *   as `sendmail`, another language) and the call carries something a tool that acts would need (free text, an
 *   address, a command, a value or name word formed from an acting verb: `approved`, `mailer`);
 * - `reads`: anything else.
 * A query the arguments carry that parses as a read (`SELECT …`, a GraphQL query) is not a payload.
 */
import { clip } from "../tools/gated-tool.ts";
import type { ShellAnalyzer } from "../exec/shell-analyzer.ts";
import { classifyBinary } from "../exec/binary-classes.ts";
import { graphqlVerdict, sqlVerdict } from "./query-kinds.ts";

export type ReadOnlyVerdict = { kind: "acts"; why: string } | { kind: "unclear"; why: string } | { kind: "reads" };

/** Verbs a tool's name uses when its calls act: send, pay, delete, post… (the name's words, split at `_`, `-` and case). */
const actingVerbs: ReadonlySet<string> = new Set([
  "send", "post", "publish", "delete", "del", "remove", "rm", "drop", "destroy", "erase", "purge", "wipe", "pay", "payment", "transfer", "refund", "charge",
  "purchase", "buy", "order", "book", "reserve", "cancel", "create", "add", "update", "edit", "modify", "write", "put", "patch", "set", "insert", "upsert",
  "upload", "share", "invite", "forward", "reply", "respond", "email", "mail", "sms", "text", "message", "msg", "notify", "tweet", "toot", "comment",
  "execute", "exec", "run", "invoke", "call", "deploy", "approve", "merge", "push", "commit", "move", "mv", "rename", "grant", "revoke", "schedule",
  "submit", "sign", "withdraw", "archive", "close", "kill", "stop", "start", "restart", "reset", "install", "uninstall", "enable", "disable", "trigger",
  "dispatch", "broadcast", "transmit", "emit", "webhook", "subscribe", "unsubscribe", "follow", "like", "vote", "save", "store", "sync", "import", "export",
  "accept", "decline", "reject", "confirm", "apply", "assign", "transfer", "scale", "rollout", "rollback", "terminate", "suspend", "ban", "block", "mute",
  "unfollow", "retweet", "repost", "like", "react", "rsvp", "mailto", "cp", "chmod", "chown", "mkdir", "touch", "truncate", "alter", "replace", "kick",
]);

/** Verbs that act wherever they stand in a name (`invoice_send`); the others only lead it (`order_status` reads). */
const strongVerbs: ReadonlySet<string> = new Set(["send", "pay", "transfer", "refund", "purchase", "buy", "withdraw", "delete", "remove", "destroy", "erase", "purge", "wipe", "publish", "upload", "forward", "tweet", "execute", "exec", "deploy", "invite", "email", "sms", "webhook", "broadcast", "transmit"]);

/** Verbs that lead the name of a tool that only reads. `query` reads only with what it carries parsed as a read. */
const readVerbs: ReadonlySet<string> = new Set([
  "get", "list", "search", "find", "read", "fetch", "lookup", "look", "query", "show", "view", "describe", "count", "check", "browse", "retrieve",
  "inspect", "explain", "preview", "peek", "stat", "stats", "status", "resolve", "translate", "convert", "calculate", "compute", "estimate", "define",
  "summarize", "summarise", "validate", "verify", "compare", "diff", "geocode", "parse", "detect", "identify", "recognize", "classify", "analyze",
  "analyse", "watch", "monitor", "ping", "whois", "dig", "locate", "track", "lint", "format", "render", "explore", "scan", "measure", "test", "probe",
  "download", "open", "load", "select", "head", "tail", "grep", "cat", "ls", "echo", "info", "dump", "print", "display", "whoami", "current", "my",
]);

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
/** Acting verbs that are also the names of what a message holds: as an argument's name they say what, not where. */
const bodyWords: ReadonlySet<string> = new Set(["text", "message", "msg", "comment", "mail", "email", "post", "order", "book", "call", "store", "save", "like"]);
const safeMethods: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS"]);
const httpMethods: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "TRACE", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "PURGE"]);

const MaxValues = 256;
const MaxDepth = 6;

/** A name's or key's words: split at `_`, `-`, `.`, digits and case, lower-cased. */
export function wordsOf(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase().split(/[^a-z]+/).filter((w) => w !== "");
}

/**
 * The acting verb a word is formed from, when it is not that verb itself or its plural: `mailer`, `sendmail`,
 * `approval`, `deletion`, `approved` (a verb of four letters or more starts the word, less its last two letters when
 * it is longer than five: `approv-al`, `delet-ion`). `settings` and `address` do not count (`set`, `add` are short).
 */
export function actingRoot(word: string): string | undefined {
  for (const verb of actingVerbs) {
    if (verb.length < 4 || word === verb || word === `${verb}s` || word === `${verb}es`) continue;
    const root = verb.length > 5 ? verb.slice(0, verb.length - 2) : verb;
    if (word.startsWith(root)) return verb;
  }
  return undefined;
}

function isActingWord(word: string): string | undefined {
  return actingVerbs.has(word) ? word : actingRoot(word);
}

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

type Leaf = { key: string; value: string };

/** Every string (and number) under the arguments, with the innermost key it sits under; arrays of words also as one line. */
function leavesOf(args: unknown): Leaf[] {
  const out: Leaf[] = [];
  const walk = (value: unknown, key: string, depth: number): void => {
    if (out.length >= MaxValues || depth > MaxDepth) return;
    if (typeof value === "string") out.push({ key, value });
    else if (typeof value === "number" || typeof value === "boolean") out.push({ key, value: String(value) });
    else if (Array.isArray(value)) {
      if (value.length > 0 && value.every((v) => typeof v === "string") && commandKeys.test(key)) out.push({ key, value: (value as string[]).join(" ") });
      for (const v of value.slice(0, MaxValues)) walk(v, key, depth + 1);
    } else if (typeof value === "object" && value !== null) {
      for (const [k, v] of Object.entries(value).slice(0, MaxValues)) {
        out.push({ key: k, value: "" });
        walk(v, k, depth + 1);
      }
    }
  };
  walk(args, "", 0);
  return out;
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

/** The verdict of one argument: acts with why, a payload with what, or nothing. */
function leafVerdict(leaf: Leaf, toolWords: readonly string[], parseAll: boolean, shell: ShellAnalyzer | undefined): { acts?: string; payload?: string; actingValue?: string } {
  const key = clip(leaf.key, 40);
  if (actingKeys.test(leaf.key)) return { acts: `its arguments name where something goes or what is paid (\`${key}\`)` };
  const value = leaf.value.trim();
  if (value === "") return {};
  const upper = value.toUpperCase();
  if ((/method|verb/i.test(leaf.key) || actionKeys.test(leaf.key)) && httpMethods.has(upper) && !safeMethods.has(upper)) {
    return { acts: `its argument \`${key}\` is the HTTP method \`${clip(upper, 12)}\`, which changes what the server holds` };
  }
  const single = /^[A-Za-z][A-Za-z_-]*$/.test(value) ? wordsOf(value) : [];
  if (actionKeys.test(leaf.key) && single.length > 0) {
    const verb = single.map(isActingWord).find((v) => v !== undefined);
    if (verb !== undefined) return { acts: `its argument \`${key}\` asks it to \`${clip(value, 30)}\`` };
  }
  if (!parseAll && !queryKeys.test(leaf.key)) return {};
  const sql = sqlVerdict(value);
  if (sql.kind === "acts") return { acts: `its argument \`${key}\` is a SQL \`${sql.word}\` statement, not a read` };
  const gql = graphqlVerdict(value);
  if (gql.kind === "acts") return { acts: `its argument \`${key}\` is a GraphQL \`${gql.word}\`` };
  if (sql.kind === "reads" || gql.kind === "reads") return {};
  // A command line that says nothing Warden knows is still one: it is a payload, never a read.
  if (commandKeys.test(leaf.key) || toolWords.some((w) => commandTools.has(w))) {
    const acts = commandActs(value, shell);
    return acts !== undefined ? { acts: `its argument \`${key}\` is a command line that ${acts}` } : { payload: `its argument \`${key}\` holds a command line` };
  }
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

/** What a call of a tool the owner confirmed read-only shows about what it does (see the file's header). */
export function checkReadOnlyCall(toolName: string, args: unknown, shell?: ShellAnalyzer): ReadOnlyVerdict {
  const words = wordsOf(toolName);
  const named = nameActs(words);
  if (named !== undefined) return { kind: "acts", why: named };
  const leaves = leavesOf(args);
  // A search's text arguments are what to look for: only those named for a query language or a command are parsed.
  const parseAll = !words.some((w) => searchVerbs.has(w));
  const verdicts = leaves.map((leaf) => leafVerdict(leaf, words, parseAll, shell));
  const acts = verdicts.find((v) => v.acts !== undefined)?.acts;
  if (acts !== undefined) return { kind: "acts", why: acts };
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
