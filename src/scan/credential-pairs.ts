/**
 * The general reader of "the name says credential → this value": any text tokenised into (name, value) pairs by its
 * structure, whatever the file's kind, so that one vocabulary of credential names (`credentialNamed`: words of a
 * setting's name, split at `_`, `-`, `.` and case, in every language of the vocabulary) drives every shape:
 * - an assignment in any shell or language, anywhere on a line: `NAME=V`, `name: V`, `"name": "V"`, `N := V`,
 *   `n <- V`, `n => V`, a keyword argument `api_key='V'`, an attribute `password="V"`, a flag `--token=V`; and the
 *   commands that set by words: `set -gx NAME V` (fish), `setenv NAME V` (csh), `$env:NAME = V` (PowerShell),
 *   `ENV NAME V` (a Dockerfile), `NAME V` on a configuration line whose name is a credential (`Password V`);
 * - markup: an element whose name is a credential (`<password>V</password>`), or that names one in an attribute
 *   and gives it in another or in its text (`<add key="ApiKey" value="V"/>`);
 * - a table's columns (CSV, TSV, `;`-separated, a Markdown table) whose header names a credential;
 * - a labelled line of prose in any language of the vocabulary (`WLAN Passwort: V`, `mot de passe : V`,
 *   `the wifi password is V`, `パスワード：V`), and a `who/V` pair on a line that names a password (`admin/V`);
 * - a credential-carrying header: `Authorization: Basic b64` (its `user:password` decoded), `Bearer V`, `Token V`,
 *   and `curl -u user:V`.
 * JSON string values that hold text (a notebook's cells, a snippet in a settings file) are read as text too.
 * Pure, must not throw; bounded: lines read, pairs given. Deciding whether a value looks like a value is the caller's.
 */
import { copulaSource, credentialNameGate, foldCredentialScript, mentionsCredentialWord, passwordWordSource, pinWordSource } from "./credential-words.ts";
import { linesHolding, literalGate } from "./literal-lines.ts";

/** A name and its value; `known` when the structure itself says credential (a header's scheme, `curl -u`), whatever the name. */
export type Pair = [name: string, value: string, known?: boolean];

const MaxLines = 5_000;
const MaxLineLength = 4_000;
export const MaxPairs = 512;

// Words of a name, split at separators and case (`AZURE_CLIENT_SECRET`, `dbPass`, `wlan_pw`, `WLAN Passwort`).
function wordsOf(name: string): string[] {
  return name.replace(/([a-z\d])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== "");
}

// Words of a setting's name that say it holds a credential (`db_password`, `apiKey`, `client-secret`, `_auth`).
const credentialWords = new Set(["password", "passwd", "passphrase", "passcode", "pass", "pwd", "pw", "secret", "secrets", "token", "tokens", "apikey", "credential",
  "credentials", "creds", "auth", "authtoken", "cookie", "dsn", "privatekey", "bearer", "salt", "pin", "pat", "psk", "totp", "otp", "otpauth", "2fa", "mnemonic"]);
// `key` names a credential alone or after these (`api_key`, `SECRET_KEY`), not as `sort_key` or `primary_key`.
const keyModifiers = new Set(["api", "access", "secret", "private", "signing", "encryption", "master", "client", "app", "service", "account", "license", "licence",
  "deploy", "ssh", "auth", "admin", "session", "shared", "hmac", "jwt", "webhook", "stripe", "openai", "anthropic", "aws", "wifi", "wlan", "network", "wpa", "wpa2",
  "recovery", "product", "activation", "subscription"]);
const foreignKeyWords = new Set(["schlüssel", "schluessel", "clé", "cle", "clave", "chiave", "chave", "sleutel", "nyckel", "nøgle", "nøkkel", "klucz", "anahtar", "ключ", "klíč"]);
// Last words that make the name a setting about a credential, not one (`PASSWORD_FILE`, `token_url`, `key_id`).
const settingWords = new Set(["file", "files", "path", "dir", "mode", "enabled", "disabled", "enable", "disable", "type", "method", "host", "port", "user", "username",
  "region", "id", "name", "url", "uri", "endpoint", "length", "len", "size", "ttl", "timeout", "expiry", "expires", "format", "algorithm", "version", "env", "header",
  "prefix", "policy", "rotation", "hint", "hash", "hashed", "required", "count", "field", "label", "placeholder", "reset", "strength", "min", "max", "minlength",
  "maxlength", "regex", "pattern", "validator", "validation", "error", "errors", "message", "prompt", "input", "store", "manager", "provider", "helper", "command", "cmd",
  "script", "source", "var", "variable", "ref", "reference", "location", "lifetime", "age", "changed", "updated", "created", "at", "date", "time", "fingerprint",
  // a file's extension: `secret.txt` names a file
  "txt", "md", "json", "yaml", "yml", "pem", "crt", "csv", "log", "ini", "toml", "xml", "html", "py", "js", "ts", "sh", "gpg", "asc", "enc"]);
