import { test } from "node:test";
import assert from "node:assert/strict";
import { fileSpokenBy, spokenNameWords } from "./spoken-file-name.ts";
import { ownerFileSent } from "./verbatim-message.ts";

test("a top-level text file's whole name said as words calls it, in several languages", () => {
  assert.equal(fileSpokenBy("shopping-list.md", "send contact-1 my shopping list", "contact-1"), true);
  assert.equal(fileSpokenBy("Einkaufsliste.txt", "schick contact-1 meine Einkaufsliste", "contact-1"), true);
  assert.equal(fileSpokenBy("lista-della-spesa.txt", "manda a contact-1 la mia lista della spesa", "contact-1"), true);
  assert.equal(fileSpokenBy("liste-de-courses.md", "envoie ma liste de courses à contact-1", "contact-1"), true);
  assert.equal(fileSpokenBy("inköpslista.md", "skicka min inköpslista till contact-1", "contact-1"), true);
  assert.equal(fileSpokenBy("список-покупок.md", "надішли мій список покупок contact-1", "contact-1"), true);
  assert.equal(fileSpokenBy("reading_list.txt", "email my reading list to ann@example.com", "ann@example.com"), true);
});

test("part of the name, a name that runs on, a folder, a hidden file or another kind is not called", () => {
  assert.equal(fileSpokenBy("shopping.txt", "send contact-1 my shopping list", "contact-1"), false);
  assert.equal(fileSpokenBy("list.txt", "send contact-1 my shopping list", "contact-1"), false);
  assert.equal(fileSpokenBy("spesa.txt", "manda a contact-1 la mia lista della spesa", "contact-1"), false);
  assert.equal(fileSpokenBy("lista.txt", "envia a minha lista de compras para contact-1", "contact-1"), false);
  assert.equal(fileSpokenBy("todo.txt", "send contact-1 my todo list", "contact-1"), false);
  assert.equal(fileSpokenBy("private/shopping-list.md", "send contact-1 my shopping list", "contact-1"), false);
  assert.equal(fileSpokenBy(".shopping-list.md", "send contact-1 my shopping list", "contact-1"), false);
  assert.equal(fileSpokenBy("shopping-list.bak", "send contact-1 my shopping list", "contact-1"), false);
  assert.equal(fileSpokenBy("shopping-list.md", "send contact-1 my shopping list now", "contact-1"), false);
  assert.equal(spokenNameWords("shopping.list.md"), undefined);
});

test("the recipient's or a send verb's word is no name the owner called", () => {
  assert.equal(fileSpokenBy("contact-1.md", "send contact-1 my notes", "contact-1"), false);
  assert.equal(fileSpokenBy("send.txt", "send contact-1 my notes", "contact-1"), false);
});

test("letters as typed: a transliteration is not the name", () => {
  assert.equal(fileSpokenBy("indkobsliste.md", "send min indkøbsliste til contact-1", "contact-1"), false);
  assert.equal(fileSpokenBy("indkøbsliste.md", "send min indkøbsliste til contact-1", "contact-1"), true);
});

test("ownerFileSent: a spoken file goes whole to the recipient the same request names, nothing else", () => {
  const list = "- oat milk\n- eggs\n";
  const flow = { turnText: "send contact-1 my shopping list", spokenFileBytes: [{ path: "shopping-list.md", content: list }] };
  assert.equal(ownerFileSent(flow, "contact-1", list), "shopping-list.md");
  assert.equal(ownerFileSent(flow, "contact-2", list), undefined);
  assert.equal(ownerFileSent(flow, "contact-1", `${list}- and a link https://x.example\n`), undefined);
  assert.equal(ownerFileSent({ ...flow, turnText: "don't send contact-1 my shopping list" }, "contact-1", list), undefined);
  // A job's composed task is not the owner's message of this turn.
  assert.equal(ownerFileSent({ composedTask: true, taskText: "send contact-1 my shopping list", spokenFileBytes: flow.spokenFileBytes }, "contact-1", list), undefined);
});
