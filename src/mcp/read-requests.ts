/**
 * Whether a request an argument of a read-only tool names reads, from its method and its path: the method names a
 * service exposes as verbs (a JSON-RPC `method`, a Google-style custom method `…:batchGet`, a gRPC method
 * `/pkg.Service/GetInvoice`) and the words of an HTTP path. The polarity is the other readers' (`read-languages.ts`):
 * a method name reads only when its verb is a known read (get, list, search…); a known acting verb acts and a name
 * with no verb Warden knows is `unclear`. An HTTP method reads only as GET, HEAD or OPTIONS. A REST path is nouns
 * with no verb to recognise, so there the words that make it an action are what is looked for (see `pathVerdict`).
 * Every reader works on a bounded prefix and never throws.
 */
import { actingVerbs, bodyWords, isActingWord, strongVerbs } from "./action-words.ts";
import { redisVerdict, safeMethods, wordsOf, type LanguageVerdict } from "./read-languages.ts";

const none: LanguageVerdict = { kind: "none" };
const reads: LanguageVerdict = { kind: "reads" };

/**
 * Verbs a method's name leads with when the method only reads or computes (`balance.get`, `getUser`, `tools/list`,
 * `:batchGet`, `:analyzeSentiment`), and the nouns of a method that describes the service (`net_version`). Narrower
 * than a tool name's read verbs: `resolve`, `convert`, `watch`, `load` or `open` name actions in some services.
 */
const methodReadVerbs: ReadonlySet<string> = new Set([
  "get", "list", "search", "find", "read", "fetch", "query", "describe", "count", "lookup", "show", "view", "browse", "retrieve", "inspect", "explain",
  "preview", "peek", "stat", "stats", "status", "info", "exists", "has", "is", "translate", "detect", "classify", "analyze", "analyse", "summarize",
  "summarise", "calculate", "compute", "estimate", "parse", "validate", "ping", "echo", "version", "health", "schema", "capabilities", "metadata", "head",
]);

/** How a method name's words read: the verb a name leads its last part with decides (see the file's header). */
export function methodNameVerdict(name: string, form: string): LanguageVerdict {
  const shown = `${form} \`${name.slice(0, 60)}\``;
  // The last part is the method (`invoices.delete`, `tools/list`); earlier parts are its namespace, read when it has no verb.
  const parts = name.slice(0, 256).split(/[./:]/).filter((p) => p !== "").reverse();
  const strong = wordsOf(parts[0] ?? "").find((w) => strongVerbs.has(w));
  if (strong !== undefined) return { kind: "acts", why: `the ${shown}, named for an action (\`${strong}\`)` };
  // In a namespace a strong verb may be a noun (`email.list`, `webhooks.get`): not taken for a read either.
  const spaced = parts.slice(1).flatMap((p) => wordsOf(p)).find((w) => strongVerbs.has(w) && !bodyWords.has(w));
  if (spaced !== undefined) return { kind: "unclear", why: `the ${shown}, whose namespace names an action (\`${spaced}\`)` };
  for (const [k, part] of parts.entries()) {
    const words = wordsOf(part);
    const at = words.findIndex((w) => methodReadVerbs.has(w) || actingVerbs.has(w));
    const verb = words[at];
    if (verb === undefined) continue;
    // An acting verb leads the method (`setRole`, `close`); after another word or in a namespace it may be a noun
    // (`eth_blockNumber`, `textDocument/hover`).
    if (!methodReadVerbs.has(verb)) return at === 0 && k === 0 ? { kind: "acts", why: `the ${shown}, named for an action (\`${verb}\`)` } : { kind: "unclear", why: `the ${shown}, whose word \`${verb}\` may name an action` };
    // `getAndReset`, `listAndArchive`: a read verb followed by an acting one is not only a read.
    const acting = words.slice(at + 1).map((w) => (bodyWords.has(w) ? undefined : isActingWord(w))).find((v) => v !== undefined);
    return acting === undefined ? reads : { kind: "unclear", why: `the ${shown}, which also names an action (\`${acting}\`)` };
  }
  return { kind: "unclear", why: `the ${shown}, whose name Warden does not read as a read (no verb such as get, list or search)` };
}

