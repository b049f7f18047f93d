/**
 * The credential values a workspace file holds, each with the name the file gives it (`DB_PASSWORD`, `token`, a
 * secret rule's id), so that the gate can know them in every session (app/workspace-secrets.ts). Read by parsing the
 * forms credential files take, not by guessing at prose:
 * - a setting whose name says credential (`DB_PASSWORD=…`, `token: …`, `"apiKey": "…"`, `api_key = "…"`): dotenv,
 *   INI, TOML, YAML and pretty-printed JSON lines, and JSON parsed whole (a minified `config.json`);
 * - in a credential file (`isSecretPath`), also any setting whose value looks generated (`passwordShaped`);
 * - make's assignments (`TOKEN := …`, `?=`, `+=`), PHP's `define('DB_PASSWORD', '…')` and `$db_password = '…'`;
 * - a CSV file's columns whose header names a credential (the AWS console's `credentials.csv`: `Secret access key`);
 * - a credential value written in base64 is known decoded too (a Kubernetes Secret's `data:`, the `auth` of
 *   `.docker/config.json`, whose `user:password` gives its password);
 * - a `.netrc` `password`, a `.pgpass` line's password, the password of a URL (`https://bob:…@host`);
 * - what the secret rules span (`findings`: the scanner's gitleaks findings, private keys included).
 * A value is kept only when it could not be ordinary text: eight characters or more, no whitespace, not a reference
 * or a placeholder (`${DB_PASSWORD}`, `changeme`), and a digit or a symbol in it unless it is long. Pure; must not
 * throw; bounded by `MaxValuesPerFile`.
 */
import { passwordShaped } from "./credential-forms.ts";
import { notALiteral } from "./labelled-secrets.ts";
import { isSecretPath } from "./secret-path.ts";

export type CredentialValue = { name: string; value: string };

export const MaxValuesPerFile = 64;
const MinLength = 8;
const MaxLength = 8_192;

// Words of a setting's name that say it holds a credential (`db_password`, `apiKey`, `client-secret`, `_auth`).
const credentialWords = new Set(["password", "passwd", "passphrase", "pass", "pwd", "pw", "secret", "secrets", "token", "tokens", "apikey", "credential",
  "credentials", "creds", "auth", "authtoken", "cookie", "dsn", "privatekey", "bearer", "salt", "pin", "pat"]);
// `key` names a credential alone or after these (`api_key`, `SECRET_KEY`), not as `sort_key` or `primary_key`.
const keyModifiers = new Set(["api", "access", "secret", "private", "signing", "encryption", "master", "client", "app", "service", "account", "license", "licence",
  "deploy", "ssh", "auth", "admin", "session", "shared", "hmac", "jwt", "webhook", "stripe", "openai", "anthropic", "aws"]);
// Last words that make the name a setting about a credential, not one (`PASSWORD_FILE`, `token_url`, `key_id`).
const settingWords = new Set(["file", "path", "dir", "mode", "enabled", "disabled", "type", "method", "host", "port", "user", "username", "region", "id",
  "name", "url", "uri", "endpoint", "length", "len", "size", "ttl", "timeout", "expiry", "expires", "format", "algorithm", "version", "env", "header", "prefix", "policy", "rotation"]);

/** The words of a setting's name, lower case: `DB_PASSWORD` → db, password; `apiKey` → api, key. */
function wordsOf(name: string): string[] {
  return name.replace(/([a-z\d])([A-Z])/g, "$1 $2").toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== "");
}

/** The setting's name says it holds a credential, not a setting about one. */
export function credentialNamed(name: string): boolean {
  const words = wordsOf(name);
  if (words.length === 0 || settingWords.has(words[words.length - 1] as string)) return false;
  const key = words.findIndex((w, i) => (w === "key" || w === "keys") && (i === 0 || keyModifiers.has(words[i - 1] as string)));
  return key >= 0 || words.some((w) => credentialWords.has(w)) || credentialWords.has(words.join(""));
}

/** A value that could not be ordinary text (see the header). */
function secretShaped(value: string): boolean {
  if (value.length < MinLength || value.length > MaxLength || /\s/.test(value) || notALiteral.test(value)) return false;
  // A URL is a place, not a credential, unless it carries a password (read on its own).
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return false;
  return value.length >= 16 || /[\d\W_]/.test(value);
}

