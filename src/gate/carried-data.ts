/**
 * What of private data a text carries, token by token: the numbers, ids and content words of a file, a mailbox or a
 * service's answer that a reply restates in any spelling `findLeaks` undoes (spaced, spelled in words, reversed,
 * look-alike letters, URL-, base64- or hex-encoded, inside JSON or a code block; numbers in words of other languages
 * and CJK numerals as numerals.ts reads them), and in what leaks.ts reads too short to decode (a short base64 word, a
 * hex number, a number said in two pieces), and a private figure rounded or cut (`98.7k`, `roughly 99k`, `98 thousand`,
 * `achtundneunzigtausend`), whole or per month, week or quarter (`about 8,230 a month`). A session keeps these tokens of what
 * it read (flow-tracker.ts `SessionLabel.earlier`), so a reply in a later turn to an audience that is not the owner is
 * judged by what it carries, not by when the data was read. Must not throw.
 */
import { readableForms } from "./leaks.ts";
import { numeralsIn } from "./numerals.ts";
import { scaledAmounts } from "./private-write.ts";
import { foldSpellings } from "./spelling-fold.ts";

import type { ReadTokens } from "./types.ts";

export type { ReadTokens };

/** Sources a session remembers, and tokens per source (the most distinctive first: ids and numbers, then words). */
export const MaxReadSources = 32;
export const MaxTokensPerSource = 256;

const stopwords = new Set(
  ("a an and are as at be but by for from has have he her his i if in into is it its me my no not of on or our she so than that the their them then there they this to us was we were what when where which who will with you your " +
    "also about after again been before being both could does done each even here just like more most much only other over same should some such sure than thanks thank very want would yours").split(" "),
);

// ICU's segmenters are made at their first use: an idle gateway loads none of their data.
let wordSegmenter: Intl.Segmenter | undefined;
const words = () => (wordSegmenter ??= new Intl.Segmenter("und", { granularity: "word" }));
/** Letters of scripts written without spaces: one of their words is distinctive from two characters. */
const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

/**
 * Digits grouped by the separators people write between them (`12,480.17`, `98 765`, `X81-552-903`) read as one
 * number; decimals of zeros dropped (`950.00` is `950`).
 */
