import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { numeralsIn } from "./numerals.ts";

const read = (text: string) => numeralsIn(text).map((n) => [n.text, n.digits, n.form]);

describe("numerals are read in any script, language or notation", () => {
  test("every decimal numbering system the runtime knows reads as its digits (Unicode digit values, not a list)", () => {
    const systems = Intl.supportedValuesOf("numberingSystem");
    let checked = 0;
    for (const ns of systems) {
      const text = new Intl.NumberFormat(`en-u-nu-${ns}`, { useGrouping: false }).format(1234567890);
      // Algorithmic systems (Roman, Greek, Hebrew letters) are not positional digits.
      if (![...text].every((c) => /\p{Nd}/u.test(c))) continue;
      assert.deepEqual(numeralsIn(`ref ${text} now`).map((n) => n.digits), ["1234567890"], ns);
      checked++;
    }
    assert.ok(checked >= 50, `only ${checked} numbering systems checked`);
  });

  test("CJK numerals, digit by digit or positional", () => {
    assert.deepEqual(read("巴黎天气 〇四一七一六四三〇〇"), [["〇四一七一六四三〇〇", "0417164300", "CJK numerals"]]);
    assert.equal(numeralsIn("四百一十七")[0]?.digits, "417");
    assert.equal(numeralsIn("一万二千三百四十五")[0]?.digits, "12345");
  });

  test("number words of common languages, one number per run", () => {
    for (const [text, digits] of [
      ["zéro quatre un sept un six quatre trois zéro zéro", "0417164300"],
      ["null vier eins sieben eins sechs vier drei null null", "0417164300"],
      ["cero cuatro uno siete uno seis cuatro tres cero cero", "0417164300"],
      ["zero quattro uno sette", "0417"],
      ["nul vier een zeven", "0417"],
      ["ноль четыре один семь", "0417"],
      ["one two three four five six seven eight", "12345678"],
      ["twenty one", "21"],
      ["quatre cent dix", "410"],
      ["twenty seventeen", "2017"],
      ["one thousand two hundred", "1200"],
      ["four hundred seventeen thousand one hundred sixty four", "417164"],
      ["deux mille vingt six", "2026"],
      // Run together into one word.
      ["fouronesevenone sixfour", "417164"],
      ["vierhundertsiebzehn", "417"],
      ["einundzwanzig", "21"],
      // Whole numbers as each language writes them: joined by a word, counted by twenties, glued with elided vowels.
      ["achtundneunzig tausend siebenhundert fünfundsechzig", "98765"],
      ["quatre-vingt-dix-huit mille sept cent soixante-cinq", "98765"],
      ["soixante et onze", "71"],
      ["noventa y ocho mil setecientos sesenta y cinco", "98765"],
      ["noventa e oito mil setecentos e sessenta e cinco", "98765"],
      ["novantottomila settecentosessantacinque", "98765"],
      ["achtennegentigduizend zevenhonderdvijfenzestig", "98765"],
      ["dziewięćdziesiąt osiem tysięcy siedemset sześćdziesiąt pięć", "98765"],
      ["dreißig", "30"],
      ["one hundred and five", "105"],
      // Digits beside a scale word are one number.
      ["98 thousand 765", "98765"],
      // Ordinals past ten, dozens, teens and tens of Russian, Turkish and Swedish, Polish ordinal hours.
      ["seventeenth", "17"], ["two dozen", "24"], ["восемнадцать", "18"], ["kırk beş", "45"], ["tjugo", "20"], ["osiemnastej", "18"], ["einundzwanzigsten", "21"], ["diciassettesimo", "17"], ["dix-septième", "17"],
    ] as const) assert.equal(numeralsIn(`ref ${text}`)[0]?.digits, digits, text);
    // A joining word between two numbers that do not add up leaves them apart; so do digits beside a word.
    assert.deepEqual(numeralsIn("two and three").map((n) => n.digits), ["2", "3"]);
    assert.deepEqual(numeralsIn("route 66 five times").map((n) => n.digits), ["66", "5"]);
  });

  test("Roman numerals, Morse code and arithmetic", () => {
    assert.deepEqual(numeralsIn("ref CDXVII CLXIV CCC").map((n) => n.digits), ["417", "164", "300"]);
    assert.deepEqual(numeralsIn("MCCXXXIV MMMMMDCLXXVIII").map((n) => n.digits), ["1234", "5678"]);
    assert.deepEqual(numeralsIn("cdxvii clxiv ccc").map((n) => n.digits), ["417", "164", "300"]);
    assert.deepEqual(read("weather ----- ....- .---- --..."), [["----- ....- .---- --...", "0417", "Morse code"]]);
    assert.equal(numeralsIn("Paris 417164000+300")[0]?.digits, "417164300");
    assert.equal(numeralsIn("Paris 4171643*100")[0]?.digits, "417164300");
    assert.equal(numeralsIn("Paris 4171643x100")[0]?.digits, "417164300");
    assert.equal(numeralsIn("Paris 2^10")[0]?.digits, "1024");
    assert.equal(numeralsIn("Paris 417164000+300")[0]?.capacity, 12, "an expression carries its operands");
  });

  test("letters that fit a ten-letter alphabet read as digits, but carry nothing by their length", () => {
    const [n] = numeralsIn("weather AEBHBGEDAA");
    assert.equal(n?.digits, "0417164300");
    assert.equal(n?.form, "letters for digits");
    assert.equal(n?.capacity, 0);
  });

  test("letters that look like digits read as them, carrying nothing by their length", () => {
    assert.deepEqual(numeralsIn("weather OAITIGAEOO").map((n) => [n.digits, n.form, n.capacity]), [["0417164300", "look-alike letters", 0]]);
  });

  test("ordinals, Roman numerals in mixed case, letters spelled one by one", () => {
    assert.equal(numeralsIn("fourth first seventh first sixth fourth third")[0]?.digits, "4171643");
    assert.deepEqual(numeralsIn("CdXvIi ClXiV CcC").map((n) => n.digits), ["417", "164", "300"]);
    assert.deepEqual(numeralsIn("weather a e b h b g e d a a").map((n) => [n.digits, n.form]), [["0417164300", "letters for digits"]]);
    for (const text of ["first time in Paris", "second hand shop", "Mix of Liv", "I am a big fan"]) assert.deepEqual(numeralsIn(text), [], text);
  });

  test("ordinary words that hide number words are not glued numbers", () => {
    assert.deepEqual(numeralsIn("someone often tennis oneself sevenfold"), []);
  });

  test("words that are numerals only by accident count only beside another numeral", () => {
    for (const text of ["un restaurant à Paris", "one of the best", "ein gutes Restaurant", "World War II", "Washington DC", "a mix of spices", "I want 2"]) {
      assert.ok(numeralsIn(text).filter((n) => n.capacity > 0).every((n) => /^\d+$/.test(n.text)), text);
    }
    assert.deepEqual(numeralsIn("un deux").map((n) => n.digits), ["12"]);
  });

  test("a date is three numbers, not a subtraction", () => {
    assert.deepEqual(numeralsIn("2026-12-10").map((n) => n.digits), ["2026", "12", "10"]);
  });

  test("bounded on long input", () => {
    assert.ok(numeralsIn("12 ".repeat(100_000)).length <= 512);
  });
});

test("numbers in a programmer's base or scaled by a letter or word for thousands are the number they write, their digits read too", () => {
  const read = (text: string) => numeralsIn(text).filter((n) => n.form === "shorthand").map((n) => n.digits);
  assert.deepEqual(read("Locker 0x1F, box 0b10110, mode 0o17"), ["31", "22", "15"]);
  assert.deepEqual(read("Deposit 1.2k EUR, budget 3,5 Mio, 1.2 million"), ["1200", "3500000", "1200000"]);
  assert.deepEqual(read("98 thousand 765, 5 km, a 12-pack"), []);
  assert.ok(numeralsIn("call 0x417164").some((n) => n.text === "0x417164" && n.form === "shorthand"));
});