// `export NAME=value`, `name: value`, `"name": "value",`, `name = 'value'`, `NAME := value`, `$name = 'value';`: one
// setting on one line.
const settingLine = /^[ \t]*(?:export[ \t]+|\$)?["']?([A-Za-z_][\w.-]{0,80})["']?[ \t]*(?:::=|:=|\?=|\+=|=|:)[ \t]*(.*?)[ \t]*;?[ \t]*$/gm;
// PHP's `define('DB_PASSWORD', 'value');`.
const phpDefine = /\bdefine\(\s*(["'])([A-Za-z_]\w{0,80})\1\s*,\s*(["'])(.*?)\3\s*\)/g;

/** `value` read as base64 when it is that (padded or a multiple of four, decoding to printable text), else undefined. */
function base64Text(value: string): string | undefined {
  if (value.length < 12 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return undefined;
  const text = Buffer.from(value, "base64").toString("utf8");
  return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
}

/** The columns of a CSV file whose header names a credential, with each row's value (a first line of headers). */
function csvCredentials(text: string, out: [string, string][]): void {
  const [header, ...rows] = text.split(/\r?\n/).slice(0, 200);
  const names = (header ?? "").split(",").map((h) => h.trim().replace(/^"|"$/g, ""));
  const columns = names.flatMap((n, i) => (credentialNamed(n) ? [i] : []));
  for (const row of rows) {
    const cells = row.split(",");
    for (const i of columns) out.push([names[i] as string, (cells[i] ?? "").trim().replace(/^"|"$/g, "")]);
  }
}

/** A setting line's value as a program reads it: unquoted, without a trailing comma or comment. */
function valueOf(raw: string): string {
  const quoted = /^(["'`])(.*?)\1/.exec(raw);
  if (quoted) return quoted[2] as string;
  return raw.replace(/[ \t]+[#;].*$/, "").replace(/,$/, "").trim();
}

/** String leaves of a parsed JSON document with the key that holds each (bounded). */
function jsonLeaves(text: string, out: [string, string][]): void {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return;
  }
  const pending: [string, unknown][] = [["", doc]];
  for (let seen = 0; pending.length > 0 && seen < 10_000; seen++) {
    const [key, node] = pending.pop() as [string, unknown];
    if (typeof node === "string") out.push([key, node]);
    else if (Array.isArray(node)) for (const v of node) pending.push([key, v]);
    else if (node !== null && typeof node === "object") for (const [k, v] of Object.entries(node)) pending.push([k, v]);
  }
}

const urlPassword = /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s/?#@"'<>:]*:([^\s/?#@"'<>]+)@/gi;
const netrcPassword = /(?:^|\s)password\s+(\S+)/g;

/**
 * The credential values `text` (the file at `path`, relative to the workspace) holds, with their names; `findings`
 * are the secret scanner's spans in it (rule id, start, end). Each value once.
 */
export function credentialValuesIn(text: string, path: string, findings: readonly { ruleId: string; start: number; end: number }[] = []): CredentialValue[] {
  const out = new Map<string, string>();
  const add = (name: string, value: string) => {
    if (out.size < MaxValuesPerFile && !out.has(value)) out.set(value, name);
  };
  const credentialFile = isSecretPath(path);
  const base = (path.split("/").pop() ?? path).toLowerCase();
  for (const f of findings) {
    const value = text.slice(f.start, f.end).trim();
    if (value.length >= MinLength && value.length <= MaxLength) add(f.ruleId, value);
  }
  const pairs: [string, string][] = [];
  // `.pgpass` and `.netrc` lines are fields, not settings (`host:port:…` is no `name: value`).
  const fields = base.includes("pgpass") || base.includes("netrc");
  if (!fields) for (const m of text.matchAll(settingLine)) pairs.push([m[1] as string, valueOf(m[2] as string)]);
  for (const m of text.matchAll(phpDefine)) pairs.push([m[2] as string, m[4] as string]);
  if (base.endsWith(".csv")) csvCredentials(text, pairs);
  jsonLeaves(text, pairs);
  for (const [name, value] of pairs) {
    if (!secretShaped(value)) continue;
    if (!credentialNamed(name) && !(credentialFile && passwordShaped(value))) continue;
    add(name, value);
    // Written in base64, known decoded too; `user:password` (a registry's `auth`) gives its password.
    const decoded = base64Text(value);
    const password = decoded?.includes(":") === true ? decoded.slice(decoded.indexOf(":") + 1) : decoded;
    if (password !== undefined && secretShaped(password)) add(`${name} (base64-decoded)`, password);
  }
  for (const m of text.matchAll(urlPassword)) {
    let password = m[1] as string;
    try {
      password = decodeURIComponent(password);
    } catch {
      // kept as written
    }
    if (password.length >= MinLength && !notALiteral.test(password)) add("the password of a URL", password);
  }
  if (base.includes("netrc")) for (const m of text.matchAll(netrcPassword)) if (secretShaped(m[1] as string)) add("password", m[1] as string);
  if (base.includes("pgpass")) {
    for (const line of text.split(/\r?\n/)) {
      const fields = line.split(/(?<!\\):/);
      const password = fields.length === 5 ? (fields[4] as string).trim() : "";
      if (!line.startsWith("#") && secretShaped(password)) add("password", password);
    }
  }
  return [...out].map(([value, name]) => ({ name, value }));
}
