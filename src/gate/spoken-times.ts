/**
 * Clock times said in words, as people say them rather than write them: "quarter to seven", "half past six", "halb
 * acht", "Viertel nach sieben", "zehn vor acht", "sept heures et demie", "las siete y cuarto", "kwart over acht". Read so
 * that a time written in words is compared by its value with one written `18:45` (write-planted-values.ts: a time only
 * a page's hidden part gave is not laundered by saying it). A spoken time names no half of the day, so each is both
 * (`quarter to seven` is `06:45` and `18:45`); "half eight" is 8:30 in English and 7:30 in Dutch and German, so both.
 * Hours are number words of the languages numerals.ts reads, or digits. Pure; bounded by the text; never throws.
 */
import { numeralsIn } from "./numerals.ts";

export type SpokenTime = { text: string; values: string[]; start: number; end: number };

const MaxText = 20_000;
const Hour = String.raw`(\d{1,2}|\p{L}+)`;

/** The hour (1–12) a word or digits name, or undefined. */
function hourOf(word: string): number | undefined {
  if (/^\d{1,2}$/.test(word)) {
    const n = Number(word);
    return n >= 1 && n <= 24 ? ((n - 1) % 12) + 1 : undefined;
  }
  // Read after a numeral, so that words that are numerals only beside one ("one", "ein", "sept") are read.
  const read = numeralsIn(`0 ${word}`);
  const n = read.length === 2 && read[1]?.form === "number words" ? Number(read[1].digits) : Number.NaN;
  return n >= 1 && n <= 12 ? n : undefined;
}

/** Minutes said as a number word or digits (`zehn`, `twenty`, `5`), 1–29, or undefined. */
function minutesOf(word: string): number | undefined {
  const n = /^\d{1,2}$/.test(word) ? Number(word) : Number(numeralsIn(`0 ${word}`)[1]?.digits ?? Number.NaN);
  return n >= 1 && n <= 29 ? n : undefined;
}

const pad = (n: number) => String(n).padStart(2, "0");
/** Both halves of the day of `hour` (1–12, or 0 for the hour before 1) at `minute`. */
const both = (hour: number, minute: number): string[] => {
  const h = ((hour + 11) % 12) + 1;
  return [`${pad(h % 12)}:${pad(minute)}`, `${pad((h % 12) + 12)}:${pad(minute)}`];
};

/**
 * Each form: a pattern whose groups are read by `value` into an hour and a minute (some say the minutes before the hour
 * named). Groups not matched are read as "".
 */
type Form = { pattern: RegExp; value: (g: string[]) => [number, number][] | undefined };
const form = (source: string, value: Form["value"]): Form => ({ pattern: new RegExp(`(?<![\\p{L}\\p{N}])${source}(?![\\p{L}\\p{N}])`, "giu"), value });
const at = (hourWord: string | undefined, minute: number, back = false): [number, number][] | undefined => {
  const h = hourOf(hourWord ?? "");
  return h === undefined ? undefined : [[back ? h - 1 : h, back ? 60 - minute : minute]];
};

const Forms: readonly Form[] = [
  // English: quarter/half past, quarter to, N minutes past/to, "half eight" (8:30 in English, 7:30 in Dutch).
  form(String.raw`(?:a\s+)?quarter\s+(?:past|after)\s+${Hour}`, (g) => at(g[1], 15)),
  form(String.raw`half\s+past\s+${Hour}`, (g) => at(g[1], 30)),
  form(String.raw`(?:a\s+)?quarter\s+(?:to|before|till|of)\s+${Hour}`, (g) => at(g[1], 15, true)),
  form(String.raw`(\d{1,2}|\p{L}+(?:[-\s]\p{L}+)?)\s+(?:minutes?\s+)?(past|after|to|before|till)\s+${Hour}`, (g) => {
    const m = minutesOf((g[1] ?? "").replace(/[-\s]+/g, " "));
    return m === undefined ? undefined : at(g[3], m, /^(?:to|before|till)$/i.test(g[2] ?? ""));
  }),
  // German and Dutch: halb acht (7:30), Viertel nach/vor, dreiviertel acht, zehn nach/vor sieben, kwart over/voor.
  form(String.raw`(?:halb|half)\s+${Hour}`, (g) => [...(at(g[1], 30, true) ?? []), ...(at(g[1], 30) ?? [])]),
  form(String.raw`(?:viertel|kwart)\s+(?:nach|over|über)\s+${Hour}`, (g) => at(g[1], 15)),
  form(String.raw`(?:viertel|kwart)\s+(?:vor|voor)\s+${Hour}|drei\s*viertel\s+${Hour}`, (g) => at(g[1] || g[2], 15, true)),
  form(String.raw`(\p{L}+)\s+(nach|vor|over|voor)\s+${Hour}`, (g) => {
    const m = minutesOf(g[1] ?? "");
    return m === undefined ? undefined : at(g[3], m, /^vo/i.test(g[2] ?? ""));
  }),
  // French: sept heures et quart / et demie / moins le quart / moins dix, sept heures trente.
  form(String.raw`${Hour}\s+heures?\s+(et\s+quart|et\s+demie|moins\s+(?:le\s+)?quart|moins\s+(\p{L}+)|(\p{L}+(?:-\p{L}+)*))`, (g) => {
    const tail = (g[2] ?? "").toLowerCase();
    if (tail.startsWith("et quart")) return at(g[1], 15);
    if (tail.startsWith("et demi")) return at(g[1], 30);
    if (/^moins\s+(?:le\s+)?quart/.test(tail)) return at(g[1], 15, true);
    if (g[3]) {
      const m = minutesOf(g[3]);
      return m === undefined ? undefined : at(g[1], m, true);
    }
    const n = Number(numeralsIn(`0 ${(g[4] ?? "").replace(/-/g, " ")}`)[1]?.digits ?? Number.NaN);
    return n >= 1 && n <= 59 ? at(g[1], n) : undefined;
  }),
  // Spanish, Italian, Portuguese: las siete y cuarto / y media / menos cuarto; le sette e mezza / meno un quarto.
  form(String.raw`(?:las|la|le|l'|às|as)\s*${Hour}\s+(y|e)\s+(cuarto|media|un\s+quarto|quarto|mezza|mezzo|meia)`, (g) => at(g[1], /^(?:media|mezz|meia)/i.test(g[3] ?? "") ? 30 : 15)),
  form(String.raw`(?:las|la|le|l'|às|as)\s*${Hour}\s+(?:menos|meno)\s+(?:un\s+)?(?:cuarto|quarto)`, (g) => at(g[1], 15, true)),
];

/** The clock times a text says in words, in text order; overlapping readings keep the first found. */
export function spokenTimes(raw: string): SpokenTime[] {
  try {
    const text = raw.slice(0, MaxText);
    const out: SpokenTime[] = [];
    for (const f of Forms) {
      for (const m of text.matchAll(f.pattern)) {
        const start = m.index;
        const end = start + m[0].length;
        if (out.some((o) => o.start < end && start < o.end)) continue;
        const read = f.value([...m].map((x) => x ?? ""));
        if (read === undefined || read.length === 0) continue;
        out.push({ text: m[0], values: [...new Set(read.flatMap(([h, min]) => both(h, min)))], start, end });
      }
    }
    return out.sort((a, b) => a.start - b.start);
  } catch {
    return [];
  }
}
