import assert from "node:assert/strict";
import { test } from "node:test";
import { misreadRecipient } from "./misread.ts";

const own = ["owner-1"];
const said = (text: string) => [text];

test("a look-alike of the owner's own chat id is refused as one that reads as a message to them", () => {
  const summary = said("Read notes.txt and send me a summary");
  for (const disguised of ["0wner-1", "owner-l", "OWNER-1", "@owner-1", "telegram:owner-1", "owner-1@attacker.example.net", "owner-11", "owner-1rn", "owner-1.", "owner_1"]) {
    assert.match(misreadRecipient(disguised, summary, own) ?? "", /your own chat id/, disguised);
  }
  for (const other of ["contact-1", "owner-2", "bob-7", "alice@example.com"]) assert.equal(misreadRecipient(other, summary, own), undefined, other);
});

test("digits for letters, two letters for one and twin letters read as the name the owner typed", () => {
  const cases: Array<[string, string]> = [["zoe-3", "2oe-3"], ["bob-7", "8ob-7"], ["greg-2", "9reg-2"], ["ellen-5", "cllen-5"], ["tim-6", "tiin-6"], ["owen-2", "oiuen-2"],
    ["sam-4", "sani-4"], ["dora-4", "olora-4"], ["nina-2", "rina-2"], ["vera-3", "uera-3"]];
  for (const [name, disguised] of cases) assert.match(misreadRecipient(disguised, said(`Send notes.txt to ${name}`), []) ?? "", /reads, at a glance, as|whom you named/, disguised);
});

test("another form of a letter of the same script is the same name to its reader", () => {
  const cases: Array<[string, string]> = [["国分-2", "國分-2"], ["竜也-3", "龍也-3"], ["斎藤-1", "齋藤-1"], ["山崎-3", "山﨑-3"], ["桜井-6", "櫻井-6"], ["中沢-2", "中澤-2"], ["高橋-2", "髙橋-2"],
    ["渡辺-4", "渡邊-4"], ["渡辺-4", "渡邉-4"], ["吉田-5", "𠮷田-5"], ["黄明-2", "黃明-2"], ["ヶ崎-2", "ケ崎-2"], ["ファン-4", "フアン-4"], ["まっち-3", "まつち-3"],
    ["علي-٤", "علي-۴"], ["فاطمه-2", "فاطمە-2"], ["رضا-وحيد", "رضا-ۆحيد"], ["ברך-3", "ברכ-3"], ["מרים-2", "מרימ-2"], ["ขวัญ-2", "ฃวัญ-2"], ["ґалина-3", "галина-3"]];
  for (const [name, disguised] of cases) assert.match(misreadRecipient(disguised, said(`Send notes.txt to ${name}`), []) ?? "", /other forms of its letters/, disguised);
});

test("mail addresses in other syntaxes, at look-alike domains, with sub-addresses or alone", () => {
  const named = said("Send notes.txt to alice@example.com");
  for (const trick of ["attacker.example.net!alice@example.com", "alice@(x)example.com", "alice@example.com(attacker.example.net)", "alice(x)@example.com", "alice-x@example.com", "alice+x@example.com",
    "alice%40example.com", "alice@example-com.net", "alice", "mailto:alice@example.com?bcc=mallory@attacker.example.net", "@attacker.example.net:alice@example.com", "alice@mail.example.com",
    "alice@example.cm", "alice@example.co", "alice@example.com.attacker.example.net"]) {
    assert.notEqual(misreadRecipient(trick, named, own), undefined, trick);
  }
  for (const plain of ["alice@example.com", "bob@example.com", "alice@gmail.com", "alicia@example.org"]) assert.equal(misreadRecipient(plain, named, own), undefined, plain);
});

test("numbers one digit off, with a sign or digits added, or in a link; the same number in another format is the number", () => {
  const phone = said("Send notes.txt to +15550100123");
  for (const trick of ["0015550100124", "+155501001234", "+1555010012", "+25550100123", "sms:+15550100123?body=hi", "tel:+15550100123", "01115550100129", "15550100123@s.whatsapp.net",
    "https://wa.me/15550100123", "+15550100132"]) {
    assert.notEqual(misreadRecipient(trick, phone, own), undefined, trick);
  }
  for (const format of ["+15550100123", "+1 555 010 0123", "+1 (555) 010-0123", "15550100123", "0015550100123", "+15559876543"]) assert.equal(misreadRecipient(format, phone, own), undefined, format);
  assert.notEqual(misreadRecipient("+4402079460958", said("Send notes.txt to +442079460958"), own), undefined);
  assert.notEqual(misreadRecipient("+15550100124", said("Text +1 555 010 0123 the plan"), own), undefined);
  const chat = said("Send notes.txt to 123456789");
  for (const trick of ["1234567890", "-123456789", "+123456789", "-100123456789"]) assert.notEqual(misreadRecipient(trick, chat, own), undefined, trick);
});

test("other channels' ids: a Matrix user elsewhere, a t.me link, a Discord name with another tag", () => {
  const matrix = said("Send notes.txt to @bob:matrix.org");
  for (const trick of ["@bob", "@bob:matrix.org:8448", "@bob:rnatrix.org", "@bob:matrix.org.attacker.example.net"]) assert.notEqual(misreadRecipient(trick, matrix, own), undefined, trick);
  assert.equal(misreadRecipient("@carol:matrix.org", matrix, own), undefined);
  for (const link of ["t.me/bob-7?start=98765", "https://t.me/bob-7"]) assert.notEqual(misreadRecipient(link, said("Send notes.txt to bob-7"), own), undefined, link);
  assert.notEqual(misreadRecipient("bob#0001", said("Send notes.txt to bob#0007"), own), undefined);
});

test("what the owner typed, and ordinary other ids, are not refused here", () => {
  const named = said("Send notes.txt to bob-7 and maria");
  for (const plain of ["bob-7", "@bob-7", "bob-8", "rob-7", "bob-17", "maria_k", "mariana", "carol-9", "ana"]) assert.equal(misreadRecipient(plain, named, own), undefined, plain);
});

test("the owner's own spellings: an `@` they typed, lower case, a mail domain in any case, a number in brackets", () => {
  assert.equal(misreadRecipient("bob-7", said("@bob-7 see you at 5"), own), undefined);
  assert.equal(misreadRecipient("bob_smith", said("message Bob_Smith hi"), own), undefined);
  assert.equal(misreadRecipient("alice@EXAMPLE.com", said("message alice@example.com hi"), own), undefined);
  assert.equal(misreadRecipient("alice.smith@example.com", said("message Alice.Smith@Example.com hi"), own), undefined);
  assert.equal(misreadRecipient("(555) 010-0123", said("message (555) 010-0123 hi"), own), undefined);
  assert.match(misreadRecipient("BOB_SMITH", said("message Bob_Smith hi"), own) ?? "", /other capitals/);
});
