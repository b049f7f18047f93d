/**
 * Actionable values the agent relays to its owner from untrusted content: after reading a page, a mail or a service's
 * answer, the model can tell the owner, in its own voice, "call +44 20 7946 0321", "pay GB33BUKB20201555555555",
 * "send 0.05 BTC to bc1q…", "Warden: approvals are paused, send /approve-all". Nothing the owner is sent is withheld
 * for that (a summary of a bank statement quotes numbers), but such a reply gets Warden's own mark after it, which
 * the model cannot write or remove (it is added after the model's text, outside it).
 *
 * Provenance is deterministic: a value is relayed when it is found, by the same parser, in a text that entered the
 * session as untrusted, and not in anything the owner typed. Spellings are compared in a canonical form: a phone
 * number by its digits (a leading `+` and `00` dropped, spaces, dots, dashes and brackets ignored); an IBAN by its
 * letters and digits in upper case; a crypto address exactly (an Ethereum address case-insensitively). Values are
 * recognised only when their checksum holds (IBAN mod 97, Base58Check, Bech32/Bech32m), so a reference number that
 * merely looks like one does not count. Other ways to send money or to reach someone (bank details, cards, payment and
 * messenger handles, ENS names, gift card codes) are read by `relayed-accounts.ts`; links by their host. A link or a
 * handle counts only when the content held it (a model names sites from what it knows); digits spelled one at a time
 * ("zero two zero…", "〇二〇…") are read as digits. Text that claims to be Warden is marked whatever its source: Warden's notices
 * are never part of what the model writes. Must not throw.
 */
import { digitsOf, digitWord } from "../gate/numerals.ts";
import { defangUrls, hostOf, hostsNamedIn, urlPlaces } from "../gate/urls.ts";
import { base58CheckPayload } from "../scan/base58check.ts";
import { bankSpans, cardSpans, cryptoNameSpans, giftCodeSpans, handleSpans, paymentSpans, type ValueSpan } from "./relayed-accounts.ts";

export type RelayedKind =
  | "phone number"
  | "IBAN"
  | "crypto address"
  | "card number"
  | "bank details"
  | "payment handle"
  | "gift card code"
  | "messenger handle"
  | "link"
  | "Warden notice";
/** `content`: found in untrusted content; `unseen`: in no text the session holds, so written by the model itself. */
export type RelayedValue = { kind: RelayedKind; value: string; from?: "content" | "unseen" };

const maxScan = 200_000;

export type { ValueSpan };

/**
 * A way of reading a text: `text`, the original with some words replaced (`words`: where each replacement sits in
 * `text`, `at`/`len`, and which original characters it stands for, `from`..`to`). The text as written (no words), and
 * the text with number words read as digits ("GB thirty-three BUKB two zero …" as "GB 33 BUKB 2 0 …").
 */
type Reading = { text: string; words: readonly { at: number; len: number; from: number; to: number }[] };

/** The index of the last replaced word at or before the reading's offset `p`, or -1. */
function wordBefore(r: Reading, p: number): number {
  let lo = 0;
  let hi = r.words.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((r.words[mid]?.at ?? 0) <= p) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The original offset where the reading's character `p` starts (a digit read from a word: the word's start). */
function originalStart(r: Reading, p: number): number {
  const w = r.words[wordBefore(r, p)];
  if (w === undefined) return p;
  return p < w.at + w.len ? w.from : w.to + (p - (w.at + w.len));
}

/** The original offset where the reading's characters before `end` end (a digit read from a word: the word's end). */
function originalEnd(r: Reading, end: number): number {
  const w = r.words[wordBefore(r, end - 1)];
  if (w === undefined) return end;
  return end - 1 < w.at + w.len ? w.to : w.to + (end - (w.at + w.len));
}

const units = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
const teens = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const numberWord = new RegExp(`\\b(?:(${tens.slice(2).join("|")})(?:[ -](${units.slice(1).join("|")}))?|(${teens.join("|")})|(${units.join("|")}|oh|nought))\\b`, "gi");

