import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { decide } from "./decide.ts";
import { allow } from "../core/decision.ts";
import type { FileFactsIn, FlowState, GateRequest } from "./types.ts";
import { flowOf } from "../../test/support/flow.ts";
import { privateWriteRule } from "./private-write.ts";

const owner = { kind: "owner" as const, id: "telegram:owner-1", channel: "telegram" };
const write = (path: string, content: string, flow: FlowState, over: Partial<FileFactsIn> = {}): GateRequest => ({
  principal: owner, ownerSession: true, grants: "all", flow,
  facts: { tool: "write", path, base: allow("low"), secretPath: false, content, document: true, ...over },
});
const notes = { label: "file:private/notes.txt", value: "salary 83250 EUR; locker code kite4471zebra; dentist Dr Vos on 14 May" };
const page = { sources: ["https://tips.example.org/page"], readData: [notes], confidentiality: "private" as const };
const rule = (r: GateRequest) => privateWriteRule(r.flow, r.facts as FileFactsIn);

describe("private data carried away from where it lives", () => {
  test("after a page, notes written into any folder the owner did not name are asked, naming the data's source and the destination", () => {
    for (const path of ["Outbox/tips.txt", "outbox/tips.txt", "Fax/Outgoing/x.txt", "ftp/pub/a.txt", "Send to Kindle/notes.txt", "./x/../Drop/a.txt", "tips.txt"]) {
      const d = decide(write(path, "Tips. salary 83250 EUR; locker code kite4471zebra", flowOf(page)));
      assert.equal(d.decision, "ask", path);
      const why = d.reasons.find((r) => r.id === "flow.private_data_moved");
      assert.ok(why, path);
      assert.match(why.message, /`private\/notes\.txt`/);
      assert.match(why.message, /tips\.example\.org/);
    }
  });

  test("pieces and re-spellings count; the file's name is content", () => {
    const flow = flowOf(page);
    assert.equal(rule(write("Outbox/a.txt", "the code: arbez1744etik", flow))?.reasons[0]?.id, "flow.private_data_moved");
    assert.equal(rule(write("Outbox/a.txt", "a1: kite4471zebra", flow))?.reasons[0]?.id, "flow.private_data_moved");
    assert.equal(rule(write("Outbox/kite4471zebra.txt", "hello", flow))?.reasons[0]?.id, "flow.private_data_moved");
    // A figure too short for the leak detector's tokens, whole, with other separators.
    assert.equal(rule(write("export/payroll.csv", "name,amount\nanna,83 250\n", flow))?.reasons[0]?.id, "flow.private_data_moved");
    assert.equal(rule(write("export/days.csv", "day,steps\nmon,8325\n2026,14\n", flow)), undefined);
  });

  test("where the data lives (the file itself, its folder) stays usable; so does a write carrying no private data", () => {
    const flow = flowOf(page);
    assert.equal(rule(write("private/notes.txt", "salary 83250 EUR; locker code kite4471zebra; dentist Dr Vos on 14 May\nbuy milk", flow)), undefined);
    assert.equal(rule(write("private/2026/notes-copy.txt", "locker code kite4471zebra", flow)), undefined);
    assert.equal(rule(write("summary.md", "Plan Monday, batch mail, walk at lunch.", flow)), undefined);
    // A file at the workspace's top lives in the top folder, not everywhere below it.
    const top = flowOf({ ...page, readData: [{ label: "file:notes.txt", value: notes.value }] });
    assert.equal(rule(write("todo.txt", "locker code kite4471zebra", top)), undefined);
    assert.equal(rule(write("Outbox/todo.txt", "locker code kite4471zebra", top))?.decision, "ask");
  });

  test("the owner naming the destination lets it go: the path, or the folder", () => {
    for (const text of ["Read the page, then copy my notes to backup/notes-copy.txt", "save a summary of my notes to Outbox/", "put my notes in the Outbox folder"]) {
      const flow = flowOf({ ...page, ownerTexts: [text] });
      const path = text.includes("backup") ? "backup/notes-copy.txt" : "Outbox/summary.txt";
      assert.equal(rule(write(path, "locker code kite4471zebra", flow)), undefined, text);
    }
    // Naming another folder is not naming this one.
    assert.equal(rule(write("Outbox/a.txt", "locker code kite4471zebra", flowOf({ ...page, ownerTexts: ["copy my notes to backup/"] })))?.decision, "ask");
  });

  test("a new document from a file the owner named, in a folder this write creates, goes; an existing folder, the top, another file's data ask", () => {
    const named = flowOf({ ...page, ownerTexts: ["Invoice 2026-102 from private/notes.txt for Café Lotte"] });
    const text = "Invoice. locker code kite4471zebra";
    assert.equal(rule(write("invoices/2026-102.md", text, named, { newFolder: true })), undefined);
    assert.equal(rule(write("invoices/2026-102.md", `${text}\nPay to DE44 5001 0517 5407 3249 31`, named, { newFolder: true }))?.decision, "ask", "an IBAN neither the owner nor the named file gave");
    assert.equal(rule(write("invoices/2026-102.md", text, named))?.decision, "ask", "the folder exists: something may watch it");
    assert.equal(rule(write("invoices/2026-102.md", text, named, { newFolder: true, exists: true }))?.decision, "ask");
    assert.equal(rule(write("invoices/2026-102.md", text, flowOf({ ...page, ownerTexts: ["make an invoice for Café Lotte"] }), { newFolder: true }))?.decision, "ask", "the owner did not name the source");
  });

  test("command output and other private data with no home in the workspace: any unnamed destination moves it", () => {
    const flow = flowOf({ sources: ["https://x.example"], readData: [{ label: "output of `cat private/notes.txt`", value: notes.value }], confidentiality: "private" });
    assert.equal(rule(write("private/x.txt", "locker code kite4471zebra", flow))?.decision, "ask");
  });

  test("a clean context, a known outbound folder or a folder published later is not this rule's", () => {
    assert.equal(rule(write("Outbox/a.txt", "locker code kite4471zebra", flowOf({ readData: [notes] }))), undefined);
    assert.equal(rule(write("shared/a.txt", "locker code kite4471zebra", flowOf(page), { outboundFolder: { folder: "shared", why: "x" } })), undefined);
  });

  test("an edit is judged by what it adds: an existing file's unchanged lines are not moved", () => {
    const flow = flowOf(page);
    const change = { before: "locker code kite4471zebra\n", after: "locker code kite4471zebra\nwalk at lunch\n" };
    assert.equal(rule(write("todo.txt", "walk at lunch", flow, { tool: "edit", exists: true, change })), undefined);
    const adds = { before: "walk at lunch\n", after: "walk at lunch\nlocker code kite4471zebra\n" };
    assert.equal(rule(write("todo.txt", "locker code kite4471zebra", flow, { tool: "edit", exists: true, change: adds }))?.decision, "ask");
  });
});

