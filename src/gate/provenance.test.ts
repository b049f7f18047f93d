import { test } from "node:test";
import assert from "node:assert/strict";
import { appendsOnly, fileCalledByOwner } from "./provenance.ts";

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
