/**
 * Credentials in the shapes that carry no credential-named assignment and no vendor prefix, so neither the
 * gitleaks rules nor the assignment rules see them: a private key's body without its PEM armour, session
 * cookies, a table whose header names a password column (password-manager and cloud-console exports),
 * `.pgpass` lines, SQL that sets a password, Wi-Fi pre-shared keys, registry `auth` blobs. Each finder parses
 * the form it names and says which form it found, never the value.
 */

const base64Run = /[A-Za-z0-9+/]{40,}={0,2}(?:\r?\n[ \t]*[A-Za-z0-9+/]{4,}={0,2})*/g;

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

const credentialColumn = /^(?:[\w .-]*\b)?(?:password|passwd|passphrase|pwd|secret(?: access)?(?: key)?|secret_access_key|api[ _-]?key|access[ _-]?token|token|private[ _-]?key|client[ _-]?secret)$/i;

const credentialWord = /password|passwd|passphrase|pwd|secret|api[ _-]?key|token|private[ _-]?key/i;

/**
 * A table whose header row names a credential column, with a literal value under it: browser and
 * password-manager exports (`name,url,username,password`), cloud-console key downloads (`Access key ID,Secret
 * access key`), spreadsheets of logins. Parsed row by row (CSV or TSV), not matched as text.
 */
function findCredentialColumn(text: string): string | undefined {
  const lines = text.split(/\r?\n/, 2_000);
  for (let h = 0; h < lines.length - 1; h++) {
    const header = lines[h] as string;
    if (!credentialWord.test(header)) continue;
    const sep = header.includes("\t") ? "\t" : header.includes(",") ? "," : header.includes(";") ? ";" : undefined;
    if (sep === undefined) continue;
    const names = splitRow(header, sep).map((n) => n.trim());
    const columns = names.flatMap((n, i) => (credentialColumn.test(n) ? [i] : []));
    if (columns.length === 0 || names.length < 2) continue;
    for (const row of lines.slice(h + 1, h + 200)) {
      const fields = splitRow(row, sep);
      if (fields.length !== names.length) continue;
      for (const i of columns) {
        const value = (fields[i] ?? "").trim();
        // A password is rarely one plain lowercase word; a policy table's `required`, `yes`, `12 chars` are not passwords.
        const plainWord = /^[a-z]+$/.test(value) && value.length < 12;
        if (value.length >= 6 && !plainWord && !/\s/.test(value) && !/^(?:x+|\*+|-+|n\/?a|none|null|true|false)$/i.test(value)) {
          return `a value in the \`${names[i] ?? ""}\` column of a table`;
        }
      }
    }
  }
  return undefined;
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
const credentialKey = /^(?:[\w-]*[_-])?(?:password|passwd|passphrase|pwd|pass|secret|token|credentials?|auth|api[_-]?key|apikey|private[_-]?key|client[_-]?secret)s?$/i;

/**
 * A JSON document with a string value anywhere below a credential-named key (`{"db": {"credentials":
 * {"value": "…"}}}`), found by parsing rather than by matching the text. Only for text that is one JSON value.
 */
function findJsonCredential(text: string): string | undefined {
  const t = text.trim();
  if (t.length > 1_000_000 || !/^[[{]/.test(t)) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(t);
  } catch {
    return undefined;
  }
  const stack: Array<{ value: unknown; under?: string }> = [{ value: doc }];
  for (let visited = 0; stack.length > 0 && visited < 100_000; visited++) {
    const { value, under } = stack.pop() as { value: unknown; under?: string };
    if (typeof value === "string") {
      if (under !== undefined && credentialShaped(value, 8)) return `a value under \`${under}\` in a JSON document`;
    } else if (Array.isArray(value)) {
      for (const v of value) stack.push({ value: v, ...(under === undefined ? {} : { under }) });
    } else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        const named = under ?? (credentialKey.test(k) ? k : undefined);
        stack.push({ value: v, ...(named === undefined ? {} : { under: named }) });
      }
    }
  }
  return undefined;
}

/** Letters of both cases with digits: what a generated password looks like, and few ordinary words do. */
function generatedPassword(word: string): boolean {
  return /[a-z]/.test(word) && /[A-Z]/.test(word) && /\d/.test(word) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(word) && !word.includes("/");
}

/** The first credential form found in `text`, named for the owner; undefined when there is none. */
export function findCredentialForm(text: string): string | undefined {
  const key = findKeyBody(text);
  if (key !== undefined) return key;
  const cookie = findCookie(text);
  if (cookie !== undefined) return cookie;
  const column = findCredentialColumn(text);
  if (column !== undefined) return column;
  for (const m of text.matchAll(pgpassLine)) if ((m[1] ?? "") !== "*") return "a password in a `.pgpass` line";
  for (const m of text.matchAll(sqlPassword)) if (!/^[$%{<?:]/.test(m[1] ?? "")) return "a password set in SQL";
  for (const m of text.matchAll(wifiKey)) if (!/^[$%{<]/.test(m[1] ?? "")) return "a Wi-Fi key";
  if (passwordHashLine.test(text)) return "a password hash (an htpasswd or shadow line)";
  for (const m of text.matchAll(userSlashPassword)) if (generatedPassword(m[1] ?? "")) return "a password in a `who / password` line";
  return findRegistryAuth(text) ?? findJsonCredential(text);
}
