/**
 * Numerals in a text, in whatever way they are written: digits of any script (`\p{Nd}`, read by their Unicode value),
 * CJK numerals, number words of common languages, Roman numerals, Morse code, arithmetic (`417164000+300`) and runs of
 * letters that fit a ten-letter alphabet (`AEBHBGEDAA` for a=0). Used to judge what a composed argument could carry
 * of the owner's numbers: it is a reader, not a boundary, and it never throws.
 */

import { latinLookalikes } from "../text/confusables.ts";

export type NumeralForm =
  | "digits"
  | "digits of another script"
  | "CJK numerals"
  | "number words"
  | "Roman numerals"
  | "Morse code"
  | "arithmetic"
  | "letters for digits"
  | "keypad letters"
  | "look-alike letters"
  | "Greek numerals"
  | "numeric symbols"
  | "shorthand";

/**
 * One numeral: its text, the digits it reads as, how many digits it can carry (`capacity`: an expression carries its
 * operands), and the words beside it (`prev`, `next`, lowercased) to tell whether some text already held it there.
 */
export type Numeral = { text: string; digits: string; form: NumeralForm; capacity: number; prev?: string; next?: string };

/** Texts longer than this are read up to here; more numerals than `MaxNumerals` are not returned. */
const MaxText = 20_000;
const MaxNumerals = 512;

const CjkDigits: Record<string, number> = {
  "〇": 0, "零": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "兩": 2, "贰": 2, "貳": 2, "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4,
  "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
};
const CjkUnits: Record<string, number> = { "十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "万": 10_000, "萬": 10_000 };
const CjkRun = new RegExp(`[${[...Object.keys(CjkDigits), ...Object.keys(CjkUnits)].join("")}]+`, "gu");
const CjkWhole = new RegExp(`^${CjkRun.source}$`, "u");
/** Sino-Korean digits as syllables (`공사일칠` is 0417). */
const HangulDigits: Record<string, number> = { "공": 0, "영": 0, "일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "륙": 6, "칠": 7, "팔": 8, "구": 9 };
const HangulWhole = new RegExp(`^[${Object.keys(HangulDigits).join("")}]{3,}$`, "u");
/** Greek alphabetic numerals: letters with the numeral sign (`δʹ` is 4, `ρκγʹ` 123). */
const GreekValues: Record<string, number> = Object.fromEntries([..."αβγδεϛζηθ"].map((c, i) => [c, i + 1]).concat([..."ικλμνξοπϟ"].map((c, i) => [c, (i + 1) * 10]), [..."ρστυφχψωϡ"].map((c, i) => [c, (i + 1) * 100]), [["ϝ", 6], ["ς", 6], ["ϙ", 90]]));
const GreekNumeral = /^[αβγδεϛϝςζηθικλμνξοπϟϙρστυφχψωϡ]{1,4}ʹ$/u;
/**
 * Symbols that can stand for digits without being decimal digits: other numerals (`\p{No}`: Ethiopic `፬`, counting rods,
 * circled and parenthesised numbers NFKC left), letter numerals (`\p{Nl}`), and pictographs (`\p{So}`: dice faces, Braille
 * cells, emoji). Each can carry a digit; where Unicode gives no value, only that counts.
 */
const SymbolRun = /[\p{No}\p{Nl}\p{So}]+/u;
const TokenRe = new RegExp(`${CjkRun.source}|\\p{Nd}+|[\\p{L}\\p{M}]+|${SymbolRun.source}`, "gu");
/** Values of symbols that have one: dice faces (⚀ 1 … ⚅ 6), Ethiopic digits (፩ 1 … ፱ 9), counting rods (units, tens). */
function symbolDigit(ch: string): string | undefined {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp >= 0x2680 && cp <= 0x2685) return String(cp - 0x2680 + 1);
  if (cp >= 0x1369 && cp <= 0x1371) return String(cp - 0x1369 + 1);
  if (cp >= 0x1d360 && cp <= 0x1d368) return String(cp - 0x1d360 + 1);
  if (cp >= 0x1d369 && cp <= 0x1d371) return String(cp - 0x1d369 + 1);
  return undefined;
}
/** Braille: after the number sign (⠼), the cells of a-j are 1-9 and 0. */
const BrailleDigits: Record<string, string> = { "⠁": "1", "⠃": "2", "⠉": "3", "⠙": "4", "⠑": "5", "⠋": "6", "⠛": "7", "⠓": "8", "⠊": "9", "⠚": "0" };
function symbolsDigits(run: string): string {
  return [...run].map((c) => symbolDigit(c) ?? BrailleDigits[c] ?? "").join("");
}

/** How a word is looked up: compatibility forms folded, accents dropped, lower case (`fünf` is `funf`, `ぜろ` is `せろ`). */
function foldWord(word: string): string {
  // ASCII letters need no normalization (the common case, read for every word of a text).
  if (/^[A-Za-z]*$/.test(word)) return word.toLowerCase();
  return word.normalize("NFKC").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/ß/g, "ss");
}

