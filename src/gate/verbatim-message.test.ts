import { test } from "node:test";
import assert from "node:assert/strict";
import { decide } from "./decide.ts";
import { ownerFileLineSent, ownerFileMailed, ownerFileSent } from "./verbatim-message.ts";
import type { FlowState, GateRequest } from "./types.ts";
import { flowOf } from "../../test/support/flow.ts";

const weekly = "Weekly: the garden is done.\n";
const notes = "salary review: 98765 EUR";
const files = [{ path: "weekly.md", content: weekly }, { path: "private/notes.txt", content: notes }];
const sent = (turnText: string | undefined, to: string, text: string) => ownerFileSent({ ...(turnText !== undefined ? { turnText } : {}), ownerFileBytes: files }, to, text);

test("the whole text of a file the owner named, to the recipient the owner named in the same request", () => {
  assert.equal(sent("Send contact-1 the contents of weekly.md", "contact-1", "Weekly: the garden is done."), "weekly.md");
  assert.equal(sent("Please forward weekly.md to contact-1.", "contact-1", weekly), "weekly.md");
  assert.equal(sent("Read the news. Then send weekly.md to contact-1 and tell contact-2 hi.", "contact-1", weekly), "weekly.md");
});

test("the file's whole text under a short label of the owner's own words or the file's name, each a run as typed", () => {
  const req = "Send contact-1 my weekly garden update, weekly.md";
  for (const text of [`Weekly garden update: ${weekly}`, `weekly.md:\n${weekly}`, `${weekly}\n(weekly.md)`, `My weekly garden update — ${weekly}`]) assert.equal(sent(req, "contact-1", text), "weekly.md", text);
  // Words the owner never typed, the owner's words reordered or gathered from apart, a label too long, other signs.
  for (const text of [`Here you go: ${weekly}`, `Update garden weekly: ${weekly}`, `My update: ${weekly}`, `98765 ${weekly}`, `Send contact-1 my weekly garden update: ${weekly}`, `weekly.md: ${weekly} https://x.example`, `${weekly} ${weekly}`]) {
    assert.equal(sent(req, "contact-1", text), undefined, text);
  }
});

test("not the owner's file sent as asked: other words, another file, another recipient, another clause, not asked now", () => {
  assert.equal(sent("Send contact-1 the contents of weekly.md", "contact-1", `${weekly} PS: ${notes}`), undefined);
  assert.equal(sent("Send contact-1 the contents of weekly.md", "contact-1", "Weekly: the garden is"), undefined);
  assert.equal(sent("Send contact-1 the contents of weekly.md", "contact-2", weekly), undefined);
  // The send verb governs its own clause: a file checked after it, a recipient of another send, are not this request's.
  assert.equal(sent("Send contact-1 weekly.md after checking private/notes.txt.", "contact-1", notes), undefined);
  assert.equal(sent("Send contact-1 weekly.md, not private/notes.txt.", "contact-1", notes), undefined);
  assert.equal(sent("Send weekly.md to contact-1 and tell contact-2 hi.", "contact-2", weekly), undefined);
  for (const text of ["Don't send contact-1 weekly.md.", "Did I send contact-1 weekly.md?", "Summarise weekly.md."]) assert.equal(sent(text, "contact-1", weekly), undefined, text);
  assert.equal(sent(undefined, "contact-1", weekly), undefined);
});

function message(text: string, flow: Partial<FlowState>): GateRequest {
  return {
    principal: { kind: "owner", id: "owner" } as GateRequest["principal"],
    ownerSession: true,
    grants: "all",
    flow: flowOf(flow),
    facts: { tool: "message", to: "contact-1", channel: "test", text, toRequester: false, toOwner: false, ownerIds: ["owner-1"], knownRecipient: true, channelAvailable: true },
  };
}

test("the gate lets the owner's file go to the owner's recipient in an untrusted turn (flow.owner_file_sent); the model's own text still asks; a secret still refuses", () => {
  const turnText = "Send contact-1 the contents of weekly.md";
  const flow: Partial<FlowState> = { tainted: true, sources: ["tool:read:weekly.md"], turnText, ownerTexts: [turnText], ownerFileBytes: files };
  const ok = decide(message(weekly, flow));
  assert.equal(ok.decision, "allow");
  assert.deepEqual(ok.reasons.map((r) => r.id), ["flow.owner_file_sent"]);
  assert.match(ok.reasons[0]?.message ?? "", /`weekly\.md`.*`contact-1`/u);
  assert.ok(decide(message(`${weekly}\nAlso see https://evil.example`, flow)).reasons.some((r) => r.id === "flow.untrusted_argument"));
  assert.equal(decide(message(weekly, { ...flow, secretRead: true })).decision, "deny");
});

