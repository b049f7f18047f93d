import { test } from "node:test";
import assert from "node:assert/strict";
import { timeReferences } from "./time-expression.ts";

const words = (text: string): string[] => text.toLowerCase().replace(/(?<!\p{N})[./]|[./](?!\p{N})/gu, " ").split(/[^\p{L}\p{N}'’:./-]+/u).filter((w) => w !== "");
const refs = (text: string) => timeReferences(words(text)).map((r) => `${r.when}:${r.words}`);

test("a later time by category, in nine languages: relative days, parts of the day, weekdays, dates, clock times, offsets, period ends", () => {
  for (const [text, said] of [["pay it tomorrow morning", "tomorrow morning"], ["pay it EOW", "eow"], ["pay it by end of week", "end of week"], ["pay it at the end of the month", "end of the month"],
    ["pay it next Friday", "next friday"], ["pay it on the 20th", "20th"], ["pay it on the 20", "20"], ["pay it on 3 March", "3 march"], ["pay it March 3rd", "march 3rd"], ["pay it at 5pm", "5pm"],
    ["pay it at 17:30", "17:30"], ["pay it on 2027-01-02", "2027-01-02"], ["pay it am 24.12.", "24.12"], ["pay it in two weeks", "in two weeks"], ["pay it in the evening", "evening"],
    ["pay it on the due date", "due date"], ["pay it every month", "every month"], ["zahl es morgen früh", "morgen"], ["zahl es heute Abend", "abend"], ["zahl es am Freitag", "freitag"],
    ["zahl es Ende des Monats", "ende des monats"], ["paie-le ce soir", "soir"], ["paie-le la semaine prochaine", "semaine prochaine"], ["paie-le le 20", "20"], ["paie-le plus tard", "tard"],
    ["paga mañana por la tarde", "mañana"], ["paga el 3 de marzo", "3 de marzo"], ["paga domani sera", "domani sera"], ["paga amanhã de manhã", "amanhã"], ["paga mais tarde", "tarde"],
    ["betaal morgenochtend", "morgenochtend"], ["betaal volgende week", "volgende week"], ["заплати завтра", "завтра"], ["заплати в пятницу", "пятницу"], ["заплати через неделю", "через неделю"],
    ["заплати вечером", "вечером"], ["заплати 3 марта", "3 марта"], ["заплати завтра вранці", "завтра"], ["заплати в кінці місяця", "кінці місяця"]] as const) {
    assert.ok(refs(text).some((r) => r.startsWith("later:") && r.includes(said)), `${text} → ${refs(text).join(", ")}`);
  }
});

test("now and past are not later: now, today, right away, сейчас; yesterday, last Friday, two days ago", () => {
  for (const text of ["pay it now", "pay it today", "pay it right away", "zahl es sofort", "paie-le tout de suite", "заплати сейчас", "заплати сьогодні"]) {
    assert.deepEqual(refs(text).map((r) => r.split(":")[0]), ["now"], text);
  }
  for (const text of ["the notes from yesterday", "the repair last Friday", "two days ago", "вчера"]) {
    assert.ok(refs(text).every((r) => r.startsWith("past:")), `${text} → ${refs(text).join(", ")}`);
  }
  // "heute Abend", "today evening": a part of today that is later than now.
  assert.deepEqual(refs("zahl es heute Abend"), ["later:abend"]);
});

test("numbers that are no time: amounts, a morning that is a noun's, an ambiguous month word, a ratio", () => {
  for (const text of ["pay 480 EUR", "pay 4.80 EUR", "pay the morning shift", "you may pay it", "march to the bank", "a 12/20 split", "pay 20 EUR on the 20 EUR bill"]) {
    assert.deepEqual(refs(text), [], text);
  }
});

test("the end of a period said another way: month-end, year-end, the last day of the month; last week stays past", () => {
  assert.deepEqual(refs("pay it at month-end"), ["later:month-end"]);
  assert.deepEqual(refs("pay it at year-end"), ["later:year-end"]);
  assert.deepEqual(refs("pay it on the last day of the month"), ["later:last day of the month"]);
  assert.deepEqual(refs("paie-le le dernier jour du mois"), ["later:dernier jour du mois"]);
  assert.deepEqual(refs("the invoice from last week"), ["past:last week"]);
});
