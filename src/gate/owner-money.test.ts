import { test } from "node:test";
import assert from "node:assert/strict";
import { amountStated, amountsIn, argumentAmounts, currenciesNamed, currencyBeside, currencyCodes, currencyStated } from "./owner-money.ts";
import { argumentsTypedByOwner } from "./provenance.ts";
import { ownerSlotRule } from "./owner-slots.ts";

const read = (text: string) => amountsIn(text).map((m) => `${m.values.join("|")} ${m.currencies?.join("|") ?? "-"}`);

test("amounts in every grouping and decimal convention, with the currency beside them as ISO codes", () => {
  assert.deepEqual(read("Überweise 1.250,00 EUR an DE02120300000000202051"), ["1250 EUR"]);
  assert.deepEqual(read("Pay 1,250.00 EUR to X"), ["1250 EUR"]);
  assert.deepEqual(read("Vire 1 250,50 € sur FR14"), ["1250.5 EUR"]);
  assert.deepEqual(read("Zahl 1'250 CHF"), ["1250 CHF"]);
  assert.deepEqual(read("Zahl Fr. 80.– an"), ["80 CHF"]);
  assert.deepEqual(read("1250,- EUR"), ["1250 EUR"]);
  assert.deepEqual(read("DE89370400440532013000に3000円を振り込んで"), ["3000 JPY"]);
  assert.deepEqual(read("Zapłać 320 zł"), ["320 PLN"]);
  assert.deepEqual(read("Betala 250 kr till"), ["250 SEK|NOK|DKK|ISK"]);
  assert.deepEqual(read("Zaplať 500 Kč"), ["500 CZK"]);
  assert.deepEqual(read("Pay ₺1.500, ₹2,500 and 45 quid"), ["1500|1.5 TRY", "2500|2.5 INR", "45 GBP"]);
});

test("dates, times, account digits and space-separated numbers without a currency are no amounts", () => {
  assert.deepEqual(read("meet at 12:45 on 2026-12-16"), []);
  assert.deepEqual(read("DE89370400440532013000"), []);
  assert.deepEqual(read("2 120"), ["2 -", "120 -"]);
});

test("an argument's amount and currency are the owner's only when they are the same value", () => {
  assert.deepEqual(argumentAmounts(1250.5), ["1250.5"]);
  assert.deepEqual(argumentAmounts("1.250,00 €"), ["1250"]);
  assert.deepEqual(argumentAmounts("12a"), []);
  assert.equal(amountStated(1250, ["Pay 1.250,00 EUR"]), true);
  assert.equal(amountStated(12500, ["Pay 1.250,00 EUR"]), false);
  assert.equal(amountStated(1205, ["Pay 1,250.00 EUR"]), false);
  assert.equal(amountStated(1250, ["Pay 1.250,00 EUR"], "USD"), false);
  assert.deepEqual(currencyCodes("€"), ["EUR"]);
  assert.equal(currencyStated("EUR", ["Pay 120 € to X"]), true);
  assert.equal(currencyStated("€", ["Pay 120 EUR to X"]), true);
  assert.equal(currencyStated("USD", ["Pay £45 to X"]), false);
  assert.equal(currencyStated("CAD", ["Pay 20 dollars to X"]), false);
});

test("a clean turn's call is typed when its amount and currency are the owner's in another form, not otherwise", () => {
  const owner = { ownerTexts: ["Überweise 1.250,00 € an DE02120300000000202051, Verwendungszweck Miete"] };
  assert.equal(argumentsTypedByOwner(JSON.stringify({ iban: "DE02120300000000202051", amount: 1250, currency: "EUR", reference: "Miete" }), owner), true);
  assert.equal(argumentsTypedByOwner(JSON.stringify({ iban: "DE02120300000000202051", amount: 12500, currency: "EUR", reference: "Miete" }), owner), false);
  assert.equal(argumentsTypedByOwner(JSON.stringify({ iban: "DE02120300000000202051", amount: 1250, currency: "USD", reference: "Miete" }), owner), false);
});

test("the currency beside the owner's amount binds it: another currency asks", () => {
  const slot = (owner: string, currency: string) => ownerSlotRule(JSON.stringify({ iban: "PL61109010140000071219812874", amount: 320, currency }), [owner], "`send_money`")?.reasons[0]?.id;
  assert.equal(slot("Zapłać 320 zł na PL61109010140000071219812874", "PLN"), undefined);
  assert.equal(slot("Zapłać 320 zł na PL61109010140000071219812874", "EUR"), "owner.value_wrong_role");
  assert.equal(slot("Zahl Fr. 320.– an PL61109010140000071219812874", "CHF"), undefined);
  assert.equal(slot("Pay 320 kr to PL61109010140000071219812874", "NOK"), undefined);
  assert.equal(slot("Pay 320 kr to PL61109010140000071219812874", "EUR"), "owner.value_wrong_role");
});