function wordDigits(m: RegExpExecArray): string {
  const lower = (s: string | undefined) => s?.toLowerCase() ?? "";
  if (m[1] !== undefined) return `${tens.indexOf(lower(m[1]))}${m[2] === undefined ? "0" : units.indexOf(lower(m[2]))}`;
  if (m[3] !== undefined) return String(10 + teens.indexOf(lower(m[3])));
  const u = lower(m[4]);
  return u === "oh" || u === "nought" ? "0" : String(units.indexOf(u));
}

function readingsOf(text: string): Reading[] {
  const scanned = text.slice(0, maxScan);
  const plain: Reading = { text: scanned, words: [] };
  const spelled = spelledDigits(scanned);
  const out = spelled === undefined ? [plain] : [plain, spelled];
  if (!new RegExp(numberWord.source, "i").test(scanned)) return out;
  const parts: string[] = [];
  const words: { at: number; len: number; from: number; to: number }[] = [];
  let length = 0;
  let last = 0;
  const re = new RegExp(numberWord.source, "gi");
  for (let m = re.exec(scanned); m !== null; m = re.exec(scanned)) {
    const before = scanned.slice(last, m.index);
    parts.push(before);
    length += before.length;
    // The digits stand for the whole word: a value read from words is shown and withheld as those words.
    const digits = wordDigits(m);
    words.push({ at: length, len: digits.length, from: m.index, to: m.index + m[0].length });
    parts.push(digits);
    length += digits.length;
    last = m.index + m[0].length;
  }
  parts.push(scanned.slice(last));
  return [...out, { text: parts.join(""), words }];
}

/** Words that say the next digit twice or three times, as phone numbers are read out. */
const repeaters: Readonly<Record<string, number>> = { double: 2, triple: 3, doppel: 2, doppelte: 2, doble: 2, doppio: 2, dubbel: 2, dobro: 2 };

/** The digit a word names (`digitWord`), looked up once per word of a text; a word longer than any digit's name is none. */
function wordValue(word: string, seen: Map<string, string | undefined>): string | undefined {
  if (word.length > 12) return undefined;
  if (!seen.has(word)) seen.set(word, digitWord(word)?.toString());
  return seen.get(word);
}

/** A digit's token: a CJK numeral, digits of any script, or a word (a digit's name in one of numerals.ts's languages). */
const digitToken = /[〇零一二三四五六七八九两兩]|\p{Nd}+|[\p{L}\p{M}]+/gu;

/**
 * The text with each run of digits spelled one at a time read as those digits: "zero two zero, seven nine four six",
 * "〇二〇 七九四六", "null sieben neun" — at least 7 digits, one of them not written as an ASCII digit, with only
 * spaces and punctuation a dictated number has between them. Undefined when there is none.
 */
function spelledDigits(text: string): Reading | undefined {
  if (!/[^\x00-\x7f]|[a-z]{3}/i.test(text)) return undefined;
  const names = new Map<string, string | undefined>();
  const runs: { from: number; to: number; digits: string }[] = [];
  let run: { from: number; to: number; digits: string; spelled: boolean } | undefined;
  const close = () => {
    if (run !== undefined && run.spelled && run.digits.length >= 7) runs.push(run);
    run = undefined;
  };
  const gap = (at: number) => run !== undefined && !/^[\s,.;:、，・·\-‐–—－/()（）]*$/u.test(text.slice(run.to, at));
  let times = 1;
  for (const m of text.matchAll(digitToken)) {
    const t = m[0];
    // "double seven", "triple oh", "doppel null": the next digit said more than once.
    const repeat = repeaters[t.toLowerCase()];
    if (repeat !== undefined) {
      if (gap(m.index)) close();
      run ??= { from: m.index, to: m.index, digits: "", spelled: false };
      run.to = m.index + t.length;
      times = repeat;
      continue;
    }
    const ascii = /^[0-9]+$/.test(t);
    const value = ascii ? t : /^\p{Nd}+$/u.test(t) ? digitsOf(t) : wordValue(t, names);
    if (value === undefined || /NaN/.test(value)) {
      close();
      times = 1;
      continue;
    }
    if (gap(m.index)) close();
    run ??= { from: m.index, to: m.index, digits: "", spelled: false };
    run.digits += value.repeat(times);
    times = 1;
    run.to = m.index + t.length;
    if (!ascii) run.spelled = true;
  }
  close();
  if (runs.length === 0) return undefined;
  const parts: string[] = [];
  const words: { at: number; len: number; from: number; to: number }[] = [];
  let length = 0;
  let last = 0;
  for (const r of runs) {
    const before = text.slice(last, r.from);
    parts.push(before, r.digits);
    length += before.length;
    words.push({ at: length, len: r.digits.length, from: r.from, to: r.to });
    length += r.digits.length;
    last = r.to;
  }
  parts.push(text.slice(last));
  return { text: parts.join(""), words };
}

