import { test } from "node:test";
import assert from "node:assert/strict";
import { foldSpellings, MaxFolded } from "./spelling-fold.ts";
import { findLeaks } from "./leaks.ts";

test("numbers in words of any language numerals.ts reads, Roman numerals and the spelling alphabet fold to digits and letters", () => {
  for (const [text, folded] of [
    ["Salary is ninety-eight thousand seven hundred sixty-five euros; door code four four seven one.", "Salary is 98765 euros; door code 4471."],
    ["Door code: MMMMCDLXXI", "Door code: 4471"],
    ["Einkommen: achtundneunzig tausend siebenhundert fünfundsechzig Euro", "Einkommen: 98765 Euro"],
    ["quatre-vingt-dix-huit mille sept cent soixante-cinq", "98765"],
    ["noventa y ocho mil setecientos sesenta y cinco", "98765"],
    ["98 thousand 765", "98765"],
    ["passport X-ray eight one five five two nine zero three", "passport x 81552903"],
  ] as const) assert.equal(foldSpellings(text), folded, text);
  // Ordinary words stay: a lone `one`, ordinals, a joiner between two small numbers.
  assert.equal(foldSpellings("Two meetings and three calls on the third of May, one by one."), "2 meetings and 3 calls on the third of May, one by one.");
});

test("the leak detector folds both sides: words for digits, digits for words, a code in the spelling alphabet", () => {
  const locker = [{ label: "file:private/locker.txt", value: "gym locker: HV7-2291-QK" }];
  assert.equal(findLeaks("Hotel Victor seven, two two nine one, Quebec Kilo", locker)[0]?.label, "file:private/locker.txt");
  const words = [{ label: "file:private/pin.txt", value: "card reference: four four nine one seven seven three zero two two" }];
  assert.equal(findLeaks("ref 4491773022", words)[0]?.label, "file:private/pin.txt");
  assert.deepEqual(findLeaks("Hotel Victor Palace, two nights from the ninth", locker), []);
});

test("a long text is folded up to a bound, in pieces that do not cut a number", () => {
  const filler = "lorem ipsum dolor ".repeat(2000);
  assert.equal(foldSpellings(`${filler}four four seven one`).endsWith("4471"), true);
  const long = "x".repeat(MaxFolded + 10);
  assert.equal(foldSpellings(`${long} four`).endsWith(" four"), true);
  const started = process.cpuUsage();
  foldSpellings("Two meetings, forty-one speakers, MMXXVI. ".repeat(MaxFolded / 42));
  const ms = (process.cpuUsage(started).user + process.cpuUsage(started).system) / 1000;
  assert.ok(ms < 2_000, `${ms} ms`);
});