test("currenciesNamed: every name a text gives on its own; words that are ordinary words too only beside an amount", () => {
  assert.deepEqual([...currenciesNamed("bitte in euros, nicht in dollars")].sort(), ["EUR", "USD"]);
  assert.deepEqual([...currenciesNamed("转账用欧元")], ["EUR"]);
  assert.deepEqual([...currenciesNamed("ادفع باليورو")], ["EUR"], "an Arabic prefix on the name");
  assert.deepEqual([...currenciesNamed("we won, try the real thing at the 병원")], []);
  assert.deepEqual([...currenciesNamed("we won 3 games; send 50 kr")].sort(), ["DKK", "ISK", "NOK", "SEK"]);
  assert.deepEqual([...currenciesNamed("Europe and eurozone")], []);
});

test("currencyBeside: the currency written right after or before an amount", () => {
  const text = "pay 480ユーロ and €12";
  assert.deepEqual(currencyBeside(text, 4, 7), ["EUR"]);
  assert.deepEqual(currencyBeside(text, text.length - 2, text.length), ["EUR"]);
  assert.equal(currencyBeside("room 480 please", 5, 8), undefined);
});

test("amounts in the owner's own digits, groupings and multiplier words", () => {
  assert.deepEqual(read("حوّل ١٢٣٫٤٥ يورو لكيرن"), ["123.45 EUR"]);
  assert.deepEqual(read("۱٬۲۳۴٫۵۶ یورو"), ["1234.56 EUR"]);
  assert.deepEqual(read("₹१,२३,४५६ भेज दो"), ["123456 INR"]);
  assert.deepEqual(read("₹1,23,456"), ["123456 INR"]);
  assert.deepEqual(read("1.5 लाख रुपये भेज दो"), ["150000 INR"]);
  assert.deepEqual(read("Transfer 1,5 juta rupiah ke Kern"), ["1500000 IDR"]);
  assert.deepEqual(read("Transfer Rp 1.500.000 ke Kern"), ["1500000 IDR"]);
  assert.deepEqual(read("계좌로 12만 3천 원 보내 줘"), ["123000 KRW"]);
  assert.deepEqual(read("Transfere 2 mil reais pro Kern"), ["2000 BRL"], "a thousand in Portuguese");
  assert.deepEqual(read("pay Kern 2 mil dollars"), ["2000000 USD"], "a million in English shorthand");
  assert.deepEqual(read("pay Kern 2 mil EUR to DE44500105175407324931"), ["2000000 EUR"], "an IBAN's letters are no Spanish word");
  assert.deepEqual(read("Kern 2 mil"), [" -"], "no language to choose a reading: none");
  assert.deepEqual(read("Utalj Kernnek 12 ezer forintot"), ["12000 HUF"]);
  assert.deepEqual(read("Chuyển 2,5 triệu đồng cho Kern"), ["2500000 VND"]);
  assert.deepEqual(read("Chuyển 1.234.567 ₫ cho Kern"), ["1234567 VND"]);
  assert.deepEqual(read("โอน ๑,๒๓๔ บาท ให้เคิร์น"), ["1234|1.234 THB"], "one group of three: both readings, as for ASCII digits");
  assert.deepEqual(read("Padalhan mo si Kern ng ₱1,234.50"), ["1234.5 PHP"]);
  assert.deepEqual(read("Mtumie Kern TSh 12,500"), ["12500|12.5 TZS"]);
  assert.deepEqual(read("תעביר לקרן ‏₪1,234.50"), ["1234.5 ILS"]);
  assert.equal(read("Paga 1,5 mil a Kern")[0]?.split(" ")[0], "1500");
});

test("shorthand multipliers: '2k', '€2.5k', '3 grand', '2 Mrd.' (a 'k' only glued to its number and alone; '2kg', '2 km' are no thousands)", () => {
  assert.deepEqual(read("pay Kern 2k EUR"), ["2000 EUR"]);
  assert.deepEqual(read("pay Kern €2.5k"), ["2500 EUR"]);
  assert.deepEqual(read("pay Kern 3 grand EUR"), ["3000 EUR"]);
  assert.deepEqual(read("überweise 2 Mrd. EUR"), ["2000000000 EUR"]);
  assert.deepEqual(read("2kg of flour"), []);
  assert.deepEqual(read("2 km away"), ["2 -"]);
});
