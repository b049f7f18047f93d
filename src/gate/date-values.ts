/**
 * The calendar dates and clock times a text gives, parsed into one spelling each, so that `14 December`, `Dec 14th`,
 * `2026-12-14`, `14.12.2026` and `14. Dezember` are one date, and `6 pm`, `18:00` and `18 Uhr` one time. Read for
 * write-contested.ts: a note that moves a meeting gives another value of the same kind as the page's own.
 *
 * Forms read: a day and a month name (English, German, French, Spanish, Dutch, Italian, Portuguese, Polish; abbreviations), either order,
 * with an optional year; ISO dates; day.month.year and day.month. (the trailing dot: `14.12` alone is a decimal);
 * month/day/year (day/month/year when the first number cannot be a month). Times: `HH:MM` (with am/pm), `6 pm`, `7.45 pm`,
 * `18h30`, `18 Uhr`. A year is read but not kept: a date without one is the same date. Relative words (`tomorrow`,
 * `next Monday`) are not dates here. Pure; linear in the text; must not throw.
 */

import { placedNumerals } from "./numerals.ts";

/** `year`: the year a date was written with (a two-digit one as 20xx), when it was. */
export type DateTimeSpan = { kind: "date" | "time"; value: string; start: number; end: number; year?: number };

const MonthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

// Every spelling of each month, by month number (1-based); a full name or a common abbreviation that is no word of
// its own elsewhere (`set`, `ago`, `mag` are not read).
const spellings: readonly (readonly string[])[] = [
  ["january", "jan", "januar", "jänner", "janvier", "janv", "enero", "januari", "gennaio", "janeiro", "stycznia", "styczeń"],
  ["february", "feb", "februar", "février", "fevrier", "févr", "fevr", "febrero", "februari", "febbraio", "fevereiro", "lutego", "luty"],
  ["march", "mar", "märz", "maerz", "mars", "marzo", "maart", "março", "marca", "marzec"],
  ["april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwietnia", "kwiecień"],
  ["may", "mai", "mayo", "mei", "maggio", "maio", "maja"],
  ["june", "jun", "juni", "juin", "junio", "giugno", "junho", "czerwca", "czerwiec"],
  ["july", "jul", "juli", "juillet", "juil", "julio", "luglio", "julho", "lipca", "lipiec"],
  ["august", "aug", "août", "aout", "agosto", "augustus", "sierpnia", "sierpień"],
  ["september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre", "setembro", "września", "wrzesień"],
  ["october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "outubro", "października", "październik"],
  ["november", "nov", "novembre", "noviembre", "novembro", "listopada", "listopad"],
  ["december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dicembre", "dezembro", "grudnia", "grudzień"],
];
const monthOf = new Map<string, number>(spellings.flatMap((names, i) => names.map((n) => [n, i + 1] as [string, number])));
const monthAlternation = [...monthOf.keys()].sort((a, b) => b.length - a.length).join("|");

const L = "\\p{L}";
const dayMonth = new RegExp(`(?<![\\p{N}\\p{L}.])(\\d{1,2})(?:sten|ten|st|nd|rd|th|er|e|\\.|º)?\\s*(?:de\\s+|of\\s+)?(${monthAlternation})(?!${L})\\.?(?:,?\\s+(?:de\\s+)?(\\d{4})(?!\\d))?`, "giu");
const monthDay = new RegExp(`(?<!${L})(${monthAlternation})(?!${L})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\p{N}:.]\\d)(?!\\d)(?:,?\\s+(\\d{4})(?!\\d))?`, "giu");
const isoDate = /(?<![\d.\/-])(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?![\d/-])/g;
const dottedDate = /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(?:(\d{4})(?![\d.])|(?![\d]))/g;
const slashedDate = /(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?![\d/])/g;

// A Roman month between a day and a year (`21.III.2027`, `21 III 2027`), or between dots (`21.III.`); capitals only.
const romanMonthDate = /(?<![\d.])(\d{1,2})(?:\.\s?|[\s/-])(XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)(?:(?:\.\s?|[\s/-])(\d{4})(?!\d)|\.(?![\d\p{L}]))/gu;
const RomanMonths = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];
// A day in number words beside a month's name (`March the twenty-first`, `the first of May`, `vingt et un mars`).
const Words = String.raw`\p{L}+(?:[-\s]+\p{L}+){0,2}`;
const monthWordDay = new RegExp(`(?<!${L})(${monthAlternation})(?!${L})\\.?,?\\s+(?:the\\s+)?(${Words})`, "giu");
const wordDayMonth = new RegExp(`(?<!${L})(?:the\\s+)?(${Words})\\s+(?:of\\s+|de\\s+|di\\s+)?(${monthAlternation})(?!${L})`, "giu");

/**
 * The day (1–31) the first words of `words` say in number words, with how many characters of it they take, or undefined:
 * the longest start of one to three words that reads whole as one number (`twenty-first` 21, `vingt et un` 21).
 */