/**
 * Number words of English, French, German, Spanish, Italian, Portuguese, Dutch and Russian (0-1,000,000), and the
 * digits 0-10 of Greek, Polish, Czech, Swedish, Danish, Norwegian, Finnish, Hungarian, Turkish, Indonesian, Swahili,
 * Hindi, Arabic, Hebrew, Japanese (kana and romaji), Chinese (pinyin) and Korean (Sino-Korean and native, in hangul
 * and romanized): the languages owners write, and the digit names an encoder picks from.
 */
const buildNumberWords = (): Record<string, number> => Object.fromEntries([...Object.entries({
  0: "zero oh nought nil null cero nul ноль",
  1: "one un une eins ein eine uno una um uma een один одна",
  2: "two deux zwei zwo dos due dois duas twee два две",
  3: "three trois drei tres tre drie три",
  4: "four quatre vier cuatro quattro quatro четыре",
  5: "five cinq funf fuenf cinco cinque vijf пять",
  6: "six sechs seis sei zes шесть",
  7: "seven sept sieben siete sette sete zeven семь",
  8: "eight huit acht ocho otto oito восемь",
  9: "nine neuf neun nueve nove negen девять",
  10: "ten dix zehn diez dieci dez tien десять",
  11: "eleven onze elf once undici jedenascie одиннадцать elva elleve εντεκα",
  12: "twelve douze zwolf zwoelf doce dodici doze twaalf dwanascie двенадцать tolv δωδεκα",
  13: "thirteen treize dreizehn trece tredici treze dertien trzynascie тринадцать tretton",
  14: "fourteen quatorze vierzehn catorce quattordici catorze veertien czternascie четырнадцать fjorton",
  15: "fifteen quinze funfzehn quince quindici vijftien pietnascie пятнадцать femton",
  16: "sixteen seize sechzehn dieciseis sedici dezesseis dezasseis zestien szesnascie шестнадцать sexton",
  17: "seventeen siebzehn diecisiete diciassette dezessete dezassete zeventien siedemnascie семнадцать sjutton",
  18: "eighteen achtzehn dieciocho diciotto dezoito achttien osiemnascie восемнадцать arton",
  19: "nineteen neunzehn diecinueve diciannove dezenove dezanove negentien dziewietnascie девятнадцать nitton",
  // Italian tens lose their vowel before uno and otto (ventuno, novantotto); Spanish veinti- joins its unit.
  20: "twenty vingt vingts zwanzig veinte veinti venti vent vinte twintig dwadziescia двадцать yirmi tjugo tjue tyve εικοσι",
  30: "thirty trente dreissig treinta trenta trent trinta dertig trzydziesci тридцать otuz trettio tretti tredive τριαντα",
  40: "forty quarante vierzig cuarenta quaranta quarant quarenta veertig czterdziesci сорок kirk fyrtio forti fyrre σαραντα",
  50: "fifty cinquante funfzig cincuenta cinquanta cinquant cinquenta vijftig piecdziesiat пятьдесят elli femtio femti halvtreds πενηντα",
  60: "sixty soixante sechzig sesenta sessanta sessant sessenta zestig szescdziesiat шестьдесят altmis sextio seksti",
  70: "seventy siebzig setenta settanta settant zeventig siedemdziesiat семьдесят yetmis sjuttio sytti",
  80: "eighty achtzig ochenta ottanta ottant oitenta tachtig osiemdziesiat восемьдесят seksen attio atti",
  90: "ninety neunzig noventa novanta novant negentig dziewiecdziesiat девяносто doksan nittio nitti",
  100: "hundred cent hundert cien ciento cento cem honderd sto сто yuz hundra",
  200: "doscientos doscientas duzentos duzentas dwiescie",
  300: "trescientos trescientas trezentos trezentas trzysta",
  400: "cuatrocientos cuatrocientas quatrocentos quatrocentas czterysta",
  500: "quinientos quinientas quinhentos quinhentas piecset",
  600: "seiscientos seiscientas seiscentos seiscentas szescset",
  700: "setecientos setecientas setecentos setecentas siedemset",
  800: "ochocientos ochocientas oitocentos oitocentas osiemset",
  900: "novecientos novecientas novecentos novecentas dziewiecset",
  1000: "thousand mille mila tausend mil duizend tysiac tysiace tysiecy тысяча",
  1000000: "million millions millon millones milione milioni millionen miljoen milion miliony milionow миллион",
}), ...Object.entries({
    // Ordinals read as their number ("fourth first seventh").
    0: "zeroth", 1: "first premier premiere erste primero primera primo", 2: "second deuxieme zweite segundo segunda secondo",
    3: "third troisieme dritte tercero tercera terzo", 4: "fourth quatrieme vierte cuarto cuarta quarto", 5: "fifth cinquieme funfte quinto quinta",
    6: "sixth sixieme sechste sexto sesto", 7: "seventh septieme siebte septimo settimo", 8: "eighth huitieme achte octavo ottavo",
    9: "ninth neuvieme neunte noveno nono", 10: "tenth dixieme zehnte decimo",
    11: "eleventh", 12: "twelfth", 13: "thirteenth", 14: "fourteenth", 15: "fifteenth", 16: "sixteenth", 17: "seventeenth",
    18: "eighteenth", 19: "nineteenth", 20: "twentieth", 30: "thirtieth",
  }), ...Object.entries({
    // Polish hours are ordinals (`o osiemnastej`, "at the eighteenth"), feminine, in the nominative and the locative.
    1: "pierwsza pierwszej", 2: "druga drugiej", 3: "trzecia trzeciej", 4: "czwarta czwartej", 5: "piata piatej", 6: "szosta szostej",
    7: "siodma siodmej", 8: "osma osmej", 9: "dziewiata dziewiatej", 10: "dziesiata dziesiatej", 11: "jedenasta jedenastej",
    12: "dwunasta dwunastej dozen dutzend douzaine docena dozzina dussin", 13: "trzynasta trzynastej", 14: "czternasta czternastej", 15: "pietnasta pietnastej", 16: "szesnasta szesnastej",
    17: "siedemnasta siedemnastej", 18: "osiemnasta osiemnastej", 19: "dziewietnasta dziewietnastej", 20: "dwudziesta dwudziestej",
  }), ...Object.entries({
    0: "μηδέν μηδεν zero nula noll nul nolla nulla sıfır sifir nol kosong sifuri शून्य صفر אפס ぜろ れい ゼロ レイ rei zero ling 零 공 영 gong yeong",
    1: "ένα ενα jeden jedna jedno en ett yksi egy bir satu moja एक واحد אחת אחד いち イチ ichi yi 일 하나 il hana",
    2: "δύο δυο dwa dwie dva dvě dve två tva to kaksi kettő ketto két ket iki dua mbili दो اثنان שתיים שניים に ニ ni er 이 둘 dul",
    3: "τρία τρια trzy tři tri tre kolme három harom üç uc tiga tatu तीन ثلاثة שלוש さん サン san 삼 셋 sam set",
    4: "τέσσερα τεσσερα cztery čtyři ctyri fyra fire neljä nelja négy negy dört dort empat nne चार أربعة ארבע よん し ヨン シ yon shi si 사 넷 sa net",
    5: "πέντε πεντε pięć piec pět pet fem viisi öt ot beş bes lima tano पांच पाँच خمسة חמש ご ゴ go wu 오 다섯 o daseot",
    6: "έξι εξι sześć szesc šest sest sex seks kuusi hat altı alti enam sita छह ستة שש ろく ロク roku liu 육 륙 여섯 yuk yeoseot",
    7: "επτά επτα εφτά εφτα siedem sedm sju syv sjuu seitsemän seitsemaan seitseman hét het yedi tujuh saba सात سبعة שבע なな しち ナナ シチ nana shichi qi 칠 일곱 chil ilgop",
    8: "οκτώ οκτω οχτώ οχτω osiem osm åtta atta otte åtte atte kahdeksan nyolc sekiz delapan nane आठ ثمانية שמונה はち ハチ hachi ba 팔 여덟 pal yeodeol",
    9: "εννέα εννεα εννιά εννια dziewięć dziewiec devět devet nio ni yhdeksän yhdeksan kilenc dokuz sembilan tisa नौ تسعة תשע きゅう く キュウ ク kyuu kyu ku jiu 구 아홉 gu ahop",
    10: "δέκα δεκα dziesięć dziesiec deset tio ti kymmenen tíz tiz on sepuluh kumi दस عشرة עשר じゅう ジュウ juu shi 십 열 sip yeol",
  })].flatMap(([value, words]) => words.split(" ").map((w) => [foldWord(w), Number(value)])));
