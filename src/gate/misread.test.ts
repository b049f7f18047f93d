import assert from "node:assert/strict";
import { test } from "node:test";
import { groupAskedFor, misreadRecipient } from "./misread.ts";

const own = ["owner-1"];
const said = (text: string) => [text];

test("a look-alike of the owner's own chat id is refused as one that reads as a message to them", () => {
  const summary = said("Read notes.txt and send me a summary");
  for (const disguised of ["0wner-1", "owner-l", "OWNER-1", "@owner-1", "telegram:owner-1", "owner-1@attacker.example.net", "owner-11", "owner-1rn", "owner-1.", "owner_1"]) {
    assert.match(misreadRecipient(disguised, summary, own) ?? "", /your own chat id/, disguised);
  }
  for (const other of ["contact-1", "bob-7", "alice@example.com", "carol-3"]) assert.equal(misreadRecipient(other, summary, own), undefined, other);
});

test("the owner's own id one character off, and words an approval reads as the owner or their chat, are refused", () => {
  const page = said("Read the page and tell me what it says");
  for (const near of ["owner-2", "ownr-1", "onwer-1", "owner1", "owner.1", "owner:1", "owner+1", "owners-1", "owner-01", "owner__1", "owner-1-backup"]) {
    assert.match(misreadRecipient(near, page, own) ?? "", /your own chat id|message to you/, near);
  }
  for (const role of ["owner", "self", "you", "boss", "admin", "the-owner", "owner-one", "ownerone", "group", "group_1", "group-01", "grp-1", "group-1x", "group-l", "moi", "я", "我", "@me"]) {
    assert.match(misreadRecipient(role, page, own) ?? "", /reads as .* message to you or your own chat/, role);
  }
  // Typed as a word in a sentence, a role word is still no id; typed as an id, it is the owner's.
  assert.notEqual(misreadRecipient("me", page, own), undefined);
  assert.equal(misreadRecipient("admin-2", said("message admin-2 the plan"), own), undefined);
  // The owner asked for a group in their own words ("post in the group", "schreib in die Gruppe"): a group's id written
  // plainly is no misreading (decide.ts asks once, in a clean context); a twin letter or a tail still is.
  for (const text of ["post in the group: dinner's at 7", "schreib in die Gruppe: Essen um 19 Uhr", "écris dans le groupe : on part à 8h", "pon en el grupo: llego tarde", "发到群里：今晚7点吃饭"]) {
    assert.notEqual(groupAskedFor("group-1", [text]), undefined, text);
    assert.equal(misreadRecipient("group-1", [text], own, false, true), undefined, text);
  }
  for (const text of ["don't post in the group", "did anyone post in the group?", "Was soll das?\n\n> Bitte in die Gruppe posten: …", "post it to the owner"]) assert.equal(groupAskedFor("group-1", [text]), undefined, text);
  for (const twin of ["group-l", "group-1x", "owner-2"]) assert.equal(groupAskedFor(twin, ["post in the group: hi"]), undefined, twin);
  // A chat that has written to the agent is that chat (the owner's group), whatever its id's words.
  assert.equal(misreadRecipient("group-1", page, own, true), undefined);
  for (const plain of ["youssef-2", "selma-3", "mesh-1", "rootkit-4", "admin@example.com", "owner-1"]) assert.equal(misreadRecipient(plain, page, own), undefined, plain);
});

test("a numeric id re-encoded the way a JSON or JavaScript client reads numbers is the owner's number in disguise", () => {
  const chat = said("Send notes.txt to 123456789");
  for (const trick of ["0x75BCD15", "0x75bcd15", "0o726746425", "0b111010110111100110100010101", "1.23456789E+8", "123456789.0", "123_456_789", "123'456'789", "00123456789"]) {
    assert.notEqual(misreadRecipient(trick, chat, own), undefined, trick);
  }
  for (const other of ["123456789", "0x75BCD16", "1.23E+8", "987654321"]) assert.equal(misreadRecipient(other, chat, own), undefined, other);
});

test("swapped letters, ids cut down or extended, dial strings, other servers and sigils", () => {
  const cases: Array<[string, string[]]> = [
    ["alice@example.com", ["alcie@example.com", "alice@exmaple.com", "alice1@example.com"]],
    ["bob-7", ["obb-7", "@bob-7bot", "bob-7x"]],
    ["bob.07", ["bob.70", "obb.07"]],
    ["@bob@mastodon.social", ["@bob", "bob", "@bob@mastodon.online", "@obb@mastodon.social"]],
    ["bob.bsky.social", ["bob"]],
    ["@bob:matrix.org", ["#bob:matrix.org", "!bob:matrix.org", "@obb:matrix.org"]],
    ["+1 555 010 0123", ["+15550100123p98765", "+15550100123w98765", "+15550100123x12", "010 0123"]],
    ["U012ABCDEF", ["U012ABCDEE", "W012ABCDEF", "U012ABCDE", "u012abcdef"]],
  ];
  for (const [named, tricks] of cases) for (const trick of tricks) assert.notEqual(misreadRecipient(trick, said(`Send notes.txt to ${named}`), own), undefined, `${trick} for ${named}`);
  // A short id one character off is asked, not refused: the approval shows a few characters the owner has just typed.
  for (const [named, other] of [["bob-7", "bob-8"], ["bob-7", "rob-7"], ["bob", "bobby"], ["bob", "bob-7"], ["alice@example.com", "alicia@example.com"], ["bob-7:lle", "bob-7"], ["BOB-7", "bob-7"]]) {
    assert.equal(misreadRecipient(other ?? "", said(`Send notes.txt to ${named}`), own), undefined, `${other} for ${named}`);
  }
});

test("digits for letters, two letters for one and twin letters read as the name the owner typed", () => {
  const cases: Array<[string, string]> = [["zoe-3", "2oe-3"], ["bob-7", "8ob-7"], ["greg-2", "9reg-2"], ["ellen-5", "cllen-5"], ["tim-6", "tiin-6"], ["owen-2", "oiuen-2"],
    ["sam-4", "sani-4"], ["dora-4", "olora-4"], ["nina-2", "rina-2"], ["vera-3", "uera-3"]];
  for (const [name, disguised] of cases) assert.match(misreadRecipient(disguised, said(`Send notes.txt to ${name}`), []) ?? "", /reads, at a glance, as|whom you named/, disguised);
  // Kana alike once their voicing marks are gone: `ブ` (bu) for `ヴ` (vu), `ツ` for `シ`.
  for (const [name, disguised] of [["ヴィタ-1", "ブィタ-1"], ["シマ-2", "ツマ-2"]]) assert.match(misreadRecipient(disguised ?? "", said(`Send notes.txt to ${name}`), []) ?? "", /reads, at a glance, as/, disguised);
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