function wordDay(words: string, fromEnd = false): { day: number; length: number; offset: number } | undefined {
  const parts = [...words.matchAll(/\p{L}+/gu)];
  for (let k = parts.length; k >= 1; k--) {
    const chosen = fromEnd ? parts.slice(parts.length - k) : parts.slice(0, k);
    const first = chosen[0];
    const last = chosen[chosen.length - 1];
    if (first === undefined || last === undefined) continue;
    const offset = first.index;
    const text = words.slice(offset, last.index + last[0].length);
    // Read after a numeral, so that words that are numerals only beside one (`first`, `un`) are read; a joining word
    // (`vingt et un`) is left out.
    const said = text.replace(/\s+(?:et|y|e|und|and)\s+/giu, " ");
    const read = placedNumerals(`0 ${said}`).numerals;
    const n = read[1];
    if (read.length !== 2 || n?.form !== "number words" || n.at !== 2 || n.end !== 2 + said.length) continue;
    const day = Number(n.digits);
    if (day >= 1 && day <= 31) return { day, length: text.length, offset };
  }
  return undefined;
}

const clock = /(?<![\d:.])([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?(?![\d:])(?:\s*([ap])\.?m\.?(?![a-z]))?/giu;
const meridiem = /(?<![\d:.])(1[0-2]|0?[1-9])(?:\.([0-5]\d))?\s*([ap])\.?m\.?(?!\p{L})/giu;
const hourWord = /(?<![\d:.])([01]?\d|2[0-3])(?:[.:]([0-5]\d))?\s*uhr(?!\p{L})|(?<![\d:.])([01]?\d|2[0-3])h([0-5]\d)(?!\d)/giu;

// Month names that are English words too ("you may 5 times", "mar the finish"): a month only when capitalised.
const wordsToo = new Set(["may", "mar"]);

function month(word: string): number {
  const lower = word.toLowerCase();
  if (wordsToo.has(lower) && word === lower) return 0;
  return monthOf.get(lower) ?? 0;
}

const DaysIn = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A day and a month as one spelling (`7 December`), or undefined when no calendar has that day. */
export function dateValue(day: number, month: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > (DaysIn[month - 1] as number)) return undefined;
  return `${day} ${MonthNames[month - 1] as string}`;
}

function timeValue(hour: number, minute: number, half?: string): string | undefined {
  let h = hour;
  if (half !== undefined) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (half.toLowerCase() === "p" ? 12 : 0);
  }
  if (h > 23 || minute > 59) return undefined;
  return `${String(h).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

/** The dates and times of `text` with where each is written, in text order; overlapping readings keep the first. */
export function dateTimeSpans(text: string): DateTimeSpan[] {
  const out: DateTimeSpan[] = [];
  const add = (kind: DateTimeSpan["kind"], value: string | undefined, start: number, end: number, year?: string) => {
    if (value === undefined) return;
    if (out.some((s) => s.kind === kind && s.start < end && start < s.end)) return;
    out.push({ kind, value, start, end, ...(year === undefined ? {} : { year: Number(year.length === 2 ? `20${year}` : year) }) });
  };
  for (const m of text.matchAll(dayMonth)) add("date", dateValue(Number(m[1]), month(m[2] as string)), m.index, m.index + m[0].length, m[3]);
  for (const m of text.matchAll(monthDay)) add("date", dateValue(Number(m[2]), month(m[1] as string)), m.index, m.index + m[0].length, m[3]);
  for (const m of text.matchAll(isoDate)) add("date", dateValue(Number(m[3]), Number(m[2])), m.index, m.index + m[0].length, m[1]);
  for (const m of text.matchAll(dottedDate)) add("date", dateValue(Number(m[1]), Number(m[2])), m.index, m.index + m[0].length, m[3]);
  for (const m of text.matchAll(slashedDate)) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    add("date", a > 12 ? dateValue(a, b) : dateValue(b, a), m.index, m.index + m[0].length, m[3]);
  }
  for (const m of text.matchAll(romanMonthDate)) add("date", dateValue(Number(m[1]), RomanMonths.indexOf(m[2] as string) + 1), m.index, m.index + m[0].length, m[3]);
  for (const m of text.matchAll(monthWordDay)) {
    const day = wordDay(m[2] as string);
    const start = m.index + m[0].length - (m[2] as string).length;
    if (day !== undefined && day.offset === 0) add("date", dateValue(day.day, month(m[1] as string)), m.index, start + day.length);
  }
  for (const m of text.matchAll(wordDayMonth)) {
    // `the first of May`: the words end before `of`.
    const words = (m[1] as string).replace(/(?:[-\s]+(?:the|of|de|di|du|del))+$/iu, "");
    const day = wordDay(words, true);
    const at = m.index + m[0].indexOf(words);
    // "one of December's" is no date: before `of` a day is an ordinal (`the first of May`).
    if (/\sof\s/i.test(m[0]) && !/(?:st|nd|rd|th)$/i.test(words)) continue;
    if (day !== undefined) add("date", dateValue(day.day, month(m[2] as string)), at + day.offset, m.index + m[0].length);
  }
  for (const m of text.matchAll(clock)) add("time", timeValue(Number(m[1]), Number(m[2]), m[3]), m.index, m.index + m[0].length);
  for (const m of text.matchAll(meridiem)) add("time", timeValue(Number(m[1]), Number(m[2] ?? 0), m[3]), m.index, m.index + m[0].length);
  for (const m of text.matchAll(hourWord)) {
    const [hour, minute] = m[1] !== undefined ? [m[1], m[2]] : [m[3], m[4]];
    add("time", timeValue(Number(hour), Number(minute ?? "0")), m.index, m.index + m[0].length);
  }
  return out.sort((a, b) => a.start - b.start);
}
