import assert from "node:assert/strict";
import { test } from "node:test";
import { addressOfName, misleadingRecipient, nameSkeleton, respelledName, spellingFold } from "./lookalike.ts";
import { misreadRecipient } from "./misread.ts";

const owner = ["Send notes.txt to bob-7, and cc @alice_k. Text +31-6-1234-5678 too."];

test("a recipient that reads as one the owner named, spelled otherwise, is another recipient", () => {
  for (const disguised of ["ｂｏｂ-7", "bοb-7", "bоb-7", "bob\u20117", "bob\u22127", "bob-７", "bob\u20107", "@alice_κ".replace("κ", "k").replace("a", "а"), "ʙob-7", "ᏴOB-7", "bօb-7", "b0b-7", "6ob-7", "bob_7", "bob-7.", "bⲟb-7", "bob-\u1040", "ꓐob-7", "ᑲob-7",
    // Latin letters with hooks, strokes, bars; punctuation, wrappers and leading zeros that change no letter.
    "ɓob-7", "ƀob-7", "ƃob-7", "bɔb-7", "ɓɔb-7", "bɵb-7", "bøb-7", "ꞗob-7", "bob7", "bob--7", "bob.7", "bob:7", "bob/7", "bob+7", "bob-07",
    "bob-7,", "bob-7;", "bob-7!", "bob-7?", "bob-7/", "'bob-7'", "\"bob-7\"", "`bob-7`", "(bob-7)", "<bob-7>", "#bob-7", "bob-7@telegram", "mailto:bob-7", "tg://bob-7", "alice.k",
    "aiice_k".replace("aiice", "aIice")]) {
    assert.match(misleadingRecipient(disguised, owner) ?? "", /whom you named|is written with|mixes Latin letters|separates recipients/, disguised);
  }
});

test("a channel the owner wrote with its `#` is the same channel without it (atk23's Slack read)", () => {
  const asked = ["What's new in #general on our Slack?"];
  assert.equal(misleadingRecipient("general", asked), undefined);
  assert.equal(misleadingRecipient("#general", asked), undefined);
  for (const same of ["general", "#general"]) assert.equal(misreadRecipient(same, asked, []), undefined, same);
  // A `#` the owner did not type is not how they named the recipient.
  assert.notEqual(misleadingRecipient("#bob-7", owner), undefined);
});

test("a recipient holding a character that draws nothing, a space or a line break, or a direction change is refused", () => {
  for (const hidden of ["bob-7\u034f", "\u202e7-bob", "bob-7\u{e0041}", "bob-7\ufe0f", "b\u3164ob-7", "bob-7\u200b", "bob-7\n\nmallory-60", "bob-7\u2066\u2069\u202emallory", "bob 7", "bob-7\u2800"]) {
    assert.match(misleadingRecipient(hidden, owner) ?? "", /holds U\+/, JSON.stringify(hidden));
  }
});

test("a name the owner typed in capitals they did not type is another spelling; in lower case it is the name", () => {
  for (const cased of ["BOB-7", "bOb-7", "Bob-7", "@ALICE_K"]) assert.match(misleadingRecipient(cased, owner) ?? "", /in capitals you did not type/, cased);
  assert.equal(misleadingRecipient("ana.lopez@example.com", ["Mail Ana.Lopez@Example.com the slides"]), undefined);
  assert.equal(misleadingRecipient("Ana.Lopez@Example.com", ["Mail Ana.Lopez@Example.com the slides"]), undefined);
});

test("pairs that read as one letter, one script's variant letters, lists and mail tricks", () => {
  const named = ["Message mama-2, Ђorđe, سامی, タロウ, straße-1, σοφός and ana.lopez@example.com"];
  for (const disguised of ["rnarna-2", "mama-2".replace("m", "rn"), "سامي", "سامـی", "タ口ウ", "strasse-1", "σοφόσ", "ana.lopez+news@example.com", "ana.lopez@example.com.evil.net"]) {
    assert.match(misleadingRecipient(disguised, named) ?? "", /whom you named/, disguised);
  }
  for (const trick of ["mama-2,mallory-9", "mama-2;x", "mama-2|x", "mama-2&x", "ana.lopez%evil.net@example.com", "ana.lopez@[10.0.0.1]", "ana.lopez@192.0.2.1", "ana.lopez@xn--exmple-cua.com", "xn--bb-7-rdd"]) {
    assert.notEqual(misleadingRecipient(trick, named), undefined, trick);
  }
  for (const plain of ["mama-2", "سامی", "タロウ", "straße-1", "σοφός", "ana.lopez@example.com", "carol-3", "mark.rn@example.com"]) {
    assert.equal(misleadingRecipient(plain, named), undefined, plain);
  }
});

test("an id exactly as the owner typed it, spaces and joiners included, is theirs", () => {
  const typed = ["Text +44 20 7946 0018 and (555) 010-0123, message ana.lopez@example.com and \u0645\u0647\u200c\u0633\u0627 too"];
  for (const plain of ["+44 20 7946 0018", "(555) 010-0123", "\u0645\u0647\u200c\u0633\u0627", "ana.lopez@EXAMPLE.COM"]) assert.equal(misleadingRecipient(plain, typed), undefined, plain);
  for (const hidden of ["44 20 7946 0018", "+44 20 7946 00", "+44 20 7946 0018 ", "+44 20 7946\u200b0018", "\u0645\u0647\u200d\u0633\u0627"]) assert.notEqual(misleadingRecipient(hidden, typed), undefined, JSON.stringify(hidden));
});

