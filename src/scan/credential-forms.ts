import type * as Htmlparser2 from "htmlparser2";
import type { Nodes } from "mdast";
import type * as FromMarkdown from "mdast-util-from-markdown";
import type * as MdastGfm from "mdast-util-gfm";
import type * as MicromarkGfm from "micromark-extension-gfm";
import type * as Yaml from "yaml";
import { lazyRequire } from "../core/lazy-require.ts";
import {
  accessObjectSource, cardCodeWordSource, codeBearingSource, codeLabelGate, codeNounSource, credentialNameGate, mentionsCredentialWord, passwordWordSource, pinWordSource,
} from "./credential-words.ts";
import { linesHolding, literalGate, textOfLinesHolding } from "./literal-lines.ts";
import { base58CheckPayload } from "./base58check.ts";

// The Markdown, HTML and YAML parsers (~200 modules) load with the first text that needs one (a table, a form, a
// YAML file with anchors), not with every process that labels content: the idle gateway and the CLI never do.
const htmlparser2 = lazyRequire<typeof Htmlparser2>("htmlparser2", import.meta.url);
const fromMarkdown = lazyRequire<typeof FromMarkdown>("mdast-util-from-markdown", import.meta.url);
const mdastGfm = lazyRequire<typeof MdastGfm>("mdast-util-gfm", import.meta.url);
const micromarkGfm = lazyRequire<typeof MicromarkGfm>("micromark-extension-gfm", import.meta.url);
const yaml = lazyRequire<typeof Yaml>("yaml", import.meta.url);

/**
 * Credentials in the shapes that carry no credential-named assignment and no vendor prefix, so neither the
 * gitleaks rules nor the assignment rules see them: a private key's body without its PEM armour, session
 * cookies, a table whose header names a password column (password-manager and cloud-console exports),
 * `.pgpass` lines, SQL that sets a password, Wi-Fi pre-shared keys, registry `auth` blobs. Each finder parses
 * the form it names and says which form it found, never the value.
 */

// Runs start where a run of base64 letters starts: the rest of a run too short from its start is shorter still, so the
// lookbehind only skips attempts that fail (each of them read to the run's end).
const base64Run = /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40,}={0,2}(?:\r?\n[ \t]*[A-Za-z0-9+/]{4,}={0,2})*/g;

/**
 * What a DER structure at the start of `der` is, when it is a private key: PKCS#1 RSA and DSA keys and PKCS#8
 * keys are `SEQUENCE { INTEGER 0, … }`, SEC 1 EC keys `SEQUENCE { INTEGER 1, OCTET STRING … }`, PKCS#12 stores
 * `SEQUENCE { INTEGER 3, … }`. Certificates, requests and public keys start `SEQUENCE { SEQUENCE … }`, so they
 * are told apart by the element that follows the outer header.
 */
function derPrivateKey(der: Buffer): string | undefined {
  if (der.length < 8 || der[0] !== 0x30) return undefined;
  const lengthByte = der[1] as number;
  const header = lengthByte < 0x80 ? 2 : 2 + (lengthByte & 0x7f);
  if (lengthByte === 0x80 || header > 6) return undefined;
  const [tag, len, version, next] = [der[header], der[header + 1], der[header + 2], der[header + 3]];
  if (tag !== 0x02 || len !== 0x01) return undefined;
  if (version === 0x00 && (next === 0x02 || next === 0x30)) return "a private key";
  if (version === 0x01 && next === 0x04) return "an EC private key";
  if (version === 0x03 && next === 0x30) return "a PKCS#12 key store";
  return undefined;
}

const opensshMagic = Buffer.from("openssh-key-v1\0");

function findKeyBody(text: string): string | undefined {
  for (const m of text.matchAll(base64Run)) {
    const head = m[0].replace(/\s+/g, "").slice(0, 64);
    const der = Buffer.from(head, "base64");
    if (der.subarray(0, opensshMagic.length).equals(opensshMagic)) return "an OpenSSH private key";
    const kind = derPrivateKey(der);
    if (kind !== undefined) return kind;
  }
  return undefined;
}