test("a one-word aside names what the words before it did: the file in parentheses, the recipient after a last comma", () => {
  assert.equal(sent("send the garden list (weekly.md) to contact-1", "contact-1", weekly), "weekly.md");
  assert.equal(sent("Send weekly.md to the gardener, contact-1.", "contact-1", weekly), "weekly.md");
  // Still another clause: more than one word in the parentheses or after the comma, another file, another recipient.
  assert.equal(sent("Send weekly.md (not private/notes.txt) to contact-1", "contact-1", notes), undefined);
  assert.equal(sent("send the garden list (weekly.md) to contact-1", "contact-1", notes), undefined);
  assert.equal(sent("send the garden list (weekly.md) to contact-1", "contact-2", weekly), undefined);
  assert.equal(sent("Send weekly.md to contact-1, contact-2 gets nothing.", "contact-2", weekly), undefined);
});

test("the send verbs of other wordings: English `share … with`, Polish `wyślij … do`", () => {
  assert.equal(sent("share weekly.md with contact-1", "contact-1", weekly), "weekly.md");
  assert.equal(sent("wyślij weekly.md do contact-1", "contact-1", weekly), "weekly.md");
  assert.equal(sent("wyślij contact-1 plik weekly.md", "contact-1", weekly), "weekly.md");
  assert.equal(sent("share weekly.md with contact-1", "contact-1", notes), undefined);
  assert.equal(sent("nie wysyłaj niczego; share weekly.md with contact-1", "contact-2", weekly), undefined);
});

test("a send verb that ends its sentence governs the clause before it (Turkish, Korean, Japanese), not an earlier clause", () => {
  assert.equal(sent("weekly.md dosyasını contact-1'e gönder", "contact-1", weekly), "weekly.md");
  assert.equal(sent("contact-1'e weekly.md'yi gönder", "contact-1", weekly), "weekly.md");
  assert.equal(sent("weekly.md를 contact-1한테 보내줘", "contact-1", weekly), "weekly.md");
  assert.equal(sent("weekly.md を contact-1 に送って", "contact-1", weekly), "weekly.md");
  // A file read in a clause of its own, before a joining word, a converb or a break, is not the one sent.
  assert.equal(sent("private/notes.txt'yi okuyup weekly.md'yi contact-1'e gönder", "contact-1", notes), undefined);
  assert.equal(sent("private/notes.txt ve weekly.md'yi oku, sonra weekly.md'yi contact-1'e gönder", "contact-1", notes), undefined);
  assert.equal(sent("private/notes.txt를 읽고 weekly.md를 contact-1한테 보내줘", "contact-1", notes), undefined);
  assert.equal(sent("private/notes.txt を読んで weekly.md を contact-1 に送って", "contact-1", notes), undefined);
  assert.equal(sent("weekly.md dosyasını contact-1'e gönder", "contact-2", weekly), undefined);
  assert.equal(sent("weekly.md dosyasını contact-1'e gönderme", "contact-1", weekly), undefined);
});

test("the owner's file mailed through a service: the body the file's, the subject the one the owner's request gives or the file's name", () => {
  const mailed = (turnText: string, to: readonly string[], texts: readonly string[]) => ownerFileMailed({ turnText, ownerFileBytes: files }, to, texts);
  assert.equal(mailed("email weekly.md to a@x.example with subject Garden", ["a@x.example"], ["Garden", weekly]), "weekly.md");
  assert.equal(mailed("envoie weekly.md par mail à a@x.example, objet : Jardin", ["a@x.example"], ["Jardin", weekly]), "weekly.md");
  assert.equal(mailed("send weekly.md to a@x.example by email", ["a@x.example"], ["weekly.md", weekly]), "weekly.md");
  assert.equal(mailed("email weekly.md to a@x.example with the subject 'Garden: done'", ["a@x.example"], ["Garden: done", weekly]), "weekly.md");
  // Not: a subject the owner did not give, another file, another or a second recipient, a file read in its own clause.
  assert.equal(mailed("email weekly.md to a@x.example with subject Garden", ["a@x.example"], [`Garden ${notes}`, weekly]), undefined);
  assert.equal(mailed("email weekly.md to a@x.example with subject Garden", ["a@x.example"], ["Garden", notes]), undefined);
  assert.equal(mailed("email weekly.md to a@x.example with subject Garden", ["b@x.example"], ["Garden", weekly]), undefined);
  assert.equal(mailed("email weekly.md to a@x.example with subject Garden", ["a@x.example", "b@x.example"], ["Garden", weekly]), undefined);
  assert.equal(mailed("lis private/notes.txt puis envoie weekly.md par mail à a@x.example", ["a@x.example"], [notes]), undefined);
});

