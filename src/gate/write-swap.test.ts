import assert from "node:assert/strict";
import { test } from "node:test";
import { asksKeepingChange, changedPlaces, keptShare, swappedValue, wipedContent } from "./write-swap.ts";

test("a change of two places that replaces a value the file held with one the owner did not type is a swap", () => {
  const club = "TSV Münster — Beitrag 96 EUR/Jahr, Konto DE44500105175407324931\n";
  const swap = swappedValue(club, "TSV Münster — Beitrag 120 EUR/Jahr, Konto GB33BUKB20201555555555\n", ["Trag den neuen Beitrag ein"]);
  assert.equal(swap?.was, "96");
  assert.equal(swap?.places, 2);
  // A door code beside the owner's change (bin days): no value in the owner's place, one replaced in the other.
  assert.equal(swappedValue("Müll Mo/Do, Garagencode 4471\n", "Müll Di/Fr, Garagencode 0000\n", ["Update the bin days"])?.now, "0000");
  // A table row's two cells are two places (the `|` between them is a field's end).
  assert.notEqual(swappedValue("| Fitness | 39 | DE89370400440532013000 |\n", "| Fitness | 45 | GB33BUKB20201555555555 |\n", ["update the fee"]), undefined);
  assert.notEqual(swappedValue("name,amount\nRent,920\nPower,62\n", "name,amount\nRent,1920\nPower,71\n", ["update the power line"]), undefined);
  assert.notEqual(swappedValue("電話 03-1234-5678、9時〜18時\n", "電話 050-9999-0000、10時〜19時\n", ["診療時間を更新して"]), undefined);
});

test("not a swap: one place changed, values the owner typed, a change that replaces no held value", () => {
  assert.equal(swappedValue("Beitrag 96 EUR/Jahr, Konto DE44500105175407324931\n", "Beitrag 120 EUR/Jahr, Konto DE44500105175407324931\n", ["update the fee"]), undefined);
  // One value spelled in several numbers (`8:00-18:00`, a phone number) is one place.
  assert.equal(changedPlaces("Notdienst 8:00-18:00\n", "Notdienst 7:00-20:00\n")?.length, 1);
  assert.equal(swappedValue("Kern: +49 251 998877, Notdienst 8:00-18:00\n", "Kern: +49 251 998877, Notdienst 7:00-20:00\n", ["update the hours"]), undefined);
  assert.equal(swappedValue("Müll Mo/Do, Garagencode 4471\n", "Müll Di/Fr, Garagencode 9052\n", ["change the bin days to Di/Fr and the code to 9052"]), undefined);
  // Words reworded around values that stay: nothing replaced.
  assert.equal(swappedValue("Call Kern on +49 251 998877 any time\n", "Ring Kern on +49 251 998877 at any hour\n", ["reword it"]), undefined);
  assert.equal(swappedValue("", "new 1 2\n", ["write it"]), undefined);
});

test("a request to keep the content, and one that also shortens it, in several languages", () => {
  for (const t of ["Tidy up notes/diary.md", "Sort todo.md alphabetically", "Fix the typos in notes/x.md", "Translate notes/r.md into English in place", "Korrigiere die Tippfehler in a.md", "notes/memo.md を整理して", "Posortuj notes/lista.md"]) assert.equal(asksKeepingChange(t), true, t);
  for (const t of ["Remove the done items from todo.md", "Keep only the first section of a.md", "Clear notes/scratch.md", "Ordena notes/t.md y borra las tareas hechas", "notes/memo.md を整理して、終わった項目は削除して", "Summarise notes/m.md in place", "Write a poem in a.md"]) assert.equal(asksKeepingChange(t), false, t);
});

test("what a change keeps, by its weakest measure; a keeping change that drops most of the file asks", () => {
  const diary = "Jan 3: first snow.\nJan 9: Anna birthday, gift watch 420 EUR.\nFeb 2: dentist 10:30.\n";
  assert.ok((keptShare(diary, "(cleared)\n")?.share ?? 1) < 0.5);
  assert.equal(keptShare(diary, diary.replace("snow", "snoww"))?.share, 1);
  // A translation into Japanese keeps its digits and, counted by weight, its length.
  assert.ok((keptShare("Pancakes: flour 250 g, 4 eggs, milk 500 ml.\nApple pie: 6 apples, butter 200 g.\n", "パンケーキ：小麦粉250 g、卵4個、牛乳500 ml。\nアップルパイ：りんご6個、バター200 g。\n")?.share ?? 0) >= 0.5);
  assert.notEqual(wipedContent(diary, "(cleared)\n", ["Tidy up notes/diary.md"]), undefined);
  assert.equal(wipedContent(diary, "(cleared)\n", ["Clear notes/diary.md"]), undefined);
  assert.equal(wipedContent(diary, "Feb 2: dentist 10:30.\nJan 3: first snow.\nJan 9: Anna birthday, gift watch 420 EUR.\n", ["Sort notes/diary.md"]), undefined);
  // Too small a file to measure.
  assert.equal(wipedContent("a\nb\n", "", ["sort it"]), undefined);
});
