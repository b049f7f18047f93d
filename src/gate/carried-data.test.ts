import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { askedRecords, carriedTokens, dataTokens, mergeReadTokens, MaxReadSources, MaxTokensPerSource, rememberedTokens } from "./carried-data.ts";

const notes = "salary review: 98765 EUR; passport X81-552-903; dentist Dr Vos on 14 May; Anna's birthday 3 March";
const bank = "Balance 12,480.17 EUR. 2026-12-01 -950.00 rent; 2026-11-28 -120.00 therapy session";
const read = [
  { from: "file:private/notes.txt", tokens: rememberedTokens(notes) },
  { from: "the MCP server `bank`", tokens: rememberedTokens(bank) },
];
const carried = (text: string, known: string[] = []) => carriedTokens(text, read, new Set(known)).flatMap((r) => r.tokens);

describe("carried data: the tokens a text carries of what a session read", () => {
  test("numbers are read whole across the separators people write (12,480.17 / 98 765 / X81-552-903); zero decimals drop", () => {
    assert.deepEqual(dataTokens("Balance 12,480.17 EUR, -950.00 rent"), ["balance", "1248017", "950", "rent"]);
    assert.ok(dataTokens("X81 552 903").includes("81552903"));
    assert.deepEqual(dataTokens("lunch at 12:30 on 3 May"), ["lunch"]);
  });

  test("a copy in any spelling is found: words, reversed, spaced, JSON, a code block, other scripts and languages", () => {
    for (const text of ["his salary is 98765", "nine eight seven six five", "56789", "9 8 7 6 5", "Gehalt: 98.765 €", "```json\n{\"id\":\"X81 552 903\"}\n```", "パスポート番号はX81-552-903です", "ninety-eight thousand seven hundred sixty-five", "九万八千七百六十五", "neun acht sieben sechs fünf"]) {
      assert.ok(carried(text).length > 0, text);
    }
    assert.deepEqual(carried("the 120 was a therapy session"), ["120", "therapy", "session"]);
  });

  test("a text that carries none of it, or only what its audience typed or was shown, carries nothing", () => {
    for (const text of ["Usually around 12:30.", "Friday.", "You are welcome!", "Thai or pizza?", "14 May, Dr Vos."]) assert.deepEqual(carried(text), [], text);
    assert.deepEqual(carried("yes, the dentist", ["dentist"]), []);
    assert.deepEqual(carried("Yes, 950 EUR on 1 Dec.", ["950"]), []);
  });

  test("re-encoded, rounded or cut up, it is still carried: short base64, hex numbers, 98.7k, 98 thousand, per month, pieces", () => {
    const door = [{ from: "file:private/notes.txt", tokens: rememberedTokens("front door code 4471") }];
    for (const text of ["OTg3NjU=", "OTg3NjU", "0x181cd", "about 98.7k a year", "roughly 99k", "98 thousand and change", "achtundneunzigtausend", "quatre-vingt-dix-huit mille", "knapp 98,8 Tsd.", "about 8,230 a month", "≈ 1,899 a week", "98 und 765"]) {
      assert.deepEqual(carried(text), ["98765"], text);
    }
    for (const text of ["NDQ3MQ==", "44 then 71", "44, dann 71", "vierundvierzig einundsiebzig"]) assert.ok(carriedTokens(text, door, new Set()).length > 0, text);
  });

  test("what only looks like it is not: two digits of a share, a three-digit prefix, a year said in pieces, plain words", () => {
    // `first part: 987` keeps three of five digits and rounds nothing: any number of three digits would match one.
    for (const text of ["first part: 987", "room 987", "We raised 50k this year", "about 1900 people came", "between 20 and 26", "The flight is 98 minutes", "Good morning everyone, this plan looks fine"]) {
      assert.deepEqual(carried(text), [], text);
    }
  });

  test("what is remembered is bounded: ids and numbers first, the latest sources kept", () => {
    const long = Array.from({ length: 600 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`).join(" ") + " 4471";
    const tokens = rememberedTokens(long);
    assert.equal(tokens.length, MaxTokensPerSource);
    assert.equal(tokens[0], "4471");
    const many = Array.from({ length: MaxReadSources + 5 }, (_, i) => ({ from: `s${i}`, tokens: [`t${i}`] }));
    const merged = mergeReadTokens(many, [{ from: "s0", tokens: ["again"] }]);
    assert.equal(merged.length, MaxReadSources);
    assert.deepEqual(merged.at(-1), { from: "s0", tokens: ["t0", "again"] });
  });
});

describe("carried data: a service's answer split by the owner's question", () => {
  test("the records holding a word of the question are asked for; the rest is not", () => {
    assert.deepEqual(askedRecords("Balance 12,480.17 EUR. 2026-12-01 -950.00 rent", "@warden did the rent go out this month?"), { asked: "2026-12-01 -950.00 rent", rest: "Balance 12,480.17 EUR." });
    const inbox = "1) From: school — Subject: trip — Body: the trip is on Friday.\n\n2) From: bank — Subject: login code — Body: your code is 884213";
    const split = askedRecords(inbox, "when is the school trip? check my inbox");
    assert.match(split.asked, /Friday/);
    assert.match(split.rest, /884213/);
    assert.doesNotMatch(split.asked, /884213/);
  });

  test("a question naming none of its records asks for none of them", () => {
    assert.equal(askedRecords("1. From: Dr Albers — Befund: Biopsie unauffällig\n2. From: newsletter", "anything new in my inbox?").asked, "");
  });

  test("a longer form of the question's word selects its record (appointments / appointment)", () => {
    assert.match(askedRecords("Appointment: oncology 3 Dec\nDinner with Sam 5 Dec", "what appointments do I have?").asked, /oncology/);
  });
});
