/**
 * Finds labelled data inside text bound outward, also when URL-, base64- or hex-encoded, re-spelled (numbers in words
 * of any language numerals.ts reads, Roman numerals, a spelling alphabet: spelling-fold.ts, on both sides), spaced,
 * reversed, rot13 or in look-alike letters. Used by the data-flow rules: secrets never leave toward anyone but the
 * owner; workspace data does not leave in a tainted turn.
 */
import type { LabelledData } from "./types.ts";
import { findRespelled } from "./respelled.ts";
import { foldSpellings } from "./spelling-fold.ts";

/** `how`: for a re-spelled copy, the re-spelling in words ("rot13, digits shifted by 5, reversed"). */
export type Leak = { label: string; encoding: "plain" | "url" | "base64" | "hex" | "base32" | "rot13" | "reversed" | "look-alike" | "spaced" | "spelled" | "re-spelled"; how?: string };

const MIN_FRAGMENT = 6;
const distinctive = /[0-9_\-:@./+=]/;

type Form = { text: string; encoding: Leak["encoding"] };

const printable = /^[\x20-\x7e\n\r\t]+$/;

/** The outbound text in every decoded form worth searching (lowercased), for callers that read it their own way. */
export function readableForms(text: string): string[] {
  return [...new Set(decodedForms(text).map((f) => f.text))];
}