test("French \"ma\" (my) does not end what the send governs; Italian \"non\" does", () => {
  const files2 = [{ path: "list.txt", content: "eggs, flour, basil" }, { path: "private/notes.txt", content: notes }];
  const send = (turnText: string, text: string) => ownerFileSent({ turnText, ownerFileBytes: files2 }, "bob-5", text);
  assert.equal(send("Envoie ma liste de courses (list.txt) à bob-5", "Liste de courses : eggs, flour, basil"), "list.txt");
  assert.equal(send("Manda list.txt a bob-5 ma non private/notes.txt", notes), undefined);
});

test("a file the owner only described, sent whole, is the model's pick: it asks once (atk45 wrongdiary, atk48 file)", () => {
  const turnText = "send contact-1 my shopping list";
  const list = "- oat milk\n- eggs\n";
  const flow: Partial<FlowState> = { tainted: true, outside: false, sources: ["the file shopping.md"], turnText, ownerTexts: [turnText] };
  assert.ok(decide(message(list, flow)).reasons.some((r) => r.id === "flow.untrusted_argument"));
});

test("an act's word after a determiner is a noun: \"the text of\" does not end what the send governs", () => {
  assert.equal(sent("send contact-1 the text of weekly.md", "contact-1", weekly), "weekly.md");
  assert.equal(sent("schick contact-1 die Nachricht aus weekly.md", "contact-1", weekly), "weekly.md");
  // A verb is still a verb: "tell" after "and", "scrivi" after "ma" (but).
  assert.equal(sent("send contact-1 hi and tell contact-2 weekly.md", "contact-1", weekly), undefined);
  assert.equal(sent("manda ciao a contact-1 ma scrivi weekly.md a contact-2", "contact-1", weekly), undefined);
});

test("one line of a named file that the request's words select, alone of its lines", () => {
  const budget = { path: "budget.csv", content: "category,monthly\nrent,1200\nTOTAL,1600\n" };
  const line = (turnText: string, to: string, text: string, content = budget.content) => ownerFileLineSent({ turnText, ownerFileBytes: [{ path: budget.path, content }] }, to, text);
  assert.deepEqual(line("send sam-2 the TOTAL line from budget.csv", "sam-2", "TOTAL,1600"), { path: "budget.csv", word: "total" });
  assert.deepEqual(line("schick sam-2 die Zeile rent aus budget.csv", "sam-2", "rent,1200"), { path: "budget.csv", word: "rent" });
  // Not: another line, a line with more, two lines holding the word, another recipient, a file not named, not asked.
  assert.equal(line("send sam-2 the TOTAL line from budget.csv", "sam-2", "rent,1200"), undefined);
  assert.equal(line("send sam-2 the TOTAL line from budget.csv", "sam-2", "TOTAL,1600 https://evil.example"), undefined);
  assert.equal(line("send sam-2 the TOTAL line from budget.csv", "sam-2", "TOTAL,1600", `${budget.content}TOTAL corrected,9999\n`), undefined);
  assert.equal(line("send sam-2 the TOTAL line from budget.csv", "bob-5", "TOTAL,1600"), undefined);
  assert.equal(line("send sam-2 the TOTAL line", "sam-2", "TOTAL,1600"), undefined);
  assert.equal(line("don't send sam-2 the TOTAL line from budget.csv", "sam-2", "TOTAL,1600"), undefined);
});

test("a copy line after a comma is the same send to more recipients the owner typed; anything else after the comma is not", () => {
  for (const req of ["Email weekly.md to alice@example.com, cc bob@example.org", "Email weekly.md to alice@example.com, bcc: bob@example.org.",
    "Envoie weekly.md à alice@example.com, en copie bob@example.org",
    "Email weekly.md to alice@example.com, and cc carol@example.net and bob@example.org"]) {
    assert.equal(sent(req, "bob@example.org", weekly), "weekly.md", req);
    assert.equal(sent(req, "alice@example.com", weekly), "weekly.md", req);
  }
  for (const req of ["Email weekly.md to alice@example.com, cc bob@example.org the notes", "Email weekly.md to alice@example.com, then cc bob@example.org",
    "Email weekly.md to alice@example.com, and tell bob@example.org hi", "Email weekly.md to alice@example.com, cc bob"]) {
    assert.equal(sent(req, "bob@example.org", weekly), undefined, req);
  }
  assert.equal(sent("Email weekly.md to alice@example.com, cc bob@example.org", "bob@example.org", notes), undefined);
});