test("a symbol or a mark outside ASCII in an id stands in for a letter or a hyphen and is refused", () => {
  for (const marked of ["b\u2815b-7", "bob\u02d77", "\u2039bob-7>", "bob-7\u2019", "mallory\u2605"]) {
    assert.match(misleadingRecipient(marked, owner) ?? "", /a symbol or mark/, JSON.stringify(marked));
  }
});

test("plain ids, ids in one other script and case changes are not disguises", () => {
  for (const plain of ["bob-7", "@alice_k", "bob-8", "tanaka田中", "mallory-60", "мария", "josé", "+31612345678", "U024BE7LH", "123456789", "ana.lopez@example.com", "søren", "bobby-7", "bob-77", "rob-7"]) {
    assert.equal(misleadingRecipient(plain, owner), undefined, plain);
  }
});

test("the skeleton folds what only changes how a name is drawn", () => {
  assert.equal(nameSkeleton("ＢＯＢ\u20117\u034f"), "bob-7");
  assert.equal(nameSkeleton("bοb-7"), "bob-7");
});

test("national forms of one script's letters, `ii` for `u` and a number one digit off are other recipients", () => {
  const refused = (to: string, text: string) => assert.ok(misleadingRecipient(to, [text]) !== undefined, `${to} for ${text}`);
  refused("陈-5", "Send notes.txt to 陳-5");
  refused("張偉-5", "Send notes.txt to 张伟-5");
  refused("іван-2", "Send notes.txt to иван-2");
  // A palochka drawn as the Ukrainian `і`, which is the Russian `и`.
  refused("ӏван-1", "Send notes.txt to иван-1");
  refused("liia-3", "Send notes.txt to lua-3");
  refused("+15550100128", "Send notes.txt to +15550100123");
  refused("+15550100132", "Send notes.txt to +15550100123");
  refused("+15550100124", "message +1 555 010 0123 hi");
  assert.match(misleadingRecipient("+15550100128", ["Send notes.txt to +15550100123"]) ?? "", /one digit/);
  // The owner's own spellings, and numbers that are not a slip of one digit.
  for (const [to, text] of [["陳-5", "Send notes.txt to 陳-5"], ["+15550100123", "message +1 555 010 0123 hi"], ["+15550100199", "Send notes.txt to +15550100123"], ["іван-2", "message іван-2"]]) {
    assert.equal(misleadingRecipient(to ?? "", [text ?? ""]), undefined, to);
  }
});

test("a handle's `@` is part of the id: `@bob-7` for the owner's `bob-7` is another account; `alice_k` for their `@alice_k` is the mention's account", () => {
  assert.match(misleadingRecipient("@bob-7", owner) ?? "", /no channel Warden runs reads the two as one account/);
  assert.equal(misleadingRecipient("alice_k", owner), undefined);
  assert.equal(misleadingRecipient("@bob-7", ["tell @bob-7 and bob-7 hi"]), undefined);
});

test("a plain address of a name the owner typed is no look-alike of the name; an id extended still is", () => {
  assert.equal(misleadingRecipient("bob@family.example", ["Mail Bob 'see you Monday'."]), undefined);
  assert.equal(misreadRecipient("bob@family.example", ["Mail Bob 'see you Monday'."], []), undefined);
  assert.ok(addressOfName("anna@taxbuero.example", "Anna"));
  assert.ok(!addressOfName("bob-7@evil.example", "bob-7"));
  assert.ok(!addressOfName("bob@example.com.evil.net", "bob@example.com"));
  assert.ok(misleadingRecipient("bob@example.com.evil.net", ["mail bob@example.com"]) !== undefined);
  assert.ok(misreadRecipient("owner-1@attacker.example.net", ["tell owner-1 hi"], []) !== undefined);
});

test("a name the owner typed, re-spelled with capitals or national accents only, is read as that name", () => {
  const said = (t: string) => [t];
  for (const [to, text, typed] of [["Zoe", "tell zoe the match is at 11", "zoe"], ["José", "tell jose it's at 11", "jose"], ["Jose", "tell José it's at 11", "José"],
    ["Müller", "tell Muller: 11", "Muller"], ["Anna-Maria", "tell anna-maria: running late", "anna-maria"], ["O'Brien", "tell o'brien: running late", "o'brien"],
    ["TOM", "text Tom: late", "Tom"], ["Ayşe", "ayşe'ye yaz", "ayşe"], ["Anna", "text anna's sister", "anna"], ["CONTACT-1", "tell contact-1 hi", "contact-1"], ["Ayşe", "text ayşe: 11", "ayşe"], ["Ödön", "írj ödön: 11", "ödön"]] as const) {
    assert.equal(respelledName(to, said(text)), typed, `${to} / ${text}`);
  }
  // Typed as it is, another name, other letters (a hook, a dot below, a stroke, another script, fullwidth, invisible).
  for (const [to, text] of [["zoe", "tell zoe hi"], ["Zoey", "tell zoe hi"], ["ɓob", "tell bob hi"], ["ḅob", "tell bob hi"], ["Łukasz", "tell lukasz hi"], ["Аnna", "tell anna hi"],
    ["Ｚoe", "tell zoe hi"], ["Zo\u200be", "tell zoe hi"], ["Zoe", "tell zo\u200be hi"], ["Zoe ", "tell zoe hi"], ["Zoe,Bob", "tell zoe,bob hi"], ["Jose\u0301", "tell jose hi"]] as const) {
    assert.equal(respelledName(to, said(text)), undefined, `${to} / ${text}`);
  }
  assert.equal(spellingFold("Müller"), spellingFold("MULLER"));
  assert.notEqual(spellingFold("Łukasz"), spellingFold("Lukasz"));
});