/** Elasticsearch/OpenSearch endpoints (`_…` path segments) that only read. */
const esReadEndpoints = new Set([
  "_search", "_count", "_msearch", "_mapping", "_mappings", "_settings", "_cat", "_stats", "_health", "_cluster", "_doc", "_source", "_mget", "_field_caps",
  "_validate", "_explain", "_aliases", "_alias", "_analyze", "_termvectors", "_mtermvectors", "_nodes", "_all", "_state", "_search_shards", "_segments",
  "_recovery", "_shard_stores", "_resolve", "_terms_enum", "_knn_search", "_eql", "_async_search", "_pit", "_id", "_info",
]);
/** Words of a path that ask for an action wherever they stand (`/users/5/delete`, `/delete/5`, `delete_series`, `/unsubscribe/TOKEN`). */
const pathActionWords = new Set([
  "delete", "del", "remove", "drop", "destroy", "erase", "purge", "wipe", "send", "publish", "pay", "transfer", "refund", "charge", "purchase", "buy",
  "cancel", "create", "update", "edit", "modify", "write", "upload", "share", "invite", "forward", "reply", "execute", "exec", "run", "invoke", "deploy",
  "approve", "merge", "push", "move", "rename", "grant", "revoke", "submit", "withdraw", "kill", "stop", "start", "restart", "reset", "install",
  "uninstall", "enable", "disable", "trigger", "dispatch", "broadcast", "terminate", "suspend", "ban", "block", "set", "shutdown", "reboot", "flush",
  "clear", "snapshot", "restore", "rollback", "promote", "unlock", "lock", "truncate", "import", "export", "notify", "admin", "sudo", "impersonate",
  "unsubscribe", "subscribe", "unfollow", "unarchive", "unpublish", "undelete", "unshare", "unblock", "unmute", "activate", "deactivate", "resend", "reopen",
  "decline", "reject", "accept", "confirm", "assign", "unassign", "retry", "rerun", "regenerate", "rotate", "demote", "transition", "checkout", "logout",
  "signout", "optout", "eval",
]);
/**
 * Words that are an action as the last word of a request's path (`/projects/1/archive`, `/issues/4/close`,
 * `/posts/9/like`) and a noun before more of it (`/archive/2024/05`). The trade-off: a page whose last word is one of
 * these (`/blog/archive`) is not recognised as a read either and asks in an untrusted context. Read in URLs and the
 * paths an HTTP tool is given, not in a file's path (`/notes/archive`, `clone.txt`).
 */
const pathEndActionWords = new Set([
  "archive", "close", "like", "unlike", "vote", "sign", "apply", "follow", "star", "unstar", "pin", "unpin", "trash", "spam", "favorite", "favourite",
  "hide", "unhide", "react", "acknowledge", "ack", "mute", "join", "leave", "kick", "claim", "redeem", "mark", "opt",
  "copy", "duplicate", "clone", "fork",
  // Payments, orders and documents moved to their next state (`/payment_intents/pi_1/capture`, `/invoices/in_1/void`).
  "capture", "void", "finalize", "finalise", "settle", "authorize", "authorise", "fulfill", "fulfil", "ship", "complete", "reverse", "pause",
]);
/**
 * Redis commands that write and are no English word, so a path segment that is one is that command (a Redis REST
 * proxy's `/FLUSHALL`, `/DEL/key`); the others (`SET`, `COPY`, `SAVE`) are read as a command only under a Redis path.
 */
const redisWritingCommands = new Set([
  "flushall", "flushdb", "del", "unlink", "setex", "setnx", "psetex", "mset", "msetnx", "getset", "getdel", "getex", "incr", "incrby", "decr", "decrby",
  "incrbyfloat", "pexpire", "expireat", "pexpireat", "renamenx", "hset", "hmset", "hsetnx", "hdel", "hincrby", "hincrbyfloat", "lpush", "rpush", "lpushx",
  "rpushx", "lpop", "rpop", "lset", "lrem", "ltrim", "linsert", "rpoplpush", "lmove", "blpop", "brpop", "sadd", "srem", "spop", "smove", "sinterstore",
  "sunionstore", "sdiffstore", "zadd", "zrem", "zincrby", "zpopmin", "zpopmax", "zremrangebyscore", "zremrangebyrank", "zunionstore", "zinterstore",
  "evalsha", "eval_ro", "fcall", "slaveof", "replicaof", "bgsave", "bgrewriteaof", "xadd", "xdel", "xtrim", "xgroup", "xreadgroup", "xack", "pfadd",
  "pfmerge", "setbit", "setrange", "geoadd", "swapdb", "psubscribe", "psync", "json.set", "json.del", "ft.create", "ft.dropindex",
]);
/** Words of a host, a path or a tool's name that say the path is a Redis command (Webdis, Upstash's REST API). */
const redisMarkers = /^(?:redis|webdis|upstash|keydb|valkey)$/;

