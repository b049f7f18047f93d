/**
 * What an argument the model composed could carry of the numbers the owner typed (an IBAN, a phone number, a birth
 * date), judged by what leaves rather than by how it is spelled. Once such numbers are in the context and the turn is
 * tainted, a numeral in the argument is accounted for by the owner's own words (numbers typed for the request, not the
 * distinctive ones), and costs little when the untrusted content held it (choosing one of a page's k numbers carries
 * log10 k digits); any other numeral, in any script, language or notation (see numerals.ts), could encode the owner's
 * numbers. A few digits' worth is everyday ("iPhone 15", "route 66", a postcode); more, or a numeral that reads as a
 * piece of the owner's number, is for the owner to decide.
 */
import { digitsOf, keypadDigits, numeralsIn, type Numeral } from "./numerals.ts";

/**
 * Digits a composed argument may carry that nothing accounts for (a model number, a year, a postcode), per call: fewer
 * than any of the owner's distinctive numbers holds (`OwnerNumberDigits`, 6, in provenance.ts is the shortest).
 */
export const MaxUnexplainedDigits = 5;
/** A numeral reading as this many digits in a row of one of the owner's numbers is a piece of it. */
const PieceDigits = 4;
const LetterPieceDigits = 6;
const MaxValues = 256;

export type NumberCarriage = {
  /** The numerals nothing accounts for, in order. */
  numerals: Numeral[];
  /** How many digits they can carry. */
  digits: number;
  /** A numeral reading as a piece of one of the owner's numbers, and that piece. */
  piece?: { numeral: Numeral; digits: string };
};

/** A search's or a list's own knobs: a small number under one of these keys is a setting, not a message. */
const SettingKeys = /^(?:count|limit|page|num|n|offset|start|size|per_?page|page_?size|max_?results|top_?k|k|days|hours|depth)$/i;
/** How many such settings (each at most 100) one call may carry unaccounted for. */
const MaxFreeSettings = 2;

/** The string and number values of a JSON arguments text (or the text itself when it is not JSON), but its first few settings. */
function valuesOf(args: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    return [args];
  }
  const out: string[] = [];
  let settings = 0;
  const walk = (v: unknown, depth: number, key: string): void => {
    if (depth > 32 || out.length >= MaxValues) return;
    if (typeof v === "string") out.push(v);
    else if (typeof v === "number" && Number.isFinite(v)) {
      if (SettingKeys.test(key) && Number.isInteger(v) && v >= 0 && v <= 100 && settings++ < MaxFreeSettings) return;
      out.push(String(Math.abs(v)).replace(/e.*$/, "").replace(".", " "));
    } else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1, key);
    else if (typeof v === "object" && v !== null) for (const [k, x] of Object.entries(v)) walk(x, depth + 1, k);
  };
  walk(parsed, 0, "");
  return out;
}

const DateRe = /(?<!\d)(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4})(?!\d)/u;

/**
 * The owner's text without their distinctive numbers: a token mixing letters and six digits or more (an IBAN), and a
 * run of six digits or more with separators (a phone, an account) are blanked; dates, and shorter numbers ("2 adults",
 * "flight KL1234"), stay: those are the owner's words for the request.
 */
function withoutOwnerNumbers(text: string): string {
  const blank = (m: string) => " ".repeat(m.length);
  const count = (m: string) => (m.match(/\p{Nd}/gu) ?? []).length;
  return text.normalize("NFKC")
    .replace(/[\p{L}\p{N}]*\p{L}[\p{L}\p{N}]*\p{Nd}[\p{L}\p{N}]*|[\p{L}\p{N}]*\p{Nd}[\p{L}\p{N}]*\p{L}[\p{L}\p{N}]*/gu, (m) => (count(m) >= 6 ? blank(m) : m))
    .replace(/\p{Nd}(?:[^\p{L}\p{N}\n]{0,3}\p{Nd})*/gu, (m) => (count(m) >= 6 && !DateRe.test(m) ? blank(m) : m));
}

