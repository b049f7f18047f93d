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
 * - what the secret rules span (`findings`: the scanner's gitleaks findings, private keys included);
 * - a secret's shape in a label's slot whatever the label's language, and a value after a secret's label in prose in
 *   any of ~80 languages (credential-slots.ts, credential-lexicon.ts);
 * - short codes under a label that says secret (`bank PIN = 731905`, `banka şifresi: 731905`, `front door code 4471`,
 *   `Tresor-Kombination: 24-11-63`, `"pin": "4471"`): the labels the labeller reads (`labelledCodes`), in prose and
 *   as a setting's name; kept `short`, to be found only as a whole token (a room number or a price that merely
 *   holds the digits is not the code).
 * - a household code in any shape after the door, lock, alarm or network it opens (access-codes.ts);
 * A value is kept only when it could not be ordinary text: eight characters or more, no whitespace, not a reference
 * or a placeholder (`${DB_PASSWORD}`, `changeme`), and a digit or a symbol in it unless it is long; a short code only
 * under such a label. Pure; must not throw; bounded by `MaxValuesPerFile`.
 */
import { accessCodeForms, accessCodes } from "./access-codes.ts";
import { passwordShaped, recoveryCodes, seedPhrase } from "./credential-forms.ts";
import { base64Text, credentialNamed, credentialPairs } from "./credential-pairs.ts";
import { passwordWordSource } from "./credential-words.ts";
import { structuralCredentialValues } from "./credential-slots.ts";
import { labelledCodes, notALiteral } from "./labelled-secrets.ts";
import { isSecretPath } from "./secret-path.ts";

export { credentialNamed };

/** `short`: a code shorter than `MinLength`, known only as a whole token (see the header). */
export type CredentialValue = { name: string; value: string; short?: true };

export const MaxValuesPerFile = 64;
const MinLength = 8;
const MaxLength = 8_192;

/** A value that could not be ordinary text (see the header). */
function secretShaped(value: string): boolean {
  if (value.length < MinLength || value.length > MaxLength || /\s/.test(value) || notALiteral.test(value)) return false;
  // A URL is a place, not a credential, unless it carries a password (read on its own).
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return false;
  if (notAValue.some((re) => re.test(value))) return false;
  return value.length >= 16 || /[\d\W_]/.test(value);
}

