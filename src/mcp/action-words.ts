/**
 * The words of a name that say what a call does: verbs that act (send, pay, delete…), verbs that lead a read (get,
 * list, search…), and the nouns formed from an acting verb (`mailer`, `approval`). Shared by the reading of a tool's
 * name (`read-only-check.ts`) and of the method names a request carries (`read-requests.ts`).
 */

/** Verbs a tool's name uses when its calls act: send, pay, delete, post… (the name's words, split at `_`, `-` and case). */
export const actingVerbs: ReadonlySet<string> = new Set([
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
export const strongVerbs: ReadonlySet<string> = new Set(["send", "pay", "transfer", "refund", "purchase", "buy", "withdraw", "delete", "remove", "destroy", "erase", "purge", "wipe", "publish", "upload", "forward", "tweet", "execute", "exec", "deploy", "invite", "email", "sms", "webhook", "broadcast", "transmit"]);

/** Verbs that lead the name of a tool that only reads. `query` reads only with what it carries parsed as a read. */
export const readVerbs: ReadonlySet<string> = new Set([
  "get", "list", "search", "find", "read", "fetch", "lookup", "look", "query", "show", "view", "describe", "count", "check", "browse", "retrieve",
  "inspect", "explain", "preview", "peek", "stat", "stats", "status", "resolve", "translate", "convert", "calculate", "compute", "estimate", "define",
  "summarize", "summarise", "validate", "verify", "compare", "diff", "geocode", "parse", "detect", "identify", "recognize", "classify", "analyze",
  "analyse", "watch", "monitor", "ping", "whois", "dig", "locate", "track", "lint", "format", "render", "explore", "scan", "measure", "test", "probe",
  "download", "open", "load", "select", "head", "tail", "grep", "cat", "ls", "echo", "info", "dump", "print", "display", "whoami", "current", "my",
]);

/** Acting verbs that are also the names of what a message holds: as an argument's name they say what, not where. */
export const bodyWords: ReadonlySet<string> = new Set(["text", "message", "msg", "comment", "mail", "email", "post", "order", "book", "call", "store", "save", "like"]);

/**
 * The acting verb a word is formed from, when it is not that verb itself or its plural: `mailer`, `sendmail`,
 * `approval`, `deletion`, `approved` (a verb of four letters or more starts the word, less its last `e`, or its last
 * two letters, when it is longer than five: `approv-al`, `delet-ion`, `noti-fication`). `settings` and `address` do not count (`set`, `add` are short).
 */
export function actingRoot(word: string): string | undefined {
  for (const verb of actingVerbs) {
    if (verb.length < 4 || word === verb || word === `${verb}s` || word === `${verb}es`) continue;
    // A verb ending in `e` loses only that (`approv-al`, `delet-ion`): `invoices` is not formed from `invoke`.
    const root = verb.length <= 5 ? verb : verb.endsWith("e") ? verb.slice(0, -1) : verb.slice(0, verb.length - 2);
    if (word.startsWith(root)) return verb;
  }
  return undefined;
}

/** The acting verb a word is or is formed from (`delete`, `deletion`), else undefined. */
export function isActingWord(word: string): string | undefined {
  return actingVerbs.has(word) ? word : actingRoot(word);
}