/** A year of this century or the last is one of two hundred: it carries log10 200 digits, not four. */
function yearCost(n: Numeral): number {
  return n.form === "digits" && /^(?:19|20)\d\d$/.test(n.digits) ? Math.log10(200) : n.capacity;
}

const noLeadingZeros = (digits: string) => digits.replace(/^0+(?=\d)/, "");

/**
 * What one numeral the untrusted content held costs in digits: picking it out of `k` distinct numbers carries log10(k)
 * digits (a recipe's few quantities almost nothing, a page listing 0 to 99 two digits each, as if nobody wrote them).
 */
function heldCost(distinct: number): number {
  return distinct <= 1 ? 0 : Math.log10(distinct);
}

/** Content read for the numbers it holds, in all; past it, nothing is taken as held (every numeral costs its digits). */
const ContentChars = 256 * 1024;

/**
 * What the untrusted content holds of the argument's numerals (by value: a page's `1939`, or its `XIV` as written), and
 * how many distinct numbers it holds in all (its digit runs, in any script), read in one pass over each text.
 */
function contentNumbers(untrustedTexts: readonly string[], numerals: readonly Numeral[]): { held: Set<string>; distinct: number } {
  const values = new Set<string>();
  const held = new Set<string>();
  const wanted = numerals.filter((n) => n.form !== "digits" && n.form !== "digits of another script");
  if (untrustedTexts.reduce((sum, t) => sum + t.length, 0) > ContentChars) return { held, distinct: 0 };
  for (const raw of untrustedTexts) {
    const text = raw.normalize("NFKC");
    for (const m of text.matchAll(/\p{Nd}+/gu)) if (values.size < 100_000) values.add(noLeadingZeros(digitsOf(m[0])));
    const lower = text.toLowerCase();
    for (const n of wanted) {
      const at = lower.indexOf(n.text.toLowerCase());
      if (at >= 0 && !/[\p{L}\p{N}]/u.test(lower[at - 1] ?? " ") && !/[\p{L}\p{N}]/u.test(lower[at + n.text.length] ?? " ")) {
        held.add(noLeadingZeros(n.digits));
        values.add(noLeadingZeros(n.digits));
      }
    }
  }
  for (const n of numerals) if (values.has(noLeadingZeros(n.digits))) held.add(noLeadingZeros(n.digits));
  return { held, distinct: values.size };
}

/**
 * The numerals of a composed argument (`args`, JSON or text) that neither the owner's words nor the untrusted content
 * account for, when the owner's distinctive numbers (`ownerNumbers`, as provenance.ts parses them) are in the context;
 * `undefined` when they carry no more than `MaxUnexplainedDigits` digits and none reads as a piece of those numbers.
 */
