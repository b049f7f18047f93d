/**
 * The owner's sums of money read by meaning, not by spelling: one reader for every rule that asks whether an amount or
 * a currency argument is the one the owner gave (provenance.ts, owner-actions.ts, owner-slots.ts).
 *  - An amount is read in every grouping and decimal convention the owner may write: `1.250,00`, `1,250.00`,
 *    `1 250,50` (a space or a thin space), `1'250`, `1250,-`, `80.–`, `63,90`. Its value is a canonical decimal
 *    (`1250`, `1250.5`). A single `.` or `,` before exactly three digits (`1.250`) is a thousands separator in one
 *    convention and a decimal point in another: both readings are the owner's, and nothing else is.
 *  - A currency is read from its ISO code, its symbol, its words and its local names (`€`, `euro`, `zł`, `złotych`,
 *    `Kč`, `kr`, `Fr.`, `円`, `₺`, `TL`, `₹` …) as the set of ISO codes it can stand for (`kr` is SEK, NOK, DKK or ISK;
 *    `$` is USD unless written `C$`, `A$` …). An argument's currency is the owner's when its codes meet the codes of
 *    the currency the owner wrote beside the amount, in either direction (`€` for `EUR`, `EUR` for `€`).
 * The match is of the same value, never a near one: `1250` is not `1205` nor `12500`, `EUR` is not `USD`.
 */