const passwordWord = new RegExp(`^(?:${passwordWordSource}|${pinWordSource})$`, "i");
const passwordWordInside = new RegExp(`(?:${passwordWordSource})`, "i");

/** A name says it holds a credential, not a setting about one: `DB_PASSWORD`, `dbPass`, `wlan_pw`, `WLAN Passwort`, `Secret access key`. */
export function credentialNamed(name: string): boolean {
  if (name.length === 0 || name.length > 80) return false;
  const words = wordsOf(name);
  if (words.length === 0 || words.length > 6 || settingWords.has(words[words.length - 1] as string)) return false;
  const key = words.findIndex((w, i) => (w === "key" || w === "keys") && (i === 0 || keyModifiers.has(words[i - 1] as string)));
  // `key` in the languages that name a network's or a service's key so (`WLAN-Schlüssel`, `clé wifi`, `clave de la red wifi`): with a modifier on either side.
  const foreignKey = words.some((w) => foreignKeyWords.has(w)) && words.some((w) => keyModifiers.has(w));
  if (key >= 0 || foreignKey || words.some((w) => credentialWords.has(w)) || credentialWords.has(words.join(""))) return true;
  // A password word of any language, alone or as the last word (`WLAN Passwort`, `mot de passe`, `Bankpasswort`).
  const folded = foldCredentialScript(name);
  return words.some((w) => passwordWord.test(w)) || passwordWordInside.test(folded);
}