/** The outbound text in every decoded form worth searching, each with how it was encoded. */
function decodedForms(text: string): Form[] {
  const forms: Form[] = [{ text, encoding: "plain" }];
  let current = text;
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current.replace(/\+/g, " "));
    } catch {
      next = current.replace(/%([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    }
    if (next === current) break;
    forms.push({ text: next, encoding: "url" });
    current = next;
  }
  // Decode embedded base64 and hex runs, so `?d=YmFuayBwaW4...` is searched as what it says.
  for (const form of [...forms]) {
    for (const m of form.text.matchAll(/(?:[0-9a-f]{2}){6,}/gi)) {
      const h = Buffer.from(m[0], "hex").toString("utf8");
      if (printable.test(h)) forms.push({ text: h, encoding: "hex" });
    }
    for (const m of form.text.matchAll(/[A-Za-z0-9+/_-]{12,}={0,2}/g)) {
      const b = Buffer.from(m[0].replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("utf8");
      if (printable.test(b)) forms.push({ text: b, encoding: "base64" });
    }
  }
  for (const form of [...forms]) {
    for (const m of form.text.matchAll(/[A-Z2-7]{16,}={0,6}/gi)) {
      const b = decodeBase32(m[0]);
      if (b !== undefined && printable.test(b)) forms.push({ text: b, encoding: "base32" });
    }
  }
  // Transformations a hijacked model can apply by itself: each is undone and searched as well.
  for (const form of [...forms]) {
    const spelled = foldSpellings(form.text);
    if (spelled !== form.text) forms.push({ text: spelled, encoding: "spelled" });
  }
  for (const form of [...forms]) {
    const squeezed = squeeze(form.text);
    if (squeezed !== form.text && squeezed.length >= 8) forms.push({ text: squeezed, encoding: "spaced" });
  }
  for (const form of [...forms]) {
    forms.push({ text: [...form.text].reverse().join(""), encoding: "reversed" });
    forms.push({ text: rot13(form.text), encoding: "rot13" });
    const plain = unconfuse(form.text);
    if (plain !== form.text) forms.push({ text: plain, encoding: "look-alike" });
  }
  return forms.map((f) => ({ text: f.text.toLowerCase(), encoding: f.encoding }));
}

/** Without whitespace and the separators people put between characters (`s k _ l i v e`, `4491-7730`). */
function squeeze(text: string): string {
  // Zero-width and soft-hyphen characters are invisible: `NL91\u200bABNA` reads as `NL91ABNA`.
  return text.replace(/[\s\-_.:,|/\\*·•\u00ad\u200b-\u200d\u2060\ufeff]+/g, "");
}

function rot13(text: string): string {
  return text.replace(/[a-z]/gi, (c) => {
    const base = c <= "Z" ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

function decodeBase32(text: string): string | undefined {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const c of text.toUpperCase().replace(/=+$/, "")) {
    const i = alphabet.indexOf(c);
    if (i < 0) return undefined;
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out).toString("utf8");
}

// Letters that look like Latin ones (Cyrillic, Greek, full-width after NFKC): mapped back before searching.
const confusables: Record<string, string> = {
  "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ɡ": "g", "һ": "h", "ӏ": "l", "к": "k", "м": "m", "т": "t", "в": "b", "н": "h",
  "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X", "У": "Y",
  "α": "a", "ο": "o", "ν": "v", "ρ": "p", "τ": "t", "ι": "i", "κ": "k", "χ": "x", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
};

function unconfuse(text: string): string {
  return text.normalize("NFKC").replace(/[^\x00-\x7f]/g, (c) => confusables[c] ?? c);
}

const stopwords = new Set("a an and are as at be but by for from has have he her his i if in into is it its me my no not of on or our she so than that the their them then there they this to us was we were what when where which who will with you your".split(" "));

function contentWords(text: string): string[] {
  return (text.toLowerCase().normalize("NFKC").match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !stopwords.has(w));
}

/**
 * Whether a reply restates `secret` in plain words: it shares a run of `n` consecutive content words with it
 * (stop words ignored on both sides). Used to keep a secret system prompt from reaching others paraphrased.
 */
export function sharesPhrase(text: string, secret: string, n = 3): boolean {
  const words = contentWords(secret);
  if (words.length < n) return false;
  const grams = new Set<string>();
  for (let i = 0; i + n <= words.length; i++) grams.add(words.slice(i, i + n).join(" "));
  const said = contentWords(text);
  for (let i = 0; i + n <= said.length; i++) if (grams.has(said.slice(i, i + n).join(" "))) return true;
  return false;
}

/**
 * The distinctive fragments of a labelled value: the whole value when short, otherwise its lines and its
 * longer tokens — enough that copying any meaningful part of a file is seen.
 */
export function fragmentsOf(value: string): string[] {
  const trimmed = value.trim();
  if (trimmed.length < MIN_FRAGMENT) return trimmed.length >= 4 ? [trimmed.toLowerCase()] : [];
  const out = new Set<string>();
  if (trimmed.length <= 200) out.add(trimmed.toLowerCase());
  for (const line of trimmed.split(/\r?\n/)) {
    const l = line.trim();
    if (l.length >= 12) out.add(l.toLowerCase().slice(0, 200));
    // `KEY=value` and `key: value` lines: the value is what gets copied into a URL or a message; the key name
    // alone (AWS_ACCESS_KEY_ID) is documentation, not data.
    const kv = /^(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*[=:]\s*(.+)$/.exec(l);
    const body = kv ? (kv[1] as string).trim().replace(/^["']|["']$/g, "") : l;
    if (kv && body.length >= 8 && distinctive.test(body)) out.add(body.toLowerCase());
    for (const raw of body.split(/[\s"'`<>()[\]{},;=:&?/]+/)) {
      // Sentence punctuation around a token is not part of it (`canaryWifi79.` is copied as `canaryWifi79`).
      const token = raw.replace(/^[.!?*_~-]+|[.!?*_~-]+$/g, "");
      // Tokens with a digit or symbol are distinctive (pins, ids, keys); plain words are not.
      if (token.length >= 8 && distinctive.test(token)) out.add(token.toLowerCase());
    }
  }
  // Separators carry no information: `4491-7730` is found as `44917730` too (forms are squeezed the same way).
  for (const f of [...out]) {
    const core = f.replace(/[.,;:!?]+$/, "");
    const squeezed = squeeze(core);
    if (squeezed !== core && squeezed.length >= MIN_FRAGMENT + 2) out.add(squeezed);
  }
  return [...out];
}

/** `fn` with its results kept for up to `size` distinct values (the oldest dropped first). */
function memoizedBounded(fn: (value: string) => string[], size: number): (value: string) => string[] {
  const cache = new Map<string, string[]>();
  return (value) => {
    let out = cache.get(value);
    if (out === undefined) {
      out = fn(value);
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
      cache.set(value, out);
    }
    return out;
  };
}

/** The fragments of a value as written and with its numbers and codes in one spelling (spelling-fold.ts). */
function foldedFragmentsOf(value: string): string[] {
  const folded = foldSpellings(value);
  return folded === value ? fragmentsOf(value) : [...new Set([...fragmentsOf(value), ...fragmentsOf(folded)])];
}

// The same context values are searched on every call of a turn: their fragments are computed once (bounded).
const cachedFragments = memoizedBounded(foldedFragmentsOf, 4096);

export function findLeaks(outbound: string, items: readonly LabelledData[]): Leak[] {
  if (outbound.length === 0 || items.length === 0) return [];
  const forms = decodedForms(outbound);
  const leaks = leaksIn(forms, items, cachedFragments);
  return [...leaks, ...respelledIn(forms, items.filter((i) => i.wholeToken !== true && !leaks.some((l) => l.label === i.label)))];
}

/**
 * Items the outbound text carries re-spelled letter by letter (rot-N, Atbash, digits shifted, reversed, interleaved:
 * respelled.ts), read in its plain and URL-decoded forms.
 */
function respelledIn(forms: ReturnType<typeof decodedForms>, items: readonly LabelledData[]): Leak[] {
  if (items.length === 0) return [];
  const texts = [...new Set(forms.filter((f) => f.encoding === "plain" || f.encoding === "url").map((f) => f.text))];
  const out = new Map<string, string>();
  for (const text of texts) for (const r of findRespelled(text, items.filter((i) => !out.has(i.label)))) out.set(r.label, r.how);
  return [...out].map(([label, how]) => ({ label, encoding: "re-spelled" as const, how }));
}

const SpelledHow = "its numbers or letters spelled another way: in words, Roman numerals or a spelling alphabet";


// A short code is looked for in the forms that keep a text's tokens apart: decoded, spelled, look-alike digits; not
// squeezed (that joins `room 44` and `71 EUR`) nor reversed.
const tokenForms = new Set<Leak["encoding"]>(["plain", "url", "base64", "hex", "base32", "spelled", "look-alike"]);
// What people put between the characters of a code they write out: a space, a dash, an invisible character.
const codeGap = "[ \\u00a0\\u00ad\\u200b-\\u200d\\u2060-]?";

/**
 * A short code as a whole token (`wholeToken` items): its characters in order, a space, a dash or an invisible
 * character allowed between two (`4471`, `44 71`, `7-3-1-9-0-5`), touching no other digit, nor one across a dash (no
 * other letter or digit when it holds a letter): `14471`, `4471.5` and `0170-4471-22` hold no `4471`.
 */
const tokenPatternOf = (() => {
  const cache = new Map<string, RegExp>();
  return (value: string): RegExp => {
    let re = cache.get(value);
    if (re === undefined) {
      const chars = [...value.toLowerCase()].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
      const edge = /^\d+$/.test(value) ? ["(?<!\\p{N}-?)", "(?!-?\\p{N}|[.,]\\d)"] : ["(?<![\\p{L}\\p{N}])", "(?![\\p{L}\\p{N}])"];
      re = new RegExp(`${edge[0]}${chars.join(codeGap)}${edge[1]}`, "u");
      if (cache.size >= 4096) cache.delete(cache.keys().next().value as string);
      cache.set(value, re);
    }
    return re;
  };
})();

/** Each item with any of its needles in one of the outbound text's decoded forms (a short code as a whole token). */
function leaksIn(forms: ReturnType<typeof decodedForms>, items: readonly LabelledData[], needles: (value: string) => string[]): Leak[] {
  const leaks: Leak[] = [];
  for (const item of items) {
    if (item.wholeToken === true) {
      const re = tokenPatternOf(item.value);
      const form = forms.find((f) => tokenForms.has(f.encoding) && re.test(f.text));
      if (form) leaks.push({ label: item.label, encoding: form.encoding });
      continue;
    }
    const found = needles(item.value);
    const form = forms.find((f) => found.some((needle) => f.text.includes(needle)));
    if (form) leaks.push({ label: item.label, encoding: form.encoding, ...(form.encoding === "spelled" ? { how: SpelledHow } : {}) });
  }
  return leaks;
}

/** A piece of a secret token this long is the secret: a key split into chunks leaks chunk by chunk. */
const SECRET_PIECE = 10;
const MAX_PIECES = 2_000;

/** Every run of SECRET_PIECE characters of the value's distinctive tokens of 16 characters or more. */
const piecesOf = memoizedBounded((value) => {
  const out = new Set<string>();
  for (const raw of value.split(/[\s"'`<>()[\]{},;=:&?/]+/)) {
    const token = raw.toLowerCase();
    if (token.length < 16 || !distinctive.test(token)) continue;
    for (let i = 0; i + SECRET_PIECE <= token.length && out.size < MAX_PIECES; i++) {
      const piece = token.slice(i, i + SECRET_PIECE);
      if (distinctive.test(piece) && /[a-z]/.test(piece)) out.add(piece);
    }
  }
  return [...out];
}, 1024);

/**
 * Leaks of secrets: as `findLeaks`, and also any SECRET_PIECE-character run of a long secret token, so a key sent
 * in chunks (`sk_live_4eC3`, `9HqLyjWDar`, …) is caught at its first chunk.
 */
export function findSecretLeaks(outbound: string, secrets: readonly LabelledData[]): Leak[] {
  if (outbound.length === 0 || secrets.length === 0) return [];
  const forms = decodedForms(outbound);
  const whole = leaksIn(forms, secrets, cachedFragments);
  const pieces = [...whole, ...leaksIn(forms, secrets.filter((s) => s.wholeToken !== true && !whole.some((l) => l.label === s.label)), piecesOf)];
  return [
    ...pieces,
    ...respelledIn(forms, secrets.filter((s) => s.wholeToken !== true && !pieces.some((l) => l.label === s.label))),
    ...splitCodesIn(outbound, secrets.filter((s) => s.wholeToken === true && !pieces.some((l) => l.label === s.label))),
  ];
}

// A numeric short code told in pieces: two to four runs of digits, in order, a few words apart ("starts with 31 and
// ends with 85", "vorne 31, hinten 85"); or letters standing for its digits (`C A H E (A=1)`: A is 1 or 0, B 2 or 1…).
const SplitGap = 40;
const pieceAfter = /^(?:[:/.,]\d|[ \u00a0]?(?:eur|usd|gbp|chf|€|\$|£|%|km|kg|g|m|cm|mm|h|min|s|st|nd|rd|th)(?![\p{L}]))/iu;
const digitRun = /\p{N}+/gu;
const letterDigits = /(?<![\p{L}\p{N}])[a-j](?:[ ,.-]{1,3}[a-j]){3,11}(?![\p{L}\p{N}])/giu;

/** The codes the pieces of `text` join into: each window of up to four nearby digit runs, and letters read as digits. */
function joinedPieces(text: string): string[] {
  const head = text.slice(0, 20_000);
  const runs = [...head.matchAll(digitRun)].slice(0, 500);
  // A number of its own: not part of a time, a date or a decimal (`7:31`, `9/05`, `4.50`), not a measure or a price.
  const alone = (r: RegExpExecArray) => !/\d[:/.,]$/.test(head.slice(Math.max(0, r.index - 2), r.index)) && !pieceAfter.test(head.slice(r.index + r[0].length, r.index + r[0].length + 8));
  const out: string[] = [];
  for (let i = 0; i < runs.length; i++) {
    if (!alone(runs[i] as RegExpExecArray)) continue;
    let joined = runs[i]?.[0] ?? "";
    for (let j = i + 1; j < Math.min(runs.length, i + 4); j++) {
      const [prev, next] = [runs[j - 1] as RegExpExecArray, runs[j] as RegExpExecArray];
      if (next.index - (prev.index + prev[0].length) > SplitGap || !alone(next)) break;
      joined += next[0];
      out.push(joined);
    }
  }
  for (const m of text.slice(0, 20_000).matchAll(letterDigits)) {
    const letters = m[0].toLowerCase().replace(/[^a-j]/g, "");
    for (const base of [0, 1]) out.push([...letters].map((c) => String((c.charCodeAt(0) - 97 + base) % 10)).join(""));
  }
  return out;
}

/** Numeric short codes (`wholeToken` items of four digits or more) `outbound` tells in pieces (see `joinedPieces`). */
function splitCodesIn(outbound: string, items: readonly LabelledData[]): Leak[] {
  const codes = items.filter((i) => /^\d{4,12}$/.test(i.value));
  if (codes.length === 0) return [];
  const joined = new Set(joinedPieces(outbound));
  return codes.filter((c) => joined.has(c.value)).map((c) => ({ label: c.label, encoding: "re-spelled" as const, how: "its digits told in pieces, or as letters" }));
}

/** Whether the outbound text copies a meaningful run of untrusted text (raises the risk; it is not a leak). */
export function copiesUntrusted(outbound: string, untrusted: readonly string[]): boolean {
  const lower = outbound.toLowerCase();
  for (const text of untrusted) {
    for (const line of text.split(/\r?\n/)) {
      const l = line.trim().toLowerCase();
      if (l.length >= 24 && lower.includes(l.slice(0, 80))) return true;
    }
  }
  return false;
}
