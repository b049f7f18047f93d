/**
 * Clock times said in words, as people say them rather than write them: "quarter to seven", "half past six", "halb
 * acht", "Viertel nach sieben", "zehn vor acht", "sept heures et demie", "las siete y cuarto", "kwart over acht". Read so
 * that a time written in words is compared by its value with one written `18:45` (write-planted-values.ts: a time only
 * a page's hidden part gave is not laundered by saying it). A spoken time names no half of the day, so each is both
 * (`quarter to seven` is `06:45` and `18:45`); "half eight" is 8:30 in English and 7:30 in Dutch and German, so both.
 * Hours are number words of the languages numerals.ts reads, or digits. Pure; bounded by the text; never throws.
 */
import { numeralsIn, placedNumerals } from "./numerals.ts";

export type SpokenTime = { text: string; values: string[]; start: number; end: number };

const MaxText = 20_000;
const Hour = String.raw`(\d{1,2}|\p{L}+(?:-\p{L}+)?)`;
const CjkNumber = "[〇零一二两兩三四五六七八九十]{1,3}";
/** Korean hours are counted in native numbers, in their counting forms (`여섯 시` 6, `열두 시` 12). */
const KoreanHours: Record<string, number> = Object.fromEntries(["한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉", "열", "열한", "열두"].map((w, i) => [w, i + 1]));
const KoreanHour = `(?:${Object.keys(KoreanHours).sort((a, b) => b.length - a.length).join("|")})`;