/** A quoted value unquoted; a bare one without a trailing comma, semicolon or comment. */
function unquote(raw: string): string {
  const quoted = /^(["'`])(.*?)\1/.exec(raw);
  if (quoted) return quoted[2] as string;
  return raw.replace(/[ \t]+(?:#|\/\/|;).*$/, "").replace(/[,;]+$/, "").trim();
}

// A name, maybe quoted or sigilled (`$name`, `$env:NAME`, `@name`, `--name`, `-Name`), a separator, a value (quoted,
// or a run without white space or closing punctuation), anywhere on a line.
const inlinePair =
  /(?<![\w.$@-])(?:\$(?:env:)?|@|-{1,2})?(["']?)([A-Za-z_][\w.-]{0,80}?)\1[ \t]*(?:::=|:=|\?=|\+=|<-|=>|->|=|:(?!\/\/))[ \t]*(?:"((?:\\.|[^"\\])*)"|'((?:\\.|[^'\\])*)'|`([^`]*)`|([^\s,;)}\]"'<>`]+))/g;
// Commands that set a variable by words: fish `set -gx NAME V`, csh `setenv NAME V`, a Dockerfile's `ENV NAME V`,
// PowerShell `Set-Item env:NAME V`, `[Environment]::SetEnvironmentVariable("NAME", "V")`, `os.environ["NAME"] = "V"`,
// PHP's `define('DB_PASSWORD', 'V')`.
const wordSetter =
  /^[ \t]*(?:set(?:[ \t]+-{1,2}[a-zA-Z]+)*|setenv|ENV|Set-Item[ \t]+(?:-Path[ \t]+)?env:|export)[ \t]+["']?([A-Za-z_][\w.-]{0,80})["']?[ \t]+(?:"([^"]*)"|'([^']*)'|(\S+))/i;
const callSetter = /(?:define|SetEnvironmentVariable|environ(?:\.setdefault)?|putenv|setenv|Setenv|set_var|ENV|getenv)\s*[([]\s*["']([A-Za-z_][\w.-]{0,80})["']\s*[\],]?\s*[,=]?\s*(?:"([^"]*)"|'([^']*)')/g;
// A configuration line of a name and a value apart (`Password V`, `bindpw V`, `auth_token V`): the name a credential.
const spacedSetting = /^[ \t]*([A-Za-z_][\w.-]{1,60})[ \t]+(?:"([^"]*)"|'([^']*)'|(\S+))[ \t]*$/;
// Comment and list markers before a line's content (`# `, `// `, `- `, `* `, `> `, `1. `, `-- `, `; `, `% `, `REM `).
const lineMarker = /^[ \t]*(?:(?:#+|\/\/+|\/\*+|\*+|--|;+|%+|>+|[-•–]|\d{1,3}[.)]|REM\b|::)[ \t]+)+/i;

// Prose: a label holding a credential word of any language (a few words before and after it: `WLAN Passwort`,
// `mot de passe du routeur`), then a separator or a verb, then one token.
const proseWord = String.raw`(?:${passwordWordSource}|${pinWordSource}|passcode|pass|pwd|pw|secret|token|api[ _-]?key|access[ _-]?key|secret[ _-]?key|key|credentials?|creds)`;
// The words of a line (what a label is made of), and a credential word matched whole against one to three of them: a
// few anchored tests per line, not the vocabulary's alternation tried at every character. Scripts without spaces
// (`メールのパスワード`) are searched inside the word.
const lineWord = /[^\s:=：,;()"'|<>[\]{}]+/g;
const proseWordWhole = new RegExp(String.raw`^${proseWord}$`, "i");
const proseWordInside = new RegExp(proseWord, "gi");
const unspacedScript = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
// After the word: a few more words (`du routeur`), a separator or a verb, one token; read where the word ends.
const afterLabelWord = new RegExp(
  String.raw`((?:[ \t]+[^\s\d:=：#,;()"'|]{1,20}){0,3}?)[ \t]*(?:\([^)\n]{0,20}\)[ \t]*)?(?:${copulaSource}[ \t]*[:：]?|[:=：]|[-–—](?=[ \t])|→)[ \t]*["'\`“„«]?([^\s"'\`”“»]{4,200})`,
  "iy",
);

/** Labelled values of a line of prose: a credential word found first, then what follows it (`afterLabelWord`). */
function readProse(line: string, add: (name: string, value: string) => void): void {
  const text = foldCredentialScript(line);
  const words = [...text.matchAll(lineWord)].slice(0, 200);
  const ends: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const first = words[i] as RegExpExecArray;
    if (unspacedScript.test(first[0])) {
      for (const m of first[0].matchAll(proseWordInside)) ends.push(first.index + m.index + m[0].length);
      continue;
    }
    for (let n = 0; n < 3 && i + n < words.length; n++) {
      const last = words[i + n] as RegExpExecArray;
      if (proseWordWhole.test(text.slice(first.index, last.index + last[0].length).replace(/\.$/, ""))) ends.push(last.index + last[0].length);
    }
  }
  for (const end of ends) {
    afterLabelWord.lastIndex = end;
    const after = afterLabelWord.exec(text);
    if (after === null) continue;
    const start = text.slice(0, end).search(/(?:[^\s:=：,;()]{1,20}[ \t]){0,3}[^\s:=：,;()]*$/);
    add(`${text.slice(Math.max(0, start), end)}${after[1] as string}`.trim(), proseToken(after[2] as string));
  }
}

/** A token of prose without the markup and punctuation around it (`**deny**`, `` `x9-…` ``, `…-6603.`). */
function proseToken(token: string): string {
  return token.replace(/^[*_`~"'“„«]+/, "").replace(/[*_`~"'”“»]+$/, "").replace(/[.,;:)\]]+$/, "").replace(/[*_`~"'”“»]+$/, "");
}

// A user and a password written `who/password` on a line that names a password: "the router admin is admin/V".
const userSlash = /(?<![\w/.:$~-])([\w.@+-]{1,40})[ \t]?\/[ \t]?([^\s/]{8,200})(?=[\s,.;)]|$)/g;
const namesPassword = new RegExp(`(?:${passwordWordSource}|(?<![a-z])(?:pw|pwd|pass|login|creds|credentials|admin)(?![a-z]))`, "i");

// Credential-carrying headers and flags.
const authHeader = /\b(?:Authorization|Proxy-Authorization)["']?[ \t]*[:=][ \t]*["']?(Basic|Bearer|Token|Bot|Digest|Negotiate|ApiKey|Api-Key|SSWS|token)[ \t]+([A-Za-z0-9._~+/=-]{8,4096})/gi;
const bareScheme = /(?<![\w-])(Basic|Bearer)[ \t]+([A-Za-z0-9._~+/-]{12,4096}={0,2})(?![\w+/=])/g;
const userFlag = /(?:^|[ \t])(?:-u|--user|--basic-auth|-U)[ \t=]+["']?([^\s:"']{1,80}):([^\s"']{6,200})/g;

// Markup: an element and its text, and an element's attributes.
const element = /<([A-Za-z_][\w:.-]{0,60})(\s[^<>]{0,400})?>\s*([^<>\n]{1,400}?)\s*<\/\1\s*>/g;
const attribute = /([A-Za-z_][\w:.-]{0,60})\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** `value` read as base64 when it is that, decoding to printable text; else undefined. */
export function base64Text(value: string): string | undefined {
  if (value.length < 12 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return undefined;
  const text = Buffer.from(value, value.includes("-") || value.includes("_") ? "base64url" : "base64").toString("utf8");
  return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
}

function readHeaders(line: string, add: (name: string, value: string, known?: boolean) => void): void {
  for (const m of line.matchAll(authHeader)) {
    const scheme = m[1] as string;
    const value = (m[2] as string).replace(/["',;]+$/, "");
    add(`an Authorization: ${scheme} header`, value, true);
    if (/^basic$/i.test(scheme)) {
      const decoded = base64Text(value);
      if (decoded?.includes(":") === true) add("the password of an Authorization: Basic header (base64-decoded)", decoded.slice(decoded.indexOf(":") + 1), true);
    }
  }
  for (const m of line.matchAll(bareScheme)) {
    add(`a ${m[1] as string} credential`, m[2] as string, true);
    const decoded = m[1] === "Basic" ? base64Text(m[2] as string) : undefined;
    if (decoded?.includes(":") === true) add("the password of a Basic credential (base64-decoded)", decoded.slice(decoded.indexOf(":") + 1), true);
  }
  for (const m of line.matchAll(userFlag)) add("the password of a `-u user:password` flag", m[2] as string, true);
}

function readMarkup(text: string, add: (name: string, value: string) => void): void {
  for (const m of text.matchAll(element)) {
    const [tag, attrs, body] = [m[1] as string, m[2] ?? "", (m[3] as string).trim()];
    const local = tag.replace(/^.*:/, "");
    if (credentialNamed(local)) add(local, body);
    // `<entry key="password">V</entry>`, `<Key>Password</Key>` is read as a record below.
    for (const a of attrs.matchAll(attribute)) if (/^(?:key|name|id|field|label|property)$/i.test(a[1] as string) && credentialNamed(a[2] ?? a[3] ?? "")) add(a[2] ?? a[3] ?? "", body);
  }
  // `<add key="ApiKey" value="V"/>`, `<param name="password" value="V">`: one attribute names, another gives.
  for (const m of text.matchAll(/<[A-Za-z_][\w:.-]{0,60}((?:\s+[A-Za-z_][\w:.-]{0,60}\s*=\s*(?:"[^"]*"|'[^']*')){2,12})\s*\/?>/g)) {
    const attrs = new Map([...(m[1] as string).matchAll(attribute)].map((a) => [(a[1] as string).toLowerCase(), a[2] ?? a[3] ?? ""]));
    const name = attrs.get("key") ?? attrs.get("name") ?? attrs.get("id") ?? attrs.get("property") ?? "";
    const value = attrs.get("value") ?? attrs.get("content") ?? attrs.get("data");
    if (value !== undefined && credentialNamed(name)) add(name, value);
  }
  // `<Key>Password</Key><Value>V</Value>` (a KeePass export), `<name>db.password</name><value>V</value>` (Hadoop).
  for (const m of text.matchAll(/<(key|name)>\s*([^<>\n]{1,80}?)\s*<\/\1>\s*<(value)(?:\s[^<>]*)?>\s*([^<>\n]{1,400}?)\s*<\/value>/gi)) {
    if (credentialNamed(m[2] as string)) add(m[2] as string, m[4] as string);
  }
}

/** The cells of a table line split at `sep` (a Markdown row's outer pipes dropped), trimmed and unquoted. */
function cellsOf(line: string, sep: string): string[] {
  const row = sep === "|" ? line.trim().replace(/^\||\|$/g, "") : line;
  return row.split(sep).map((c) => proseToken(c.trim()).trim());
}

/** A table's columns whose header names a credential, with each row's value: CSV, TSV, `;`, Markdown tables. */
function readTables(lines: readonly string[], headers: ReadonlySet<number>, add: (name: string, value: string) => void): void {
  for (const i of headers) {
    const header = (lines[i] ?? "").replace(/\r$/, "");
    if (header.length > 1_000) continue;
    for (const sep of ["\t", "|", ";", ","]) {
      if (!header.includes(sep)) continue;
      const names = cellsOf(header, sep);
      if (names.length < 2 || names.some((n) => n.length > 40)) continue;
      const columns = names.flatMap((n, c) => (credentialNamed(n) ? [c] : []));
      if (columns.length === 0) continue;
      for (let r = i + 1; r < lines.length && r <= i + 500; r++) {
        const row = (lines[r] as string).replace(/\r$/, "");
        if (!row.includes(sep)) break;
        if (sep === "|" && /^[\s|:-]+$/.test(row)) continue;
        const cells = cellsOf(row, sep);
        for (const c of columns) add(names[c] as string, cells[c] ?? "");
      }
      break;
    }
  }
}

// A password as generators and owners write them in a list: both cases and a digit, or a letter, a digit and a symbol.
// Not an address, a URL, a path, a date or a time stamp (`2024-05-01T10:00Z` has no lower case).
function passwordLike(cell: string): boolean {
  if (cell.length < 8 || cell.length > 64 || /[\s"'`]|^[a-z][a-z0-9+.-]*:|@[\w-]+\.|[\\/]/i.test(cell)) return false;
  return /\d/.test(cell) && /\p{Ll}/u.test(cell) && (/\p{Lu}/u.test(cell) || /[!#$%^&*+=?~|]/.test(cell));
}
// A user name or an address, as a login list gives it (`bob.k`, `bob@mail.example`, `Bob_77`).
const userLike = /^(?:[^\s@,;|"'-][^\s@,;|"']{0,63}@[\w-]+(?:\.[\w-]+)+|[\p{L}_][\p{L}\p{N}._+-]{1,39})$/u;

/** Whether some run of the text without white space has a digit, a lower-case letter, and an upper-case one or a symbol (a cell `passwordLike` accepts is in one). */
function holdsPasswordShapedRun(text: string): boolean {
  if (!/\d/.test(text)) return false;
  for (const m of text.matchAll(/\S{8,}/g)) if (/\d/.test(m[0]) && /\p{Ll}/u.test(m[0]) && (/\p{Lu}/u.test(m[0]) || /[!#$%^&*+=?~|]/.test(m[0]))) return true;
  return false;
}

/**
 * Rows of a list of logins without a header (`bank,bob.k,Slate-Ibis-9021`; TSV, `;`, `|`, a Markdown table whose
 * header names no credential, `site user pass` lines): a block of lines with the same separator and the same number
 * of cells (three to eight), where one column holds password-shaped cells (`passwordLike`) right after a column of
 * user names, in most rows. Lines of words split at spaces count only as three or four words, in a block of two rows
 * or more.
 */
function readLoginRows(lines: readonly string[], add: (name: string, value: string, known?: boolean) => void): void {
  let block: string[][] = [];
  let blockSep = "";
  const flush = () => {
    const rows = block.filter((cells) => !cells.every((c) => /^:?-*:?$/.test(c)));
    block = [];
    if (rows.length === 0 || (blockSep === " " && (rows.length < 2 || (rows[0] as string[]).length > 4))) return;
    const width = (rows[0] as string[]).length;
    for (let c = 1; c < width; c++) {
      const holds = rows.filter((cells) => passwordLike(cells[c] as string) && userLike.test(cells[c - 1] as string) && !passwordLike(cells[c - 1] as string)).length;
      if (holds * 2 < rows.length || holds === 0) continue;
      for (const cells of rows) add(`a password in a list of logins (after \`${cells[c - 1] as string}\`)`, cells[c] as string, true);
      return;
    }
  };
  for (const raw of lines) {
    const line = raw.replace(/\r$/, "");
    const sep = ["\t", "|", ";", ","].find((s) => line.includes(s)) ?? (/^\S+(?:[ \t]+\S+){2,7}$/.test(line.trim()) ? " " : "");
    const cells = sep === "" || line.length > 1_000 ? [] : sep === " " ? line.trim().split(/[ \t]+/) : cellsOf(line, sep);
    if (cells.length < 3 || cells.length > 8) {
      flush();
      continue;
    }
    if (block.length > 0 && (sep !== blockSep || cells.length !== (block[0] as string[]).length)) flush();
    blockSep = sep;
    if (block.length < 500) block.push(cells);
  }
  flush();
}

// A login on one line, a label first maybe: `Netflix: bob@mail.example / Tulip-Garden-42`, `bank - bob.k / Slate-Ibis-9021`.
const loginLine = /^[ \t>*•-]*(?:[^\s:/][^:/\n]{0,40}?[ \t]*(?:[:：–—]|[ \t]-)[ \t]*)?(\S{1,64})[ \t]+\/[ \t]+(\S{8,64})[ \t]*$/;

/** `user / password` on a line of its own (a label before them allowed), the password shaped as one. */
function readLoginLines(lines: readonly string[], add: (name: string, value: string, known?: boolean) => void): void {
  for (const line of lines) {
    if (!line.includes(" / ") || line.length > 200) continue;
    const m = loginLine.exec(line.replace(/\r$/, ""));
    // A user written as handles are (an address, or lower case: `bob.k`), not a name (`Alice / Review-Q3-2024`).
    if (m && userLike.test(m[1] as string) && (/@|^[\p{Ll}\d._+-]+$/u.test(m[1] as string)) && passwordLike(m[2] as string)) add(`a password after \`${m[1] as string} /\``, m[2] as string, true);
  }
}

/** String values of a parsed JSON document that hold several words or lines of text (a notebook's cells), bounded. */
function jsonTexts(text: string): string[] {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return [];
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return [];
  }
  const out: string[] = [];
  const pending: unknown[] = [doc];
  for (let seen = 0; pending.length > 0 && seen < 10_000; seen++) {
    const node = pending.pop();
    if (typeof node === "string") {
      if (/[=:]/.test(node)) out.push(node);
    } else if (Array.isArray(node)) {
      // A notebook cell's `source` is an array of its lines.
      if (node.length > 0 && node.every((v) => typeof v === "string")) out.push(node.join(node.every((v) => (v as string).endsWith("\n")) ? "" : "\n"));
      else for (const v of node) pending.push(v);
    } else if (node !== null && typeof node === "object") for (const v of Object.values(node)) pending.push(v);
  }
  return out;
}

// Lines worth reading: a credential word (`credentialNameGate`) or a header's scheme.
const pairGate = literalGate(["auth", "bearer", "basic", "cookie", "dsn", "-u", "--user", "salt", "psk", "pat"]);

function readLines(text: string, add: (name: string, value: string, known?: boolean) => void): void {
  const all = text.split("\n", MaxLines);
  const named = linesHolding(text, credentialNameGate);
  const headers = linesHolding(text, pairGate);
  for (let i = 0; i < all.length; i++) {
    const raw = all[i] as string;
    if (raw.length > MaxLineLength || (!named.has(i) && !headers.has(i))) continue;
    const line = raw.replace(/\r$/, "");
    if (headers.has(i)) readHeaders(line, add);
    if (!named.has(i) && !/(?:^|[^a-z])(?:auth|dsn|salt|psk|pat|cookie)/i.test(line)) continue;
    const content = line.replace(lineMarker, "");
    const set = wordSetter.exec(content);
    if (set) add(set[1] as string, set[2] ?? set[3] ?? set[4] ?? "");
    for (const m of content.matchAll(callSetter)) add(m[1] as string, m[2] ?? m[3] ?? "");
    for (const m of content.matchAll(inlinePair)) add(m[2] as string, m[3] ?? m[4] ?? m[5] ?? unquote(m[6] ?? ""));
    const spaced = spacedSetting.exec(content);
    if (spaced && !/^(?:set|export|setenv|env)$/i.test(spaced[1] as string)) add(spaced[1] as string, spaced[2] ?? spaced[3] ?? spaced[4] ?? "");
    readProse(content, add);
    if (namesPassword.test(content)) for (const m of content.matchAll(userSlash)) add(`a password after \`${m[1] as string}/\``, proseToken(m[2] as string), true);
  }
  readTables(all, named, add);
  // A list of logins names no credential: read only when a run without white space could hold a password-shaped cell.
  if (holdsPasswordShapedRun(text)) {
    readLoginRows(all, add);
    readLoginLines(all, add);
  }
}

/**
 * The (name, value) pairs `text` gives, by its structure (see the header). Names are as written; the caller keeps
 * the pairs whose name is a credential's (`credentialNamed`) and whose value looks like a value. At most `MaxPairs`.
 */
export function credentialPairs(text: string): Pair[] {
  const out: Pair[] = [];
  const add = (name: string, value: string, known?: boolean): void => {
    if (out.length < MaxPairs && value !== "") out.push(known === true ? [name, value, true] : [name, value]);
  };
  try {
    readLines(text, add);
    if (text.includes("<") && mentionsCredentialWord(text)) readMarkup(text, add);
    for (const inner of jsonTexts(text).slice(0, 200)) readLines(inner, add);
  } catch {
    // INVARIANT: a text the reader cannot take apart gives what was read before (a bound on work, not a gate).
  }
  return out;
}
