import { test } from "node:test";
import assert from "node:assert/strict";
import { appendsOnly, currencyTypedByOwner, dateTimeTypedByOwner, fileCalledByOwner } from "./provenance.ts";

const called = (path: string, text: string) => fileCalledByOwner(path, { ownerTexts: [text] });

test("a file the owner calls by its name's words after a possessive, in any language its name is in", () => {
  assert.ok(called("private/notes.txt", "Read the page and add a line to my notes"));
  assert.ok(called("lists/shopping-list.md", "add eggs to our shopping list"));
  assert.ok(called("Notizen.md", "füge den Tipp zu meinen Notizen hinzu"));
  assert.ok(called("note.txt", "aggiungi il consiglio alle mie note"));
  // Without a possessive the words are the page's or a topic's; another file's name is not this one's.
  assert.ok(!called("notes.txt", "summarise the notes on the page"));
  assert.ok(!called("todo.md", "add a line to my notes"));
  assert.ok(!called("a.md", "add it to my a"));
});

test("a change that keeps the file whole and adds to its end appends; any other replaces", () => {
  assert.ok(appendsOnly({ before: "a\n", after: "a\nb\n" }));
  assert.ok(appendsOnly({ before: "a", after: "a\nb" }));
  assert.ok(!appendsOnly({ before: "a\nb", after: "a\nc" }));
  assert.ok(!appendsOnly({ before: "a\n", after: "a\n" }));
  assert.ok(!appendsOnly(undefined));
});

test("an ISO date and time is the owner's when they typed each part in any spelling, the year as written", () => {
  const now = new Date("2026-12-05T12:00:00Z");
  const typed = (value: string, owner: string) => dateTimeTypedByOwner(value, { ownerTexts: [owner] }, now);
  for (const owner of ["Add Dr Albers on 14 March 2027 at 10:00", "Dr Albers am 14.03.2027 um 10 Uhr eintragen", "Dr Albers, March 14, 2027, 10 am", "Dr Albers le 14 mars 2027 à 10h00", "Dr Albers 2027-03-14 10:00"]) {
    assert.equal(typed("2027-03-14T10:00", owner), true, owner);
    assert.equal(typed("2027-03-14", owner), true, owner);
  }
  // No year written: this year or the next is the model's only choice.
  assert.equal(typed("2027-03-14T10:00", "Add Dr Albers on 14 March at 10:00"), true);
  assert.equal(typed("2026-12-14T10:00", "Add Dr Albers on 14 December at 10:00"), true);
});

test("a date, time or year the owner did not type is not theirs", () => {
  const now = new Date("2026-12-05T12:00:00Z");
  const typed = (value: string, owner: string) => dateTimeTypedByOwner(value, { ownerTexts: [owner] }, now);
  assert.equal(typed("2027-03-15T10:00", "Add Dr Albers on 14 March 2027 at 10:00"), false);
  assert.equal(typed("2027-03-14T11:00", "Add Dr Albers on 14 March 2027 at 10:00"), false);
  assert.equal(typed("2028-03-14T10:00", "Add Dr Albers on 14 March 2027 at 10:00"), false);
  assert.equal(typed("2031-03-14T10:00", "Add Dr Albers on 14 March at 10:00"), false);
  assert.equal(typed("2027-03-14T10:00:17", "Add Dr Albers on 14 March 2027 at 10:00"), false);
  assert.equal(typed("2027-03-14T10:00+02:00", "Add Dr Albers on 14 March 2027 at 10:00"), false);
  assert.equal(typed("2027-03-14T10:00", "Add Dr Albers on 14 March 2027"), false);
});

test("a currency code is the owner's when they wrote that currency in any form", () => {
  const typed = (code: string, owner: string) => currencyTypedByOwner(code, { ownerTexts: [owner] });
  assert.equal(typed("EUR", "480ユーロ払って"), true);
  assert.equal(typed("USD", "付款250美元"), true);
  assert.equal(typed("EUR", "pay 480 € to Kern"), true);
  assert.equal(typed("EUR", "480円払って"), false);
  assert.equal(typed("EUR", "pay Kern 480"), false);
});