/** The hour (1–12) a word or digits name, or undefined. */
function hourOf(word: string): number | undefined {
  if (/^\d{1,2}$/.test(word)) {
    const n = Number(word);
    return n >= 1 && n <= 24 ? ((n - 1) % 12) + 1 : undefined;
  }
  // Read after a numeral, so that words that are numerals only beside one ("one", "ein", "sept") are read.
  const read = numeralsIn(`0 ${word.replace(/-/g, " ")}`);
  const n = read.length === 2 && read[1]?.form === "number words" ? Number(read[1].digits) : Number.NaN;
  return n >= 1 && n <= 24 ? ((n - 1) % 12) + 1 : undefined;
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
/** A form of a script written without spaces (Japanese, Chinese, Korean): no word boundary, only no digit beside it. */
const cjkForm = (source: string, value: Form["value"]): Form => ({ pattern: new RegExp(`(?<!\\d)${source}(?!\\d)`, "gu"), value });
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
  form(String.raw`(?:a\s+las|las|la|alle|le|all'|l'|às|as)\s*${Hour}\s+(y|e)\s+(cuarto|media|un\s+quarto|quarto|mezza|mezzo|meia)`, (g) => at(g[1], /^(?:media|mezz|meia)/i.test(g[3] ?? "") ? 30 : 15)),
  form(String.raw`(?:a\s+las|las|la|alle|le|all'|l'|às|as)\s*${Hour}\s+(?:menos|meno)\s+(?:un\s+)?(?:cuarto|quarto)`, (g) => at(g[1], 15, true)),
  // Swedish, Danish, Norwegian: kvart i sju (6:45), kvart över sju, halv sju (6:30), tio i sju, fem över sju.
  form(String.raw`kvart\s+(?:i|på|pa|på)\s+${Hour}`, (g) => at(g[1], 15, true)),
  form(String.raw`kvart\s+(?:över|over|yli)\s+${Hour}`, (g) => at(g[1], 15)),
  form(String.raw`halv\s+${Hour}`, (g) => at(g[1], 30, true)),
  form(String.raw`(\p{L}+)\s+(över|i|på)\s+(?:halv\s+)?${Hour}`, (g) => {
    const m = minutesOf(g[1] ?? "");
    return m === undefined ? undefined : at(g[3], m, !/^ö/i.test(g[2] ?? ""));
  }),
  // Russian: без четверти семь (6:45), без десяти семь, половина седьмого (6:30), четверть седьмого, десять минут седьмого.
  form(String.raw`без\s+(четверти|пяти|десяти|пятнадцати|двадцати(?:\s+пяти)?)\s+${Hour}`, (g) => {
    const m = RuGenitiveMinutes[(g[1] ?? "").toLowerCase().replace(/\s+/g, " ")];
    return m === undefined ? undefined : at(RuHourWords[(g[2] ?? "").toLowerCase()] ?? g[2], m, true);
  }),
  form(String.raw`(?:в\s+)?(половин[аеуы]|четверть|(\p{L}+(?:\s+\p{L}+)?)\s+минут[аы]?)\s+(\p{L}+)`, (g) => {
    const ordinal = RuOrdinalHours[(g[3] ?? "").toLowerCase().replace(/ё/g, "е")];
    const part = (g[1] ?? "").toLowerCase();
    const m = part.startsWith("половин") ? 30 : part === "четверть" ? 15 : minutesOf(g[2] ?? "");
    return ordinal === undefined || m === undefined ? undefined : [[ordinal - 1, m]];
  }),
  // Polish: za kwadrans siódma (6:45), za dziesięć siódma, wpół do siódmej (6:30), kwadrans po szóstej, dziesięć po szóstej.
  form(String.raw`za\s+(kwadrans|\p{L}+)\s+${Hour}`, (g) => {
    const m = /^kwadrans$/i.test(g[1] ?? "") ? 15 : fives(minutesOf(g[1] ?? ""));
    return m === undefined ? undefined : at(g[2], m, true);
  }),
  form(String.raw`wpół\s+do\s+${Hour}`, (g) => at(g[1], 30, true)),
  form(String.raw`(kwadrans|\p{L}+)\s+po\s+${Hour}`, (g) => {
    const m = /^kwadrans$/i.test(g[1] ?? "") ? 15 : fives(minutesOf(g[1] ?? ""));
    return m === undefined ? undefined : at(g[2], m);
  }),
  // Turkish: altıyı çeyrek geçe (6:15), yediye çeyrek var (6:45), altıyı on geçe, altı buçuk (6:30).
  form(String.raw`((?:on\s+)?\p{L}+)\s+(çeyrek|\p{L}+)\s+(geçe|var)`, (g) => {
    const past = /^geçe$/i.test(g[3] ?? "");
    const hour = (past ? TrAccusativeHours : TrDativeHours)[(g[1] ?? "").toLowerCase().replace(/\s+/g, " ")];
    const m = /^çeyrek$/i.test(g[2] ?? "") ? 15 : fives(minutesOf(g[2] ?? ""));
    return hour === undefined || m === undefined ? undefined : [[past ? hour : hour - 1, past ? m : 60 - m]];
  }),
  form(String.raw`${Hour}\s+buçuk`, (g) => at(g[1], 30)),
  // Greek: επτά παρά τέταρτο (6:45), έξι και τέταρτο, έξι και μισή, επτά παρά δέκα, έξι και δέκα.
  form(String.raw`${Hour}\s+(και|παρά|παρα)\s+(τέταρτο|τεταρτο|μισή|μιση|\p{L}+)`, (g) => {
    const word = (g[3] ?? "").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    const m = word === "τεταρτο" ? 15 : word === "μιση" ? 30 : fives(minutesOf(g[3] ?? ""));
    return m === undefined ? undefined : at(g[1], m, /^παρ/.test(g[2] ?? ""));
  }),
  // Japanese and Chinese: 十八時四十五分, 午後六時半, 下午六点四十五分, 六点一刻, 6時45分 (`時間` is a duration).
  cjkForm(String.raw`(?:午前|午後|上午|下午|中午|晚上|早上|凌晨|傍晚|夜)?\s*(\d{1,2}|${CjkNumber})\s*(?:時|时|点|點)(?![間间候])\s*(?:(\d{1,2}|${CjkNumber})\s*分|(半)|(一刻)|(三刻))?`, (g) => {
    const h = cjkValue(g[1] ?? "");
    const m = g[3] ? 30 : g[4] ? 15 : g[5] ? 45 : g[2] ? cjkValue(g[2]) : 0;
    return h === undefined || h > 24 || m === undefined || m > 59 ? undefined : [[h, m]];
  }),
  // Korean: 오후 여섯 시 사십오 분, 6시 45분, 여섯 시 반 (`시간` is a duration).
  cjkForm(String.raw`(?:오전|오후|아침|저녁|밤|낮|새벽)?\s*(\d{1,2}|${KoreanHour}|[일이삼사오육칠팔구십]{1,3})\s*시(?![간작장계험])\s*(?:(\d{1,2}|[일이삼사오육칠팔구십]{1,4})\s*분|(반))?`, (g) => {
    const h = KoreanHours[g[1] ?? ""] ?? koreanValue(g[1] ?? "");
    const m = g[3] ? 30 : g[2] ? koreanValue(g[2]) : 0;
    return h === undefined || h > 24 || m === undefined || m > 59 ? undefined : [[h, m]];
  }),
];