/** Currency words and symbols, lower case, to the ISO codes they can stand for. */
const CurrencyNames: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ["€", ["EUR"]], ["eur", ["EUR"]], ["euro", ["EUR"]], ["euros", ["EUR"]], ["evro", ["EUR"]], ["евро", ["EUR"]], ["ユーロ", ["EUR"]], ["欧元", ["EUR"]],
  ["$", ["USD"]], ["us$", ["USD"]], ["usd", ["USD"]], ["dollar", ["USD"]], ["dollars", ["USD"]], ["dólares", ["USD"]], ["dolares", ["USD"]], ["dollari", ["USD"]], ["dolarów", ["USD"]], ["долларов", ["USD"]], ["ドル", ["USD"]], ["美元", ["USD"]],
  ["c$", ["CAD"]], ["ca$", ["CAD"]], ["cad", ["CAD"]], ["a$", ["AUD"]], ["au$", ["AUD"]], ["aud", ["AUD"]], ["nz$", ["NZD"]], ["nzd", ["NZD"]],
  ["£", ["GBP"]], ["gbp", ["GBP"]], ["pound", ["GBP"]], ["pounds", ["GBP"]], ["quid", ["GBP"]], ["sterling", ["GBP"]],
  ["¥", ["JPY", "CNY"]], ["￥", ["JPY", "CNY"]], ["jpy", ["JPY"]], ["yen", ["JPY"]], ["円", ["JPY"]], ["えん", ["JPY"]],
  ["cny", ["CNY"]], ["rmb", ["CNY"]], ["yuan", ["CNY"]], ["元", ["CNY"]], ["人民币", ["CNY"]], ["块", ["CNY"]],
  ["chf", ["CHF"]], ["fr.", ["CHF"]], ["fr", ["CHF"]], ["sfr", ["CHF"]], ["sfr.", ["CHF"]], ["franken", ["CHF"]], ["franc", ["CHF"]], ["francs", ["CHF"]], ["franchi", ["CHF"]],
  ["pln", ["PLN"]], ["zł", ["PLN"]], ["zl", ["PLN"]], ["złoty", ["PLN"]], ["zloty", ["PLN"]], ["złotych", ["PLN"]], ["zlotych", ["PLN"]], ["złote", ["PLN"]], ["złotówek", ["PLN"]],
  ["czk", ["CZK"]], ["kč", ["CZK"]], ["korun", ["CZK"]], ["koruna", ["CZK"]], ["koruny", ["CZK"]],
  ["sek", ["SEK"]], ["nok", ["NOK"]], ["dkk", ["DKK"]], ["isk", ["ISK"]], ["kr", ["SEK", "NOK", "DKK", "ISK"]], ["kr.", ["SEK", "NOK", "DKK", "ISK"]],
  ["kronor", ["SEK"]], ["krona", ["SEK"]], ["kroner", ["NOK", "DKK"]], ["krone", ["NOK", "DKK"]],
  ["huf", ["HUF"]], ["ft", ["HUF"]], ["forint", ["HUF"]], ["ron", ["RON"]], ["lei", ["RON"]], ["bgn", ["BGN"]], ["лв", ["BGN"]], ["лв.", ["BGN"]],
  ["try", ["TRY"]], ["₺", ["TRY"]], ["tl", ["TRY"]], ["lira", ["TRY"]], ["liras", ["TRY"]],
  ["inr", ["INR"]], ["₹", ["INR"]], ["rs", ["INR"]], ["rs.", ["INR"]], ["rupees", ["INR"]], ["rupee", ["INR"]],
  ["krw", ["KRW"]], ["₩", ["KRW"]], ["원", ["KRW"]], ["won", ["KRW"]],
  ["rub", ["RUB"]], ["₽", ["RUB"]], ["руб", ["RUB"]], ["руб.", ["RUB"]], ["рублей", ["RUB"]], ["рубля", ["RUB"]],
  ["uah", ["UAH"]], ["₴", ["UAH"]], ["грн", ["UAH"]], ["грн.", ["UAH"]], ["гривень", ["UAH"]],
  ["brl", ["BRL"]], ["r$", ["BRL"]], ["reais", ["BRL"]], ["real", ["BRL"]], ["mxn", ["MXN"]], ["pesos", ["MXN"]],
  ["ils", ["ILS"]], ["₪", ["ILS"]], ["zar", ["ZAR"]], ["sgd", ["SGD"]], ["s$", ["SGD"]], ["hkd", ["HKD"]], ["hk$", ["HKD"]],
  // The names of the owners who write them in their own scripts or languages: "480 يورو", "480歐元", "480 유로",
  // "480 यूरो", "480 euron" (sv), "480 avro" (tr), "50달러", "50ポンド", "3万日元", "5000엔", "100スイスフラン".
  ["歐元", ["EUR"]], ["يورو", ["EUR"]], ["유로", ["EUR"]], ["यूरो", ["EUR"]], ["euron", ["EUR"]], ["avro", ["EUR"]],
  ["달러", ["USD"]], ["دولار", ["USD"]], ["ポンド", ["GBP"]], ["英镑", ["GBP"]], ["파운드", ["GBP"]], ["日元", ["JPY"]], ["엔", ["JPY"]],
  ["スイスフラン", ["CHF"]], ["瑞士法郎", ["CHF"]], ["रुपये", ["INR"]], ["रुपए", ["INR"]], ["रुपया", ["INR"]], ["rupay", ["INR", "PKR"]], ["rupiye", ["INR", "PKR"]],
  ["євро", ["EUR"]], ["ευρώ", ["EUR"]], ["forintot", ["HUF"]], ["forintet", ["HUF"]], ["гривень", ["UAH"]], ["гривні", ["UAH"]], ["гривня", ["UAH"]],
  ["idr", ["IDR"]], ["rp", ["IDR"]], ["rp.", ["IDR"]], ["rupiah", ["IDR"]], ["myr", ["MYR"]], ["rm", ["MYR"]], ["ringgit", ["MYR"]],
  ["php", ["PHP"]], ["₱", ["PHP"]], ["piso", ["PHP"]], ["peso", ["PHP", "MXN", "ARS", "COP", "CLP"]],
  ["vnd", ["VND"]], ["₫", ["VND"]], ["đ", ["VND"]], ["đồng", ["VND"]], ["dong", ["VND"]], ["thb", ["THB"]], ["฿", ["THB"]], ["บาท", ["THB"]], ["baht", ["THB"]],
  ["bdt", ["BDT"]], ["৳", ["BDT"]], ["টাকা", ["BDT"]], ["taka", ["BDT"]], ["pkr", ["PKR"]], ["lkr", ["LKR"]], ["npr", ["NPR"]],
  ["tzs", ["TZS"]], ["tsh", ["TZS"]], ["kes", ["KES"]], ["ksh", ["KES"]], ["ugx", ["UGX"]], ["shilingi", ["TZS", "KES", "UGX"]], ["shillings", ["TZS", "KES", "UGX"]],
  ["ngn", ["NGN"]], ["₦", ["NGN"]], ["naira", ["NGN"]], ["ghs", ["GHS"]], ["₵", ["GHS"]], ["gel", ["GEL"]], ["₾", ["GEL"]], ["kzt", ["KZT"]], ["₸", ["KZT"]],
  ["שקל", ["ILS"]], ["שקלים", ["ILS"]], ["ש\"ח", ["ILS"]], ["shekel", ["ILS"]], ["shekels", ["ILS"]],
  ["aed", ["AED"]], ["mad", ["MAD"]], ["درهم", ["AED", "MAD"]], ["dirham", ["AED", "MAD"]], ["sar", ["SAR"]], ["qar", ["QAR"]], ["ريال", ["SAR", "QAR", "OMR", "YER"]], ["riyal", ["SAR", "QAR"]],
  ["egp", ["EGP"]], ["جنيه", ["EGP"]], ["kwd", ["KWD"]], ["دينار", ["KWD", "JOD", "BHD", "IQD"]], ["irr", ["IRR"]], ["ریال", ["IRR"]], ["تومان", ["IRR"]], ["یورو", ["EUR"]],
  // The euro in more scripts and cases: Bengali, Hebrew, Thai, Tamil, Urdu; Hungarian's object case ("480 eurót").
  ["ইউরো", ["EUR"]], ["אירו", ["EUR"]], ["ยูโร", ["EUR"]], ["யூரோ", ["EUR"]], ["eurót", ["EUR"]], ["eurot", ["EUR"]], ["euró", ["EUR"]],
  ["ரூபாய்", ["INR", "LKR"]], ["روپے", ["PKR", "INR"]],
]);