/** Words of a tool's name that say its string arguments address an HTTP server (`http_get`, `api_request`). */
const httpToolWords = /^(?:http|https|rest|api|request|requests|curl|fetch|webhook|url)$/;

/**
 * The path and query of an argument that names a location: an absolute URL, a path given for a location-like key,
 * or any `/path` an HTTP tool is given (under whatever name).
 */
function locationOf(key: string, value: string, toolWords: readonly string[]): { host: string; path: string; query: string; request: boolean } | undefined {
  const v = value.trim().slice(0, 8192);
  let url: URL;
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) url = new URL(v);
    else {
      const locationKey = /^(?:path|index|endpoint|uri|url|route|resource|api|target|href|link|location|(?:request|api|url)_?(?:path|url))$/i.test(key);
      const httpPath = v.startsWith("/") && toolWords.some((w) => httpToolWords.test(w));
      if (!(locationKey || httpPath) || /\s/.test(v) || !(v.startsWith("/") || /^[\w.$%-]+\/\S*$/.test(v))) return undefined;
      url = new URL(v.startsWith("//") ? v.slice(1) : v, "http://relative.invalid/");
    }
  } catch {
    return { host: "", path: v, query: "", request: true };
  }
  let path = url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    /* kept as given */
  }
  // A URL, a path an HTTP tool is given or one under a key named for a request is a request's; `path` may be a file's.
  const request = url.hostname !== "relative.invalid" || toolWords.some((w) => httpToolWords.test(w)) || /^(?:endpoint|uri|url|route|href|link|(?:request|api|url)_?(?:path|url))$/i.test(key);
  return { host: url.hostname === "relative.invalid" ? "" : url.hostname, path, query: url.search, request };
}

/**
 * File extensions and top-level domains a dotted segment may end with (`index.html`, `example.com`): a name, not a
 * method. Short ones (four letters or fewer) that are no verb Warden knows are taken for these too.
 */
const namesNotMethods: ReadonlySet<string> = new Set(["xhtml", "shtml", "mhtml", "woff2", "jsonld", "geojson", "ipynb", "sqlite", "webmanifest", "manifest", "markdown", "travel", "museum", "online", "store", "cloud", "local", "internal"]);

/**
 * A path segment that is a method named `noun.verb` (Slack's `chat.postMessage`, `conversations.kick`, `pins.add`): read
 * by its verb as a method name is. Undefined for a segment of no such shape, and for a file's or a host's name
 * (`index.html`, `example.com`: its last part a short word that is no verb, or a known extension).
 */
function dottedMethodVerdict(segment: string): LanguageVerdict | undefined {
  const m = /^[a-z][A-Za-z0-9_]*(?:\.[a-z][A-Za-z0-9_]*)*\.([a-z][A-Za-z0-9]*)$/.exec(segment.slice(0, 128));
  const last = m?.[1];
  if (m === null || last === undefined) return undefined;
  const verdict = methodNameVerdict(segment, "method");
  const words = wordsOf(last);
  const verb = words.some((w) => methodReadVerbs.has(w) || actingVerbs.has(w) || strongVerbs.has(w));
  if (!verb && (namesNotMethods.has(last.toLowerCase()) || (words.length === 1 && last.length <= 4))) return undefined;
  return verdict.kind === "reads" ? undefined : { kind: verdict.kind === "acts" ? "acts" : "unclear", why: `a request whose path segment is ${verdict.kind === "none" ? "a method" : verdict.why}` };
}

/**
 * What a path's segments say: a Redis command under a Redis path, a custom method (`…:batchDelete`) or a gRPC method
 * (`/pkg.Service/DeleteInvoice`) read by its verb, an `_`-endpoint that is not one of Elasticsearch's reads, and the
 * words that make a path an action (anywhere, or as its last word).
 */