/** Minutes said before or after an hour in the languages where "two and three" reads like it: only fives (`και δέκα`). */
const fives = (m: number | undefined) => (m !== undefined && m % 5 === 0 ? m : undefined);
const RuGenitiveMinutes: Record<string, number> = { "четверти": 15, "пяти": 5, "десяти": 10, "пятнадцати": 15, "двадцати": 20, "двадцати пяти": 25 };
/** `час` is one o'clock ("без четверти час" 12:45). */
const RuHourWords: Record<string, string> = { "час": "1" };
/** Russian hours in the genitive ordinal: "половина седьмого" is half of the seventh hour (6:30). */
const RuOrdinalHours: Record<string, number> = Object.fromEntries(["первого", "второго", "третьего", "четвертого", "пятого", "шестого", "седьмого", "восьмого", "девятого", "десятого", "одиннадцатого", "двенадцатого"].map((w, i) => [w, i + 1]));
/** Turkish hours with their case endings: `altıyı … geçe` (accusative), `yediye … var` (dative). */
const TrAccusativeHours: Record<string, number> = Object.fromEntries(["biri", "ikiyi", "üçü", "dördü", "beşi", "altıyı", "yediyi", "sekizi", "dokuzu", "onu", "on biri", "on ikiyi"].map((w, i) => [w, i + 1]));
const TrDativeHours: Record<string, number> = Object.fromEntries(["bire", "ikiye", "üçe", "dörde", "beşe", "altıya", "yediye", "sekize", "dokuza", "ona", "on bire", "on ikiye"].map((w, i) => [w, i + 1]));

/** A run of CJK numerals or digits, read (`十八` 18, `四十五` 45), or undefined. */
function cjkValue(run: string): number | undefined {
  // Read after a numeral, so that a single character (`六`) is read too.
  const n = numeralsIn(`0 ${run}`);
  return n.length === 2 && /^\d{1,4}$/.test(n[1]?.digits ?? "") ? Number(n[1]?.digits) : undefined;
}

/** Sino-Korean numbers (`사십오` 45, `십팔` 18) or digits, or undefined. */
function koreanValue(run: string): number | undefined {
  if (/^\d{1,2}$/.test(run)) return Number(run);
  let total = 0;
  let digit: number | undefined;
  for (const c of run) {
    if (c === "십") {
      total += (digit ?? 1) * 10;
      digit = undefined;
    } else {
      const d = "일이삼사오육칠팔구".indexOf(c);
      if (d < 0 || digit !== undefined) return undefined;
      digit = d + 1;
    }
  }
  return total + (digit ?? 0);
}

/**
 * A clock time said with its numbers: `eighteen forty-five hours`, `six forty-five p.m.`, `1845 hours`, `at eighteen
 * hundred forty-five`, `achtzehn Uhr fünfundvierzig`, `a las dieciocho cuarenta y cinco`, `в восемнадцать сорок пять`,
 * `o osiemnastej czterdzieści pięć`, `saat on sekiz kırk beş`, `1125 minutes after midnight`, `six hours and forty-five
 * minutes after noon`. A number reads as a time only where a word says so: a word for "at" before it, or a clock word
 * after it (`hours`, `p.m.`, `Uhr`); digits only with the clock word (`at 1845` may be a street number). Hours and
 * minutes said as a length (`2 hours 30 minutes`) are a time only before "after midnight/noon" or after "at".
 */