/**
 * Names that are ordinary words too ("try", "real", "won", "lira", "ft", "kr", 원 in 병원, 元 in 元旦): a currency only
 * beside an amount, never when a text is searched for the currencies it names.
 */
const OnlyBesideAmount: ReadonlySet<string> = new Set(["try", "real", "won", "fr", "fr.", "ft", "rs", "rs.", "lei", "tl", "ron", "franc", "lira", "krone", "quid", "kr", "kr.", "zl", "cad", "sterling", "元", "块", "원", "えん",
  "rp", "rp.", "rm", "php", "đ", "dong", "mad", "sar", "gel", "peso", "piso", "taka"]);
/** Of those, the words written after an amount only ("3 won", not "won 3 games"; but "Rs. 500", "kr 50", "Fr. 80"). */
const OnlyAfterAmount: ReadonlySet<string> = new Set(["try", "real", "won", "lei", "ron", "franc", "lira", "krone", "quid", "cad", "sterling", "mad", "gel", "dong"]);

/** Names as alternatives of a regex, longest first (so `US$` is not `$`). */
function alternatives(names: Iterable<string>): string {
  return [...names].sort((a, b) => b.length - a.length).map((k) => k.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")).join("|");
}
/** A currency word or symbol as the owner may write it beside an amount. */
export const CurrencyToken = alternatives(CurrencyNames.keys());
/**
 * Letters that make a currency word part of a longer word (`try` in `country` is none; `eur` in `Europe` neither). Not
 * Arabic's: its words take prefixes (`باليورو`, with the euro).
 */
const Letter = "[\\p{Script=Latin}\\p{Script=Cyrillic}\\p{Script=Greek}\\p{Script=Devanagari}\\p{N}]";
/** Any currency name a text may name on its own (see `OnlyBesideAmount`), as a whole word where words are spaced. */
const NamedCurrency = new RegExp(`(?<!${Letter})(?:${alternatives([...CurrencyNames.keys()].filter((k) => !OnlyBesideAmount.has(k)))})(?!${Letter})`, "giu");
/** Currency names written in Chinese, Japanese or Korean letters (kept when those letters are read as word bounds). */
export const CjkCurrencyNames: readonly string[] = [...CurrencyNames.keys()].sort((a, b) => b.length - a.length).filter((k) => /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(k));

/** The ISO codes a currency argument or word stands for (`€` → EUR, `kr` → SEK NOK DKK ISK), or none. */
export function currencyCodes(word: string): readonly string[] {
  const w = word.normalize("NFKC").trim().toLowerCase();
  const known = CurrencyNames.get(w);
  if (known !== undefined) return known;
  // Any other ISO 4217 shape typed as a code is itself.
  return /^[a-z]{3}$/u.test(w) && /^[A-Z]{3}$/u.test(word.trim()) ? [word.trim()] : [];
}

/** The ISO codes of every currency a text names (`ユーロ`, `€`, `euros` → EUR; `kr` only beside an amount), bounded. */
export function currenciesNamed(text: string): Set<string> {
  const codes = new Set<string>();
  for (const m of text.slice(0, MaxRead).matchAll(NamedCurrency)) for (const c of currencyCodes(m[0])) codes.add(c);
  for (const m of amountsIn(text)) for (const c of m.currencies ?? []) codes.add(c);
  return codes;
}

/** The ISO codes of the currency written right after or right before `text[at, end)` (an amount), or none. */
/** A currency right after an amount, and right before one (compiled once: the alternation holds every name). */
const CurrencyAfter = new RegExp(`^\\s?(${CurrencyToken})(?!${Letter})`, "iu");
const CurrencyBefore = new RegExp(`(?<!${Letter})(${CurrencyToken})\\s?$`, "iu");

export function currencyBeside(text: string, at: number, end: number): readonly string[] | undefined {
  const after = text.slice(end, end + 16);
  const before = text.slice(Math.max(0, at - 12), at);
  const written = CurrencyAfter.exec(after)?.[1]
    ?? [CurrencyBefore.exec(before)?.[1]].find((w) => w !== undefined && !OnlyAfterAmount.has(w.toLowerCase()));
  const codes = written === undefined ? [] : currencyCodes(written);
  return codes.length > 0 ? codes : undefined;
}

/** A number written in one of the conventions above: groups, then an optional decimal part or a dash for none. */
const Amount = /(?<![\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{N}_/@#-]|[\p{N}][.,'’])(\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:([.,'’\u00a0\u202f\u2009 ])\d{3})(?:\2\d{3})*|\d+)(?:([.,])(\d{1,2}|[-–—]))?(?![\p{N}]|[.,'’]\p{N}|(?![kK](?![\p{L}\p{N}]))[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}])/gu;

/** The zero of each script's decimal digits the owner may write amounts in (Arabic-Indic, Persian, Devanagari, Bengali, …, Thai, Lao, Myanmar, Khmer, fullwidth). */
const DigitZeros = [0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x17e0, 0x1810, 0xff10];

/** The text with every such digit as its ASCII digit and the Arabic decimal and thousands separators (`٫`, `٬`) as `.` and `,`: the same length, so places stay. */
function asciiDigits(text: string): string {
  return text.replace(/[\p{Nd}\u066b\u066c]/gu, (c) => {
    if (c === "\u066b") return ".";
    if (c === "\u066c") return ",";
    const cp = c.codePointAt(0) as number;
    const zero = DigitZeros.find((z) => cp >= z && cp <= z + 9);
    return zero === undefined || c.length !== 1 ? c : String(cp - zero);
  });
}

/**
 * Words that multiply the number before them by a power of ten ("1,5 juta", "2 mil", "1.5 लाख", "12만 3천", "2,5
 * triệu", "12 ezer", "3万"): the exponent, or two where the word is read both ways ("mil" is a thousand in Portuguese
 * and Spanish, a million in English shorthand).
 */
const Multipliers: ReadonlyMap<string, readonly number[]> = new Map<string, readonly number[]>([
  ...["thousand", "grand", "k", "tausend", "tsd.", "mille", "mila", "duizend", "tusen", "tysięcy", "tysiące", "tys.", "тыс.", "тысяч", "тысячи", "тисяч", "тисячі",
    "ribu", "rb", "nghìn", "ngàn", "ezer", "elfu", "bin", "mii", "χιλιάδες", "χιλ.", "hazar", "hazaar", "हज़ार", "हजार", "ألف", "آلاف", "الف", "هزار", "אלף",
    "พัน", "천", "千"].map((w): [string, number[]] => [w, [3]]),
  ...["만", "万", "萬", "หมื่น"].map((w): [string, number[]] => [w, [4]]),
  ...["lakh", "lakhs", "lac", "lacs", "लाख", "লাখ", "แสน"].map((w): [string, number[]] => [w, [5]]),
  ...["million", "millions", "mio", "mio.", "mln", "millió", "milyon", "miljoen", "milioni", "milione", "millones", "millón", "milhão", "milhões",
    "milion", "miliony", "milionów", "milioane", "миллион", "миллиона", "миллионов", "мільйон", "мільйони", "мільйонів", "مليون", "ملايين", "میلیون",
    "מיליון", "εκατομμύρια", "εκατ.", "juta", "jt", "triệu", "百万", "百萬", "ล้าน"].map((w): [string, number[]] => [w, [6]]),
  ...["crore", "crores", "करोड़", "কোটি"].map((w): [string, number[]] => [w, [7]]),
  ...["억", "億", "亿"].map((w): [string, number[]] => [w, [8]]),
  ...["milliard", "milliards", "mrd", "mrd.", "miliardi", "miliardo", "milliarde", "milliarden", "miliar", "milyar", "tỷ"].map((w): [string, number[]] => [w, [9]]),
  ["mil", [3]],
]);

/**
 * "mil" is a thousand in Spanish, Portuguese and Catalan and a million in English shorthand: the words around it
 * choose one reading, and where they do not (both languages, or neither), the number has none — a sum read two ways
 * would let a page's amount pick the one it wants.
 */
const RomanceWords = new Set("de del da do para pra pro por el la los las os ao al que y en em un una um uma paga pague paguen págale transfiere transfere transfira envía envia manda reais real pesos euros cuenta conta favor".split(" "));
const EnglishWords = new Set("the to pay send transfer wire please dollars dollar bucks and of for my his her him them it".split(" "));
function milExponent(text: string): number | undefined {
  // Whole words only: the `DE` of an IBAN is no Spanish "de".
  const words = text.toLowerCase().match(/(?<![\p{L}\p{N}])\p{L}+(?![\p{L}\p{N}])/gu) ?? [];
  const romance = words.some((w) => RomanceWords.has(w));
  const english = words.some((w) => EnglishWords.has(w));
  return romance === english ? undefined : romance ? 3 : 6;
}
const MultiplierWord = new RegExp(`^\\s?(${alternatives(Multipliers.keys())})(?!${"[\\p{Script=Latin}\\p{Script=Cyrillic}\\p{Script=Greek}\\p{Script=Devanagari}\\p{N}]"})`, "iu");
/** A further part of a compound amount after a multiplier ("12만 3천", "3万5千"): digits and a smaller multiplier. */
const CompoundPart = new RegExp(`^\\s?(\\d{1,4})\\s?(${alternatives(Multipliers.keys())})`, "iu");

/** A canonical decimal times 10^k, exactly (a shift of its point). */
function shifted(value: string, k: number): string {
  const [w = "", f = ""] = value.split(".");
  const digits = (w + f.padEnd(k, "0")).replace(/^0+(?=\d)/u, "");
  return canonical(digits.slice(0, digits.length - Math.max(0, f.length - k)) || "0", f.length > k ? f.slice(k) : "");
}

/** The values of a number followed by multiplier words, and where the words end; undefined when none follows. */
function multiplied(t: string, end: number, values: readonly string[]): { values: string[]; end: number } | undefined {
  const first = MultiplierWord.exec(t.slice(end, end + 24));
  const word = (first?.[1] ?? "").toLowerCase();
  const mil = word === "mil" ? milExponent(t) : undefined;
  const powers = first === null ? undefined : word === "mil" ? (mil === undefined ? [] : [mil]) : Multipliers.get(word);
  if (first === null || powers === undefined) return undefined;
  let at = end + first[0].length;
  let out = values.flatMap((v) => powers.map((k) => shifted(v, k)));
  // A compound with smaller units adds on ("12만 3천" is 120000 + 3000).
  let last = powers[0] ?? 0;
  for (let parts = 0; parts < 3 && last > 0; parts++) {
    const more = CompoundPart.exec(t.slice(at, at + 24));
    const k = more === null ? undefined : Multipliers.get((more[2] ?? "").toLowerCase());
    if (more === null || k === undefined || k.length !== 1 || (k[0] as number) >= last) break;
    const add = BigInt(shifted(more[1] ?? "0", k[0] as number));
    out = out.map((v) => (v.includes(".") ? v : String(BigInt(v) + add)));
    at += more[0].length;
    last = k[0] as number;
  }
  return { values: out, end: at };
}

export type Money = {
  /** As the owner wrote it. */
  text: string;
  at: number;
  end: number;
  /** Its values as canonical decimals (two readings only for `1.250` / `1,250`). */
  values: string[];
  /** The ISO codes of the currency written beside it, when one is. */
  currencies?: readonly string[];
};

/** A decimal as its canonical text: no leading or trailing zeros (`1250.50` → `1250.5`, `80.00` → `80`). */
function canonical(whole: string, fraction: string): string {
  const w = whole.replace(/^0+(?=\d)/u, "");
  const f = fraction.replace(/0+$/u, "");
  return f === "" ? w : `${w}.${f}`;
}

const MaxRead = 16_000;
const MaxAmounts = 64;

/** The amounts a text states, with the currency beside each (see the header), bounded. */
export function amountsIn(text: string): Money[] {
  const written = text.slice(0, MaxRead);
  const t = asciiDigits(written);
  const out: Money[] = [];
  let taken = 0;
  for (const m of t.matchAll(Amount)) {
    if (out.length >= MaxAmounts) break;
    // A number inside a compound already read ("3" of "12만 3천").
    if (m.index < taken) continue;
    const [all, whole = "", group, decimalSep, decimal] = m;
    // A date (`16.12.2026`, `2026-12-16`), a time (`12:45`) or a version is no amount.
    if (/[:./-]\d/u.test(t.slice(m.index + all.length, m.index + all.length + 2)) || /\d[.:/-]$/u.test(t.slice(Math.max(0, m.index - 2), m.index))) continue;
    const fraction = decimal === undefined || /^[-–—]$/u.test(decimal) ? "" : decimal;
    const values: string[] = [];
    // Indian grouping (`1,23,456`): lakhs and crores.
    if (group === undefined && whole.includes(",")) values.push(canonical(whole.replace(/,/gu, ""), fraction));
    else if (group === undefined) values.push(canonical(whole, fraction));
    else {
      const currencies = currencyBeside(t, m.index, m.index + all.length);
      // A space groups digits only where the number is plainly money: a currency beside it or a decimal part.
      // ("2 120" is two numbers).
      if (/[\u00a0\u202f\u2009 ]/u.test(group) && currencies === undefined && decimal === undefined) {
        for (const p of all.matchAll(/\d+/gu)) out.push({ text: p[0], at: m.index + p.index, end: m.index + p.index + p[0].length, values: [canonical(p[0], "")] });
        continue;
      }
      // The decimal separator is never the grouping one (`1.250.00` is no number).
      if (decimalSep !== undefined && decimalSep === group) continue;
      values.push(canonical(whole.replace(/\D/gu, ""), fraction));
      // `1.250` / `1,250` alone: thousands in one convention, a decimal point in the other.
      const single = /^\d{1,3}[.,]\d{3}$/u.exec(whole);
      if (single !== null && decimal === undefined) values.push(canonical(whole.slice(0, -4), whole.slice(-3)));
    }
    const times = multiplied(t, m.index + all.length, values);
    const end = times?.end ?? m.index + all.length;
    taken = end;
    const currencies = currencyBeside(t, m.index, end);
    out.push({ text: written.slice(m.index, end), at: m.index, end, values: times?.values ?? values, ...(currencies !== undefined ? { currencies } : {}) });
  }
  return out;
}

/** The canonical value of an amount argument (`1250`, `"1250.00"`, `"1.250,00"`): every reading of it, or none. */
export function argumentAmounts(value: string | number): string[] {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) return [];
    const [whole = "", fraction = ""] = String(value).split(".");
    return /^\d+$/u.test(whole) && /^\d*$/u.test(fraction) ? [canonical(whole, fraction)] : [];
  }
  const found = amountsIn(value.trim());
  const only = found[0];
  // The whole argument is one amount, with a currency beside it at most.
  if (found.length !== 1 || only === undefined) return [];
  const rest = `${value.trim().slice(0, only.at)}${value.trim().slice(only.end)}`.trim();
  return rest === "" || currencyCodes(rest).length > 0 ? only.values : [];
}

/** Whether an argument's currency (`EUR`, `€`, `zł`) is one of the codes the owner's currency stands for. */
export function sameCurrency(argument: string, owner: readonly string[]): boolean {
  const codes = currencyCodes(argument);
  return codes.length > 0 && codes.some((c) => owner.includes(c));
}

/** Whether one of the texts states this amount (an argument, a number or its text) with this currency beside it when `currency` is given. */
export function amountStated(value: string | number, texts: readonly string[], currency?: string): boolean {
  const wanted = argumentAmounts(value);
  if (wanted.length === 0) return false;
  return texts.some((t) => amountsIn(t).some((m) => m.values.some((v) => wanted.includes(v)) && (currency === undefined || (m.currencies !== undefined && sameCurrency(currency, m.currencies)))));
}

/** Whether the texts write a sum in this currency (the argument's code, symbol or word, in any of its names). */
export function currencyStated(argument: string, texts: readonly string[]): boolean {
  if (currencyCodes(argument).length === 0) return false;
  return texts.some((t) => amountsIn(t).some((m) => m.currencies !== undefined && sameCurrency(argument, m.currencies)));
}