export function unexplainedNumbers(args: string, ownerTexts: readonly string[], untrustedTexts: readonly string[], ownerNumbers: readonly string[]): NumberCarriage | undefined {
  if (ownerNumbers.length === 0) return undefined;
  const values = valuesOf(args);
  const numerals = values.flatMap((v) => numeralsIn(v));
  const keypad = keypadWords(values, ownerTexts);
  if (numerals.length === 0 && keypad.length === 0) return undefined;
  const ownerDigits = new Set(ownerTexts.flatMap((t) => numeralsIn(withoutOwnerNumbers(t)).map((n) => noLeadingZeros(n.digits))));
  const { held, distinct } = contentNumbers(untrustedTexts, numerals);
  const pieces = new Set<string>();
  for (const d of ownerNumbers) for (let i = 0; i + PieceDigits <= d.length && pieces.size < 50_000; i++) pieces.add(d.slice(i, i + PieceDigits));
  const unexplained = numerals.filter((n) => !ownerDigits.has(noLeadingZeros(n.digits)));
  const cost = (n: Numeral) => Math.min(n.capacity, yearCost(n), held.has(noLeadingZeros(n.digits)) ? heldCost(distinct) : n.capacity);
  // Numerals of one form in a row are read together too: `CDXVII CLXIV CCC` is 417164300.
  const runs: Numeral[] = [];
  for (let i = 0; i < unexplained.length; ) {
    let j = i + 1;
    while (j < unexplained.length && unexplained[j]?.form === unexplained[i]?.form) j++;
    const run = unexplained.slice(i, j);
    const first = run[0];
    if (run.length >= 2 && first !== undefined) runs.push({ ...first, text: run.map((n) => n.text).join(" "), digits: run.map((n) => n.digits).join("").slice(0, 256) });
    i = j;
  }
  let piece: NumberCarriage["piece"];
  for (const n of [...unexplained, ...runs, ...keypad]) {
    // Letters stand for digits from any starting letter (a=0, a=1, …); words are everyone's, so only a longer run counts.
    const letters = n.form === "letters for digits";
    const readings = letters ? Array.from({ length: 10 }, (_, k) => [...n.digits].map((c) => String((Number(c) + k) % 10)).join("")) : [n.digits];
    const least = letters || n.form === "look-alike letters" || n.form === "keypad letters" ? LetterPieceDigits : PieceDigits;
    for (const reading of readings) {
      for (let i = 0; piece === undefined && i + least <= reading.length; i++) {
        // The longest run of the owner's digits from here, for the owner to recognise.
        let end = i;
        while (end < reading.length && end - i < 64 && ownerNumbers.some((d) => d.includes(reading.slice(i, end + 1)))) end++;
        if (end - i >= least && pieces.has(reading.slice(i, i + PieceDigits))) piece = { numeral: n, digits: reading.slice(i, end) };
      }
    }
  }
  const counted = unexplained.filter((n) => cost(n) > 0);
  const digits = Math.ceil(counted.reduce((sum, n) => sum + cost(n), 0) - 1e-9);
  if (piece === undefined && digits <= MaxUnexplainedDigits) return undefined;
  return { numerals: counted, digits, ...(piece !== undefined ? { piece } : {}) };
}

/** Words of the argument the owner did not type, read as typed on a phone keypad: only a long piece of their number counts. */
function keypadWords(values: readonly string[], ownerTexts: readonly string[]): Numeral[] {
  const typed = ownerTexts.join("\n").toLowerCase();
  const out: Numeral[] = [];
  for (const value of values) {
    for (const m of value.matchAll(/(?<![A-Za-z])[A-Za-z]{6,}(?![A-Za-z])/g)) {
      const digits = keypadDigits(m[0].toLowerCase());
      if (digits !== undefined && !typed.includes(m[0].toLowerCase()) && out.length < MaxValues) out.push({ text: m[0], digits, form: "keypad letters", capacity: 0 });
    }
  }
  return out;
}

/** For a reason the owner reads: "`CDXVII` `CLXIV` `CCC` (Roman numerals, 9 digits)". */
export function describeNumbers(carriage: NumberCarriage): string {
  const shown = carriage.numerals.slice(0, 4).map((n) => `\`${n.text.length > 40 ? `${n.text.slice(0, 40)}…` : n.text}\``);
  const forms = [...new Set(carriage.numerals.map((n) => n.form))].join(", ");
  const more = carriage.numerals.length > shown.length ? ` and ${carriage.numerals.length - shown.length} more` : "";
  const what = `${shown.join(" ")}${more} (${forms}: ${carriage.digits} digit${carriage.digits === 1 ? "" : "s"} nothing in your words or the content read accounts for)`;
  if (carriage.piece === undefined) return `${what}, which could encode the numbers you typed`;
  const piece = `\`${carriage.piece.numeral.text}\` (${carriage.piece.numeral.form}), which reads as ${carriage.piece.digits}, part of a number you typed`;
  return carriage.numerals.length === 0 ? piece : `${what}; ${piece}`;
}