function numberTimes(text: string): SpokenTime[] {
  const out: SpokenTime[] = [];
  // The words for "at" are blanked before the numbers are read: some are number words too (Polish `o`, Korean `o` 5).
  const before = new Set<number>();
  const blanked = text.replace(AtWord, (m, offset: number) => {
    before.add(offset + m.length);
    return " ".repeat(m.length);
  });
  const numerals = placedNumerals(blanked).numerals.filter((n) => Clocked.has(n.form));
  const afterAt = (at: number) => [...before].some((end) => end <= at && /^\s*$/.test(blanked.slice(end, at)));
  for (let i = 0; i < numerals.length; i++) {
    const n = numerals[i] as (typeof numerals)[number];
    const rest = text.slice(n.end, n.end + 60);
    const value = Number(n.digits);
    const push = (end: number, hour: number, minute: number) => {
      if (hour > 24 || minute > 59) return;
      out.push({ text: text.slice(n.at, end), values: both(hour, minute), start: n.at, end });
    };
    // `1125 minutes after midnight`
    const since = MinutesSince.exec(rest);
    if (since !== null && value < 24 * 60) {
      push(n.end + since[0].length, Math.floor(value / 60), value % 60);
      continue;
    }
    // `achtzehn Uhr fünfundvierzig`, `six hours and forty-five minutes after noon`
    const unit = HourUnit.exec(rest);
    const next = numerals[i + 1];
    if (unit !== null && value <= 24 && n.digits.length <= 2) {
      const minute = next !== undefined && next.at === n.end + unit[0].length && /^\d{1,2}$/.test(next.digits) ? next : undefined;
      const end = minute === undefined ? n.end + unit[0].length : minute.end;
      const tail = MinuteTail.exec(text.slice(end, end + 60));
      const clockWord = unit[1] === undefined;
      if (clockWord ? minute !== undefined : tail?.[1] !== undefined || afterAt(n.at)) {
        push(end + (tail?.[0].length ?? 0), value, Number(minute?.digits ?? 0));
        if (minute !== undefined) i++;
        continue;
      }
    }
    // `às dezoito e quarenta e cinco`, `alle diciotto e quarantacinque`, `a las seis y cuarenta`: after "at" only.
    const joined = /^\s+(?:e|y|и|och|og|και)\s+/iu.exec(rest);
    if (joined !== null && next !== undefined && next.at === n.end + joined[0].length && value <= 24 && n.digits.length <= 2 && /^\d{1,2}$/.test(next.digits) && afterAt(n.at)) {
      push(next.end, value, Number(next.digits));
      i++;
      continue;
    }
    // `eighteen forty-five hours`, `six forty-five p.m.`, `1845 hours`, `at eighteen hundred`
    if (!/^\d{3,4}$/.test(n.digits)) continue;
    const marker = ClockAfter.exec(rest);
    if (marker === null && (n.form === "digits" || !afterAt(n.at))) continue;
    push(n.end + (marker?.[0].length ?? 0), Math.floor(value / 100), value % 100);
  }
  return out;
}

const Clocked = new Set(["number words", "digits", "digits of another script"]);
/** Words for "at" (a time) in the languages read: `at`, `um`, `alle`, `a las`, `à`, `om`, `klockan`, `в`, `o`, `saat`. */
const AtWord = /(?<![\p{L}\p{N}])(?:at|around|from|until|till|um|gegen|ab|bis|alle|dalle|fino alle|a las|las|desde|hasta|à|às|as|om|kl\.|kl|klockan|klokka|kello|в|во|к|до|o|saat|godz\.|godzina|o godzinie|στις|klo|kello)(?![\p{L}\p{N}])/giu;
/** After an hour: a clock word (`Uhr`, `h`, `heures`, `часов`; group 1 unset) or a length (`hours`, `Stunden`: group 1). */
const HourUnit = /^\s*(?:uhr|uur|h(?!\p{L})|heures?|час(?:ов|а)?|(hours?|hrs?|horas?|ore|stunden?|timmar|timer|saat|godzin[ay]?))\.?\s*(?:(?:and|und|et|y|e|i|och|og|ve|и)\s+)?/iu;
const MinuteTail = /^\s*(?:minutes?|mins?|minuten|minutos?|minuti|minut[ay]?|минут[аы]?|dakika)?\.?(\s+(?:after|past|since|nach|après|despues|después de(?:\s+la)?|dopo)\s+(?:midnight|noon|mitternacht|mittag|minuit|midi|(?:la\s+)?medianoche|mediodía|mezzanotte|mezzogiorno))?/iu;
const MinutesSince = /^\s*(?:minutes?|mins?|minuten|minutos|minuti)\s+(?:after|past|since|nach|après|después de(?:\s+la)?|dopo)\s+(?:midnight|mitternacht|minuit|medianoche|mezzanotte|noon|mittag|midi|mediodía|mezzogiorno)/iu;
/** After a number: a word that makes it a time (`hours`, `p.m.`, `o'clock`, `Uhr`, `in the evening`, `di sera`). */
const ClockAfter = /^\s*(?:[ap]\.?\s?m\.?(?![\p{L}])|o['’]?\s?clock|hours|hrs|h(?![\p{L}])|uhr|uur|horas|heures|часов|часа|in the (?:morning|afternoon|evening)|(?:de|por) la (?:tarde|noche|mañana)|di (?:sera|mattina|pomeriggio|notte)|du (?:soir|matin)|abends|morgens|nachmittags|вечера|утра|дня|på (?:kvällen|morgonen|eftermiddagen))/iu;

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
    for (const s of numberTimes(text)) if (!out.some((o) => o.start < s.end && s.start < o.end)) out.push(s);
    return out.sort((a, b) => a.start - b.start);
  } catch {
    return [];
  }
}
