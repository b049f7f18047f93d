/** How a known secret value appeared in a text. */
export type SecretEncoding = "plain" | "url" | "base64" | "base64url" | "hex" | "fragment";

/** A secret value the gateway knows (env credential, gateway token, system prompt), with a label. */
export type KnownSecret = { name: string; value: string };

/** Where a known secret was found. It must never carry the value itself. */
export type KnownSecretHit = { name: string; encoding: SecretEncoding; start: number; end: number };

type Needle = { name: string; encoding: SecretEncoding; text: string; caseInsensitive: boolean };

/** Values shorter than this are not tracked: they would match ordinary text. */
export const minKnownSecretLength = 6;
const fragmentWindow = 48;
const fragmentStride = 24;
const minEncodedCore = 8;

/**
 * The base64 text of `value` as it would appear inside a larger base64 blob, for each of the three byte
 * alignments: only the characters that depend on the value alone are kept.
 */
function base64Cores(value: Buffer): string[] {
  const cores: string[] = [];
  for (let k = 0; k < 3; k++) {
    const encoded = Buffer.concat([Buffer.alloc(k), value]).toString("base64");
    const first = Math.ceil((8 * k) / 6);
    const last = Math.floor((8 * (k + value.length)) / 6);
    const core = encoded.slice(first, last);
    if (core.length >= minEncodedCore) cores.push(core);
  }
  return cores;
}

function buildNeedles(secret: KnownSecret): Needle[] {
  const { name, value } = secret;
  if (value.length < minKnownSecretLength) return [];
  const bytes = Buffer.from(value, "utf8");
  const needles: Needle[] = [{ name, encoding: "plain", text: value, caseInsensitive: false }];
  const url = encodeURIComponent(value);
  if (url !== value) needles.push({ name, encoding: "url", text: url, caseInsensitive: true });
  const formUrl = url.replace(/%20/g, "+");
  if (formUrl !== url) needles.push({ name, encoding: "url", text: formUrl, caseInsensitive: true });
  for (const core of base64Cores(bytes)) {
    needles.push({ name, encoding: "base64", text: core, caseInsensitive: false });
    const urlSafe = core.replace(/\+/g, "-").replace(/\//g, "_");
    if (urlSafe !== core) needles.push({ name, encoding: "base64url", text: urlSafe, caseInsensitive: false });
  }
  needles.push({ name, encoding: "hex", text: bytes.toString("hex"), caseInsensitive: true });
  // Long values (a system prompt) leak in pieces: any verbatim window counts.
  if (value.length > fragmentWindow * 2) {
    for (let i = 0; i + fragmentWindow <= value.length; i += fragmentStride) {
      const piece = value.slice(i, i + fragmentWindow);
      if (piece.trim().length === fragmentWindow) needles.push({ name, encoding: "fragment", text: piece, caseInsensitive: false });
    }
  }
  return needles;
}

/** A set of known secret values and their encodings. Must never expose a value through its results. */
export type KnownSecretIndex = {
  add(secret: KnownSecret): void;
  /** Every occurrence, in text order, longest first at equal starts. */
  findAll(text: string): KnownSecretHit[];
  size(): number;
};

/** Builds the index; values are kept only in memory, inside this closure. */
export function createKnownSecretIndex(initial: readonly KnownSecret[] = []): KnownSecretIndex {
  const needles: Needle[] = [];
  const seen = new Set<string>();
  const add = (secret: KnownSecret): void => {
    if (seen.has(secret.value)) return;
    seen.add(secret.value);
    needles.push(...buildNeedles(secret));
  };
  for (const s of initial) add(s);
  return {
    add,
    size: () => seen.size,
    findAll(text) {
      const hits = searchNeedles(needles, text);
      // INVARIANT: a value with invisible characters slipped between its letters is still the value.
      if (formatChar.test(text)) {
        const { stripped, origin } = stripFormatChars(text);
        for (const h of searchNeedles(needles, stripped)) {
          const start = origin[h.start] ?? 0;
          const end = (origin[h.end - 1] ?? start) + 1;
          if (!hits.some((k) => k.start === start && k.end === end)) hits.push({ ...h, start, end });
        }
        hits.sort((a, b) => a.start - b.start || b.end - a.end);
      }
      return hits;
    },
  };
}

const formatChar = /\p{Cf}/u;

function stripFormatChars(text: string): { stripped: string; origin: number[] } {
  let stripped = "";
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? "";
    const code = text.charCodeAt(i);
    // Surrogate pairs (tag characters are astral) are tested as one code point.
    const cp = code >= 0xd800 && code <= 0xdbff ? text.slice(i, i + 2) : ch;
    if (formatChar.test(cp)) {
      i += cp.length - 1;
      continue;
    }
    stripped += ch;
    origin.push(i);
  }
  return { stripped, origin };
}