/** A value that could be a session or credential: long, without spaces, letters and digits mixed. */
function credentialShaped(value: string, minLength: number): boolean {
  const v = value.trim().replace(/^["']|["']$/g, "");
  return v.length >= minLength && v.length <= 4096 && !/\s/.test(v) && /[a-z]/i.test(v) && /\d/.test(v) && !/^(?:x+|\*+)$/i.test(v);
}

// `Cookie: a=b; c=d` and `Set-Cookie: sid=…; Path=/` header lines, and Netscape cookie-jar lines
// (domain, subdomains flag, path, secure flag, expiry, name, value: seven tab-separated fields).
const cookieHeader = /^[ \t>-]*(?:set-)?cookie[ \t]*:[ \t]*([^\n]+)$/gim;
const cookieJarLine = /^#?(?:HttpOnly_)?\.?[\w.-]+\t(?:TRUE|FALSE)\t\/[^\t]*\t(?:TRUE|FALSE)\t\d+\t[^\t\n]+\t([^\t\n]+)$/gm;
const cookieAttributes = /^(?:path|domain|expires|max-age|samesite|secure|httponly|priority|partitioned)$/i;

function findCookie(text: string): string | undefined {
  for (const m of text.matchAll(cookieHeader)) {
    for (const pair of (m[1] ?? "").split(";")) {
      const eq = pair.indexOf("=");
      if (eq <= 0 || cookieAttributes.test(pair.slice(0, eq).trim())) continue;
      if (credentialShaped(pair.slice(eq + 1), 16)) return "a session cookie";
    }
  }
  for (const m of text.matchAll(cookieJarLine)) if (credentialShaped(m[1] ?? "", 16)) return "a session cookie (a cookie-jar line)";
  return undefined;
}

/** Splits one CSV or TSV line into fields, honouring double quotes. */
function splitRow(line: string, sep: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quoted && c === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (!quoted && c === '"' && field === "") quoted = true;
    else if (!quoted && c === sep) {
      fields.push(field);
      field = "";
    } else field += c;
  }
  fields.push(field);
  return fields;
}

const credentialColumn = new RegExp(
  String.raw`^(?:[\w\u00c0-\uffff .-]*?)?(?:${passwordWordSource}|passwd|pwd|pw|secret(?: access)?(?: key)?|secret_access_key|api[ _-]?key|access[ _-]?token|token|private[ _-]?key|client[ _-]?secret)$`,
  "i",
);

// A column of short codes: a PIN, a card code, a keypad's or a safe's code, or a code next to what it opens.
const codeColumn = new RegExp(`^[^\\d]{0,30}?(?:${pinWordSource}|${cardCodeWordSource}|${codeBearingSource}|${codeNounSource})[^\\d]{0,30}$`, "i");
const bareCodeColumn = new RegExp(`^[^\\d]{0,30}?(?:${codeNounSource})[^\\d]{0,30}$`, "i");
const cardCodeColumn = new RegExp(cardCodeWordSource, "i");
const accessObject = new RegExp(accessObjectSource, "i");
const shortCode = /^\d(?:[ -]?\d){2,15}[a-z#*]?$/i;

// A header line worth splitting: it holds a word a credential column could be named by.
const columnWord = new RegExp(`${passwordWordSource}|pwd|pw|secret|api|token|private`, "i");
// Or a word a code column could be named by.
const codeColumnWord = new RegExp(`${pinWordSource}|${cardCodeWordSource}|${codeBearingSource}|${codeNounSource}`, "i");

/** A short code under a code column (`card,PIN` / `Visa,4471`; `door,code` / `front,7719`: a code beside what it opens). */
function codeColumnCredential(names: readonly string[], rows: Iterable<readonly string[]>): string | undefined {
  const columns = names.flatMap((n, i) => (codeColumn.test(n.trim()) ? [i] : []));
  if (columns.length === 0) return undefined;
  for (const fields of rows) {
    if (fields.length !== names.length) continue;
    for (const i of columns) {
      const [name, value] = [(names[i] ?? "").trim(), (fields[i] ?? "").trim()];
      if (!shortCode.test(value) || value.replace(/\D/g, "").length < (cardCodeColumn.test(name) ? 3 : 4)) continue;
      // A code noun alone (`error code`, `zip code`) needs what it opens in the header or in the row.
      if (bareCodeColumn.test(name) && !pinOrKeypad.test(name) && !accessObject.test([...names, ...fields].join(" "))) continue;
      return `a code in the \`${name}\` column of a table`;
    }
  }
  return undefined;
}
const pinOrKeypad = new RegExp(`${pinWordSource}|${cardCodeWordSource}|${codeBearingSource}`, "i");

/**
 * The first literal value under a credential-named column of a parsed table (`names` its header row, `rows` the
 * rows below it): CSV and TSV exports, Markdown and HTML tables alike.
 */
function columnCredential(names: readonly string[], rows: Iterable<readonly string[]>): string | undefined {
  if (names.length < 2) return undefined;
  // A header is a few words: a sentence that mentions passwords is a line of prose split at its commas or tabs.
  const columns = names.flatMap((n, i) => (credentialColumn.test(n.trim()) && n.trim().split(/\s+/).length <= 4 ? [i] : []));
  if (columns.length === 0) return codeColumnCredential(names, rows);
  for (const fields of rows) {
    if (fields.length !== names.length) continue;
    for (const i of columns) {
      const value = (fields[i] ?? "").trim();
      // A password is rarely one plain lowercase word; a policy table's `required`, `yes`, `12 chars` are not passwords.
      const plainWord = /^[a-z]+$/.test(value) && value.length < 12;
      if (value.length >= 6 && !plainWord && !/\s/.test(value) && !/^(?:x+|\*+|-+|n\/?a|none|null|true|false)$/i.test(value)) {
        return `a value in the \`${(names[i] ?? "").trim()}\` column of a table`;
      }
    }
  }
  return undefined;
}

/**
 * A table whose header row names a credential column, with a literal value under it: browser and
 * password-manager exports (`name,url,username,password`), cloud-console key downloads (`Access key ID,Secret
 * access key`), spreadsheets of logins. Parsed row by row (CSV or TSV), not matched as text.
 */
function findCredentialColumn(text: string): string | undefined {
  const lines = text.split(/\r?\n/, 2_000);
  // A header's words are on its line: only lines the name and code-label gates let through can be one (line h of a
  // split at `\r?\n` is line h of a split at `\n`).
  const [named, coded] = [linesHolding(text, credentialNameGate), linesHolding(text, codeLabelGate)];
  for (const h of [...new Set([...named, ...coded])].sort((a, b) => a - b)) {
    if (h >= lines.length - 1) break;
    const header = lines[h] as string;
    const sep = header.includes("\t") ? "\t" : header.includes(",") ? "," : header.includes(";") ? ";" : undefined;
    if (sep === undefined || header.length > 2_000 || !((named.has(h) && columnWord.test(header)) || (coded.has(h) && codeColumnWord.test(header)))) continue;
    // Rows are split only once the header names a credential column (a generator: `columnCredential` asks first).
    const rows = (function* () {
      for (const row of lines.slice(h + 1, h + 200)) yield splitRow(row, sep);
    })();
    const found = columnCredential(splitRow(header, sep), rows);
    if (found !== undefined) return found;
  }
  return undefined;
}

const markdownTableDelimiter = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*\|/m;

/** The text of a Markdown node as a reader sees it (emphasis, code and links flattened). */
function nodeText(node: Nodes): string {
  if ("value" in node && typeof node.value === "string") return node.value;
  return "children" in node ? (node.children as Nodes[]).map(nodeText).join("") : "";
}

/** A Markdown (GFM) table with a credential column, parsed with the same Markdown parser the link filter uses. */
function findMarkdownTableCredential(text: string): string | undefined {
  if (!markdownTableDelimiter.test(text) || text.length > 1_000_000) return undefined;
  const tree = fromMarkdown().fromMarkdown(text, { extensions: [micromarkGfm().gfm()], mdastExtensions: [mdastGfm().gfmFromMarkdown()] });
  const stack: Nodes[] = [tree];
  for (let visited = 0; stack.length > 0 && visited < 100_000; visited++) {
    const node = stack.pop() as Nodes;
    if (node.type === "table") {
      const [header, ...rows] = node.children.map((row) => row.children.map(nodeText));
      const found = header === undefined ? undefined : columnCredential(header, rows);
      if (found !== undefined) return found;
    } else if ("children" in node) stack.push(...(node.children as Nodes[]));
  }
  return undefined;
}

// Attributes that name the value an element holds: `<entry key="db.password">`, `<param name="password">`,
// Android `<string name="api_password">`, `<setting id="pw">`.
const namingAttributes = new Set(["key", "name", "id", "property", "field", "param"]);
// Markup worth parsing: a table cell, or an attribute that names a credential.
const namingAttributeGate = new RegExp(String.raw`\b(?:key|name|id|property|field|param)\s*=\s*["']?[^"'>\s]*?(?:${passwordWordSource}|pwd|pw|pass|secret|token|api[_-]?key|apikey|credential|private[_-]?key)`, "i");
const credentialName = new RegExp(String.raw`${passwordWordSource}|passwd|pwd|(?:^|[_.:-])(?:pass|pw)$|secret|token|api[_-]?key|apikey|credential|private[_-]?key`, "i");

/**
 * Markup where the credential's name and its value are in different places (parsed with htmlparser2): an element
 * whose `key`/`name` attribute names a credential and whose text is the value (Java XML properties, Ant and Maven
 * parameters, Android string resources), an HTML table with a credential column.
 */
function findMarkupCredential(text: string): string | undefined {
  if (text.length > 1_000_000 || !(/<t[dh][\s>]/i.test(text) || namingAttributeGate.test(text))) return undefined;
  let form: string | undefined;
  const open: Array<{ named?: string; text: string }> = [];
  let table: string[][] | undefined;
  let row: string[] | undefined;
  let cell: string | undefined;
  const parser = new (htmlparser2().Parser)(
    {
      onopentag(tag, attributes) {
        const name = tag.toLowerCase();
        const named = Object.entries(attributes).find(([k, v]) => namingAttributes.has(k.toLowerCase()) && credentialName.test(v))?.[1];
        open.push(named === undefined ? { text: "" } : { named, text: "" });
        if (name === "table") table = [];
        else if (name === "tr") row = [];
        else if (name === "td" || name === "th") cell = "";
      },
      ontext(data) {
        const top = open.at(-1);
        if (top !== undefined) top.text += data;
        if (cell !== undefined) cell += data;
      },
      onclosetag(tag) {
        const name = tag.toLowerCase();
        const element = open.pop();
        if (form === undefined && element?.named !== undefined) {
          const value = element.text.trim();
          if (value.length >= 4 && value.length <= 200 && !/\s/.test(value) && /[a-z]/i.test(value) && /[\d\W_]/.test(value) && !/^[$%{<]/.test(value)) {
            form = `a value for \`${element.named}\` in markup`;
          }
        }
        if ((name === "td" || name === "th") && cell !== undefined) {
          row?.push(cell.trim());
          cell = undefined;
        } else if (name === "tr" && row !== undefined) {
          table?.push(row);
          row = undefined;
        } else if (name === "table" && table !== undefined) {
          const [header, ...rows] = table;
          form ??= header === undefined ? undefined : columnCredential(header, rows);
          table = undefined;
        }
      },
    },
    // XML unless it reads as HTML: in HTML `<param>` is a void element and would lose its text.
    { xmlMode: !/<(?:html|body|div|p|table|td)\b/i.test(text), decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.end(text);
  return form;
}

// `hostname:port:database:username:password`, the PostgreSQL password file's line format.
const pgpassLine = /^[^\s:#][^\s:]*:(?:\d{1,5}|\*):[^\s:]+:[^\s:]+:(\S{4,200})$/gm;
// `CREATE USER … IDENTIFIED BY 'pw'`, `… WITH [ENCRYPTED] PASSWORD 'pw'`, `SET PASSWORD … = PASSWORD('pw')`.
const sqlPassword = /\b(?:identified\s+(?:with\s+\w+\s+)?by(?:\s+password)?|(?:with|encrypted|unencrypted)\s+password|password\s*\(|password\s+for\s+\S+\s*=)\s*["'`]([^"'`\n]{4,200})["'`]/gi;
// wpa_supplicant `psk="…"`, NetworkManager `psk=…`, hostapd `wpa_passphrase=…`, iwd `Passphrase=…`.
const wifiKey = /^[ \t]*(?:psk|wpa_passphrase|wpa-psk|passphrase|sae_password|wep_key\d)[ \t]*=[ \t]*"?([^"\n]{8,200})"?[ \t]*$/gim;
// A container registry's `"auth": "<base64 of user:password>"` (docker and podman config files).
const registryAuth = /["']?(?:auth|identitytoken)["']?\s*:\s*["']([A-Za-z0-9+/=._-]{12,4096})["']/gi;

function findRegistryAuth(text: string): string | undefined {
  for (const m of text.matchAll(registryAuth)) {
    const raw = m[1] ?? "";
    const decoded = Buffer.from(raw, "base64").toString("utf8");
    if (/^[^\s:]{1,200}:\S{4,}$/.test(decoded)) return "registry credentials (a base64 `user:password`)";
    if (/^eyJ/.test(raw)) return "a registry identity token";
  }
  return undefined;
}

// `user:$apr1$salt$hash`, `user:$6$…`, `user:{SHA}…`: htpasswd and shadow lines hold crackable password hashes.
const passwordHashLine = /^[^\s:#]{1,64}:(?:\$(?:apr1|1|2[abxy]?|5|6|y|gy|7|argon2i|argon2id|scrypt|pbkdf2[\w-]*)\$[^\s:]{8,}|\{(?:SHA|SSHA|SHA256|SSHA512)\}[A-Za-z0-9+/=]{20,})/m;
// A line of notes that is just "who / what": `router admin / Xk9plumOrbit42zz`, `wifi | Tr0ub4dor-3`.
const userSlashPassword = /^[ \t]*[\w.@-]+(?:[ \t]+[\w.@-]+){0,3}[ \t]+[/|][ \t]+(\S{8,64})[ \t]*$/gm;
const credentialKey = new RegExp(
  String.raw`^(?:[\w\u00c0-\uffff-]*[_-])?(?:${passwordWordSource}|passwd|pwd|pass|secret|token|credentials?|auth|api[_-]?key|apikey|private[_-]?key|client[_-]?secret)s?$`,
  "i",
);
// A mapping that names its value in a sibling field: `{name: DB_PASSWORD, value: …}` (Kubernetes env, Ansible,
// Terraform variables), `{key: password, value: …}`, `{role: password, value: …}`.
const pairNameFields = ["name", "key", "id", "role", "type", "field", "label"];
const pairValueFields = ["value", "val", "secret", "data", "content"];

/** A credential-like string: one token, or a generated password broken over lines (a YAML folded scalar). */
function credentialValue(value: string): boolean {
  return credentialShaped(value, 8) || (/\s/.test(value) && value.length <= 400 && generatedPassword(value.replace(/\s+/g, "")));
}

/**
 * A parsed document (JSON, YAML) with a string value anywhere below a credential-named key (`{"db": {"credentials":
 * {"value": "…"}}}`), or in a mapping whose name field says credential; walked, bounded.
 */
function treeCredential(doc: unknown, format: string): string | undefined {
  const stack: Array<{ value: unknown; under?: string }> = [{ value: doc }];
  for (let visited = 0; stack.length > 0 && visited < 100_000; visited++) {
    const { value, under } = stack.pop() as { value: unknown; under?: string };
    if (typeof value === "string") {
      if (under !== undefined && credentialValue(value)) return `a value under \`${under}\` in a ${format} document`;
    } else if (Array.isArray(value)) {
      for (const v of value) stack.push({ value: v, ...(under === undefined ? {} : { under }) });
    } else if (value !== null && typeof value === "object") {
      const record = value as Record<string, unknown>;
      const pairName = pairNameFields.map((f) => record[f]).find((n): n is string => typeof n === "string" && credentialKey.test(n));
      if (pairName !== undefined) {
        const paired = pairValueFields.map((f) => record[f]).find((v): v is string => typeof v === "string" && credentialValue(v));
        if (paired !== undefined) return `a value paired with \`${pairName}\` in a ${format} document`;
      }
      for (const [k, v] of Object.entries(record)) {
        const named = under ?? (credentialKey.test(k) ? k : undefined);
        stack.push({ value: v, ...(named === undefined ? {} : { under: named }) });
      }
    }
  }
  return undefined;
}

/** A JSON document with a credential below a credential-named key; only for text that is one JSON value. */
function findJsonCredential(text: string): string | undefined {
  const t = text.trim();
  if (t.length > 1_000_000 || !/^[[{]/.test(t)) return undefined;
  try {
    return treeCredential(JSON.parse(t), "JSON");
  } catch {
    return undefined;
  }
}

// YAML whose value is not on the credential key's line: an anchor merged or aliased in (`<<: *base`, `*pw`), a
// block scalar (`password: >-` with the value folded over lines below), a mapping that names its value in a
// sibling (`- name: DB_PASSWORD` / `value: …`). Plain `key: value` lines are the assignment rule's; only these
// shapes are parsed.
const yamlIndirection = /^[ \t-]*(?:<<[ \t]*:[ \t]*\*|[^\n#:]+:[ \t]*(?:\*[\w-]+|[>|][-+]?\d?)[ \t]*(?:#.*)?$|(?:name|key|id|role)[ \t]*:[ \t]*\S)/m;

function findYamlCredential(text: string): string | undefined {
  if (text.length > 200_000 || !yamlIndirection.test(text)) return undefined;
  let doc: unknown;
  try {
    doc = yaml().parse(text, { merge: true, maxAliasCount: 100, uniqueKeys: false, prettyErrors: false });
  } catch {
    return undefined;
  }
  return treeCredential(doc, "YAML");
}

/**
 * Letters of both cases with digits and no word-like run (five letters of one case in a row: `Report2024`,
 * `getUtf8String`), not a file name (`IMG_2024Photo.JPG`), a path or a URL: what a generated password looks like.
 */
function generatedPassword(word: string): boolean {
  return /[a-z]/.test(word) && /[A-Z]/.test(word) && /\d/.test(word) && !/[a-z]{5}|[A-Z]{5}/.test(word) && !/[/=]/.test(word) && !/\.[A-Za-z0-9]{1,5}$/.test(word);
}

// URL parameters that carry a credential: signatures of signed URLs (Azure SAS `sig`, S3 and GCS signatures),
// tokens, keys, passwords, and the `secret` of an `otpauth://` (TOTP) URI.
const credentialParam = /^(?:sig|signature|x-amz-signature|x-goog-signature|x-amz-security-token|secret|client_secret|token|access_token|refresh_token|id_token|auth|api[_-]?key|apikey|key|password|passwd|pwd|pass|pw)$/i;
// Password-named parameters: a shorter value counts (a password is not a 16-character signature).
const passwordParam = new RegExp(String.raw`^(?:${passwordWordSource}|passwd|pwd|pass|pw)$`, "i");
const urlCandidate = /\b[a-z][a-z0-9+.-]{1,20}:\/\/?[^\s"'<>`]+/gi;
/** Lines that can hold a URL: a URL has no white space, so it is on a line with its `:/`. */
export const urlLineGate = literalGate([":/"]);

function findUrlCredential(text: string): string | undefined {
  for (const m of textOfLinesHolding(text, urlLineGate).matchAll(urlCandidate)) {
    let url: URL;
    try {
      url = new URL(m[0]);
    } catch {
      continue;
    }
    // The fragment too: single-page apps read `#pw=…` and `#access_token=…` there (it never reaches the server's logs).
    const fragment = url.hash.includes("=") ? new URLSearchParams(url.hash.slice(1)) : [];
    for (const [name, value] of [...url.searchParams, ...fragment]) {
      if (/\s/.test(value) || !/[a-z]/i.test(value) || !/\d/.test(value)) continue;
      if ((credentialParam.test(name) && value.length >= 16) || (passwordParam.test(name) && value.length >= 6)) return `a credential in a URL's \`${name}\` parameter`;
    }
    // A webhook's token is a path segment: `/api/webhooks/<id>/<token>`, `/services/T…/B…/<token>`.
    const segments = url.pathname.split("/");
    const hook = segments.findIndex((s) => /^(?:webhooks?|hooks|services)$/i.test(s));
    if (hook >= 0 && segments.slice(hook + 1).some((s) => credentialShaped(s, 20))) return "a webhook URL (its path holds the token)";
  }
  return undefined;
}

// A flag token: `-p`, `--pass`, `/p:`, `/pass:` (Windows tools).
const flagToken = /^(?:--?[A-Za-z][\w-]*|\/[A-Za-z]+:)/;

/**
 * A password-shaped argument on a command line: a token of twelve or more characters mixing upper case, lower
 * case and digits (what generated passwords look like; identifiers and hashes rarely are all three), on a line
 * that passes flags, given after a flag (`-w X`, `-pX`, `/p:X`, `-U bob%X`) or as an argument of its own.
 */
function findCommandLinePassword(text: string): string | undefined {
  for (const line of text.split("\n", 5_000)) {
    // A flag starts with `-` or `/`, and a generated password holds a digit: a line without both is not split.
    if (line.length > 2_000 || !/\d/.test(line) || !/[-/]/.test(line)) continue;
    const tokens = line.trim().split(/\s+/).map((t) => t.replace(/^["'(]+|["'),;]+$/g, ""));
    if (tokens.length < 2 || !tokens.some((t) => flagToken.test(t))) continue;
    for (const token of tokens) {
      const value = token.replace(/^(?:-[A-Za-z]|\/[A-Za-z]+:)(?=\S{12})/, "").replace(/^[^%:@/]*[%:](?=\S{12}$)/, "");
      if (generatedPassword(value) && value.length >= 12) return "a password on a command line";
    }
  }
  return undefined;
}

// Seed and recovery phrases, recovery codes, wallet keys: named by the text, then given (the phrase and the codes are
// the first group of each: the workspace index keeps them, credential-values.ts).
export const seedPhrase = /\b(?:seed|recovery|mnemonic|backup|secret)\s+(?:phrase|words)\b[^\n]{0,20}?[:\n]\s*((?:\d{1,2}[.)]?\s+)?[a-z]{3,8}(?:[\s,]+(?:\d{1,2}[.)]?\s+)?[a-z]{3,8}){11,23})\b/i;
// Recovery or backup codes, a list under their label (English, German, French, Spanish, Italian, Dutch, Portuguese,
// Scandinavian): each code one or two groups (`8391 2204`, `ab12-cd34`).
export const recoveryCodes = /(?:\b(?:recovery|backup)[\s-]+codes?|backup-?codes|wiederherstellungs-?codes|sicherungs-?codes|notfall-?codes|codes? de (?:secours|récupération|sauvegarde)|c[oó]digos? de (?:respaldo|recuperaci[oó]n|seguridad|backup|reserva)|codici di (?:backup|recupero|riserva)|(?:herstel|back-?up|reserve)-?codes|reservekoder|reservkoder|varmuuskoodit)\b[^\n]{0,40}\n((?:[ \t*•-]*[a-z0-9]{4,10}(?:[- ][a-z0-9]{4,10})?[ \t]*(?:\n|$)){2,})/iu;
// A private key's PEM armour: the header alone says what follows (a key cut short, or base64 of one).
const privateKeyHeader = /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/;
const walletKey = /\b(?:private\s+key|wallet|metamask|ethereum|eth|bitcoin|btc|account\s+\d+)\b[^\n]{0,40}?\b(?:0x)?([0-9a-fA-F]{64})\b/i;
/** A Base58Check string whose checksum holds and whose version byte says private key (WIF, or a BIP32 `xprv`/`tprv`). */
function base58PrivateKey(token: string): boolean {
  const body = base58CheckPayload(token);
  if (body === undefined || body.length < 33) return false;
  return body[0] === 0x80 || body.subarray(0, 4).equals(Buffer.from([0x04, 0x88, 0xad, 0xe4])) || body.subarray(0, 4).equals(Buffer.from([0x04, 0x35, 0x83, 0x94]));
}

function findWalletSecret(text: string): string | undefined {
  if (seedPhrase.test(text)) return "a wallet seed or recovery phrase";
  if (recoveryCodes.test(text)) return "recovery codes";
  if (walletKey.test(text)) return "a wallet private key";
  for (const m of text.matchAll(/\b[5KLxt9c][1-9A-HJ-NP-Za-km-z]{50,111}\b/g)) if (base58PrivateKey(m[0])) return "a wallet private key (Base58Check)";
  return undefined;
}

// Credentials in other shapes: `auth=("bob", "…")` in code, `send "…\r"` in expect scripts, a Wi-Fi QR payload
// (`WIFI:T:WPA;S:net;P:…;;`), KeePass XML (`<Key>Password</Key><Value>…`), PuTTY key files, space-separated
// config lines (`bindpw …`, `rootpw …`), a curl cookie (`-b 'session=…'`).
const otherForms: ReadonlyArray<{ re: RegExp; what: string; min?: number }> = [
  { re: /\bauth\s*=\s*\(\s*["'][^"'\n]{1,100}["']\s*,\s*["']([^"'\n]{6,200})["']\s*\)/g, what: "a password in an `auth=(user, password)` pair" },
  { re: /^\s*send\s+(?:--\s+)?"([^"\n]{6,200}?)\\r"/gm, what: "a password sent by an expect script" },
  { re: /\bWIFI:(?:[^;\n]*;)*?P:((?:\\.|[^;\\\n]){6,200});/g, what: "a Wi-Fi key (a QR payload)" },
  { re: /<Key>\s*(?:Password|PIN|Passphrase)\s*<\/Key>\s*<Value[^>]*>([^<]{4,200})<\/Value>/gi, what: "a password in a KeePass export" },
  { re: /^PuTTY-User-Key-File-\d+:[^\n]*\n(?:[^\n]*\n)*?Private-Lines:\s*\d+\s*\n(\S+)/gm, what: "a PuTTY private key" },
  { re: new RegExp(String.raw`^[ \t]*(?:[\w\u00c0-\uffff]*(?:pw|passwd|${passwordWordSource}|secret|pass))[ \t]+(\S{6,200})[ \t]*$`, "gim"), what: "a password in a configuration line", min: 1 },
  // SNMP community strings: `snmp-server community … RO|RW` (Cisco, Arista), `rocommunity …` (net-snmp), `community: …`.
  { re: /^[ \t]*(?:snmp-server[ \t]+community|[rw]o(?:user|community)6?|community(?:[_-]?string)?[ \t]*[:=])[ \t]+["']?((?!public\b|private\b)[^\s"']{6,200})/gim, what: "an SNMP community string" },
  // A Tailscale key (`tskey-auth-…`, `tskey-client-…`, `tskey-api-…`): no gitleaks rule names it.
  { re: /\btskey-(?:auth|client|api|scim|webhook)-[A-Za-z0-9]{6,}-([A-Za-z0-9]{16,})\b/g, what: "a Tailscale key" },
  { re: /(?:^|\s)(?:-b|--cookie)\s+["']?[\w.-]+=([^\s;"']{16,})/g, what: "a session cookie on a command line" },
];

function findOtherForm(text: string): string | undefined {
  for (const { re, what, min } of otherForms) {
    for (const m of text.matchAll(re)) {
      const v = m[1] ?? "";
      if (/^[$%{<]/.test(v)) continue;
      // A bare configuration word needs a digit or a symbol (`rootpw changeme` is a placeholder, `bindpw secret` a word).
      if (min !== undefined && !/[\d\W_]/.test(v)) continue;
      return what;
    }
  }
  return undefined;
}

const base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32 (what TOTP secrets and some exports use); undefined when a character is not in the alphabet. */
function base32Bytes(text: string): Buffer | undefined {
  const out: number[] = [];
  let [bits, value] = [0, 0];
  for (const c of text.replace(/=+$/, "")) {
    const digit = base32Alphabet.indexOf(c);
    if (digit < 0) return undefined;
    value = ((value << 5) | digit) & 0x1fff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** ROT13 of the ASCII letters, other UTF-16 units kept (a loop over char codes: a callback per letter was 8% of the labeller's time on the bench's texts). */
function rot13(text: string): string {
  const units = Buffer.allocUnsafe(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const base = c >= 65 && c <= 90 ? 65 : c >= 97 && c <= 122 ? 97 : -1;
    units.writeUInt16LE(base < 0 ? c : ((c - base + 13) % 26) + base, i * 2);
  }
  return units.toString("utf16le");
}

/** The printable start of decoded bytes: random bytes decode to control characters and U+FFFD (a PEM file's armour is text, its DER body not). */
function printableStart(bytes: Buffer): string {
  return bytes.toString("utf8").split(/[\u0000-\u0008\u000e-\u001f\ufffd]/, 1)[0] ?? "";
}

/** One layer of encoded text in `text`: base64, hex and base32 runs that decode to printable text, and rot13 when the text names it. */
function decodeOnce(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{24,}={0,2}/g)) out.push(printableStart(Buffer.from(m[0], "base64")));
  for (const m of text.matchAll(/\b(?:[0-9a-fA-F]{2}){12,}\b/g)) out.push(printableStart(Buffer.from(m[0], "hex")));
  for (const m of text.matchAll(/\b[A-Z2-7]{16,}={0,6}(?![\w=])/g)) out.push(printableStart(base32Bytes(m[0]) ?? Buffer.alloc(0)));
  if (/\brot-?13\b/i.test(text)) out.push(rot13(text));
  return out.filter((d) => d.length >= 12);
}

/**
 * Text hidden in an encoding (a Kubernetes `client-key-data:` holding a PEM key, `CONFIG_BLOB=` holding an env line,
 * a password in hex or base32, base64 inside JSON inside base64): each run of base64, hex or base32 that decodes to
 * printable UTF-8, and what that decodes to in turn (two layers), at most `limit` of them, for the labeller to look
 * at as it looks at the text itself.
 */
export function decodedPayloads(text: string, limit = 16): string[] {
  const out: string[] = [];
  for (const decoded of decodeOnce(text)) {
    if (out.length >= limit) break;
    out.push(decoded);
    for (const inner of decodeOnce(decoded)) if (out.length < limit && inner !== decoded) out.push(inner);
  }
  return out.slice(0, limit);
}

/** A value that looks like a generated password on its own (both cases, digits, no word in it), twelve characters or more. */
export function passwordShaped(value: string): boolean {
  return value.length >= 12 && value.length <= 200 && !/\s/.test(value) && generatedPassword(value);
}

// A comment that keeps an old or alternative value: `# old one, still valid on the replica: Xk9…`. The value must
// look generated (both cases and digits, no word in it): a comment's ordinary `: v1.2.3` or `: TODO` does not.
const commentedValue = /^[ \t]*(?:#|;|\/\/|--|<!--|%)[^\n]{0,120}?[:=][ \t]*["'`]?(\S{12,64}?)["'`]?[ \t]*(?:-->)?[ \t]*$/gm;

function findCommentedValue(text: string): string | undefined {
  for (const m of text.matchAll(commentedValue)) if (generatedPassword(m[1] ?? "")) return "a password-shaped value kept in a comment";
  return undefined;
}

/**
 * A file that is only a user name and a password on two lines: OpenVPN's `auth-user-pass` file, `--password-file`
 * pairs. The second line must look like a password (generated, or with symbols), not like a word or a version.
 */
function findUserPasswordFile(text: string): string | undefined {
  const lines = text.trim().split(/\r?\n/);
  if (lines.length !== 2) return undefined;
  const [user, password] = lines.map((l) => l.trim()) as [string, string];
  if (!/^[\w.@+-]{1,40}$/.test(user) || /\s/.test(password) || password.length < 8 || password.length > 200) return undefined;
  const symbols = /[a-z]/i.test(password) && /\d/.test(password) && /[!#$%^&*+=?~|]/.test(password);
  return generatedPassword(password) || symbols ? "a user name and a password (an auth-user-pass file)" : undefined;
}

// Elements whose text labels what follows (a definition term, a header cell, a form label) and elements that end a line.
const labelElements = new Set(["dt", "th", "label", "legend", "summary", "caption"]);
const lineElements = new Set(["br", "p", "div", "li", "dd", "tr", "td", "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "pre", "hr"]);
// Read as text only when an element labels another: a definition term, a header cell, a form label.
const labelMarkup = /<\/(?:dt|th|label|legend|summary|caption)\s*>/i;

/**
 * HTML as a reader sees it, one line per block and a colon after a label (`<dt>Bank password</dt><dd>…</dd>` reads
 * `Bank password: …`), for the forms that read lines of notes; undefined when the text has no such markup.
 */
export function markupAsText(text: string): string | undefined {
  if (text.length > 1_000_000 || !labelMarkup.test(text)) return undefined;
  let out = "";
  const parser = new (htmlparser2().Parser)(
    {
      ontext(data) {
        out += data;
      },
      onclosetag(tag) {
        const name = tag.toLowerCase();
        if (labelElements.has(name)) out += ": ";
        else if (lineElements.has(name)) out += "\n";
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.end(text);
  // A `<` decoded from `&lt;` is text, not markup to read again.
  return out.replace(/</g, " ");
}

/** The first credential form found in `text`, named for the owner; undefined when there is none. */
export function findCredentialForm(text: string): string | undefined {
  if (privateKeyHeader.test(text)) return "a private key (its PEM header)";
  const key = findKeyBody(text);
  if (key !== undefined) return key;
  const cookie = findCookie(text);
  if (cookie !== undefined) return cookie;
  // The parsers that see a credential's name and value apart run only when a credential word is in the text.
  const named = mentionsCredentialWord(text);
  const column = named ? (findCredentialColumn(text) ?? findMarkdownTableCredential(text) ?? findMarkupCredential(text) ?? findYamlCredential(text)) : undefined;
  if (column !== undefined) return column;
  for (const m of text.matchAll(pgpassLine)) if ((m[1] ?? "") !== "*") return "a password in a `.pgpass` line";
  for (const m of text.matchAll(sqlPassword)) if (!/^[$%{<?:]/.test(m[1] ?? "")) return "a password set in SQL";
  for (const m of text.matchAll(wifiKey)) if (!/^[$%{<]/.test(m[1] ?? "")) return "a Wi-Fi key";
  if (passwordHashLine.test(text)) return "a password hash (an htpasswd or shadow line)";
  for (const m of text.matchAll(userSlashPassword)) if (generatedPassword(m[1] ?? "")) return "a password in a `who / password` line";
  return findRegistryAuth(text) ?? findJsonCredential(text) ?? findUrlCredential(text) ?? findOtherForm(text) ?? findWalletSecret(text) ?? findCommandLinePassword(text) ??
    findCommentedValue(text) ?? findUserPasswordFile(text);
}