// Values that are something else: a path, an address, a date or a version, a name or a reference in code, a word
// sequence, a mask or an ellipsis, a type.
const notAValue: readonly RegExp[] = [
  /^(?:~|\.{1,2})?\/|^[A-Za-z]:\\|^\\\\|^[\w.-]+\/[\w./-]+\.[a-z]{1,5}$/, // paths
  /^[^@\s]+@[\w-]+(?:\.[\w-]+)+$/, // an e-mail address
  /^(?:\d{4}-\d\d-\d\d(?:[T ][\d:.]+Z?)?|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?|v?\d+(?:\.\d+){1,3}(?:[-+][\w.]+)?)$/i, // dates, IPs, versions
  /^[A-Za-z_$][A-Za-z_$]*(?:(?:\.|::|->)[A-Za-z_$][A-Za-z_$]*)+$/, // `config.db.password`, `Settings::TOKEN`
  /^[a-z]+(?:[_.-][a-z]+)*$|^[A-Z]+(?:[_.-][A-Z]+)*$|^[A-Z]?[a-z]+(?:[A-Z][a-z]+)+$/, // words: `read_only`, `ACCESS_TOKEN`, `myPassword`
  /^[\w-]+(?:\.[\w-]+)*\.(?:pem|key|crt|cer|p12|pfx|txt|json|ya?ml|toml|ini|env|csv|md|log|gpg|asc|enc|kdbx|sh|py|js|ts)$/i, // a file's name
  /^[*_~`]+\p{L}*[*_~`]+$/u, // a word in Markdown emphasis: `**deny**`
  /^(.)\1+$|^[x*•.…_#-]{4,}|(?:\.\.\.|…)$|^(?:todo|tbd|fixme|secret|password|string|str|bytes|int|bool|boolean|optional|required|undefined|nil|n\/a)\b/i, // masks, types, to-dos
];

// `export NAME=value`, `name: value`, `"name": "value",`, `name = 'value'`, `NAME := value`, `$name = 'value';`: one
// setting on one line.
const settingLine = /^[ \t]*(?:export[ \t]+|\$)?["']?([A-Za-z_][\w.-]{0,80})["']?[ \t]*(?:::=|:=|\?=|\+=|=|:)[ \t]*(.*?)[ \t]*;?[ \t]*$/gm;

/** A value given in prose after a label (`WLAN Passwort: …`): letters with digits or symbols, as passwords are written. */
function proseValue(value: string): boolean {
  return /\p{L}/u.test(value) && /[\d!#$%^&*+=?~_|@-]/.test(value) && !/[.,;:!?]$/.test(value) && !/^[-./~]/.test(value);
}

/** A setting line's value as a program reads it: unquoted, without a trailing comma or comment. */
function valueOf(raw: string): string {
  const quoted = /^(["'`])(.*?)\1/.exec(raw);
  if (quoted) return quoted[2] as string;
  return raw.replace(/[ \t]+[#;].*$/, "").replace(/,$/, "").trim();
}

/** String leaves of a parsed JSON document with the key that holds each (bounded). */
function jsonLeaves(text: string, out: [string, string, boolean?][]): void {
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

/** A code as one token: its digits and letters without the separators written between groups (`24-11-63`, `1234#`). */
function compactCode(code: string): string {
  return code.replace(/[\s.#*-]+/g, "");
}

// A short password: five to seven letters and digits (a symbol allowed), both in it.
const shortPasswordValue = /^(?=[^\s]*\d)(?=[^\s]*\p{L})[\p{L}\d!#$%&*+=?@^_~-]{5,7}$/u;
// A name that says password (not key, token or secret: those are long), in the vocabulary's languages.
const passwordNamed = new RegExp(`(?:${passwordWordSource}|(?<![a-z])(?:pw|pwd|pass)(?![a-z]))`, "i");
// A value a short code could be: digits (maybe in groups), a letter at most at its end.
const shortCodeValue = /^\d(?:[ -]?\d){2,11}[a-z]?$/i;

/** A setting's name read as a label (`door_code`, `alarmPin`, `card.cvv` → `door code`, …) with its value, for `labelledCodes`. */
function settingAsLabel(name: string, value: string): string {
  return `${name.replace(/([a-z\d])([A-Z])/g, "$1 $2").replace(/[_.-]+/g, " ")}: ${value}`;
}

// The secret of a TOTP URI (`otpauth://totp/Bank:bob?secret=JBSWY3DPEHPK3PXP`): what makes the codes.
const otpauthSecret = /\botpauth:\/\/[^\s"'<>]*?[?&]secret=([A-Za-z2-7=]{16,128})/gi;

const urlPassword = /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s/?#@"'<>:]*:([^\s/?#@"'<>]+)@/gi;
const netrcPassword = /(?:^|\s)password\s+(\S+)/g;

/**
 * The credential values `text` (the file at `path`, relative to the workspace) holds, with their names; `findings`
 * are the secret scanner's spans in it (rule id, start, end). Each value once.
 */
export function credentialValuesIn(text: string, path: string, findings: readonly { ruleId: string; start: number; end: number }[] = []): CredentialValue[] {
  const out = new Map<string, string>();
  const short = new Set<string>();
  const add = (name: string, value: string) => {
    if (out.size < MaxValuesPerFile && !out.has(value)) out.set(value, name);
  };
  const addCode = (name: string, code: string) => {
    const value = compactCode(code);
    if (value.length >= MinLength) return add(name, value);
    if (out.size < MaxValuesPerFile && !out.has(value)) {
      out.set(value, name);
      short.add(value);
    }
  };
  const credentialFile = isSecretPath(path);
  const base = (path.split("/").pop() ?? path).toLowerCase();
  for (const f of findings) {
    const value = text.slice(f.start, f.end).trim();
    if (value.length >= MinLength && value.length <= MaxLength) add(f.ruleId, value);
  }
  const pairs: [string, string, boolean?][] = [];
  // `.pgpass` and `.netrc` lines are fields, not settings (`host:port:…` is no `name: value`).
  const fields = base.includes("pgpass") || base.includes("netrc");
  if (!fields) pairs.push(...credentialPairs(text));
  // A credential file's settings whatever their names (its generated values are kept below).
  if (credentialFile && !fields) for (const m of text.matchAll(settingLine)) pairs.push([m[1] as string, valueOf(m[2] as string)]);
  jsonLeaves(text, pairs);
  for (const [name, value, known] of pairs) {
    // A short code under a setting whose name says PIN, passcode, door code… (`"pin": "4471"`, `alarm_code=8812`); a
    // short password of letters and digits under a password word (`password: ab12cd`).
    const v = value.trim();
    if (shortCodeValue.test(v) && labelledCodes(settingAsLabel(name, v), 1).length > 0) addCode(name, v);
    else if (shortPasswordValue.test(v) && !notALiteral.test(v) && !notAValue.some((re) => re.test(v)) && passwordNamed.test(name)) addCode(name, v);
    if (!secretShaped(value) || (/\s/.test(name) && !proseValue(value))) continue;
    if (known !== true && !credentialNamed(name) && !(credentialFile && passwordShaped(value))) continue;
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
  for (const { word, code, glued } of labelledCodes(text)) if (glued !== true) addCode(word, code);
  // A household code in any shape after what it opens (`Building entry: 4B27`, `Cupboard lock: red-blue-red-green`):
  // known as written, with its keycaps as digits and squeezed; a short one only as a whole token.
  for (const { label, value } of accessCodes(text)) {
    const forms = accessCodeForms(value);
    // Known already (`Tresor-Kombination: 24-11-63` is `241163`, found as a whole token however it is grouped).
    if (out.has(forms[forms.length - 1] as string) || out.has(compactCode(value))) continue;
    for (const form of forms) {
      if (form.length >= MinLength) add(label, form);
      else if (out.size < MaxValuesPerFile && !out.has(form)) {
        out.set(form, label);
        short.add(form);
      }
    }
  }
  // A secret's shape in a label's slot, or after a secret's label in any of the lexicon's languages (credential-slots.ts).
  for (const { name, value, short: isShort } of structuralCredentialValues(text)) {
    if (notALiteral.test(value) || (isShort !== true && notAValue.some((re) => re.test(value)))) continue;
    if (isShort === true) addCode(name, value);
    else add(name, value);
  }
  for (const m of text.matchAll(otpauthSecret)) add("the secret of an otpauth:// (TOTP) URI", m[1] as string);
  // A wallet's seed phrase (its words, one space apart: a copy is found squeezed too), recovery codes one by one.
  const phrase = seedPhrase.exec(text)?.[1]?.replace(/\d{1,2}[.)]?\s+/g, " ").split(/[\s,]+/).filter((w) => w !== "").join(" ");
  if (phrase !== undefined) add("a wallet seed phrase", phrase.toLowerCase());
  // A code written in two groups (`8391 2204`) is known as written and without its space.
  for (const code of recoveryCodes.exec(text)?.[1]?.match(/[a-z0-9]{4,10}(?:[- ][a-z0-9]{4,10})?/gi) ?? []) {
    if (/\d/.test(code) && code.replace(" ", "").length >= MinLength) for (const v of new Set([code.replace(" ", ""), code])) add("a recovery code", v);
  }
  return [...out].map(([value, name]) => (short.has(value) ? { name, value, short: true } : { name, value }));
}