function searchNeedles(needles: readonly Needle[], text: string): KnownSecretHit[] {
  const hits: KnownSecretHit[] = [];
  let lower: string | undefined;
  for (const needle of needles) {
    const haystack = needle.caseInsensitive ? (lower ??= text.toLowerCase()) : text;
    const target = needle.caseInsensitive ? needle.text.toLowerCase() : needle.text;
    // toLowerCase can change lengths outside ASCII; fall back to case-sensitive search then.
    const safeHaystack = haystack.length === text.length ? haystack : text;
    let from = 0;
    for (let guard = 0; guard < 100_000; guard++) {
      const at = safeHaystack.indexOf(target, from);
      if (at === -1) break;
      hits.push({ name: needle.name, encoding: needle.encoding, start: at, end: at + target.length });
      from = at + target.length;
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  return hits;
}

// Names that hold settings about credentials rather than credentials (`*_FILE`, `*_MODE`, …).
export const settingName = /_(?:FILE|PATH|DIR|MODE|ENABLED|DISABLED|TYPE|METHOD|HOST|PORT|USER|USERNAME|REGION|ID)$/i;
const secretEnvName = /(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASS|PWD|CREDENTIALS?|AUTH|COOKIE|SESSION|PRIVATE|DSN|DATABASE_URL|CONN(?:ECTION)?_STRING)/i;

// Names a credential word is part of that hold where things are, set by the shell or the desktop session: the working
// directories (`PWD` is no password), the X cookie's file, the agent's and the bus's sockets.
const LocationNames = new Set(["PWD", "OLDPWD", "XAUTHORITY", "SSH_AUTH_SOCK", "GPG_AGENT_INFO", "DBUS_SESSION_BUS_ADDRESS", "XDG_SESSION_ID", "XDG_SESSION_TYPE", "XDG_SESSION_CLASS", "XDG_SESSION_DESKTOP"]);

/**
 * A value that is a place, not a secret: an absolute file path (`/home/ana/.config/gcloud/key.json` names the file
 * that holds a credential; the scanner reads that file's content as a secret when it is read) or a socket address.
 */
function isLocation(value: string): boolean {
  return /^(?:unix:(?:path|abstract)=)?\/[\w.@+~-]+(?:\/[\w.@+~-]*)*(?:,[\w=.-]+)*$/u.test(value);
}

/**
 * The environment values worth registering as known secrets: variables whose name says credential
 * (`*_API_KEY`, `*_TOKEN`, `*_SECRET*`, `*PASSWORD*`, …) and whose value is long enough to be told apart
 * from ordinary words. Takes the environment as an argument; never reads `process.env` itself.
 */
export function knownSecretsFromEnv(env: Readonly<Record<string, string | undefined>>): KnownSecret[] {
  const out: KnownSecret[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || value.length < Math.max(minKnownSecretLength, 8)) continue;
    if (!secretEnvName.test(name) || settingName.test(name) || LocationNames.has(name.toUpperCase()) || isLocation(value)) continue;
    // A short plain word (`AUTH_MODE=password`) is a setting, not a secret; labelling it would flag every
    // text that uses the word. Long values, or values with digits or symbols, are kept.
    if (value.length < 16 && /^[a-z]+$/i.test(value)) continue;
    out.push({ name: `env:${name}`, value });
  }
  return out;
}