/** Number words that are also everyday words (an article, a month, a name): a numeral only beside another numeral. */
const buildWeakWords = (): ReadonlySet<string> => new Set(["oh", "nil", "null", "nul", "un", "une", "ein", "eine", "uno", "una", "um", "uma", "een", "one", "due", "dos", "tre", "sei", "otto", "dez", "sept", "elf", "once", "cent", "mil", "cento",
  "first", "second", "third", "premier", "premiere", "erste", "primero", "primera", "primo", "segundo", "segunda", "secondo", "quarto", "quinta", "sexto", "nono", "tenth",
  // Digit names that are everyday words of another language (English `to`, `go`, `set`, `on`; Japanese particles).
  ...["en", "ett", "to", "tre", "fire", "fem", "sex", "ni", "ti", "on", "go", "o", "shi", "si", "sa", "set", "san", "er", "ba", "qi", "yi", "il", "sam", "pal", "gu", "ku", "net", "bir", "hat", "het", "dul", "nol",
    "dva", "tri", "dve", "lima", "kirk", "sexton", "druga", "trzecia", "elva", "vent", "trent", "sto", "mila", "veinti", "nne", "ot", "ket", "sita", "saba", "nane", "sip", "dua", "rei", "nana", "pet", "yuk", "tio", "hana", "ling", "に", "し", "ご", "く", "ニ", "シ", "ゴ", "ク", "이", "일", "사", "오", "구", "공", "영"].map(foldWord)]);
