/**
 * A value planted in the owner's file by text its reader never saw. "Save the key facts of this page to notes.md",
 * "translate this letter and save it", "add its checklist items to my todo": the owner asked for a write that takes
 * the content's values, and write-values.ts lets prose take the source's values of kinds the owner typed none of. But a
 * page, a mail or a downloaded file can hold a value only where its reader does not look (an HTML comment, a
 * `display:none` element, zero-width-wrapped text, an `alt` attribute, a mail's `X-` header: text/hidden-parts.ts), and
 * "the plumber's new account is GB33…" then lands in the owner's notes as if the page had said it. The owner asked
 * for what the source says to its reader.
 *
 * INVARIANT: a value a tainted write adds to a document is given by the owner's words, by the file's visible text, or
 * by the visible text of the untrusted content read in the session; one that only hidden parts give is found, and so
 * is one that nothing gives when the content spoke in hidden parts (a page's are left out of the text the model is
 * given, so what they said reaches the write from nowhere; content with none leaves the model's own wording to
 * write-values.ts). A number, a date or a time nothing gives is the model's own working (a total, a weekday's date)
 * unless the digests a page's text keeps of its left-out parts' numbers give it (text/hidden-parts.ts `digestsNote`). Values are read by kind — the addresses, accounts and keys of write-values.ts, crypto addresses,
 * dates and times by value (date-values.ts: `9.12.` is `9 December`), phone numbers by their last seven digits, and
 * numbers of three digits or more (amounts, codes, years) by their digits — so rewording, translating and reformatting
 * a visible value keeps it the source's. A value is "added" when the file did not hold it (anywhere) before, or when
 * its visible text did not and the change shows it. Numbers of one or two digits are judged only where a hidden part
 * gives them (a quantity of 40 where the page shows 4; counts and list numbers the model writes are its own); a day is the source's when the source gives its number and its month (by name or number), an hour when the source gives its number outside a date (`8` in `8–10 Uhr`). Bounded by the readers'
 * bounds; never throws.
 */
import { digestOf, digestTokens, splitHidden, type HiddenForm } from "../text/hidden-parts.ts";
import { dateTimeSpans } from "./date-values.ts";
import { numeralsIn, type NumeralForm } from "./numerals.ts";
import { spokenTimes } from "./spoken-times.ts";
import type { FlowState } from "./types.ts";
import { valuesIn } from "./write-values.ts";

/** Kinds of value a model works out from what it read (a total, a converted date): no sign of a plant by themselves. */
const Computable: ReadonlySet<string> = new Set(["number", "date", "time"]);

export type PlantedValue = { kind: string; text: string; hiddenIn?: HiddenForm };

/**
 * `keys`: what the value is matched by; `parts`: what else a source holding it gives (a phone number's digit groups);
 * `short`: a number of one or two digits, judged only where a hidden part gives it (a count the model wrote is no plant).
 */
type Value = { kind: string; text: string; keys: string[]; parts?: string[]; short?: boolean };

/**
 * What a source text gives: its values' `kind\0key`s, every number it writes, short ones too (days, hours), and the
 * `free` ones among them, outside a date or time (`8` in `8–10 Uhr`; not `9` in `9.12.`, which is no hour).
 */
type Given = { keys: Set<string>; numbers: Set<string>; free: Set<string>; months: Set<string> };