describe("the same private value in another spelling", () => {
  const respell = { label: "file:private/notes.txt", value: "salary review: 98765 EUR; front door code 4471; passport X81-552-903; dentist Tue 10.30, 2026" };
  const flow = flowOf({ ...page, readData: [respell] });
  const moved = (content: string) => rule(write("notes-digest.md", content, flow))?.reasons[0];

  test("number words of many languages, whole or digit by digit, Roman numerals, other digits, backwards, rounded: asked, and said how", () => {
    for (const text of [
      "Salary is ninety-eight thousand seven hundred sixty-five euros",
      "- door: four-four-seven-one",
      "Door code: MMMMCDLXXI",
      "Gehalt: achtundneunzigtausendsiebenhundertfünfundsechzig Euro",
      "salaire quatre-vingt-dix-huit mille sept cent soixante-cinq",
      "código cuatro, cuatro, siete, uno",
      "stipendio novantottomila settecentosessantacinque",
      "salaris achtennegentigduizend zevenhonderdvijfenzestig",
      "pensja dziewięćdziesiąt osiem tysięcy siedemset sześćdziesiąt pięć",
      "salário noventa e oito mil setecentos e sessenta e cinco",
      "Income: 98 THOUSAND 765",
      "XCVIII DCCLXV",
      "door ４４٧١",
      "ref 56789",
      "about 98.8k a year",
      "door 4471",
      "salary 98,765",
      "ref 9-8-7-6-5",
      "door 44/71",
      "door 4️⃣4️⃣7️⃣1️⃣",
      "door ⁴⁴⁷¹",
    ]) {
      const why = moved(text);
      assert.equal(why?.id, "flow.private_data_moved", text);
    }
    assert.match(moved("Door code: MMMMCDLXXI")?.message ?? "", /re-spelled: 4471 written another way/);
    assert.match(moved("about 98.8k a year")?.message ?? "", /re-spelled: 98765 rounded/);
  });

  test("ordinary numbers in words, a year, a time, a figure near the value or too rounded to tell: not the private value", () => {
    for (const text of [
      "Two meetings on the third of May; forty-one speakers; Part II.",
      "the plan for twenty twenty-six (MMXXVI)",
      "yoga at ten thirty",
      "a budget of ninety-eight thousand euros, seniors 98.0k to 99.5k",
      "about 99k",
      "four four seven two",
      "two and three, four and one",
      "door code 4472-1, on 2026-05-14 at 10:30",
    ]) assert.equal(moved(text), undefined, text);
    // A four-digit amount of a statement full of them is no code; its five-digit ones still are figures.
    const rows = Array.from({ length: 40 }, (_v, i) => `2026-03-${String((i % 28) + 1).padStart(2, "0")};${1000 + i * 37};shop`).join("\n");
    const statement = flowOf({ ...page, readData: [{ label: "file:bank/march.csv", value: `${rows}\n2026-03-31;12345;rent` }] });
    assert.equal(rule(write("summary.md", "The page lists 1037 offers.", statement)), undefined);
    assert.equal(rule(write("summary.md", "twelve thousand three hundred forty-five", statement))?.reasons[0]?.id, "flow.private_data_moved");
  });
});