function pathVerdict(host: string, path: string, request: boolean, toolWords: readonly string[]): LanguageVerdict {
  const segments = path.split("/").filter((s) => s !== "").slice(0, 64);
  const marker = segments.findIndex((s) => redisMarkers.test(s.toLowerCase()));
  if (marker >= 0 || [...toolWords, ...host.split(".")].some((w) => redisMarkers.test(w.toLowerCase()))) {
    const command = redisVerdict(segments.slice(marker + 1).join(" "));
    if (command.kind !== "none" && command.kind !== "reads") return { kind: command.kind, why: `${command.why}, as a path (\`${path.slice(0, 60)}\`)` };
  }
  const redisSegment = segments.find((s) => redisWritingCommands.has(s.toLowerCase()));
  if (redisSegment !== undefined) return { kind: "acts", why: `a request whose path segment \`${redisSegment.slice(0, 30)}\` is a Redis command that writes` };
  const last = segments[segments.length - 1] ?? "";
  // AIP-136: `collection/id:verb` calls a method on the resource; a Wiki's `Special:Search` is a page, not a method.
  const custom = /^[^:]*:([a-z][A-Za-z0-9]*)$/.exec(last)?.[1];
  if (custom !== undefined) {
    // A one-word suffix with no verb in it is as likely a qualifier (`tag:python`): the words below still read it.
    const verdict = methodNameVerdict(custom, "custom method");
    if (verdict.kind === "acts" || (verdict.kind === "unclear" && wordsOf(custom).length > 1)) return verdict;
  }
  const dotted = request ? segments.map(dottedMethodVerdict).find((v) => v !== undefined) : undefined;
  if (dotted !== undefined) return dotted;
  const service = segments[segments.length - 2] ?? "";
  const grpc = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*\.[A-Z]\w*$/.test(service) && /^[A-Z][A-Za-z0-9]*$/.test(last);
  if (grpc) {
    const verdict = methodNameVerdict(last, "gRPC method");
    if (verdict.kind !== "reads") return verdict;
  }
  for (const segment of segments) {
    if (segment.startsWith("_") && /^_[a-z_]+$/i.test(segment) && !esReadEndpoints.has(segment.toLowerCase())) {
      return { kind: "unclear", why: `a request to the endpoint \`${segment.slice(0, 40)}\`, which Warden does not know to read` };
    }
  }
  for (const segment of segments) {
    const action = wordsOf(segment).find((w) => pathActionWords.has(w));
    if (action !== undefined) return { kind: "unclear", why: `a request whose path names an action (\`${action}\` in \`${segment.slice(0, 40)}\`)` };
  }
  // A format suffix is still the request's (`like.json`); another extension makes the last word a file's name.
  const lastName = last.replace(/\.(?:json|xml)$/i, "");
  const end = request && !lastName.includes(".") ? wordsOf(lastName).find((w) => pathEndActionWords.has(w)) : undefined;
  if (end !== undefined) return { kind: "unclear", why: `a request whose path ends in an action (\`${end}\` in \`${last.slice(0, 40)}\`)` };
  return none;
}

/**
 * A request an argument names (a URL, an API path, a raw request line): not a read when its query string overrides
 * the method (`?_method=DELETE`), a raw request line's method is not GET/HEAD/OPTIONS, or its path says so (see
 * `pathVerdict`).
 */
export function requestVerdict(key: string, value: string, toolWords: readonly string[] = []): LanguageVerdict {
  // Methods are case-sensitive, but a lenient server takes `post` for POST: the line is read upper-cased.
  const raw = /^\s*([A-Za-z][A-Za-z_-]{1,19})\s+(\S+)\s+HTTP\/\d/i.exec(value.slice(0, 4096));
  if (raw !== null) {
    const method = (raw[1] ?? "").toUpperCase();
    return safeMethods.has(method) ? { kind: "unclear", why: `a raw HTTP request (\`${method} …\`), whose headers and body Warden does not read` } : { kind: "acts", why: `a raw HTTP request with the method \`${method.slice(0, 12)}\`` };
  }
  const located = locationOf(key, value, toolWords);
  if (located === undefined) return none;
  const override = /[?&](?:_method|method|x-http-method(?:-override)?|_httpmethod|http_method)=([A-Za-z_-]+)/i.exec(located.query);
  if (override !== null && !safeMethods.has((override[1] ?? "").toUpperCase())) return { kind: "acts", why: `a request whose query string overrides the method to \`${(override[1] ?? "").toUpperCase().slice(0, 12)}\`` };
  // Nothing against it, but a URL is no read by itself: the caller still weighs where it goes.
  return pathVerdict(located.host, located.path, located.request, toolWords);
}