function joinDigits(text: string): string {
  return text.replace(/(\d)[.,](00?)(?!\d)/g, "$1").replace(/(?<=\d)[ \u00a0\u202f,.'’_-](?=\d)/g, "");
}

/**
 * The distinctive tokens of a text: numbers of three digits or more (and ids holding them), and content words —
 * four letters or more, or two of a script written without spaces. Lowercased, NFKC.
 */
export function dataTokens(text: string): string[] {
  const out = new Set<string>();
  const plain = joinDigits(text.normalize("NFKC").toLowerCase());
  for (const seg of words().segment(plain)) {
    if (seg.isWordLike !== true) continue;
    const w = seg.segment;
    for (const n of w.match(/\d{3,}/g) ?? []) out.add(n);
    if (/\d/.test(w)) {
      if (w.length >= 4 && /\p{L}/u.test(w)) out.add(w);
      continue;
    }
    if (stopwords.has(w)) continue;
    if (w.length >= 4 || (w.length >= 2 && unspaced.test(w))) out.add(w);
  }
  return [...out];
}

/** The tokens of a value worth remembering, the ids and numbers first, bounded. */
export function rememberedTokens(value: string): string[] {
  const all = dataTokens(value);
  const ranked = [...all.filter((t) => /\d/.test(t)), ...all.filter((t) => !/\d/.test(t))];
  return ranked.slice(0, MaxTokensPerSource);
}

/** The tokens of one labelled value, computed once per value (bounded): the same history is read every turn. */
const tokenCache = new Map<string, string[]>();
export function rememberedTokensOf(data: { label: string; value: string }): ReadTokens {
  let tokens = tokenCache.get(data.value);
  if (tokens === undefined) {
    tokens = rememberedTokens(data.value);
    if (tokenCache.size >= 1024) tokenCache.delete(tokenCache.keys().next().value as string);
    tokenCache.set(data.value, tokens);
  }
  return { from: data.label, tokens };
}

/** `a` with `b` added, per source (the latest sources kept), each source's tokens bounded. */
export function mergeReadTokens(a: readonly ReadTokens[], b: readonly ReadTokens[]): ReadTokens[] {
  const by = new Map<string, Set<string>>();
  for (const r of [...a, ...b]) {
    if (r.tokens.length === 0) continue;
    const set = by.get(r.from) ?? new Set<string>();
    by.delete(r.from);
    for (const t of r.tokens) if (set.size < MaxTokensPerSource) set.add(t);
    by.set(r.from, set);
  }
  return [...by].slice(-MaxReadSources).map(([from, tokens]) => ({ from, tokens: [...tokens] }));
}

/**
 * The tokens of `read` that `text` carries in any readable form, less those its audience already has (`known`: what
 * they typed or were shown). Each source with what of it was found.
 */
export function carriedTokens(text: string, read: readonly ReadTokens[], known: ReadonlySet<string>): ReadTokens[] {
  if (text.length === 0 || read.length === 0) return [];
  const said = new Set<string>();
  const forms = readableForms(text);
  forms.push(...shortEncodings(text));
  for (const form of forms) for (const t of [...dataTokens(form), ...joinedPieces(form)]) said.add(t);
  // Numbers in words of other languages, CJK numerals, Roman numerals, arithmetic: read as their digits.
  for (const n of numeralsIn(text)) if (n.digits.length >= 3) said.add(n.digits);
  const amounts = approximateAmounts(forms);
  // A code with every digit shifted by the same step (7316 → 8427) is the code: each number is read back at every step.
  for (const t of [...said]) if (/^\d{4,12}$/.test(t)) for (let k = 1; k <= 9; k++) said.add(t.replace(/\d/g, (d) => String((Number(d) + k) % 10)));
  const out: ReadTokens[] = [];
  for (const r of read) {
    const found = r.tokens.filter((t) => (said.has(t) || approximated(t, amounts)) && !known.has(t));
    if (found.length > 0) out.push({ from: r.from, tokens: found });
  }
  return out;
}

/**
 * Words too short for the leak detector's encoded runs (it reads twelve characters and more, or every long word would
 * be decoded): a base64 word of four to eleven characters, padded or not (`OTg3NjU=` is `98765`), as its text when printable,
 * and a hex number (`0x181cd`) as its decimal digits.
 */
function shortEncodings(text: string): string[] {
  const out: string[] = [];
  for (const m of text.slice(0, 100_000).matchAll(/(?<![\w+/=])[A-Za-z0-9+/]{4,11}={0,2}(?![\w+/=])/g)) {
    if (m[0].replace(/=+$/, "").length % 4 === 1 || out.length >= 1_000) continue;
    const decoded = Buffer.from(m[0], "base64").toString("utf8");
    if (/^[\x20-\x7e]+$/.test(decoded)) out.push(decoded);
  }
  for (const m of text.slice(0, 100_000).matchAll(/(?<![\w])0x([0-9a-f]{2,12})(?![\w])/gi)) out.push(String(Number.parseInt(m[1] ?? "0", 16)));
  return out;
}

/**
 * A number said in pieces a word apart (`44 then 71`, `98 und 765`): each two neighbouring pieces of two digits or
 * more read joined, when that makes four digits or more and not a year (`20 and 26` is no leak of a date's `2026`).
 */
function joinedPieces(text: string): string[] {
  const out: string[] = [];
  const pieces = [...text.slice(0, 100_000).matchAll(/\d{2,}/g)];
  for (let i = 0; i + 1 < pieces.length && out.length < 1_000; i++) {
    const [a, b] = [pieces[i], pieces[i + 1]];
    if (a === undefined || b === undefined) continue;
    const gap = text.slice((a.index ?? 0) + a[0].length, b.index);
    const joined = `${a[0]}${b[0]}`;
    if (/^[\s,;:.\-–—/]*(?:\p{L}{1,6}[\s,;:.\-–—/]+)?$/u.test(gap) && joined.length >= 4 && !/^(?:19|20)\d\d$/.test(joined)) out.push(joined);
  }
  return out;
}

/** An amount of a text read as a number, the unit it is given to (`98000`: the thousand) and the digits it keeps. */
type Amount = { value: number; unit: number; kept: number };

/** The amounts of the text's forms, spellings folded (`achtundneunzigtausend` is 98000): plain numbers and scaled ones (`98.7k`). */
function approximateAmounts(forms: readonly string[]): Amount[] {
  const out: Amount[] = [];
  for (const form of forms.slice(0, 16)) {
    const folded = foldSpellings(form.slice(0, 100_000));
    out.push(...scaledAmounts(folded));
    for (const m of joinDigits(folded).matchAll(/(?<![\d.])\d{3,12}(?![\d])/g)) {
      const zeros = /0*$/.exec(m[0])?.[0].length ?? 0;
      out.push({ value: Number(m[0]), unit: 10 ** zeros, kept: m[0].length - zeros });
    }
  }
  return out.slice(0, 10_000);
}

/** Periods a yearly figure is said per (a month, a week, a quarter): `about 8,230 a month` of a salary of 98765. */
const Periods = [1, 12, 52, 4];
/** At most this many of a figure's digits may be rounded away (`99k` of 98765 keeps 2 of 5); more says too little. */
const MaxDroppedDigits = 3;

/**
 * Whether an amount of the text is a private figure (five digits or more) rounded, or cut, to the amount's unit, whole
 * or per month, week or quarter: `98.7k`, `roughly 99k`, `98 thousand`, `achtundneunzigtausend`, `about 8,230 a month`
 * of 98765. Two digits are kept at least (three of a share: `1900` is a year before it is 98765 a week); a shorter
 * number (`first part: 987`) is no approximation of it.
 */
function approximated(token: string, amounts: readonly Amount[]): boolean {
  if (!/^\d{5,12}$/.test(token)) return false;
  const figure = Number(token);
  return Periods.some((per) => {
    const share = figure / per;
    const digits = String(Math.floor(share)).length;
    return amounts.some(({ value, unit, kept }) =>
      kept >= (per === 1 ? 2 : 3) && digits - kept <= MaxDroppedDigits && String(value).length === digits && (Math.round(share / unit) * unit === value || Math.floor(share / unit) * unit === value));
  });
}

let sentenceSegmenter: Intl.Segmenter | undefined;
const sentences = () => (sentenceSegmenter ??= new Intl.Segmenter("und", { granularity: "sentence" }));

/** Words a question may name a record by: content words of three letters or more (`gym`, `tax`), not its own frame. */
function questionWords(question: string): string[] {
  const out = new Set<string>();
  for (const seg of words().segment(question.normalize("NFKC").toLowerCase())) {
    const w = seg.segment;
    if (seg.isWordLike !== true || /\d/.test(w) || stopwords.has(w) || questionFrame.has(w)) continue;
    if (w.length >= 3 || (w.length >= 2 && unspaced.test(w))) out.add(w);
  }
  return [...out];
}
const questionFrame = new Set("did does how any get got had can out yet new now tell show check look find please warden".split(" "));

/** Whether two tokens name the same thing: equal, or one a longer form of the other (`appointment`, `appointments`). */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const n = Math.min(a.length, b.length);
  return n >= 5 && !/\d/.test(a) && !/\d/.test(b) && a.slice(0, n) === b.slice(0, n) && Math.abs(a.length - b.length) <= 3;
}

/**
 * A service's answer split by the owner's question: the records (lines, and sentences within them) that hold a word
 * of the question are what the owner asked about ("did the rent go out?" → the rent line); the rest (the balance, the
 * other mails) is not. Bounded by the answer's own lines.
 */
export function askedRecords(answer: string, question: string): { asked: string; rest: string } {
  const wanted = questionWords(question);
  const asked: string[] = [];
  const rest: string[] = [];
  for (const line of answer.split(/\r?\n/).slice(0, 2_000)) {
    for (const s of sentences().segment(line)) {
      const record = s.segment.trim();
      if (record === "") continue;
      const has = questionWords(record).some((t) => wanted.some((w) => sameWord(t, w)));
      (has ? asked : rest).push(record);
    }
  }
  return { asked: asked.join("\n"), rest: rest.join("\n") };
}