// Both tables are built at their first use: folding their words runs Unicode normalization, whose ICU data an idle
// gateway need not hold.
let numberWordsMade: Record<string, number> | undefined;
const numberWords = () => (numberWordsMade ??= buildNumberWords());
let weakWordsMade: ReadonlySet<string> | undefined;
const weakWords = () => (weakWordsMade ??= buildWeakWords());

/** The digit (0-9) a single word or CJK numeral names in any language the table knows, or undefined ("seven", "sieben", "七"). */
export function digitWord(word: string): number | undefined {
  const cjk = CjkDigits[word];
  if (cjk !== undefined) return cjk;
  const v = numberWords()[foldWord(word)];
  return v !== undefined && v <= 9 ? v : undefined;
}

const Roman = /^M{0,9}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/i;
const RomanValues: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };

const Morse: Record<string, string> = {
  "-----": "0", ".----": "1", "..---": "2", "...--": "3", "....-": "4", ".....": "5", "-....": "6", "--...": "7", "---..": "8", "----.": "9",
};
const MorseSymbol = "[.\\-·•_−–—]";
const SpelledRun = /(?<![\p{L}\p{N}])\p{L}(?:[\s.,;:/|_-]+\p{L}(?![\p{L}\p{N}])){5,}/gu;
const MorseRun = new RegExp(`(?<!\\S)${MorseSymbol}{1,6}(?:[ \\t/|]+${MorseSymbol}{1,6}){2,}(?!\\S)`, "gu");

/** A number in base 16, 2 or 8 with its prefix, or digits scaled by a word or letter for thousands or millions. */
const Shorthand = /(?<![\p{L}\p{N}.,])(?:0x([0-9a-f]{1,12})|0b([01]{2,48})|0o([0-7]{1,16})|(\d{1,4})(?:[.,](\d{1,3}))?\s?(k|tsd\.?|mio\.?|mn|thousand|million|millions|millionen|mille|mila|mil|millones|millón|millon))(?![\p{L}\p{N}])/giu;
const Scales: Record<string, bigint> = { k: 1000n, tsd: 1000n, thousand: 1000n, mille: 1000n, mila: 1000n, mil: 1000n };

function shorthandDigits(m: RegExpMatchArray): string | undefined {
  const [, hex, binary, octal, whole, fraction = "", scaleWord = ""] = m;
  if (hex !== undefined) return BigInt(`0x${hex}`).toString();
  if (binary !== undefined) return BigInt(`0b${binary}`).toString();
  if (octal !== undefined) return BigInt(`0o${octal}`).toString();
  // `98 thousand 765` is one number of number words (`mergedRun`); `1.2 million` is read here.
  if (fraction === "" && /^(?:thousand|million|millions|millionen|mille|mila|mil|millones|millón|millon)$/i.test(scaleWord)) return undefined;
  const scale = Scales[scaleWord.toLowerCase().replace(/\.$/, "")] ?? 1_000_000n;
  const unit = 10n ** BigInt(fraction.length);
  const value = BigInt(`${whole ?? "0"}${fraction}`) * scale;
  return value % unit === 0n ? (value / unit).toString() : undefined;
}

/** `417164000+300`, `4171643*100`, `2^10`, `9 - 3`: two or more numbers joined by operators. A date's `-`/`/` is no operator. */
const Arithmetic = /\d+(?:\s*(?:[+*×^]|\*\*)\s*\d+|\s+[-−/÷]\s+\d+|(?<=\d)x(?=\d)\d+)+/gu;
const MaxOperandDigits = 40;