const MaxSources = 200;
const MonthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const crypto = /(?<![\p{L}\p{N}])(?:(?:bc1|tb1|ltc1)[ac-hj-np-z02-9]{11,87}|[13LM][a-km-zA-HJ-NP-Z1-9]{25,34}|0x[0-9a-fA-F]{40}|T[1-9A-HJ-NP-Za-km-z]{33})(?![\p{L}\p{N}])/gu;
// A letter of an alphabet before a digit makes one word of them (`DE12`, `A380`); a kanji or kana does not (`は3,000円`).
const phone = /(?<![\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{N}])\+?\(?\d[\d \u00a0()./–-]{4,}\d(?![\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{N}])/gu;
// Thousands in groups of three, then one or two decimals: `1.900,00`, `3,000`, `19.90`; `sku-42,19.90` is two numbers.
const number = /(?<![\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{N}_#])\d+(?:[.,'\u00a0]\d{3}(?!\d))*(?:[.,]\d{1,2}(?![.,]?\d))?/gu;
/** The forms of numeral (numerals.ts) read as the number they write: words, Roman numerals, sums, other scripts' digits. */
const RespelledForms: ReadonlySet<NumeralForm> = new Set(["number words", "Roman numerals", "arithmetic", "CJK numerals", "digits of another script", "shorthand"]);
const JudgedKinds = new Set(["URL", "e-mail address", "IBAN", "key or hash", "IP address", "host name"]);

const blank = (text: string, from: number, to: number) => text.slice(0, from) + " ".repeat(to - from) + text.slice(to);
const digits = (s: string) => s.replace(/\D/g, "");
const unzero = (s: string) => s.replace(/^0+(?=\d)/, "");

/** The values of a text by kind, and every number it writes (see the header). */
function read(raw: string): { values: Value[]; numbers: string[]; free: string[] } {
  let text = raw.normalize("NFKC");
  const values: Value[] = [];
  const numbers: string[] = [];
  const free: string[] = [];
  for (const s of dateTimeSpans(text)) {
    values.push({ kind: s.kind, text: text.slice(s.start, s.end), keys: [s.value] });
    for (const n of text.slice(s.start, s.end).match(/\d+/g) ?? []) numbers.push(unzero(n));
  }
  for (const s of dateTimeSpans(text)) text = blank(text, s.start, s.end);
  // A time said in words ("quarter to seven", "halb acht") is the time it names.
  for (const s of spokenTimes(text)) {
    values.push({ kind: "time", text: s.text, keys: s.values });
    text = blank(text, s.start, s.end);
  }
  text = text.replace(crypto, (m) => {
    values.push({ kind: "crypto address", text: m, keys: [/^(?:bc1|tb1|ltc1|0x)/i.test(m) ? m.toLowerCase() : m] });
    return " ".repeat(m.length);
  });
  for (const v of valuesIn(text)) {
    if (v.kind !== "number" && v.kind !== "setting") text = text.split(v.text).join(" ".repeat(v.text.length));
    if (!JudgedKinds.has(v.kind)) continue;
    // A bare host is a domain as people write one (`pay-here.example`), not two words run together (`Dr.Albers`).
    if (v.kind === "host name" && v.text !== v.text.toLowerCase()) continue;
    values.push({ kind: v.kind, text: v.text, keys: [v.key] });
  }
  text = text.replace(phone, (m) => {
    const d = digits(m);
    if (d.length < 7) return m;
    values.push({ kind: "phone number", text: m.trim(), keys: [d.slice(-7)], parts: (m.match(/\d+/g) ?? []).map(unzero) });
    numbers.push(d.slice(-7));
    return " ".repeat(m.length);
  });
  // A number written otherwise than in digits (`two hundred fifty`, `XII`, `4470+1`, a phone number in words) is the
  // number it reads as; one of a single digit is not judged (`one`, `I`, `two` are everyday words).
  for (const n of numeralsIn(text)) {
    if (!RespelledForms.has(n.form) || n.digits.length < 2) continue;
    const keys = [n.digits, unzero(n.digits), ...(n.digits.length >= 7 ? [n.digits.slice(-7)] : [])];
    numbers.push(unzero(n.digits));
    free.push(unzero(n.digits));
    values.push({ kind: "number", text: n.text, keys: [...new Set(keys)], ...(unzero(n.digits).length < 3 ? { short: true } : {}) });
  }
  // Digits spelled apart (`4 4 7 1`, `4-4-7-1`) are the number they spell.
  for (const m of text.matchAll(/(?<![\d.,])\d(?:[ .\-]\d){2,}(?![\d.,]?\d)/g)) {
    const d = digits(m[0]);
    numbers.push(unzero(d));
    free.push(unzero(d));
    values.push({ kind: "number", text: m[0], keys: [...new Set([d, unzero(d)])] });
  }
  for (const m of text.matchAll(number)) {
    const whole = digits(m[0]);
    // `1.900,00` is `1900`; `19.90` and `1990` are not told apart (both the source's when either is).
    const integer = digits(m[0].replace(/[.,]\d{1,2}$/, ""));
    numbers.push(unzero(whole), unzero(integer));
    free.push(unzero(whole), unzero(integer));
    values.push({ kind: "number", text: m[0], keys: [...new Set([whole, integer, unzero(integer)])], ...(integer.length < 3 ? { short: true } : {}) });
  }
  return { values, numbers, free };
}

const id = (kind: string, key: string) => `${kind === "phone number" || kind === "number" ? "digits" : kind}\u0000${key}`;

function given(texts: readonly string[]): Given {
  const out: Given = { keys: new Set(), numbers: new Set(), free: new Set(), months: new Set() };
  for (const t of texts) {
    const r = read(t);
    for (const v of r.values) {
      for (const k of v.keys) out.keys.add(id(v.kind, k));
      for (const p of v.parts ?? []) out.keys.add(id("number", p));
      if (v.kind === "date") out.months.add(v.keys[0]?.replace(/^\d+ /, "") ?? "");
    }
    for (const n of r.numbers) out.numbers.add(n);
    for (const n of r.free) out.free.add(n);
  }
  return out;
}

/** Whether a source gives the value: the same key, or (a day, an hour) the same month or hour and its number. */
function gives(g: Given, v: Value): boolean {
  if (v.keys.some((k) => g.keys.has(id(v.kind, k)))) return true;
  const key = v.keys[0] ?? "";
  if (v.kind === "date") {
    // `1月31日` gives `31 January` by its numbers.
    const [day = "", month = ""] = key.split(" ");
    return g.numbers.has(day) && (g.months.has(month) || g.numbers.has(String(MonthNames.indexOf(month) + 1)));
  }
  if (v.kind === "time") {
    const [hour = "", minute = ""] = key.split(":");
    const h = Number(hour);
    const hourGiven = g.free.has(String(h)) || (h > 12 && g.free.has(String(h - 12)));
    return hourGiven && (minute === "00" || g.free.has(unzero(minute)));
  }
  return false;
}

/**
 * Whether the digests of a page's left-out parts (text/hidden-parts.ts `digestsNote`) give a number, a date or a time:
 * its digits; a day's number and its month's (or a word of the value next to it: `6 Dezember`); an hour and minute.
 */
function digestsGive(digests: ReadonlySet<string>, v: Value): boolean {
  if (digests.size === 0) return false;
  const has = (token: string) => digests.has(digestOf(token));
  const key = v.keys[0] ?? "";
  if (v.kind === "number") return v.keys.some(has);
  // The digests keep the dates and times of the left-out parts by value too (`date:21 March`, `time:18:45`).
  if (v.keys.some((k) => has(`${v.kind}:${k}`))) return true;
  if (v.kind === "date") {
    const [day = "", month = ""] = key.split(" ");
    const words = digestTokens(v.text).filter((t) => !/^\d+$/.test(t));
    return has(day) && (has(String(MonthNames.indexOf(month) + 1)) || words.some(has));
  }
  if (v.kind === "time") {
    const [hour = "", minute = ""] = key.split(":");
    const h = Number(hour);
    return (has(String(h)) || (h > 12 && has(String(h - 12)))) && (minute === "00" || has(unzero(minute)));
  }
  return false;
}

/**
 * The values a tainted write's change adds to a document that neither the owner, nor the file's visible text, nor the
 * visible text of the session's untrusted content gives, each with the hidden form that gave it, when one did.
 */
export function plantedValues(before: string, after: string, flow: Pick<FlowState, "tainted" | "ownerTexts" | "untrustedTexts">): PlantedValue[] {
  if (!flow.tainted) return [];
  try {
    // The file's text is read as its parts (a style's `#333` or a `width="300"` is no value; an `alt` text is).
    const beforeParts = splitHidden(before);
    const afterParts = splitHidden(after);
    const had = given([beforeParts.visible, ...beforeParts.hidden.map((h) => h.text)]);
    const hadVisible = given([beforeParts.visible]);
    const judged = [
      ...[afterParts.visible, ...afterParts.hidden.map((h) => h.text)].flatMap((t) => read(t).values).filter((v) => !gives(had, v)),
      ...read(afterParts.visible).values.filter((v) => !gives(hadVisible, v)),
    ];
    if (judged.length === 0) return [];
    const content = flow.untrustedTexts.slice(0, MaxSources).map(splitHidden);
    const sources = given([...flow.ownerTexts, beforeParts.visible, ...content.map((c) => c.visible)]);
    const hidden = [...beforeParts.hidden, ...content.flatMap((c) => c.hidden)];
    // A value nothing gives is judged where the content spoke in parts its reader never saw (a page's left out ones
    // too); elsewhere it is the model's own wording, bound by write-values.ts.
    const spokeHidden = hidden.length > 0 || content.some((c) => c.leftOut);
    const digests = new Set(content.flatMap((c) => [...c.digests]));
    const out: PlantedValue[] = [];
    for (const v of judged) {
      if (gives(sources, v) || out.some((o) => o.kind === v.kind && o.text === v.text)) continue;
      // A count of one or two digits is not found in a page's markup data (`initial-scale=1`, `data-index="4"`).
      const hiddenIn = hidden.find((h) => !(v.short === true && h.form === "a data attribute") && gives(given([h.text]), v))?.form ?? (Computable.has(v.kind) && digestsGive(digests, v) ? "a part of the page left out of its text" : undefined);
      if (hiddenIn === undefined && (!spokeHidden || v.short === true)) continue;
      // Where only the fact that the content hid something is known (a page's hidden parts are left out), a number,
      // a date or a time is one the model may have worked out (a total, a weekday's date): only identifiers — an
      // account, an address, a key — that nothing gives are judged planted.
      if (hiddenIn === undefined && Computable.has(v.kind)) continue;
      out.push({ kind: v.kind, text: v.text, ...(hiddenIn !== undefined ? { hiddenIn } : {}) });
    }
    return out;
  } catch {
    // INVARIANT: a change that could not be read is not known to carry only visible values (fail closed).
    return [{ kind: "value", text: "(the change could not be read)" }];
  }
}

/** For a reason the owner reads: "`GB33…` (an IBAN, only in an HTML comment of what was read) and 1 more". */
export function describePlanted(values: readonly PlantedValue[]): string {
  const shown = values.slice(0, 3).map((v) => {
    const article = /^[aeiouIU]/.test(v.kind) && v.kind !== "URL" ? "an" : "a";
    const where = v.hiddenIn !== undefined ? `given only in ${v.hiddenIn}, which a person reading it does not see` : "which nothing you typed, the file or the visible text of the content read gives, while that content hid text from its reader";
    return `\`${v.text.length > 60 ? `${v.text.slice(0, 60)}…` : v.text}\` (${article} ${v.kind}, ${where})`;
  });
  return `${shown.join(", ")}${values.length > shown.length ? ` and ${values.length - shown.length} more` : ""}`;
}
