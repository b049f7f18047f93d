// Text normalization before injection matching: attackers spell `ignore` as `ｉｇｎｏｒｅ`, `іgnore`
// (Cyrillic і), `ig\u200bnore` or `1gn0re`. Matching runs on the folded text, so rule excerpts show the
// folded form (lower case, look-alikes mapped), not the original characters.
import { latinLookalikes } from "../text/confusables.ts";

/** Zero-width and invisible formatting characters (incl. soft hyphen and word joiners). */
export const zeroWidthPattern = /[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff]/g;
/** Bidirectional embedding, override and isolate controls (Trojan Source). */
export const bidiPattern = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Unicode tag characters: invisible ASCII look-alikes used to smuggle instructions. */
export const tagCharPattern = /[\u{e0000}-\u{e007f}]/gu;
/** All of the above in one pass. */
const invisiblePattern = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u061c]|[\u{e0000}-\u{e007f}]/gu;

// `2nd`, `10am`, `5kg`, `$20k`: numbers with a unit are not leetspeak.
const numberWithUnit = /^\$?\d+(?:[.,]\d+)?(?:st|nd|rd|th|s|k|m|am|pm|px|pt|em|kg|g|km|m|cm|mm|gb|mb|kb|tb|ms|h|x|d)?$/i;

// A word holding at least one letter and at least one leet character, found without a callback per word.
// Anchored at a word start so each word is tried once; most words have no digit and fail fast.
const leetWord = /\b[a-z0-9@$]*[0-9@$][a-z0-9@$]*/gi;

const leet: Readonly<Record<string, string>> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s" };

/**
 * The forms the injection scanner matches on, from one NFKC pass with invisible characters removed:
 * - `plain`: lower case, whitespace collapsed; safe for any script (non-Latin rules match here);
 * - `lines`: look-alike letters mapped to Latin, light leetspeak undone inside words that mix letters and
 *   digits, lower case, line breaks kept (the learned model and its clause-level signals read lines);
 * - `folded`: `lines` with whitespace collapsed (the rules match here).
 * They are matching forms only and must never be shown to a user as the content.
 */
export function matchingForms(text: string): { plain: string; lines: string; folded: string } {
  // NFKC, the invisibles and the look-alikes are all outside ASCII: most texts are ASCII and skip three passes.
  const ascii = !nonAscii.test(text);
  const stripped = ascii ? text : text.normalize("NFKC").replace(invisiblePattern, "");
  const mapped = ascii ? stripped : latinLookalikes(stripped);
  // Only words that contain both a letter and a leet digit/symbol: `1gn0re` yes, `2024` or `$500` no.
  const t = mapped.replace(leetWord, (word) =>
    /[a-z]/i.test(word) && !numberWithUnit.test(word) ? word.replace(/[0134579@$]/g, (c) => leet[c] ?? c) : word,
  );
  const lines = t.toLowerCase();
  const folded = collapseSpace(lines);
  // Nothing was mapped (no look-alike, no leetspeak): `plain` is the same string as `folded`.
  return { plain: t === stripped ? folded : collapseSpace(stripped.toLowerCase()), lines, folded };
}

const nonAscii = /[^\x00-\x7f]/;

// Every whitespace run becomes one space, as `/\s+/g` would, but only runs that are not already a single
// space are replaced: most of a text's whitespace is single spaces, and skipping them is 3–4× faster.
const spaceRun = /\s{2,}|[^\S ]/g;
const collapseSpace = (text: string): string => text.replace(spaceRun, " ");

/** The `folded` form of `matchingForms`: what the rules match on. */
export function normalizeForMatching(text: string): string {
  return matchingForms(text).folded;
}

/** Decodes Unicode tag characters (U+E0020–E007E) back to the ASCII they hide. */
export function decodeTagCharacters(text: string): string {
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xe0020 && cp <= 0xe007e) out += String.fromCodePoint(cp - 0xe0000);
  }
  return out;
}

const htmlNamed: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", colon: ":", sol: "/", equals: "=", num: "#", period: "." };

/**
 * The form credentials are looked for in, when it differs from the text: a UTF-16 file read as bytes (every other
 * character NUL), NFKC (fullwidth `ＤＢ＿ＰＡＳＳＷＯＲＤ`), invisible characters removed (`DB_PASS\u200bWORD`),
 * look-alike letters mapped to Latin (Cyrillic `Р`), HTML character references decoded (`&#45;`), backslash line
 * continuations joined and `\uXXXX` escapes decoded. Case and digits
 * are kept: a password's spelling matters. A matching form only, never shown.
 */
export function foldForSecrets(text: string): string {
  let t = text;
  // UTF-16 read as bytes: NUL between the characters of ASCII text (and a byte-order mark read as U+FFFD U+FFFD).
  const nuls = t.length > 0 ? (t.match(/\u0000/g)?.length ?? 0) : 0;
  if (nuls * 4 >= t.length && nuls > 0) t = t.replace(/\u0000/g, "").replace(/^(?:\ufffd\ufffd|\ufeff)/, "");
  t = latinLookalikes(t.normalize("NFKC").replace(invisiblePattern, ""));
  if (t.includes("&")) {
    t = t.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,8}));?/gi, (m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      const code = dec !== undefined ? Number(dec) : hex !== undefined ? Number.parseInt(hex, 16) : undefined;
      if (code !== undefined) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
      return htmlNamed[(name ?? "").toLowerCase()] ?? m;
    });
  }
  // A line continued with a backslash (shell, Makefile, `.properties`) is one line to the program that reads it, and
  // `\uXXXX` escapes (`.properties`, JSON, source code) are the characters they stand for: `db.pass\u0077ord=`.
  if (t.includes("\\")) {
    t = t.replace(/\\\r?\n[ \t]*/g, "").replace(/\\u([0-9a-fA-F]{4})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  }
  return t;
}