function romanValue(s: string): number {
  const u = s.toUpperCase();
  let total = 0;
  for (let i = 0; i < u.length; i++) {
    const v = RomanValues[u[i] ?? ""] ?? 0;
    const next = RomanValues[u[i + 1] ?? ""] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

/** The value of one decimal digit of any script: `\p{Nd}` digits come in runs of ten from zero (a Unicode stability rule). */
function digitValue(ch: string): string {
  const folded = ch.normalize("NFKC");
  if (/^[0-9]$/.test(folded)) return folded;
  const cp = ch.codePointAt(0) ?? 0;
  let below = 0;
  while (below < 100 && /\p{Nd}/u.test(String.fromCodePoint(cp - below - 1))) below++;
  return String(below % 10);
}

/** The digits of a run of decimal digits of any script (`١٢٣` is 123). */
export function digitsOf(run: string): string {
  return /^[0-9]*$/.test(run) ? run : [...run].map(digitValue).join("");
}

/** A CJK numeral run: positional when it holds 十/百/千/万 (四百一十七 is 417), else digit by digit (四一七). */
function cjkDigits(run: string): string {
  const chars = [...run];
  if (!chars.some((c) => c in CjkUnits)) return chars.map((c) => String(CjkDigits[c] ?? "")).join("");
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const c of chars) {
    const unit = CjkUnits[c];
    if (unit === undefined) digit = CjkDigits[c] ?? 0;
    else if (unit === 10_000) {
      total += (section + digit) * unit;
      section = 0;
      digit = 0;
    } else {
      section += (digit === 0 ? 1 : digit) * unit;
      digit = 0;
    }
  }
  return String(total + section + digit);
}

/**
 * A run of number words read as a person would: values add while they fit (`twenty one` 21, `quatre cent dix` 410),
 * a value that does not fit starts a new number written after it (`one two three` 123, `twenty seventeen` 2017).
 */
function wordRunDigits(values: readonly number[]): string {
  let out = "";
  // The number being read: thousands and above in `high`, the rest in `low`; `undefined` when none is open.
  let high = 0;
  let low: number | undefined;
  const flush = () => {
    if (low !== undefined) out += String(high + low);
    high = 0;
    low = undefined;
  };
  for (const v of values) {
    if (v === 0) {
      flush();
      out += "0";
    } else if (v === 1000 || v === 1_000_000) {
      high = (high + (low === undefined || low === 0 ? 1 : low)) * v;
      low = 0;
    } else if (v === 100) low = (low === undefined || low === 0 ? 1 : low) * v;
    else if (low !== undefined && (high + low) % 10 ** String(v).length === 0) low += v;
    else {
      flush();
      low = v;
    }
  }
  flush();
  return out;
}

function evaluate(expression: string): { digits: string; capacity: number } | undefined {
  const parts = expression.replace(/(?<=\d)x(?=\d)/g, "*").replace(/\*\*/g, "^").replace(/[×]/g, "*").replace(/[÷]/g, "/").replace(/−/g, "-").match(/\d+|[-+*/^]/g) ?? [];
  const numbers = parts.filter((p) => /^\d/.test(p));
  if (numbers.some((n) => n.length > MaxOperandDigits)) return undefined;
  const capacity = numbers.reduce((n, p) => n + p.length, 0);
  try {
    // Precedence: ^ (right), then * and /, then + and -.
    const values: bigint[] = [];
    const ops: string[] = [];
    const rank = (op: string) => (op === "^" ? 3 : op === "*" || op === "/" ? 2 : 1);
    const apply = () => {
      const b = values.pop() ?? 0n;
      const a = values.pop() ?? 0n;
      const op = ops.pop();
      if (op === "^" && b > 64n) throw new Error("exponent");
      values.push(op === "+" ? a + b : op === "-" ? a - b : op === "*" ? a * b : op === "/" ? (b === 0n ? 0n : a / b) : a ** b);
    };
    for (const p of parts) {
      if (/^\d/.test(p)) values.push(BigInt(p));
      else {
        while (ops.length > 0 && (rank(ops[ops.length - 1] ?? "") > rank(p) || (rank(ops[ops.length - 1] ?? "") === rank(p) && p !== "^"))) apply();
        ops.push(p);
      }
    }
    while (ops.length > 0) apply();
    const result = values[0] ?? 0n;
    return { digits: (result < 0n ? -result : result).toString(), capacity };
  } catch {
    return { digits: numbers.join(""), capacity };
  }
}

/** A run of ASCII letters that fits a ten-letter alphabet (a=0 … j=9, or shifted): its a=0 reading. */
function lettersAsDigits(word: string): string | undefined {
  if (word.length < 6 || !/^[a-z]+$/.test(word)) return undefined;
  const codes = [...word].map((c) => c.charCodeAt(0) - 97);
  if (Math.max(...codes) - Math.min(...codes) > 9 || new Set(codes).size < 3) return undefined;
  return codes.map((c) => String(c % 10)).join("");
}

/** Words that join number words inside one (`einundzwanzig`, `vingtetun`). */
const Joiners = new Set(["und", "and", "et", "y", "e", "en"]);

/**
 * A word made of number words run together (`fouronesevenone`, `vierhundertsiebzehn`, `einundzwanzig`): its digits,
 * when the whole word splits into two number words or more.
 */
function gluedNumberWords(word: string): string | undefined {
  if (word.length < 6 || word.length > 200) return undefined;
  // best[i]: the fewest parts that spell word[0, i), with the values of the number words among them.
  const best: ({ parts: number; values: (number | "join")[] } | undefined)[] = [{ parts: 0, values: [] }];
  for (let i = 1; i <= word.length; i++) {
    for (let k = Math.max(0, i - 12); k < i; k++) {
      const from = best[k];
      const part = word.slice(k, i);
      if (from === undefined || part.length < 2 && !Joiners.has(part)) continue;
      const value = Joiners.has(part) ? "join" : numberWords()[part];
      if (value === undefined) continue;
      if (best[i] === undefined || (best[i]?.parts ?? 0) > from.parts + 1) best[i] = { parts: from.parts + 1, values: [...from.values, value] };
    }
  }
  const whole = best[word.length];
  if (whole === undefined || whole.values.filter((v) => v !== "join").length < 2) return undefined;
  // "ein-und-zwanzig" is 21: a unit joined to a ten that follows it.
  const values: number[] = [];
  for (let i = 0; i < whole.values.length; i++) {
    const v = whole.values[i];
    const next = whole.values[i + 1];
    const after = whole.values[i + 2];
    if (typeof v === "number" && v < 10 && next === "join" && typeof after === "number" && after >= 20 && after < 100 && after % 10 === 0) {
      values.push(after + v);
      i += 2;
    } else if (typeof v === "number") values.push(v);
  }
  return wordRunDigits(values);
}

/** A phone keypad's letters (abc 2, def 3, …, wxyz 9). */
const Keypad: Record<string, string> = Object.fromEntries(["abc", "def", "ghi", "jkl", "mno", "pqrs", "tuv", "wxyz"].flatMap((letters, i) => [...letters].map((c) => [c, String(i + 2)])));

/**
 * A run of ASCII letters typed on a phone keypad for its digits (`GJDWJPTT` for 45395788): its reading. Every word has
 * one, so it is no numeral of its own: only a reading that is a long piece of the owner's number counts (owner-numbers.ts).
 */
export function keypadDigits(word: string): string | undefined {
  if (word.length < 6 || !/^[a-z]+$/.test(word)) return undefined;
  return [...word].map((c) => Keypad[c] ?? "").join("");
}

const LookAlike: Record<string, string> = { o: "0", i: "1", l: "1", z: "2", e: "3", a: "4", s: "5", g: "6", t: "7", b: "8", q: "9" };

/** A word written only in letters that look like digits (`OAITIGA` for 0417164): its reading. */
function lookAlikeDigits(word: string): string | undefined {
  if (word.length < 6 || ![...word].every((c) => c in LookAlike)) return undefined;
  return [...word].map((c) => LookAlike[c] ?? "").join("");
}

/**
 * An ordinal of German, French or Italian made from its cardinal (`einundzwanzigsten` 21, `siebzehnte` 17, `dix-septième`'s
 * `septième`, `diciassettesimo` 17, `ventunesima` 21): its digits. German only after a number's own ending, so that
 * words ending in `-te` (`Ente`, `tente`) are not read.
 */
function ordinalDigits(word: string): string | undefined {
  const german = /^(.*(?:zehn|zig|ssig|eins|zwei|drei|vier|funf|sechs|sieb|acht|neun|elf|zwolf|hundert|tausend))(?:ste|sten|ster|stes|stem|te|ten|ter|tes|tem)$/.exec(word);
  const romance = /^(.{3,})(?:iemes?|esim[oaie])$/.exec(word);
  const stem = german?.[1] ?? romance?.[1];
  if (stem === undefined) return undefined;
  for (const end of german !== null ? ["", "en"] : ["", "e", "i", "o", "a"]) {
    const value = numberWords()[stem + end];
    if (value !== undefined && value >= 2) return String(value);
    const glued = gluedNumberWords(stem + end);
    if (glued !== undefined) return glued;
  }
  return undefined;
}

type Token = { text: string; word: string; numeral?: Omit<Numeral, "prev" | "next">; weak?: boolean };

/** What one token of a text is: a numeral of some form (and whether only by accident), or a word. */
function readToken(t: string): Token {
  let word = foldWord(t);
  const token: Token = { text: t, word };
  if (/^\p{Nd}+$/u.test(t)) {
    const digits = digitsOf(t);
    token.numeral = { text: t, digits, form: /^[0-9]+$/.test(t) ? "digits" : "digits of another script", capacity: digits.length };
  } else if (CjkWhole.test(t)) {
    const digits = cjkDigits(t);
    token.numeral = { text: t, digits, form: "CJK numerals", capacity: digits.length };
    token.weak = t.length === 1;
  } else if (SymbolRun.test(t) && !/[\p{L}\p{Nd}]/u.test(t)) {
    // The run's own digits where Unicode gives them, else the symbols themselves: held or typed only as written.
    const known = symbolsDigits(t);
    token.numeral = { text: t, digits: known.length > 0 ? known : t, form: "numeric symbols", capacity: [...t].length };
    token.weak = [...t].length === 1;
  } else if (HangulWhole.test(t)) {
    const digits = [...t].map((c) => String(HangulDigits[c] ?? "")).join("");
    token.numeral = { text: t, digits, form: "number words", capacity: digits.length };
  } else if (GreekNumeral.test(word) || GreekNumeral.test(t.normalize("NFKC").toLowerCase())) {
    const value = String([...t.normalize("NFKC").toLowerCase()].reduce((sum, c) => sum + (GreekValues[c] ?? 0), 0));
    token.numeral = { text: t, digits: value, form: "Greek numerals", capacity: value.length };
  } else if (word in numberWords() || latinLookalikes(word) in numberWords()) {
    // Look-alike letters (`fоur` with a Cyrillic о) read as the word they imitate.
    word = word in numberWords() ? word : latinLookalikes(word);
    const value = numberWords()[word] ?? 0;
    token.numeral = { text: t, digits: String(value), form: "number words", capacity: String(value).length };
    token.weak = weakWords().has(word);
  } else if (t.length >= 2 && Roman.test(t) && (t !== word || t.length >= 3)) {
    // A word's casing (`mix`, `Liv`) makes it a word first; capitals, or a mix no word has (`CdXvIi`), a numeral.
    const value = String(romanValue(t));
    const wordlike = t === word || t === `${word[0]?.toUpperCase() ?? ""}${word.slice(1)}`;
    token.numeral = { text: t, digits: value, form: "Roman numerals", capacity: value.length };
    token.weak = wordlike ? t.length < 5 : t.length < 3;
  } else {
    const glued = gluedNumberWords(word) ?? ordinalDigits(word);
    const letters = lettersAsDigits(word);
    const alike = lookAlikeDigits(word);
    if (glued !== undefined) token.numeral = { text: t, digits: glued, form: "number words", capacity: glued.length };
    // Letters are everyone's: a run of them counts only when it reads as the owner's number, never by its length.
    else if (letters !== undefined) token.numeral = { text: t, digits: letters, form: "letters for digits", capacity: 0 };
    else if (alike !== undefined) token.numeral = { text: t, digits: alike, form: "look-alike letters", capacity: 0 };
  }
  return token;
}

/** A numeral with where it stands in the text it was read from (NFKC-normalized): `text.slice(at, end)`. */
export type PlacedNumeral = Numeral & { at: number; end: number };

/**
 * The numerals of `raw`, in order. Words that are numerals only by accident (`un`, `one`, `DC`, `mix`) count only beside
 * another numeral.
 */
export function numeralsIn(raw: string): Numeral[] {
  return placedNumerals(raw).numerals.map(({ at: _at, end: _end, ...n }) => n);
}

/** As `numeralsIn`, each numeral with its place in `text`, the NFKC form of `raw` (its first MaxText characters) they were read in. */
export function placedNumerals(raw: string): { text: string; numerals: PlacedNumeral[] } {
  const normal = raw.slice(0, MaxText).normalize("NFKC");
  let text = normal;
  const found: Token[] = [];
  const special: { at: number; token: Token }[] = [];
  // Numbers in a programmer's base (`0x1F`, `0b10110`) or scaled (`1.2k`, `3,5 Mio`). Their digits are read as
  // written too (not blanked): `0x417164` still carries the digits 417164.
  for (const m of text.matchAll(Shorthand)) {
    const digits = shorthandDigits(m);
    if (digits !== undefined) special.push({ at: m.index, token: { text: m[0], word: m[0], numeral: { text: m[0], digits, form: "shorthand", capacity: digits.length } } });
  }
  // Morse and arithmetic span several tokens: read them first and blank them.
  for (const m of text.matchAll(MorseRun)) {
    const groups = m[0].split(/[ \t/|]+/).map((g) => g.replace(/[·•]/g, ".").replace(/[_−–—]/g, "-"));
    const digits = groups.map((g) => Morse[g] ?? "").join("");
    special.push({ at: m.index, token: { text: m[0], word: m[0], numeral: { text: m[0], digits, form: "Morse code", capacity: groups.length } } });
  }
  text = text.replace(MorseRun, (m) => " ".repeat(m.length));
  // Letters one by one (`a e b h b g e d a a`) are read as the word they spell.
  for (const m of text.matchAll(SpelledRun)) {
    const word = m[0].replace(/[^\p{L}]/gu, "").toLowerCase();
    const digits = lettersAsDigits(word) ?? lookAlikeDigits(word);
    if (digits === undefined) continue;
    special.push({ at: m.index, token: { text: m[0], word, numeral: { text: m[0], digits, form: lettersAsDigits(word) !== undefined ? "letters for digits" : "look-alike letters", capacity: 0 } } });
    text = `${text.slice(0, m.index)}${" ".repeat(m[0].length)}${text.slice(m.index + m[0].length)}`;
  }
  for (const m of text.matchAll(Arithmetic)) {
    const value = evaluate(m[0]);
    if (value !== undefined) special.push({ at: m.index, token: { text: m[0], word: m[0], numeral: { text: m[0], ...value, form: "arithmetic" } } });
  }
  text = text.replace(Arithmetic, (m) => " ".repeat(m.length));
  const all: { at: number; token: Token }[] = [...special];
  // A text repeats its words: each distinct token is read once (bounded).
  const read = new Map<string, Token>();
  for (const m of text.matchAll(TokenRe)) {
    let token = read.get(m[0]);
    if (token === undefined) {
      token = readToken(m[0]);
      if (read.size < 8192) read.set(m[0], token);
    }
    all.push({ at: m.index, token });
  }
  all.sort((a, b) => a.at - b.at);
  const places: number[] = [];
  for (const { at, token } of all) {
    found.push(token);
    places.push(at);
  }
  // A run of numerals in a row counts whole when one of them is surely a numeral, or when it is three long.
  const counts = found.map((t) => t.numeral?.form === "letters for digits");
  const inRun = (t: Token | undefined) => t?.numeral !== undefined && t.numeral.form !== "letters for digits";
  for (let i = 0; i < found.length; ) {
    let j = i;
    while (j < found.length && inRun(found[j])) j++;
    const run = found.slice(i, j);
    const whole = run.length >= 3 || run.some((t) => t.weak !== true);
    for (let k = i; k < j; k++) counts[k] = whole;
    i = j === i ? i + 1 : j;
  }
  const out: PlacedNumeral[] = [];
  for (let i = 0; i < found.length && out.length < MaxNumerals; i++) {
    const t = found[i];
    if (t?.numeral === undefined || counts[i] !== true) continue;
    const prev = found[i - 1]?.word;
    const next = found[i + 1]?.word;
    const at = places[i] ?? 0;
    out.push({ ...t.numeral, ...(prev !== undefined ? { prev } : {}), ...(next !== undefined ? { next } : {}), at, end: at + t.text.length });
  }
  // Number words in a row are one number (`quatre cent dix`, `one two three`).
  return { text: normal, numerals: mergeWordRuns(out, normal) };
}

/** Between two parts of one number: nothing, or a word that joins them (`ninety and eight`, `noventa e oito`, `vingt et un`). */
const JoinedBy = /^[\s\p{Dash}]*(?:(?:and|und|et|en|e|y|i)[\s\p{Dash}]+)?$/iu;

function mergeWordRuns(numerals: readonly PlacedNumeral[], text: string): PlacedNumeral[] {
  const out: PlacedNumeral[] = [];
  for (const n of numerals) {
    const last = out[out.length - 1];
    const merged = last === undefined ? undefined : mergedRun(last, n, text);
    if (merged !== undefined) out[out.length - 1] = merged;
    else out.push(n);
  }
  return out;
}

/**
 * Two numerals read as one number, or undefined: number words in a row always (`one two three` is 123); a short run of
 * digits beside number words (`98 thousand 765`) or numbers joined by a word (`ninety and eight`) only when they add
 * up to one number (`two and three` stays 2 and 3).
 */
function mergedRun(last: PlacedNumeral, n: PlacedNumeral, text: string): PlacedNumeral | undefined {
  const values = runValues(`${last.text} ${n.text}`);
  const words = last.form === "number words" && n.form === "number words";
  let digits: string;
  if (words && n.prev === lastWordOf(last)) {
    // Words run together (`fouronesevenone`) were read on their own: their digits follow each other.
    digits = values !== undefined ? wordRunDigits(values) : `${last.digits}${n.digits}`;
  } else {
    const mixed = words || ((last.form === "number words" || n.form === "number words") && (last.form === "digits" || n.form === "digits"));
    if (!mixed || values === undefined || !JoinedBy.test(text.slice(last.end, n.at))) return undefined;
    digits = wordRunDigits(values);
    if (digits === `${last.digits}${n.digits}`) return undefined;
  }
  const { next: _drop, ...head } = last;
  return { ...head, form: "number words", text: `${last.text} ${n.text}`, digits, capacity: digits.length, end: n.end, ...(n.next !== undefined ? { next: n.next } : {}) };
}

/**
 * The values of a run's words, in order (undefined when one is no number word or short digit run), with French counting
 * by twenties read as one value: `quatre vingt` 80, `soixante dix` 70, `quatre vingt onze` 91.
 */
function runValues(run: string): number[] | undefined {
  const words = run.split(" ").map(foldWord);
  const out: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? "";
    // A word of number words run together (`achtundneunzig`) is the one number it reads as.
    const glued = numberWords()[w] === undefined ? gluedNumberWords(w) : undefined;
    const v = /^[1-9]\d{0,2}$/.test(w) ? Number(w) : (numberWords()[w] ?? numberWords()[latinLookalikes(w)] ?? (glued !== undefined && /^[1-9]\d{0,8}$/.test(glued) ? Number(glued) : undefined));
    if (v === undefined) return undefined;
    // A dozen multiplies the number before it (`two dozen` is 24).
    if (Dozens.has(w) && out.length > 0) {
      out.push((out.pop() ?? 1) * 12);
      continue;
    }
    const score = w === "quatre" && (words[i + 1] === "vingt" || words[i + 1] === "vingts");
    if (score) i++;
    const value = score ? 80 : v;
    const teen = numberWords()[words[i + 1] ?? ""];
    if ((w === "soixante" || score) && teen !== undefined && teen >= 10 && teen < 20) {
      out.push(value + teen);
      i++;
    } else out.push(value);
  }
  return out;
}

const Dozens: ReadonlySet<string> = new Set(["dozen", "dozens", "dutzend", "douzaine", "douzaines", "docena", "docenas", "dozzina", "dozzine", "dussin"]);

function lastWordOf(n: Numeral): string {
  const words = n.text.split(" ");
  return foldWord(words[words.length - 1] ?? "");
}
