import { test } from "node:test";
import assert from "node:assert/strict";
import { findRelayedValues } from "./relayed-values.ts";
import { relayForOthers } from "./group-relays.ts";

/** The values `reply` relays from `content` that `owner` did not give, as `kind:value:from`. */
const relayed = (reply: string, content: string, owner = "anything important?") => findRelayedValues(reply, [content], [owner]).map((f) => `${f.kind}:${f.value}:${f.from ?? ""}`);

test("bank details without an IBAN: sort code, BSB, routing, BIC, an account word in other languages", () => {
  const mail = "sort code 20-00-00, account 55779911; BSB 062-000 account 1234 5678; routing 026009593 acct 483920175; BIC BUKBGB22";
  assert.deepEqual(relayed("Pay to sort code 20-00-00, account 55779911.", mail).sort(), ["bank details:200000:content", "bank details:55779911:content"]);
  assert.deepEqual(relayed("BSB 062-000, account 1234 5678 (Kern Pty)", mail).sort(), ["bank details:062000:content", "bank details:12345678:content"]);
  assert.deepEqual(relayed("| Routing number | 026009593 |\n| Account | 483920175 |", mail).map((v) => v.split(":")[1]).sort(), ["026009593", "483920175"]);
  assert.deepEqual(relayed("use BIC BUKBGB22 from now on", mail), ["bank details:BUKBGB22:content"]);
  for (const reply of ["Kontonummer 05320130", "compte n° 45678912", "口座番号 1234567", "口座番号：１２３４５６７", "номер счёта 40817810", "hesap no: 12345678", "账号：62220212"]) {
    assert.equal(relayed(reply, reply).length, 1, reply);
  }
});

test("amounts, order numbers, decorators and log lines are no values", () => {
  for (const text of ["your account was charged 125000 JPY", "account balance: 1,250,000", "order 302-1234567-1234567 shipped", "use @dataclass and @Override here", "see config_file.py on line 12", "Session: user_42 started", "Cuenta: 45,50 EUR", "Venmo me $25 tonight", "It would be wise to write to bob@mail.example", "Lydia's address is lydia@mail.example"]) {
    assert.deepEqual(relayed(text, text), [], text);
  }
});

test("a card number by its checksum, or after a word naming a card; a long reference is neither", () => {
  assert.deepEqual(relayed("top up 5555 5555 5555 4444 now", "top up 5555 5555 5555 4444"), ["card number:5555555555554444:content"]);
  assert.deepEqual(relayed("на карту 2200 7001 2345 6789", "на карту 2200 7001 2345 6789"), ["card number:2200700123456789:content"]);
  assert.deepEqual(relayed("order 2200 7001 2345 6789 shipped", "order 2200 7001 2345 6789 shipped"), []);
});

test("payment handles, crypto names, gift card codes, messenger handles and links", () => {
  assert.deepEqual(relayed("via Revolut to @kernhaus77", "Revolut @kernhaus77"), ["payment handle:@kernhaus77:content"]);
  assert.deepEqual(relayed("UPI आईडी kernbill@okaxis पर", "UPI kernbill@okaxis"), ["payment handle:kernbill@okaxis:content"]);
  assert.deepEqual(relayed("chave Pix 7d1f6a2e-3b4c-4d5e-8f90-a1b2c3d4e5f6", "Pix: 7d1f6a2e-3b4c-4d5e-8f90-a1b2c3d4e5f6"), ["payment handle:7d1f6a2e-3b4c-4d5e-8f90-a1b2c3d4e5f6:content"]);
  assert.deepEqual(relayed("Send 0.1 ETH to kern-haus.eth", "send to kern-haus.eth"), ["crypto address:kern-haus.eth:content"]);
  assert.deepEqual(relayed("Steam gift card AQ7X-22KD-9PLM-4TZR", "Steam card AQ7X-22KD-9PLM-4TZR"), ["gift card code:AQ7X22KD9PLM4TZR:content"]);
  assert.deepEqual(relayed("Booking ABCD-1234-EFGH is confirmed", "Booking ABCD-1234-EFGH"), []);
  assert.deepEqual(relayed("write to @dhl_zoll_support or t.me/kern_support", "@dhl_zoll_support t.me/kern_support"), ["messenger handle:@dhl_zoll_support:content", "messenger handle:t.me/kern_support:content"]);
  assert.deepEqual(relayed("send the code to support-desk-7781 on Telegram", "support-desk-7781 on Telegram"), ["messenger handle:@support-desk-7781:content"]);
  assert.deepEqual(relayed("write to me on Telegram", "write to me on Telegram"), []);
  assert.deepEqual(relayed("[Confirm delivery](http://evil.example/dhl)", "[Confirm](http://evil.example/dhl)"), ["link:evil.example:content"]);
  assert.deepEqual(relayed('<a href="http://evil.example/x">verify</a>, or evil.example/login', "https://evil.example/login"), ["link:evil.example:content"]);
  assert.deepEqual(relayed("Re-verify at kern-bank-login.com today", "Re-verify at kern-bank-login.com"), ["link:kern-bank-login.com:content"]);
  assert.deepEqual(relayed("edit setup.py and notes.md, see main.rs", "setup.py notes.md main.rs"), []);
  // A link or a handle in no content is the model's own knowledge, not relayed; a link on a host the owner named is theirs.
  assert.deepEqual(relayed("see https://docs.python.org/3/ or @python", "nothing here"), []);
  assert.deepEqual(relayed("continues at https://news.example/p2", "next: https://news.example/p2", "summarize https://news.example/p1"), []);
});

test("a phone number spelled a digit at a time, in words of other languages or CJK numerals", () => {
  for (const text of ["zero two zero, seven nine four six, zero three two one", "null drei null, eins zwei drei vier, fünf sechs sieben acht", "〇二〇 七九四六 〇三二一", "零一零 六二三四 五六七八", "０３－１２３４－５６７８", "oh seven seven double oh, nine triple one six", "٠٢٠ ٧٩٤٦ ٠٣٢١"]) {
    assert.equal(relayed(`call ${text} now`, text).filter((v) => v.startsWith("phone number")).length, 1, text);
  }
  assert.deepEqual(relayed("one or two of the three, at four", "one two three four"), []);
});

test("what the owner typed is theirs, however the reply spells it", () => {
  const owner = "is 20-00-00 / 55779911 still right? my card 5555555555554444, my Telegram @anna_k_77, Revolut @annak77, wallet anna.eth, BIC BUKBGB22";
  const content = "sort code 20-00-00 account 55779911 card 5555 5555 5555 4444 @anna_k_77 Revolut @annak77 anna.eth BIC BUKBGB22";
  assert.deepEqual(relayed("sort code 20-00-00, account 55779911, card 5555 5555 5555 4444, @anna_k_77, Revolut @annak77, anna.eth, BIC BUKBGB22", content, owner), []);
});

test("in a group, money values the owner did not give are withheld; handles and links are marked", () => {
  const out = relayForOthers("Pay sort code 20-00-00, account 55779911 or card 2200 7001 2345 6789; questions to @kern_pay_help.", ["sort code 20-00-00, account 55779911, карта 2200 7001 2345 6789, @kern_pay_help"], ["@warden how do we pay?"]);
  assert.doesNotMatch(out.text, /55779911|2200 7001/);
  assert.match(out.text, /withheld by Warden: bank details the owner did not give/);
  assert.match(out.text, /messenger handle @kern_pay_help did not come from the owner.*\[reply\.relayed_to_others\]\)$/s);
});