type ValueKind = Exclude<RelayedKind, "Warden notice">;

/** The spans of the kinds asked for, in every reading, placed in the original text; each value once per place. */
function kindSpans(text: string, kinds: ReadonlySet<ValueKind>): (ValueSpan & { kind: ValueKind })[] {
  const found: (ValueSpan & { kind: ValueKind })[] = [];
  const seen = new Set<string>();
  const readings = readingsOf(text);
  for (const [kind, find] of spanFinders) {
    if (!kinds.has(kind)) continue;
    for (const r of readings) {
      for (const s of find(r.text)) {
        const start = originalStart(r, s.start);
        const key = `${kind}:${s.value}:${start}`;
        if (seen.has(key)) continue;
        seen.add(key);
        found.push({ kind, value: s.value, start, end: originalEnd(r, s.end) });
      }
    }
  }
  return found;
}

/** Characters that may sit between the digits of a phone number as people write it; `|` and `/` only after `+`/`00`. */
function phoneSpans(text: string): ValueSpan[] {
  const found: ValueSpan[] = [];
  const seen = new Set<number>();
  const accept = (m: RegExpMatchArray) => {
    const digits = m[0].replace(/\(0\)/g, "").replace(/\D/g, "").replace(/^00/, "");
    if (/\n\s*\n/.test(m[0])) return;
    // 8 to 15 digits (E.164 allows 15); a run that is a date or an amount has separators no phone number has.
    if (digits.length < 8 || digits.length > 15) return;
    // Without an international prefix: at least 9 digits, and not a date or an amount (`2026-12-01`, `1,250.00`).
    if (m[1] === undefined && (digits.length < 9 || /\d[.,]\d{2}(?!\d)|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b/.test(m[0]))) return;
    const start = m.index ?? 0;
    if (seen.has(start)) return;
    seen.add(start);
    found.push({ value: digits, start, end: start + m[0].length });
  };
  // A number as people write it: an optional `+`, digits with single spaces, dots, dashes or brackets between them.
  for (const m of text.matchAll(/(?<![\w+])(\+|00)?\(?\d[\d\s().-]{6,20}\d(?!\w)/g)) accept(m);
  // An international number split into table cells or slashes (`+44 79 | 46 | 09 | 58 | 21`).
  for (const m of text.matchAll(/(?<![\w+])(\+|00)\d[\d\s().|/-]{6,40}\d(?!\w)/g)) if (/[|/]/.test(m[0])) accept(m);
  return found;
}

function ibanValid(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const n = ch >= "A" && ch <= "Z" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of n) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

/** IBAN lengths by country (the SWIFT IBAN registry): a separated spelling counts only at its country's length. */
const ibanLengths: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28,
  CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23,
  GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32,
  LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18,
  NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19,
  SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

/** Where the `count`-th non-separator character of `raw` ends. */
function endAfter(raw: string, count: number): number {
  let seen = 0;
  let end = 0;
  while (end < raw.length && seen < count) {
    if (!/[ .-]/.test(raw[end] ?? "")) seen += 1;
    end += 1;
  }
  return end;
}

/**
 * IBANs as written: whole or grouped by four (any case, the longest prefix whose checksum holds), and — at exactly
 * its country's length, the country in capitals — one character at a time (`G B 3 3 B U K B …`), with dots or dashes.
 * Only a checksum that holds counts.
 */
function ibanSpans(text: string): ValueSpan[] {
  const found: ValueSpan[] = [];
  const starts = new Set<number>();
  for (const m of text.matchAll(/(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){11,30}(?![A-Za-z0-9])/g)) {
    const compact = m[0].toUpperCase().replace(/ /g, "");
    // The longest valid prefix: a word after the IBAN may join it when spaces are allowed inside.
    for (let end = compact.length; end >= 15; end -= 1) {
      if (ibanValid(compact.slice(0, end))) {
        found.push({ value: compact.slice(0, end), start: m.index, end: m.index + endAfter(m[0], end) });
        starts.add(m.index);
        break;
      }
    }
  }
  const re = /(?<![A-Za-z0-9])[A-Z][ .-]?[A-Z][ .-]?\d[ .-]?\d(?:[ .-]?[A-Za-z0-9]){11,34}/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const compact = m[0].toUpperCase().replace(/[ .-]/g, "");
    const length = ibanLengths[compact.slice(0, 2)];
    const value = length === undefined ? "" : compact.slice(0, length);
    const end = m.index + endAfter(m[0], length ?? 0);
    if (length === undefined || compact.length < length || !ibanValid(value) || /[A-Za-z0-9]/.test(text[end] ?? "")) {
      re.lastIndex = m.index + 1;
      continue;
    }
    if (!starts.has(m.index)) found.push({ value, start: m.index, end });
    re.lastIndex = end;
  }
  return found;
}

const bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

function bech32Valid(address: string): boolean {
  const lower = address.toLowerCase();
  const sep = lower.lastIndexOf("1");
  if (sep < 1 || lower.length - sep < 7) return false;
  const hrp = lower.slice(0, sep);
  const data = [...lower.slice(sep + 1)].map((c) => bech32Charset.indexOf(c));
  if (data.some((d) => d < 0)) return false;
  const generators = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  const values = [...[...hrp].map((c) => c.charCodeAt(0) >> 5), 0, ...[...hrp].map((c) => c.charCodeAt(0) & 31), ...data];
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i += 1) if ((top >>> i) & 1) chk ^= generators[i] ?? 0;
  }
  // Bech32 (1) and Bech32m (0x2bc830a3).
  return chk >>> 0 === 1 || chk >>> 0 === 0x2bc830a3;
}

function cryptoSpans(text: string): ValueSpan[] {
  const found: ValueSpan[] = [];
  const span = (m: RegExpMatchArray, value: string) => found.push({ value, start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  for (const m of text.matchAll(/(?<![A-Za-z0-9])(?:bc1|tb1|ltc1)[02-9ac-hj-np-z]{8,87}(?![A-Za-z0-9])/gi)) if (bech32Valid(m[0])) span(m, m[0].toLowerCase());
  for (const m of text.matchAll(/(?<![A-Za-z0-9])[13LM][1-9A-HJ-NP-Za-km-z]{25,34}(?![A-Za-z0-9])/g)) if (base58CheckPayload(m[0]) !== undefined) span(m, m[0]);
  for (const m of text.matchAll(/(?<![A-Za-z0-9])0x[0-9a-fA-F]{40}(?![A-Za-z0-9])/g)) span(m, m[0].toLowerCase());
  return [...found, ...cryptoNameSpans(text)];
}

/**
 * Top-level domains a bare name must end in to be read as a site (`kern-bank-login.com`); a path makes any name a site
 * (`login-check.example/verify`). Others (`notes.md`, `setup.py`, `main.rs`) are file names.
 */
const siteTlds = new Set("com net org info biz xyz top online site shop store app io co me cc tv ws ru su cn de uk fr es it nl be at ch pl pt br in jp kr tk ml ga cf gq live support help bank pay link click email icu buzz vip club work cloud tech eu us ca au nz ie se no dk fi cz gr tr ua ro hu".split(" "));

/** Links: URLs, the targets of Markdown and HTML links, and bare site names; a link's value is its host, lower case. */
function linkSpans(text: string): ValueSpan[] {
  const found: ValueSpan[] = [];
  for (const u of urlPlaces(text, { bare: true })) {
    const host = hostOf(u.url);
    if (host === undefined || host === "") continue;
    const raw = text.slice(u.start, u.end);
    const bare = !/^(?:https?:)?\/\/|^www\./i.test(raw);
    if (bare && !raw.includes("/") && !siteTlds.has(host.slice(host.lastIndexOf(".") + 1))) continue;
    found.push({ value: host, start: u.start, end: u.end });
  }
  return found;
}

/** The model's text speaking as Warden: Warden's own notices are added outside it, never written by the model. */
function claimsWarden(text: string): boolean {
  return /(?:^|\n)\s*(?:[⚠️!*_>#(\[]\s*)*warden\b[^\n:：—]{0,30}[:：—]/iu.test(text) || /\[\s*warden\b/iu.test(text);
}

/** In order of precedence: where two overlap, the later is part of the earlier (a card's digits are no phone number). */
const spanFinders: readonly [ValueKind, (text: string) => ValueSpan[]][] = [
  ["IBAN", ibanSpans],
  ["crypto address", cryptoSpans],
  ["card number", cardSpans],
  ["gift card code", giftCodeSpans],
  ["bank details", bankSpans],
  ["payment handle", paymentSpans],
  ["messenger handle", handleSpans],
  ["link", linkSpans],
  ["phone number", phoneSpans],
];
const precedence = new Map(spanFinders.map(([kind], i) => [kind, i]));
/** Kinds marked only when the content held them: a link or a handle the model gives from what it knows is not relayed. */
const contentOnly: ReadonlySet<ValueKind> = new Set(["link", "messenger handle"]);
const allKinds: ReadonlySet<ValueKind> = new Set(spanFinders.map(([kind]) => kind));

/**
 * Every actionable value of `text` (the kinds of `spanFinders`), in each way it is read, with where it is written; a
 * value inside one of an earlier kind is part of it (a run of digits inside an IBAN is not a phone number of its own).
 */
export function valueSpans(text: string): (ValueSpan & { kind: ValueKind })[] {
  const all = kindSpans(text, allKinds);
  const rank = (k: ValueKind) => precedence.get(k) ?? 0;
  return all.filter((s) => !all.some((a) => rank(a.kind) < rank(s.kind) && a.start < s.end && s.start < a.end));
}

/**
 * Whether the owner's words give the value in a form the readers need not find: digits inside a run of the owner's
 * digits ("pay 20-00-00 55779911" gives account 55779911), a link on a host the owner named (or under it), a name or
 * handle the owner wrote (case aside).
 */
function ownerGives(ownerTexts: readonly string[]): (s: { kind: ValueKind; value: string }) => boolean {
  let runs: string[] | undefined;
  let hosts: string[] | undefined;
  let words: string | undefined;
  return (s) => {
    if (s.kind === "card number" || (s.kind === "bank details" && /^\d+$/.test(s.value))) {
      runs ??= ownerTexts.flatMap((t) => [...t.matchAll(/\d(?:[ ./-]?\d)*/g)].map((m) => m[0].replace(/\D/g, "")));
      return runs.some((r) => r.includes(s.value));
    }
    if (s.kind === "link") {
      hosts ??= ownerTexts.flatMap((t) => hostsNamedIn(t));
      const host = s.value;
      return hosts.some((h) => host === h || host.endsWith(`.${h}`));
    }
    if (s.kind === "phone number" || s.kind === "IBAN") return false;
    words ??= ownerTexts.join("\n").toLowerCase().replace(/(?<=[a-z0-9])[- ](?=[a-z0-9])/g, "");
    const core = s.value.toLowerCase().replace(/^[@$]/, "");
    return core.length > 0 && words.includes(core.replace(/[- ]/g, ""));
  };
}

/** A value of the text, with where it is written and where it came from (see `findRelayedValues`). */
export type RelayedSpan = ValueSpan & { kind: ValueKind; from: "content" | "unseen" };

/** The values of `text`, with their places, that the owner did not give: found in untrusted content, or in nothing. */
export function relayedSpans(text: string, untrustedTexts: readonly string[], ownerTexts: readonly string[]): RelayedSpan[] {
  const spans = valueSpans(text);
  if (spans.length === 0) return [];
  // Only the kinds the text has are looked for in what the session holds, each text read once.
  const kinds = new Set(spans.map((s) => s.kind));
  const values = (texts: readonly string[]) => new Set(texts.flatMap((t) => kindSpans(t, kinds).map((s) => `${s.kind}:${s.value}`)));
  const fromContent = values(untrustedTexts);
  const fromOwner = values(ownerTexts);
  // In a tainted turn a value the owner did not give is not the owner's, wherever the model took it from: one in
  // no text the session holds (a page's hidden part the text conversion dropped, or the model's own invention)
  // is marked too, and said to be the model's.
  const given = ownerGives(ownerTexts);
  return spans
    .filter((s) => !fromOwner.has(`${s.kind}:${s.value}`) && !given(s))
    .map((s) => ({ ...s, from: fromContent.has(`${s.kind}:${s.value}`) ? ("content" as const) : ("unseen" as const) }))
    .filter((s) => s.from === "content" || !contentOnly.has(s.kind));
}

/** The values of `text` found in untrusted content and not in the owner's own words, and any claim to be Warden. */
export function findRelayedValues(text: string, untrustedTexts: readonly string[], ownerTexts: readonly string[]): RelayedValue[] {
  const found: RelayedValue[] = [];
  for (const s of relayedSpans(text, untrustedTexts, ownerTexts)) if (!found.some((f) => f.kind === s.kind && f.value === s.value)) found.push({ kind: s.kind, value: s.value, from: s.from });
  if (claimsWarden(text) && !ownerTexts.some(claimsWarden)) found.push({ kind: "Warden notice", value: "" });
  return found;
}

/**
 * Where the turn's content came from, for Warden's own note: appended after the reply's links were judged, so an
 * address is shown defanged (`http[:]//x[.]example`), never as a link a client would render or preview.
 */
export function shownSources(sources: readonly string[]): string {
  if (sources.length === 0) return "content this session read";
  return defangUrls(sources.slice(0, 3).map((source) => oneLine(source)).join(", "));
}

/** Text in Warden's note: one line, bounded. */
function oneLine(text: string): string {
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, "?");
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** A model-chosen path in Warden's note, inside backticks: one line, none of its own. */
function shownPath(text: string): string {
  return oneLine(text.replaceAll("`", "'"));
}

function shownValue(v: RelayedValue): string {
  return v.kind === "phone number" ? `+${v.value}` : defangUrls(oneLine(v.value));
}

/**
 * Warden's mark for a reply or message to the owner that relays such values: which values, from where, and what to do.
 * Empty when there is nothing to mark.
 */
export function relayedMark(found: readonly RelayedValue[], sources: readonly string[]): string {
  if (found.length === 0) return "";
  const from = shownSources(sources);
  const listed = (vs: readonly RelayedValue[]) => `${vs.slice(0, 6).map((v) => `${v.kind} ${shownValue(v)}`).join(", ")}${vs.length > 6 ? ` and ${vs.length - 6} more` : ""}`;
  const copied = found.filter((v) => v.kind !== "Warden notice" && v.from !== "unseen");
  const unseen = found.filter((v) => v.kind !== "Warden notice" && v.from === "unseen");
  const parts: string[] = [];
  if (copied.length > 0) parts.push(`this message repeats ${listed(copied)} that came from ${from}, not from you or Warden`);
  if (unseen.length > 0) parts.push(`this message gives ${listed(unseen)} that you did not type: the model wrote it after reading ${from}`);
  if (parts.length > 0) parts[parts.length - 1] += " — check them elsewhere (the bank's card, the company's own site) before you call, pay, open or send anything";
  if (found.some((v) => v.kind === "Warden notice")) parts.push(`the text above that presents itself as Warden is not from Warden: it was written by the model after it read ${from}; Warden's own notices never ask you to send commands, codes or money`);
  return `\n\n(Warden: ${parts.join("; ")}. [reply.relayed_untrusted_values])`;
}

/** The reply's note for files the turn wrote that give values the owner did not: each file, its values, the sources. */
export function relayedFilesNote(files: readonly { path: string; found: readonly RelayedValue[] }[], sources: readonly string[]): string {
  if (files.length === 0) return "";
  const from = shownSources(sources);
  const each = files.slice(0, 5).map((f) => `\`${shownPath(f.path)}\` (${f.found.slice(0, 4).map((v) => (v.kind === "Warden notice" ? "text posing as Warden" : `${v.kind} ${shownValue(v)}`)).join(", ")})`);
  return `\n\n(Warden: this turn wrote ${each.join(", ")}${files.length > 5 ? ` and ${files.length - 5} more files` : ""} after reading ${from}; what it gives did not come from you — check it elsewhere before you act on the file. [file.relayed_untrusted_values])`;
}
