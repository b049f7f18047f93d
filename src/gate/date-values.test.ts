import assert from "node:assert/strict";
import { test } from "node:test";
import { dateTimeSpans } from "./date-values.ts";

const read = (text: string) => dateTimeSpans(text).map((s) => `${s.kind}:${s.value}`);

test("one date in every spelling: month names in six languages, ISO, dotted, slashed", () => {
  for (const t of ["14 December", "December 14th, 2026", "Dec. 14", "2026-12-14", "14.12.2026", "14.12.", "14. Dezember", "le 14 décembre", "14 de diciembre de 2026", "14 dicembre", "12/14/2026", "14/12/2026"]) {
    assert.deepEqual(read(`The meeting is on ${t} then`), ["date:14 December"], t);
  }
});

test("one time in every spelling", () => {
  for (const t of ["18:00", "6 pm", "6:00 p.m.", "18h00", "18 Uhr", "18.00 Uhr"]) assert.deepEqual(read(`at ${t} sharp`), ["time:18:00"], t);
  assert.deepEqual(read("2026-12-14T10:00"), ["date:14 December", "time:10:00"]);
});

test("not dates or times: decimals, versions, fractions, a modal verb, impossible values", () => {
  assert.deepEqual(read("costs 14.12 EUR, Python 3.11.12, 1/2 cup, you may 5 times, 31 February, 25:99, 3 days ago"), []);
});

test("a time with a dot before its minutes is read when am or pm says it is one", () => {
  assert.deepEqual(read("Doors 7.45 pm"), ["time:19:45"]);
  assert.deepEqual(read("Price 7.45 EUR"), []);
});

test("a day in number words beside a month, and a Roman month between a day and a year", () => {
  for (const t of ["March the twenty-first", "the twenty-first of March", "el veintiuno de marzo", "ventuno marzo", "21.III.2027", "21-III-2027", "21 III 2027", "21.III.", "le vingt et un mars", "am einundzwanzigsten März", "am 21sten März"]) {
    assert.deepEqual(read(`Pickup ${t}, please`), ["date:21 March"], t);
  }
  for (const t of ["one of March's best days", "Section 5 V", "chapter IV.3"]) assert.deepEqual(read(t), [], t);
});
